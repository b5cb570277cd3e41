import { groupAttempts, type GroupableAttempt } from '../../../../shared/reports/attemptGroups';
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
    expect(rows[0]).toBe('report,z_number,from,to,section,vendor,gateway,method,currency,training,sales_count,sales_amount,refunds_count,refunds_amount,net_amount,failed_count,reference,state');
    expect(rows).toContain('X,,2026-11-22T00:00:00.000Z,2026-11-22T20:00:00.000Z,vendor,alipay,,,USD,false,3,40.00,1,5.00,35.00,2,,');
    expect(rows).toContain('X,,2026-11-22T00:00:00.000Z,2026-11-22T20:00:00.000Z,total,all,,,JPY,false,1,5000,0,0,5000,0,,');
    expect(rows.at(-1)).toBe('X,,2026-11-22T00:00:00.000Z,2026-11-22T20:00:00.000Z,needs_attention,alipay,,,USD,,1,70.00,0,,,,R1,needs_attention');
  });

  it('never lets a spreadsheet read a cell as a formula', () => {
    const csv = dayReportCsv({ ...report, needsAttention: [{ reference: '=HYPERLINK("x")', kind: 'sale', amount: 1, currency: 'USD', createdAt: '', state: 'unknown' }] });
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  });

  describe('by gateway and method', () => {
    const a = (gateway: string, method: string, kind: 'sale' | 'refund', amount: number, currency = 'USD', state: GroupableAttempt['state'] = 'success', vendor?: string, training = false): GroupableAttempt => ({
      gateway, method, kind, amount, currency, state, training, ...(vendor ? { vendor } : {}),
    });
    const rows = [
      a('nihaopay', 'scanqrcode', 'sale', 1234, 'USD', 'success', 'alipay'),
      a('nihaopay', 'scanqrcode', 'sale', 100, 'USD', 'success', 'wechatpay'),
      a('nihaopay', 'showqrcode', 'sale', 500, 'USD', 'success', 'alipay'),
      a('nihaopay', 'refund', 'refund', 234, 'USD', 'success', 'alipay'),
      a('onlinepay', 'hostedqr', 'sale', 2000),
      a('onlinepay', 'hostedqr', 'sale', 3000),
      a('onlinepay', 'hostedqr', 'sale', 999, 'USD', 'failure'),
      a('onlinepay', 'hostedqr', 'sale', 4000, 'USD', 'pending'),
      a('onlinepay', 'payout', 'refund', 700),
      a('onlinepay', 'hostedqr', 'sale', 5000, 'JPY'),
      a('onlinepay', 'hostedqr', 'sale', 50, 'USD', 'success', undefined, true),
    ];
    const byGateway = buildDayReport({ kind: 'x', fromAt: 'f', toAt: 't', store, groups: groupAttempts(rows), needsAttention: [] });
    const line = (l: { training: boolean; currency: string; gateway?: string; method?: string; salesCount: number; salesAmount: number; refundsAmount: number; netAmount: number; failedCount: number }) =>
      `${l.training ? 'T' : 'L'} ${l.currency} ${l.gateway}/${l.method} ${l.salesCount}×${l.salesAmount} -${l.refundsAmount} =${l.netAmount} failed ${l.failedCount}`;

    it('totals each gateway and each of its methods per currency, settled money only, training apart', () => {
      expect(byGateway.gateways!.map(line)).toEqual([
        'L JPY onlinepay/all 1×5000 -0 =5000 failed 0',
        'L JPY onlinepay/hostedqr 1×5000 -0 =5000 failed 0',
        'L USD nihaopay/all 3×1834 -234 =1600 failed 0',
        'L USD nihaopay/refund 0×0 -234 =-234 failed 0',
        'L USD nihaopay/scanqrcode 2×1334 -0 =1334 failed 0',
        'L USD nihaopay/showqrcode 1×500 -0 =500 failed 0',
        'L USD onlinepay/all 2×5000 -700 =4300 failed 1',
        'L USD onlinepay/hostedqr 2×5000 -0 =5000 failed 1',
        'L USD onlinepay/payout 0×0 -700 =-700 failed 0',
        'T USD onlinepay/all 1×50 -0 =50 failed 0',
        'T USD onlinepay/hostedqr 1×50 -0 =50 failed 0',
      ]);
      // The gateways' subtotals add up to the currency's total: nothing counted twice or lost.
      for (const total of byGateway.totals) {
        const subtotals = byGateway.gateways!.filter((l) => l.method === 'all' && l.currency === total.currency && l.training === total.training);
        expect(subtotals.reduce((sum, l) => sum + l.netAmount, 0), `${total.currency} ${total.training}`).toBe(total.netAmount);
      }
      // A card sale names no wallet: by wallet it is "onlinepay", as the journal's totals() says.
      expect(byGateway.lines.map((l) => `${l.training ? 'T' : 'L'} ${l.currency} ${l.vendor} ${l.netAmount}`)).toEqual(['L JPY onlinepay 5000', 'L USD alipay 1500', 'L USD onlinepay 4300', 'L USD wechatpay 100', 'T USD onlinepay 50']);
    });

    it('exports the gateway lines to CSV with their gateway and method', () => {
      const csv = dayReportCsv(byGateway).split('\r\n');
      expect(csv).toContain('X,,f,t,gateway,all,onlinepay,hostedqr,USD,false,2,50.00,0,0.00,50.00,1,,');
      expect(csv).toContain('X,,f,t,gateway,all,onlinepay,payout,USD,false,0,0.00,1,7.00,-7.00,0,,');
      expect(csv).toContain('X,,f,t,gateway,all,nihaopay,all,USD,false,3,18.34,1,2.34,16.00,0,,');
    });
  });
});
