import { failureResponse, minorToWireAmount, paymentResponseBody, responseFieldOf, wireAmountToMinor } from '../../../../shared/register/nexoMessages';
import { parseNexoRequest } from '../../../../shared/register/nexoSchemas';

const header = { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: 'Payment', MessageType: 'Request', SaleID: 'REG', ServiceID: '42', POIID: 'Counterpay-1' };
const payment = (amount: unknown, extra: Record<string, unknown> = {}) => ({
  SaleToPOIRequest: {
    MessageHeader: header,
    PaymentRequest: { SaleData: { SaleTransactionID: { TransactionID: 'T1', TimeStamp: '2026-01-01T00:00:00Z' }, SaleToAcquirerData: 'x' }, PaymentTransaction: { AmountsReq: { Currency: 'USD', RequestedAmount: amount } }, ...extra },
  },
});

describe('nexo amounts: JSON numbers of major units ↔ integer minor units, never float arithmetic', () => {
  it.each([
    [12.34, 'USD', 1234],
    [0.1, 'USD', 10],
    [1e3, 'USD', 100000],
    [1500, 'JPY', 1500],
    [19.99, 'EUR', 1999],
  ] as const)('%s %s is %s', (wire, currency, minor) => {
    expect(wireAmountToMinor(wire, currency)).toBe(minor);
    expect(minorToWireAmount(minor, currency)).toBe(wire);
  });
  it.each([[0], [-1], [12.345], [1.5e-7], [Number.NaN], [Infinity]])('refuses %s USD', (wire) => expect(wireAmountToMinor(wire, 'USD')).toBeUndefined());
  it('refuses a fraction of a yen', () => expect(wireAmountToMinor(10.5, 'JPY')).toBeUndefined());
});

describe('parseNexoRequest', () => {
  it('reads a PaymentRequest and drops fields it has no use for', () => {
    const parsed = parseNexoRequest(payment(12.34));
    expect(parsed).toMatchObject({ ok: true, request: { category: 'Payment', body: { PaymentTransaction: { AmountsReq: { RequestedAmount: 12.34 } } } } });
  });
  it.each([
    ['a string amount', payment('12.34'), 'invalid'],
    ['no header', { SaleToPOIRequest: {} }, 'noHeader'],
    ['not an object', 'hello', 'noHeader'],
    ['another category', { SaleToPOIRequest: { MessageHeader: { ...header, MessageCategory: 'Admin' } } }, 'unsupported'],
    ['a response', { SaleToPOIRequest: { MessageHeader: { ...header, MessageType: 'Response' } } }, 'unsupported'],
    ['an over-long id', { SaleToPOIRequest: { MessageHeader: { ...header, SaleID: 'x'.repeat(65) } } }, 'noHeader'],
  ])('refuses %s', (_name, message, reason) => expect(parseNexoRequest(message)).toMatchObject({ ok: false, reason }));
  it('keeps the header of a body it refuses, to answer in kind', () => {
    const parsed = parseNexoRequest(payment('x'));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(failureResponse(parsed.header!, 'MessageFormat', parsed.detail)).toMatchObject({ SaleToPOIResponse: { MessageHeader: { MessageType: 'Response', ServiceID: '42' }, PaymentResponse: { Response: { Result: 'Failure', ErrorCondition: 'MessageFormat' } } } });
  });
});

describe('responses', () => {
  it('spells a paid payment as the Terminal API does', () => {
    const body = paymentResponseBody({
      saleTransactionId: { TransactionID: 'T1', TimeStamp: 't' },
      status: { Result: 'Success' },
      poiTransaction: { reference: 'T1REF', time: '2026-01-01T00:00:01Z' },
      amount: { authorized: 1234, currency: 'USD' },
      paymentMethod: 'alipay',
      gatewayTransactionId: 'G1',
      receiptLines: ['A', 'B'],
    });
    expect(body).toMatchObject({
      Response: { Result: 'Success', AdditionalResponse: 'paymentMethod=alipay&gatewayTransactionId=G1' },
      POIData: { POITransactionID: { TransactionID: 'T1REF' } },
      PaymentResult: { AmountsResp: { AuthorizedAmount: 12.34, Currency: 'USD' }, PaymentInstrumentData: { PaymentInstrumentType: 'Mobile' } },
      PaymentReceipt: [{ DocumentQualifier: 'CashierReceipt', OutputContent: { OutputFormat: 'Text', OutputText: [{ Text: 'A', EndOfLineFlag: true }, { Text: 'B', EndOfLineFlag: true }] } }, { DocumentQualifier: 'CustomerReceipt' }],
    });
  });
  it('names the response field after the request category', () => {
    expect(responseFieldOf('Reversal')).toBe('ReversalResponse');
    expect(responseFieldOf('<script>')).toBe('Response');
  });
});
