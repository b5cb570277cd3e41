import { FaultSlot, faultMatches, replacesProcessing, sandboxFaultSchema } from '../../../../../electron/sandbox/nihaopay/sandboxFaults';

const SCAN = '/v1.2/transactions/scanqrcode';

describe('FaultSlot', () => {
  it('applies a fault once by default', () => {
    const slot = new FaultSlot();
    slot.set({ action: { kind: 'htmlPage' } });
    expect(slot.take('POST', SCAN)?.action).toEqual({ kind: 'htmlPage' });
    expect(slot.take('POST', SCAN)).toBeNull();
    expect(slot.current).toBeNull();
  });

  it('applies a fault the given number of times', () => {
    const slot = new FaultSlot();
    slot.set({ action: { kind: 'invalidJson' }, times: 2 });
    expect(slot.take('POST', SCAN)).not.toBeNull();
    expect(slot.take('GET', '/v1.2/transactions/1')).not.toBeNull();
    expect(slot.take('POST', SCAN)).toBeNull();
  });

  it('keeps an "always" fault', () => {
    const slot = new FaultSlot();
    slot.set({ latencyMs: 5, times: 'always' });
    for (let i = 0; i < 5; i++) expect(slot.take('GET', '/x')).not.toBeNull();
  });

  it('only uses an application on matching requests', () => {
    const slot = new FaultSlot();
    slot.set({ action: { kind: 'dropAfterCommit' }, method: 'GET', pathPrefix: '/v1.2/transactions/merchant/' });
    expect(slot.take('POST', SCAN)).toBeNull();
    expect(slot.take('GET', '/v1.2/transactions/123')).toBeNull();
    expect(slot.take('GET', '/v1.2/transactions/merchant/REF1')).not.toBeNull();
    expect(slot.take('GET', '/v1.2/transactions/merchant/REF1')).toBeNull();
  });

  it('clears with null and refuses an invalid fault', () => {
    const slot = new FaultSlot();
    slot.set({ action: { kind: 'neverEnds' }, times: 'always' });
    slot.set(null);
    expect(slot.take('POST', SCAN)).toBeNull();
    expect(() => slot.set({ action: { kind: 'error', label: '12345' } } as never)).toThrow();
  });
});

describe('sandboxFaultSchema', () => {
  it.each([
    ['an error by label', { action: { kind: 'error', label: '99' } }],
    ['a rate limit with a status override', { action: { kind: 'error', label: '39', status: 429 } }],
    ['a huge body of a given size', { action: { kind: 'hugeBody', bytes: 2048 } }],
    ['latency alone', { latencyMs: 100 }],
    ['a custom reply', { action: { kind: 'reply', status: 200, body: { id: 1 } } }],
    ['a mutated reply', { action: { kind: 'mutateReply', set: { amount: '1234' } }, times: 3 }],
  ])('accepts %s', (_name, value) => {
    expect(sandboxFaultSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['nothing to do', {}],
    ['an unknown kind', { action: { kind: 'explode' } }],
    ['a label not in the catalogue', { action: { kind: 'error', label: '12' } }],
    ['zero times', { action: { kind: 'htmlPage' }, times: 0 }],
    ['a relative path', { action: { kind: 'htmlPage' }, pathPrefix: 'v1.2' }],
    ['a negative latency', { latencyMs: -1 }],
  ])('refuses %s', (_name, value) => {
    expect(sandboxFaultSchema.safeParse(value).success).toBe(false);
  });
});

describe('faultMatches and replacesProcessing', () => {
  it('matches method case-insensitively and paths by prefix', () => {
    expect(faultMatches({ method: 'POST', pathPrefix: '/v1.2/' }, 'post', SCAN)).toBe(true);
    expect(faultMatches({ pathPrefix: '/v1.3/' }, 'POST', SCAN)).toBe(false);
  });

  it('tells the faults that answer in place of the gateway from those that let it commit', () => {
    expect(replacesProcessing({ kind: 'dropBeforeCommit' })).toBe(true);
    expect(replacesProcessing({ kind: 'error', label: '99' })).toBe(true);
    expect(replacesProcessing({ kind: 'dropAfterCommit' })).toBe(false);
    expect(replacesProcessing({ kind: 'mutateReply', set: {} })).toBe(false);
  });
});
