import {
  isPlausibleTransactionId,
  scanRequestForm,
  scanRequestProblem,
} from '../../../../../../electron/services/gateway/nihaopay/scanRequestForm';
import type { ScanQrCodeRequest } from '../../../../../../shared/gateway/nihaopay/nihaopayTypes';

const REQUEST: ScanQrCodeRequest = {
  amount: 1234,
  currency: 'USD',
  vendor: 'alipay',
  reference: 'CP240305060708009ABCD',
  buyerIdentityCode: '288463639882104202',
  clientIp: '192.168.1.20',
  description: 'Counterpay sale',
  note: 'till 1',
};

describe('scanRequestForm', () => {
  it("uses NihaoPay's field names and values", () => {
    expect(scanRequestForm(REQUEST).toString()).toBe(
      'amount=1234&currency=USD&vendor=alipay&reference=CP240305060708009ABCD&buyer_identity_code=288463639882104202' +
        '&client_ip=192.168.1.20&description=Counterpay+sale&note=till+1',
    );
  });

  it('leaves out empty and absent fields', () => {
    const form = scanRequestForm({ ...REQUEST, description: '', note: undefined, clientIp: '' });
    expect([...form.keys()]).toEqual(['amount', 'currency', 'vendor', 'reference', 'buyer_identity_code']);
  });
});

describe('scanRequestProblem', () => {
  it('accepts a well-formed request, JPY included', () => {
    expect(scanRequestProblem(REQUEST)).toBeUndefined();
    expect(scanRequestProblem({ ...REQUEST, currency: 'JPY', amount: 500 })).toBeUndefined();
  });

  it.each([
    ['a zero amount', { amount: 0 }, /amount/],
    ['a fractional amount', { amount: 12.34 }, /amount/],
    ['a negative amount', { amount: -5 }, /amount/],
    ['an unsafe amount', { amount: 2 ** 53 }, /amount/],
    ['an amount as text', { amount: '1234' }, /amount/],
    ['a currency not taken in store', { currency: 'EUR' }, /currency/],
    ['an unknown vendor', { vendor: 'paypal' }, /vendor/],
    ['a reference with a dash', { reference: 'CP-1' }, /reference/],
    ['a reference of 31 characters', { reference: 'A'.repeat(31) }, /reference/],
    ['an empty reference', { reference: '' }, /reference/],
    ['a payment code that is not text', { buyerIdentityCode: 288463639882104202 }, /buyerIdentityCode/],
    ['a note that is not text', { note: 7 }, /note/],
  ])('refuses %s', (_name, change, problem) => {
    expect(scanRequestProblem({ ...REQUEST, ...change } as unknown as ScanQrCodeRequest)).toMatch(problem);
  });
});

describe('isPlausibleTransactionId', () => {
  it.each([
    ['20170519093105011337', true],
    ['bn2345nb53454kjb', true],
    ['', false],
    ['../merchant/x', false],
    ['a'.repeat(65), false],
  ])('%s → %s', (id, expected) => {
    expect(isPlausibleTransactionId(id)).toBe(expected);
  });
});
