import { readExchangeRateReply, readTransactionListReply } from '../../../../../../electron/services/gateway/nihaopay/reportReplySchemas';

describe('readTransactionListReply', () => {
  /** The document's list response, verbatim, loose time ("01:05:0Z") included. */
  const DOCUMENT_LIST_REPLY = {
    transactions: [
      { id: 'bn2345nb53454kjb', status: 'success', type: 'charge', amount: 1111, currency: 'USD', time: '2015-01-01T01:05:0Z', reference: 'jkh25jh1348fd89sg', note: 'sample note' },
      { id: '16zfmK2eZvKYlo2C6X3', status: 'success', type: 'authorization', amount: 1111, currency: 'USD', time: '2015-01-01T01:01:01Z', reference: '6LJDMbC6Ybqlt7fd', note: 'sample note' },
    ],
  };

  it("reads the document's reply", () => {
    const reading = readTransactionListReply(DOCUMENT_LIST_REPLY, { startingAfter: '2015-01-01T01:01:00Z' });
    expect(reading).toMatchObject({ ok: true, value: [{ id: 'bn2345nb53454kjb', amount: 1111 }, { id: '16zfmK2eZvKYlo2C6X3' }] });
  });

  it('reads an empty list', () => {
    expect(readTransactionListReply({ transactions: [] }, {})).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['more than the limit', {}, { limit: 1 }, /2 transactions where at most 1/],
    ['more than the default of 10', { transactions: Array.from({ length: 11 }, (_, i) => ({ ...DOCUMENT_LIST_REPLY.transactions[1], id: `T${i}` })) }, {}, /at most 10/],
    ['a transaction before starting_after', {}, { startingAfter: '2015-01-01T01:02:00Z' }, /outside the range/],
    ['a transaction after ending_before', {}, { endingBefore: '2015-01-01T01:01:00Z' }, /outside the range/],
    ['one transaction with a string amount', { transactions: [{ ...DOCUMENT_LIST_REPLY.transactions[1], amount: '1111' }] }, {}, /amount/],
    ['no transactions array', { transactions: null }, {}, /transactions/],
  ])('refuses %s', (_name, change, query, problem) => {
    const reading = readTransactionListReply({ ...DOCUMENT_LIST_REPLY, ...change }, query);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});

describe('readExchangeRateReply', () => {
  /** The document's exchange rate response, verbatim: currency in lower case. */
  const DOCUMENT_RATES = {
    rates: [
      { rate_date: '20170308', currency: 'usd', vendor: 'unionpay', rate: '6.948700' },
      { rate_date: '20170308', currency: 'usd', vendor: 'alipay', rate: '6.921791' },
      { rate_date: '20170308', currency: 'usd', vendor: 'wechatpay', rate: '6.921911' },
    ],
  };

  it("reads the document's reply, upper-casing the currency and keeping rates as text", () => {
    expect(readExchangeRateReply(DOCUMENT_RATES, { rateDate: '20170308', currency: 'USD' })).toEqual({
      ok: true,
      value: [
        { rateDate: '20170308', currency: 'USD', vendor: 'unionpay', rate: '6.948700' },
        { rateDate: '20170308', currency: 'USD', vendor: 'alipay', rate: '6.921791' },
        { rateDate: '20170308', currency: 'USD', vendor: 'wechatpay', rate: '6.921911' },
      ],
    });
  });

  it('reads a rate sent as a number by its decimal spelling', () => {
    const reply = { rates: [{ ...DOCUMENT_RATES.rates[0], rate: 6.9487 }] };
    expect(readExchangeRateReply(reply, { rateDate: '20170308', currency: 'USD' })).toMatchObject({ ok: true, value: [{ rate: '6.9487' }] });
  });

  it.each([
    ['a rate for another date', { rateDate: '20170309', currency: 'USD' }, DOCUMENT_RATES, /20170309 was asked/],
    ['a rate for another currency', { rateDate: '20170308', currency: 'JPY' }, DOCUMENT_RATES, /JPY was asked/],
    ['a rate for another vendor', { rateDate: '20170308', currency: 'USD', vendor: 'alipay' }, DOCUMENT_RATES, /alipay was asked/],
    ['a rate that is not a number', { rateDate: '20170308', currency: 'USD' }, { rates: [{ ...DOCUMENT_RATES.rates[0], rate: 'high' }] }, /rate/],
    ['a negative rate', { rateDate: '20170308', currency: 'USD' }, { rates: [{ ...DOCUMENT_RATES.rates[0], rate: -1 }] }, /rate/],
  ] as const)('refuses %s', (_name, query, reply, problem) => {
    const reading = readExchangeRateReply(reply, query);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});
