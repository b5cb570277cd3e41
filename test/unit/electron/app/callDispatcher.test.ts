import { createCallDispatcher, type CallHandlers } from '../../../../electron/app/callDispatcher';
import { createLogger } from '../../../../electron/services/log/logger';

describe('call dispatcher', () => {
  const lines: string[] = [];
  const log = createLogger((l) => lines.push(l), () => []);
  const seen: unknown[] = [];
  const handlers = new Proxy({} as CallHandlers, {
    get: (_t, name) => (args: unknown) => {
      if (name === 'newSale') throw new Error('boom');
      seen.push([name, args]);
      return { ok: true, value: 'done' };
    },
  });
  const dispatch = createCallDispatcher(handlers, log);

  it('passes validated arguments through', async () => {
    await expect(dispatch('startSale', { amount: 1234 })).resolves.toEqual({ ok: true, value: 'done' });
    expect(seen.at(-1)).toEqual(['startSale', { amount: 1234 }]);
  });
  it.each([
    ['startSale', { amount: 12.34 }],
    ['startSale', { amount: -1 }],
    ['startSale', { amount: '1234' }],
    ['startSale', { amount: 1, extra: true }],
    ['startSale', null],
    ['submitScan', { code: 'x'.repeat(10_000), source: 'wedge' }],
    ['submitScan', { code: '123', source: 'hid' }],
    ['setLanguage', { language: 'fr' }],
    ['getSnapshot', [1, 2]],
  ])('refuses %s %j with INVALID_CALL, never calling the handler', async (name, args) => {
    const before = seen.length;
    await expect(dispatch(name, args)).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_CALL' } });
    expect(seen.length).toBe(before);
  });
  it.each(['constructor', '__proto__', 'toString', 42, undefined])('refuses unknown call %j', async (name) => {
    await expect(dispatch(name, {})).resolves.toEqual({ ok: false, error: { code: 'UNKNOWN_CALL' } });
  });
  it('turns a handler exception into INTERNAL and logs it', async () => {
    await expect(dispatch('newSale', {})).resolves.toEqual({ ok: false, error: { code: 'INTERNAL' } });
    expect(lines.at(-1)).toContain('boom');
  });
});
