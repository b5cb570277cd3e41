import { readIpnNotification } from '../../../../../electron/services/ipn/ipnNotification';

const DOCUMENT_IPN = {
  id: '20170519103602011338',
  amount: '2',
  currency: 'USD',
  rmb_amount: '12',
  reference: '20170519103456437807',
  sys_reserve: '{"vendor_id":"4200000117201806013734875340"}',
  status: 'success',
  time: '2017-05-19T10:36:32Z',
  note: 'null',
  verify_sign: '46072c81e3c6140d6bc92655196b247f',
};

describe('readIpnNotification', () => {
  it("reads the document's example into a transaction", () => {
    expect(readIpnNotification(DOCUMENT_IPN)).toEqual({
      ok: true,
      transaction: {
        id: '20170519103602011338',
        status: 'success',
        amount: 2,
        currency: 'USD',
        reference: '20170519103456437807',
        time: '2017-05-19T10:36:32Z',
        note: null,
        rmbAmount: 12,
        vendorTransactionId: '4200000117201806013734875340',
      },
      ours: true,
    });
  });

  it.each([
    ['"null"', 'null'],
    ['empty', ''],
    ['null', null],
    ['absent', undefined],
  ])('reads a note that is %s as null', (_name, note) => {
    const reading = readIpnNotification({ ...DOCUMENT_IPN, note });
    expect(reading.ok && reading.transaction.note).toBeNull();
  });

  it('keeps a note that is set, and reads JSON numbers', () => {
    const reading = readIpnNotification({ ...DOCUMENT_IPN, note: 'till 2', amount: 2, rmb_amount: 12 });
    expect(reading).toMatchObject({ ok: true, transaction: { note: 'till 2', amount: 2, rmbAmount: 12 } });
  });

  it.each([
    ['an amount with decimals', { amount: '2.00' }],
    ['a negative amount', { amount: '-2' }],
    ['an unknown status', { status: 'paid' }],
    ['a lower-case currency', { currency: 'usd' }],
    ['a reference with a space', { reference: 'REF 1' }],
    ['a reference over 64 characters', { reference: 'R'.repeat(65) }],
    ['no id', { id: undefined }],
  ])('refuses %s', (_name, change) => {
    expect(readIpnNotification({ ...DOCUMENT_IPN, ...change }).ok).toBe(false);
  });

  it('reads a reference with dashes (the text’s own `20170427-137-0011`, plugins’ orders) as not this terminal’s', () => {
    const reading = readIpnNotification({ ...DOCUMENT_IPN, reference: '20170427-137-0011' });
    expect(reading).toMatchObject({ ok: true, ours: false, transaction: { reference: '20170427-137-0011', amount: 2 } });
  });

  it('drops an unreadable sys_reserve instead of refusing the payment', () => {
    const reading = readIpnNotification({ ...DOCUMENT_IPN, sys_reserve: 'garbage' });
    expect(reading.ok).toBe(true);
    expect(reading.ok && reading.transaction.vendorTransactionId).toBeUndefined();
  });
});
