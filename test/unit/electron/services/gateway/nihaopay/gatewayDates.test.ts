import {
  dateRangeProblem,
  formatGatewayDate,
  isGatewayTime,
  parseGatewayDate,
  splitDateRange,
} from '../../../../../../electron/services/gateway/nihaopay/gatewayDates';

describe('parseGatewayDate', () => {
  it('reads real YYYYMMDD dates as UTC midnights', () => {
    expect(parseGatewayDate('20170308')).toBe(Date.UTC(2017, 2, 8));
    expect(parseGatewayDate('20240229')).toBe(Date.UTC(2024, 1, 29));
    expect(formatGatewayDate(Date.UTC(2024, 1, 29))).toBe('20240229');
  });

  it.each(['20230229', '20241301', '20240132', '2024-01-01', '2024011', '', 20240101, null, '19691231'])('refuses %s', (text) => {
    expect(parseGatewayDate(text)).toBeUndefined();
  });
});

describe('isGatewayTime', () => {
  it.each([
    ['2015-01-01T01:01:00Z', true],
    ['2024-02-29T23:59:59Z', true],
    ['2015-01-01T01:01:00.000Z', false],
    ['2015-01-01 01:01:00Z', false],
    ['2015-01-01T01:01:00+08:00', false],
    ['2015-02-30T01:01:00Z', false],
    ['2015-01-01T25:01:00Z', false],
  ])('%s → %s', (text, expected) => {
    expect(isGatewayTime(text)).toBe(expected);
  });
});

describe('dateRangeProblem', () => {
  it('accepts up to the maximum number of days, both ends included', () => {
    expect(dateRangeProblem({ startDate: '20240101', endDate: '20240110' }, 10)).toBeUndefined();
    expect(dateRangeProblem({ startDate: '20240101', endDate: '20240101' }, 10)).toBeUndefined();
    expect(dateRangeProblem({ startDate: '20240101', endDate: '20240111' }, 10)).toMatch(/spans 11 days/);
  });

  it('refuses reversed ranges and bad dates', () => {
    expect(dateRangeProblem({ startDate: '20240105', endDate: '20240101' }, 10)).toMatch(/before/);
    expect(dateRangeProblem({ startDate: '2024-01-01', endDate: '20240101' }, 10)).toMatch(/startDate/);
    expect(dateRangeProblem({ startDate: '20240101', endDate: '20240230' }, 10)).toMatch(/endDate/);
  });
});

describe('splitDateRange', () => {
  it('keeps a range of 10 days or less whole', () => {
    expect(splitDateRange({ startDate: '20170101', endDate: '20170105' })).toEqual([{ startDate: '20170101', endDate: '20170105' }]);
    expect(splitDateRange({ startDate: '20170101', endDate: '20170110' })).toEqual([{ startDate: '20170101', endDate: '20170110' }]);
  });

  it('splits a longer range into consecutive windows covering each day once, across month and leap-day ends', () => {
    expect(splitDateRange({ startDate: '20240220', endDate: '20240321' })).toEqual([
      { startDate: '20240220', endDate: '20240229' },
      { startDate: '20240301', endDate: '20240310' },
      { startDate: '20240311', endDate: '20240320' },
      { startDate: '20240321', endDate: '20240321' },
    ]);
  });

  it('covers a whole year in 37 windows with no gap or overlap', () => {
    const windows = splitDateRange({ startDate: '20230101', endDate: '20231231' });
    expect(windows).toHaveLength(37);
    const day = 86_400_000;
    for (const [index, window] of windows.entries()) {
      const start = parseGatewayDate(window.startDate)!;
      const end = parseGatewayDate(window.endDate)!;
      expect((end - start) / day).toBeLessThanOrEqual(9);
      const next = windows[index + 1];
      if (next) expect(parseGatewayDate(next.startDate)! - end).toBe(day);
    }
    expect(windows.at(-1)?.endDate).toBe('20231231');
  });
});
