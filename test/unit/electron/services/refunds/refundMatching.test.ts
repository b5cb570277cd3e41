import { matchRefund, REFUND_CLOCK_SKEW_MS } from '../../../../../electron/services/refunds/refundMatching';

const at = (iso: string, ms = 0) => new Date(Date.parse(iso) + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const journaled = '2026-11-22T10:00:00.000Z';

describe('finding our refund in the refund query', () => {
  it('takes the oldest unclaimed refund of the same amount made after it was journaled', () => {
    const records = [
      { id: 'R3', status: 'success' as const, amount: 500, time: at(journaled, 3000) },
      { id: 'R2', status: 'success' as const, amount: 500, time: at(journaled, 1000) },
      { id: 'R1', status: 'success' as const, amount: 500, time: at(journaled, -REFUND_CLOCK_SKEW_MS - 60_000) }, // long before: another refund
      { id: 'R4', status: 'success' as const, amount: 700, time: at(journaled, 500) },
    ];
    expect(matchRefund({ amount: 500, createdAt: journaled }, records, new Set())).toEqual({ kind: 'found', record: records[1] });
    expect(matchRefund({ amount: 500, createdAt: journaled }, records, new Set(['R2']))).toEqual({ kind: 'found', record: records[0] });
    expect(matchRefund({ amount: 500, createdAt: journaled }, records, new Set(['R2', 'R3']))).toEqual({ kind: 'absent' });
  });

  it('allows the gateway’s clock to run a little behind, and takes records without a time', () => {
    const behind = { id: 'R1', status: 'success' as const, amount: 500, time: at(journaled, -60_000) };
    expect(matchRefund({ amount: 500, createdAt: journaled }, [behind], new Set())).toEqual({ kind: 'found', record: behind });
    const timeless = { id: 'R2', status: 'failure' as const, amount: 500 };
    expect(matchRefund({ amount: 500, createdAt: journaled }, [timeless], new Set())).toEqual({ kind: 'found', record: timeless });
  });

  it('finds nothing in an empty list or among other amounts', () => {
    expect(matchRefund({ amount: 500, createdAt: journaled }, [], new Set())).toEqual({ kind: 'absent' });
    expect(matchRefund({ amount: 500, createdAt: journaled }, [{ id: 'R', status: 'success', amount: 501 }], new Set())).toEqual({ kind: 'absent' });
  });
});
