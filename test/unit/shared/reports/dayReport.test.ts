import { buildDayReport, dayReportCsv, type TotalsGroup } from '../../../../shared/reports/dayReport';

const store = { merchantName: 'M', storeName: 'S', terminalName: 'T1' };
const g = (kind: 'sale' | 'refund', vendor: string, currency: string, state: TotalsGroup['state'], count: number, amount: number, training = false): TotalsGroup => ({ kind, vendor, currency, state, training, count, amount });

describe('day report', () => {
  const report = buildDayReport({
    kind: 'x',
    fromAt: '2026-11-22T00:00:00.000Z',
    toAt: '2026-11-22T20:00:00.000Z',
    store,
    groups: [
      g('sale', 'alipay', 'USD', 'success', 3, 4000),
      g('sale', 'alipay', 'USD', 'failure', 2, 999),
      g('refund', 'alipay', 'USD', 'success', 1, 500),
      g('sale', 'wechatpay', 'USD', 'success', 1, 1),
      g('sale', 'unionpay', 'JPY', 'success', 1, 5000),
      g('sale', 'alipay', 'USD', 'needs_attention', 1, 7000),
      g('sale', 'alipay', 'USD', 'success', 1, 100, true),
    ],
    needsAttention: [{ reference: 'R1', kind: 'sale', amount: 7000, currency: 'USD', vendor: 'alipay', createdAt: '2026-11-22T10:00:00.000Z', state: 'needs_attention' }],
  });

  it('counts settled money only, by vendor and currency, training apart', () => {
    expect(report.totals).toEqual([
      { vendor: 'all', currency: 'JPY', training: false, salesCount: 1, salesAmount: 5000, refundsCount: 0, refundsAmount: 0, netAmount: 5000, failedCount: 0 },
      { vendor: 'all', currency: 'USD', training: false, salesCount: 4, salesAmount: 4001, refundsCount: 1, refundsAmount: 500, netAmount: 3501, failedCount: 2 },
      { vendor: 'all', currency: 'USD', training: true, salesCount: 1, salesAmount: 100, refundsCount: 0, refundsAmount: 0, netAmount: 100, failedCount: 0 },
    ]);
    expect(report.lines.map((l) => `${l.training ? 'T' : 'L'} ${l.currency} ${l.vendor} ${l.netAmount}`)).toEqual(['L JPY unionpay 5000', 'L USD alipay 3500', 'L USD wechatpay 1', 'T USD alipay 100']);
  });

  it('exports CSV with exact decimal amounts and the items needing attention', () => {
    const rows = dayReportCsv(report).trimEnd().split('\r\n');
    expect(rows[0]).toBe('report,z_number,from,to,section,vendor,currency,training,sales_count,sales_amount,refunds_count,refunds_amount,net_amount,failed_count,reference,state');
    expect(rows).toContain('X,,2026-11-22T00:00:00.000Z,2026-11-22T20:00:00.000Z,vendor,alipay,USD,false,3,40.00,1,5.00,35.00,2,,');
    expect(rows).toContain('X,,2026-11-22T00:00:00.000Z,2026-11-22T20:00:00.000Z,total,all,JPY,false,1,5000,0,0,5000,0,,');
    expect(rows.at(-1)).toBe('X,,2026-11-22T00:00:00.000Z,2026-11-22T20:00:00.000Z,needs_attention,alipay,USD,,1,70.00,0,,,,R1,needs_attention');
  });

  it('never lets a spreadsheet read a cell as a formula', () => {
    const csv = dayReportCsv({ ...report, needsAttention: [{ reference: '=HYPERLINK("x")', kind: 'sale', amount: 1, currency: 'USD', createdAt: '', state: 'unknown' }] });
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
