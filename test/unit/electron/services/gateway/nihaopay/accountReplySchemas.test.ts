import { readAccountsReply, readWithdrawalHistoryReply } from '../../../../../../electron/services/gateway/nihaopay/accountReplySchemas';

describe('readAccountsReply', () => {
  it("reads the document's reply into minor units", () => {
    const reply = { accounts: [{ balance: '100.00', currency: 'USD', pending_amount: '12.40', freeze_amount: '0.00' }] };
    expect(readAccountsReply(reply)).toEqual({ ok: true, value: [{ currency: 'USD', balance: 10000, pendingAmount: 1240, freezeAmount: 0 }] });
  });

  it('reads yen, with or without decimals, and a negative balance', () => {
    const reply = { accounts: [{ balance: '-500', currency: 'JPY', pending_amount: '1200.00', freeze_amount: '0' }] };
    expect(readAccountsReply(reply)).toEqual({ ok: true, value: [{ currency: 'JPY', balance: -500, pendingAmount: 1200, freezeAmount: 0 }] });
  });

  it.each([
    ['a balance as a number', { balance: 100 }, /balance/],
    ['a balance with a thousands separator', { balance: '1,000.00' }, /balance/],
    ['fractions of a cent', { balance: '1.005' }, /more decimals than USD has/],
    ['an unknown currency', { currency: 'XYZ' }, /currency/],
    ['no freeze amount', { freeze_amount: undefined }, /freeze_amount/],
  ])('refuses %s', (_name, change, problem) => {
    const reading = readAccountsReply({ accounts: [{ balance: '100.00', currency: 'USD', pending_amount: '12.40', freeze_amount: '0.00', ...change }] });
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});

describe('readWithdrawalHistoryReply', () => {
  const DOCUMENT_WITHDRAWAL = { id: 'bn2345nb53454kjb', status: 'completed', amount: '100.00', currency: 'USD', fee: '0.30', fee_currency: 'USD', date: '20170101' };
  const RANGE = { startDate: '20170101', endDate: '20170105' };

  it("reads the document's reply into minor units", () => {
    expect(readWithdrawalHistoryReply({ withdrawal: [DOCUMENT_WITHDRAWAL] }, RANGE)).toEqual({
      ok: true,
      value: [{ id: 'bn2345nb53454kjb', status: 'completed', amount: 10000, currency: 'USD', fee: 30, feeCurrency: 'USD', date: '20170101' }],
    });
  });

  it('reads an empty history, as an empty array or left out', () => {
    expect(readWithdrawalHistoryReply({ withdrawal: [] }, RANGE)).toEqual({ ok: true, value: [] });
    expect(readWithdrawalHistoryReply({}, RANGE)).toEqual({ ok: true, value: [] });
  });

  it('passes a status the document does not list through', () => {
    expect(readWithdrawalHistoryReply({ withdrawal: [{ ...DOCUMENT_WITHDRAWAL, status: 'rejected' }] }, RANGE)).toMatchObject({ ok: true, value: [{ status: 'rejected' }] });
  });

  it.each([
    ['an amount as a bare number (cents or dollars?)', { amount: 100 }, /amount/],
    ['a date outside the range', { date: '20170106' }, /outside 20170101–20170105/],
    ['a fee with fractions of a cent', { fee: '0.305' }, /more decimals/],
  ])('refuses %s', (_name, change, problem) => {
    const reading = readWithdrawalHistoryReply({ withdrawal: [{ ...DOCUMENT_WITHDRAWAL, ...change }] }, RANGE);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.problem).toMatch(problem);
  });
});
