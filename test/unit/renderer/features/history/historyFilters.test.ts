import { EMPTY_FILTERS, historyQueryOf } from '../../../../../renderer/features/history/historyFilters';

describe('history filters', () => {
  it('refuses a From day after the To day as a typed error at the From filter, not an empty query', () => {
    expect(historyQueryOf({ ...EMPTY_FILTERS, from: '2026-12-03', to: '2026-12-01' }, 'USD')).toEqual({ ok: false, error: 'dateOrder', field: 'from' });
  });

  it('takes one day (From = To) and an open end as a query', () => {
    const one = historyQueryOf({ ...EMPTY_FILTERS, from: '2026-12-03', to: '2026-12-03' }, 'USD');
    expect(one.ok).toBe(true);
    if (one.ok) expect(Date.parse(one.query.to!) - Date.parse(one.query.from!)).toBe(24 * 3600_000);
    expect(historyQueryOf({ ...EMPTY_FILTERS, from: '2026-12-03' }, 'USD')).toMatchObject({ ok: true });
  });

  it('names the amount filter that does not parse', () => {
    expect(historyQueryOf({ ...EMPTY_FILTERS, maxAmount: '1.234' }, 'USD')).toEqual({ ok: false, error: 'amount', field: 'maxAmount' });
  });

  it('keeps only letters and digits of the search, so nothing typed reaches SQL as a pattern', () => {
    expect(historyQueryOf({ ...EMPTY_FILTERS, search: " 2026-11%_'x " }, 'USD')).toEqual({ ok: true, query: { search: '202611x' } });
  });
});
