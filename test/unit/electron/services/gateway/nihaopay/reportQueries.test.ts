import {
  dateRangeQueryString,
  exchangeRateQueryProblem,
  exchangeRateQueryString,
  listTransactionsQueryProblem,
  listTransactionsQueryString,
} from '../../../../../../electron/services/gateway/nihaopay/reportQueries';
import type { ExchangeRateQuery } from '../../../../../../shared/gateway/nihaopay/nihaopayApi';

describe('list query', () => {
  it("writes the document's parameters", () => {
    expect(listTransactionsQueryString({})).toBe('');
    expect(listTransactionsQueryString({ limit: 5, startingAfter: '2015-01-01T01:01:00Z', endingBefore: '2015-01-02T01:01:00Z' })).toBe(
      '?limit=5&starting_after=2015-01-01T01%3A01%3A00Z&ending_before=2015-01-02T01%3A01%3A00Z',
    );
  });

  it.each([
    [{ limit: 0 }, /limit/],
    [{ limit: 100.5 }, /limit/],
    [{ startingAfter: '2015-01-01' }, /startingAfter/],
    [{ endingBefore: 'yesterday' }, /endingBefore/],
    [{ startingAfter: '2015-01-02T00:00:00Z', endingBefore: '2015-01-01T00:00:00Z' }, /before endingBefore/],
  ])('refuses %j', (query, problem) => {
    expect(listTransactionsQueryProblem(query)).toMatch(problem);
  });

  it('accepts the limits 1 and 100', () => {
    expect(listTransactionsQueryProblem({ limit: 1 })).toBeUndefined();
    expect(listTransactionsQueryProblem({ limit: 100 })).toBeUndefined();
  });
});

describe('exchange rate query', () => {
  it("writes the document's example", () => {
    expect(exchangeRateQueryString({ rateDate: '20170308', currency: 'USD' })).toBe('?rate_date=20170308&currency=USD');
    expect(exchangeRateQueryString({ rateDate: '20170308', currency: 'JPY', vendor: 'alipay' })).toBe('?rate_date=20170308&currency=JPY&vendor=alipay');
  });

  it.each([
    [{ rateDate: '2017-03-08', currency: 'USD' }, /rateDate/],
    [{ rateDate: '20170230', currency: 'USD' }, /rateDate/],
    [{ rateDate: '20170308', currency: 'AUD' }, /currency/],
    [{ rateDate: '20170308', currency: 'USD', vendor: 'paypal' }, /vendor/],
  ])('refuses %j', (query, problem) => {
    expect(exchangeRateQueryProblem(query as ExchangeRateQuery)).toMatch(problem);
  });
});

describe('date range query', () => {
  it('writes start_date and end_date', () => {
    expect(dateRangeQueryString({ startDate: '20170101', endDate: '20170105' })).toBe('?start_date=20170101&end_date=20170105');
  });
});
