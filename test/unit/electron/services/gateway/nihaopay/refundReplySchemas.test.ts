import { readRefundQueryReply, readRefundReply } from '../../../../../../electron/services/gateway/nihaopay/refundReplySchemas';

describe('readRefundReply', () => {
  const DOCUMENT_REFUND_REPLY = { id: 'bn2345nb53454kjb', status: 'success', refunded: true, transaction_id: 'jkh25jh1348fd89sg' };

  it("reads the document's refund object", () => {
    expect(readRefundReply(DOCUMENT_REFUND_REPLY, 'jkh25jh1348fd89sg')).toEqual({
      ok: true,
      value: { id: 'bn2345nb53454kjb', status: 'success', transactionId: 'jkh25jh1348fd89sg', refunded: true },
    });
  });

  it('returns a failed refund as a value for the caller to judge', () => {
    expect(readRefundReply({ ...DOCUMENT_REFUND_REPLY, status: 'failure', refunded: false }, 'jkh25jh1348fd89sg')).toMatchObject({ ok: true, value: { status: 'failure' } });
  });

  it.each([
    ['a refund of another transaction', { transaction_id: 'OTHER' }, /another transaction/],
    ['a status outside success and failure', { status: 'pending' }, /status/],
    ['no refund id', { id: undefined }, /id/],
  ])('refuses %s', (_name, change, problem) => {
    const reading = readRefundReply({ ...DOCUMENT_REFUND_REPLY, ...change }, 'jkh25jh1348fd89sg');
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});

describe('readRefundQueryReply', () => {
  /** The document's refund query response, verbatim. */
  const DOCUMENT_QUERY_REPLY = {
    note: null,
    amount: 2,
    type: 'charge',
    refunded_amount: 2,
    refunds: [
      { refund_time: '2021-11-29T05:42:33Z', refund_id: '20211129054233008405', refunded_amount: 1, status: 'success' },
      { refund_time: '2021-11-29T05:41:55Z', refund_id: '20211129054155008404', refunded_amount: 1, status: 'success' },
    ],
    reference: '20211129134105329326',
    vendor: 'unionpay',
    vendor_id: '512111291341178330258',
    currency: 'USD',
    id: '20211129054117043676',
    time: '2021-11-29T05:41:17Z',
    status: 'success',
  };

  it("reads the document's reply", () => {
    expect(readRefundQueryReply(DOCUMENT_QUERY_REPLY, '20211129054117043676')).toEqual({
      ok: true,
      value: {
        transaction: {
          id: '20211129054117043676',
          status: 'success',
          amount: 2,
          currency: 'USD',
          reference: '20211129134105329326',
          time: '2021-11-29T05:41:17Z',
          vendor: 'unionpay',
          vendorTransactionId: '512111291341178330258',
          note: null,
        },
        refundedAmount: 2,
        refunds: [
          { id: '20211129054233008405', status: 'success', amount: 1, time: '2021-11-29T05:42:33Z' },
          { id: '20211129054155008404', status: 'success', amount: 1, time: '2021-11-29T05:41:55Z' },
        ],
      },
    });
  });

  it('reads a transaction never refunded, with or without the refund fields', () => {
    const { refunds: _r, refunded_amount: _a, ...bare } = DOCUMENT_QUERY_REPLY;
    expect(readRefundQueryReply(bare, DOCUMENT_QUERY_REPLY.id)).toMatchObject({ ok: true, value: { refundedAmount: 0, refunds: [] } });
    expect(readRefundQueryReply({ ...bare, refunds: null, refunded_amount: 0 }, DOCUMENT_QUERY_REPLY.id)).toMatchObject({ ok: true, value: { refundedAmount: 0 } });
  });

  it.each([
    ['another transaction', { id: '1' }, /another transaction/],
    ['more refunded than charged', { refunded_amount: 3 }, /exceeds the transaction amount/],
    ['a refund amount as a string', { refunds: [{ refund_id: 'r', refunded_amount: '1', status: 'success' }] }, /refunded_amount/],
    ['a refund of zero', { refunds: [{ refund_id: 'r', refunded_amount: 0, status: 'success' }] }, /refunded_amount/],
    ['a refund with an unknown status', { refunds: [{ refund_id: 'r', refunded_amount: 1, status: 'done' }] }, /status/],
  ])('refuses %s', (_name, change, problem) => {
    const reading = readRefundQueryReply({ ...DOCUMENT_QUERY_REPLY, ...change }, DOCUMENT_QUERY_REPLY.id);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});
