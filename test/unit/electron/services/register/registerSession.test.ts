import { openJournal, type Journal } from '../../../../../electron/services/journal/journal';
import { createLogger } from '../../../../../electron/services/log/logger';
import { createRegisterSession, type RegisterSession } from '../../../../../electron/services/register/registerSession';
import type { CheckoutState } from '../../../../../shared/checkout/checkoutState';
import { parseNexoRequest, type NexoRequest } from '../../../../../shared/register/nexoSchemas';
import { makeTempDir } from '../../../../fixtures/tempDir';

const header = (category: string, serviceId: string) => ({ ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: category, MessageType: 'Request', SaleID: 'REG', ServiceID: serviceId, POIID: 'Counterpay-1' });
const parse = (message: unknown): NexoRequest => {
  const parsed = parseNexoRequest(message);
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.request;
};
const context = () => ({ closed: new AbortController().signal });

/** The session against a real journal, with the checkout and refund call stood in for: what it decides from the journal. */
describe('register session', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let session: RegisterSession;
  let state: CheckoutState;
  const started: number[] = [];

  beforeEach(() => {
    temp = makeTempDir();
    journal = openJournal(temp.dir);
    state = { phase: 'idle' };
    started.length = 0;
    session = createRegisterSession({
      journal,
      checkout: () => ({ state: () => state }),
      startSale: (amount) => {
        started.push(amount);
        state = { phase: 'awaitingScan', sale: { amount, currency: 'USD' } };
        return { ok: true, value: undefined };
      },
      cancelSale: () => {
        state = { phase: 'idle' };
        session.onCheckoutChange(state);
        return { ok: true, value: undefined };
      },
      refund: () => Promise.reject(new Error('not in these tests')),
      config: () => ({ currency: 'USD', merchantName: 'M', storeName: 'S', terminalName: 'T1' }),
      publish: () => undefined,
      log: createLogger(() => undefined, () => []),
      now: () => new Date(),
    });
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  const payment = (serviceId: string, saleTransactionId: string, amount: number) =>
    parse({ SaleToPOIRequest: { MessageHeader: header('Payment', serviceId), PaymentRequest: { SaleData: { SaleTransactionID: { TransactionID: saleTransactionId, TimeStamp: 't' } }, PaymentTransaction: { AmountsReq: { Currency: 'USD', RequestedAmount: amount } } } } });
  const status = (serviceId: string) => parse({ SaleToPOIRequest: { MessageHeader: header('TransactionStatus', `Q${serviceId}`), TransactionStatusRequest: { MessageReference: { SaleID: 'REG', ServiceID: serviceId } } } });

  it('says InProgress while the register sale waits for a code, and links the attempt the checkout journals', async () => {
    const answer = session.handle(payment('1', 'TX1', 12.5), context()) as Promise<Record<string, any>>;
    await Promise.resolve();
    expect(started).toEqual([1250]);
    expect(session.view()).toMatchObject({ saleTransactionId: 'TX1', amount: 1250, sent: false });
    expect(((await session.handle(status('1'), context())) as Record<string, any>).SaleToPOIResponse.TransactionStatusResponse.Response).toMatchObject({ ErrorCondition: 'InProgress' });
    journal.insert({ reference: 'T1REF000000000001', kind: 'sale', method: 'scanqrcode', amount: 1250, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    session.onCheckoutChange({ phase: 'processing', attempt: { reference: 'T1REF000000000001', amount: 1250, currency: 'USD' } });
    expect(journal.registerRequests.byServiceId('REG', '1')?.reference).toBe('T1REF000000000001');
    journal.update('T1REF000000000001', { state: 'sent' });
    journal.update('T1REF000000000001', { state: 'success', transactionId: 'G1', gatewayTime: '2026-01-01T00:00:00Z' });
    session.onCheckoutChange({ phase: 'approved', receipt: { reference: 'T1REF000000000001', amount: 1250, currency: 'USD', transactionId: 'G1', time: 't', training: true } });
    expect((await answer).SaleToPOIResponse.PaymentResponse.Response.Result).toBe('Success');
    expect(session.view()).toBeUndefined();
  });

  it('an abort of a sale not sent ends it as Aborted, and a status request then says so', async () => {
    const answer = session.handle(payment('2', 'TX2', 3), context()) as Promise<Record<string, any>>;
    await Promise.resolve();
    const abort = parse({ SaleToPOIRequest: { MessageHeader: header('Abort', '3'), AbortRequest: { AbortReason: 'MerchantAbort', MessageReference: { SaleID: 'REG', ServiceID: '2' } } } });
    expect(await session.handle(abort, context())).toBeUndefined();
    expect((await answer).SaleToPOIResponse.PaymentResponse.Response).toMatchObject({ Result: 'Failure', ErrorCondition: 'Aborted' });
    const repeated = ((await session.handle(status('2'), context())) as Record<string, any>).SaleToPOIResponse.TransactionStatusResponse;
    expect(repeated.Response.Result).toBe('Success');
    expect(repeated.RepeatedMessageResponse.RepeatedResponseMessageBody.PaymentResponse.Response.ErrorCondition).toBe('Aborted');
  });

  it('finds the refund of a reversal cut off before it was linked (a crash), by its sale and amount', async () => {
    journal.insert({ reference: 'T1SALE00000000001', kind: 'sale', method: 'scanqrcode', amount: 2000, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    journal.update('T1SALE00000000001', { state: 'sent' });
    journal.update('T1SALE00000000001', { state: 'success', transactionId: 'G2' });
    journal.registerRequests.insert({ category: 'Reversal', saleId: 'REG', serviceId: '9', poiId: 'P', saleTransactionId: 'T1SALE00000000001', saleTransactionTime: 't', amount: 550, currency: 'USD', originalReference: 'T1SALE00000000001' });
    journal.insert({ reference: 'T1RFND00000000001', kind: 'refund', method: 'refund', amount: 550, currency: 'USD', environment: 'training', training: true, parentTransactionId: 'G2', parentReference: 'T1SALE00000000001', reason: 'r' });
    journal.update('T1RFND00000000001', { state: 'sent' });
    journal.update('T1RFND00000000001', { state: 'success', transactionId: 'R1' });
    const statusOf = parse({ SaleToPOIRequest: { MessageHeader: header('TransactionStatus', '10'), TransactionStatusRequest: { MessageReference: { SaleID: 'REG', ServiceID: '9' } } } });
    const answer = ((await session.handle(statusOf, context())) as Record<string, any>).SaleToPOIResponse.TransactionStatusResponse;
    expect(answer.Response.Result).toBe('Success');
    expect(answer.RepeatedMessageResponse.RepeatedResponseMessageBody.ReversalResponse).toMatchObject({ Response: { Result: 'Success' }, ReversedAmount: 5.5, POIData: { POITransactionID: { TransactionID: 'T1RFND00000000001' } } });
    expect(journal.registerRequests.byServiceId('REG', '9')?.reference).toBe('T1RFND00000000001');
  });
});
