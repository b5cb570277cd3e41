import {
  errorReplySchema,
  readTransactionReply,
  vendorIdFromSysReserve,
} from '../../../../../../electron/services/gateway/nihaopay/replySchemas';

describe('vendorIdFromSysReserve', () => {
  it.each([
    ["the document's single-quoted example", "{'vendor_id':'2018031421001004970502155891'}", '2018031421001004970502155891'],
    ['JSON text', '{"vendor_id":"4200000117201806013734875340"}', '4200000117201806013734875340'],
    ['JSON text with spaces and other keys', '{ "buyer": "x", "vendor_id" : "4200000117201806013734875340" }', '4200000117201806013734875340'],
    ['single quotes with spaces', "{ 'vendor_id' : '2018031421001004970502155891' }", '2018031421001004970502155891'],
    ['a bare 28-digit number, kept exact', '{"vendor_id":4200000117201806013734875340}', '4200000117201806013734875340'],
    ['an object', { vendor_id: '2018031421001004970502155891' }, '2018031421001004970502155891'],
  ])('reads %s', (_name, value, expected) => {
    expect(vendorIdFromSysReserve(value)).toBe(expected);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['an empty JSON object', '{}'],
    ['garbage', 'not at all'],
    ['a number', 42],
    ['an empty vendor_id', "{'vendor_id':''}"],
    ['a vendor_id with a space inside', '{"vendor_id":"12 34"}'],
    ['an object with a numeric vendor_id', { vendor_id: 12 }],
  ])('gives nothing for %s', (_name, value) => {
    expect(vendorIdFromSysReserve(value)).toBeUndefined();
  });
});

/** The document's scanqrcode response, verbatim. */
const DOCUMENT_SCAN_REPLY = {
  amount: 12,
  id: '20170519093105011337',
  time: '2017-05-19T09:31:05Z',
  status: 'success',
  sys_reserve: "{'vendor_id':'2018031421001004970502155891'}",
  note: '123456789',
  reference: 'alipay201705030004',
  currency: 'USD',
};

describe('readTransactionReply', () => {
  it("reads the document's scanqrcode reply", () => {
    expect(readTransactionReply(DOCUMENT_SCAN_REPLY)).toEqual({
      ok: true,
      transaction: {
        id: '20170519093105011337',
        status: 'success',
        amount: 12,
        currency: 'USD',
        reference: 'alipay201705030004',
        time: '2017-05-19T09:31:05Z',
        vendorTransactionId: '2018031421001004970502155891',
        note: '123456789',
      },
    });
  });

  it('reads a lookup reply with vendor and vendor_id, preferring vendor_id over sys_reserve', () => {
    const reading = readTransactionReply({
      id: 'bn2345nb53454kjb',
      status: 'pending',
      type: 'charge',
      amount: 1111,
      currency: 'USD',
      time: '2015-01-01T01:01:01Z',
      reference: 'jkh25jh1348fd89sg',
      note: null,
      vendor: 'wechatpay',
      vendor_id: '4200000117201806013734875340',
      sys_reserve: "{'vendor_id':'other'}",
      rmb_amount: 7000,
    });
    expect(reading).toEqual({
      ok: true,
      transaction: {
        id: 'bn2345nb53454kjb',
        status: 'pending',
        amount: 1111,
        currency: 'USD',
        reference: 'jkh25jh1348fd89sg',
        time: '2015-01-01T01:01:01Z',
        vendor: 'wechatpay',
        vendorTransactionId: '4200000117201806013734875340',
        note: null,
        rmbAmount: 7000,
      },
    });
  });

  it('accepts amount 0 and every documented status', () => {
    for (const status of ['success', 'failure', 'pending', 'closed']) {
      expect(readTransactionReply({ ...DOCUMENT_SCAN_REPLY, amount: 0, status }).ok).toBe(true);
    }
  });

  it.each([
    ['amount as a string', { amount: '12' }],
    ['a negative amount', { amount: -1 }],
    ['a fractional amount', { amount: 12.5 }],
    ['an amount past the safe integers', { amount: 2 ** 53 }],
    ['an unknown status', { status: 'paid' }],
    ['a numeric id (20 digits cannot survive as a number)', { id: 20170519093105011337 }],
    ['an empty id', { id: '' }],
    ['a lower-case currency', { currency: 'usd' }],
    ['a missing reference', { reference: undefined }],
    ['a null time', { time: null }],
  ])('refuses %s', (_name, change) => {
    const reading = readTransactionReply({ ...DOCUMENT_SCAN_REPLY, ...change });
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(/^not a transaction object \(/);
  });

  it('refuses things that are not objects', () => {
    for (const value of [null, 'text', 42, [DOCUMENT_SCAN_REPLY]]) expect(readTransactionReply(value).ok).toBe(false);
  });

  it('drops decorations of the wrong type instead of refusing a paid transaction', () => {
    const reading = readTransactionReply({ ...DOCUMENT_SCAN_REPLY, note: 5, vendor: ['x'], vendor_id: 123, rmb_amount: 'lots', sys_reserve: 7 });
    expect(reading).toEqual({
      ok: true,
      transaction: {
        id: '20170519093105011337',
        status: 'success',
        amount: 12,
        currency: 'USD',
        reference: 'alipay201705030004',
        time: '2017-05-19T09:31:05Z',
      },
    });
  });
});

describe('errorReplySchema', () => {
  it("reads the document's error example", () => {
    const parsed = errorReplySchema.parse({ code: 409, label: '64', message: 'Refund or capture currency does not match the original transaction currency.' });
    expect(parsed).toEqual({ code: 409, label: '64', message: 'Refund or capture currency does not match the original transaction currency.' });
  });

  it('tolerates a string code and a missing message but not a missing label', () => {
    expect(errorReplySchema.parse({ code: '402', label: '11' })).toEqual({ code: 402, label: '11' });
    expect(errorReplySchema.safeParse({ code: 402, message: 'x' }).success).toBe(false);
  });
});
