import { createReportCalls } from '../../../../electron/app/reportCalls';
import type { ManagerPin } from '../../../../electron/services/auth/managerPin';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import type { SettingsStore } from '../../../../electron/services/settings/settingsStore';
import type { DayReportDocument } from '../../../../shared/bridge/backOfficeContract';
import { makeTempDir } from '../../../fixtures/tempDir';

describe('report calls: where the business day starts', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let clock: number;
  const now = () => new Date(clock);
  const calls = () =>
    createReportCalls({
      journal,
      now,
      settings: { get: () => ({ merchantName: 'M', storeName: 'S', terminalName: 'T' }) } as unknown as SettingsStore,
      managerPin: { check: async () => undefined } as unknown as ManagerPin,
    });
  const x = async () => {
    const result = await calls().getDayReport({ kind: 'x' });
    if (!result.ok) throw new Error(result.error.code);
    return (result.value as DayReportDocument).report;
  };
  const sale = (reference: string, amount: number) => {
    journal.insert({ reference, kind: 'sale', method: 'scanqrcode', amount, currency: 'USD', vendor: 'alipay', environment: 'training', training: true });
    journal.update(reference, { state: 'sent' });
    journal.update(reference, { state: 'success', transactionId: `T${reference}` });
  };

  beforeEach(() => {
    temp = makeTempDir();
    clock = Date.parse('2026-12-01T08:00:00Z');
    journal = openJournal(temp.dir, now);
  });
  afterEach(() => {
    journal.close();
    temp.cleanup();
  });

  it('starts the first day at the first journal row, not at 1970', async () => {
    sale('A1', 100);
    clock = Date.parse('2026-12-01T09:30:00Z');
    sale('A2', 250);
    clock = Date.parse('2026-12-01T18:00:00Z');
    const report = await x();
    expect(report.fromAt).toBe('2026-12-01T08:00:00.000Z');
    expect(report.toAt).toBe('2026-12-01T18:00:00.000Z');
    expect(report.totals[0]).toMatchObject({ salesCount: 2, salesAmount: 350 });
  });

  it('with no journal row yet, the day is empty from now', async () => {
    const report = await x();
    expect(report.fromAt).toBe(report.toAt);
    expect(report.totals).toEqual([]);
  });

  it('after a Z, the next day starts where the Z ended and the first Z starts at the first row', async () => {
    sale('A1', 100);
    clock = Date.parse('2026-12-01T20:00:00Z');
    const z = await calls().closeDay({});
    expect(z.ok && (z.value as DayReportDocument).report.fromAt).toBe('2026-12-01T08:00:00.000Z');
    clock = Date.parse('2026-12-02T08:00:00Z');
    sale('B1', 300);
    clock = Date.parse('2026-12-02T09:00:00Z');
    const report = await x();
    expect(report.fromAt).toBe('2026-12-01T20:00:00.000Z');
    expect(report.totals[0]).toMatchObject({ salesCount: 1, salesAmount: 300 });
  });

  it('before the first Z, the last Z is "none yet" (DAY_CLOSE_NOT_FOUND), which the screen says as such', async () => {
    expect(await calls().getDayReport({ kind: 'z' })).toEqual({ ok: false, error: { code: 'DAY_CLOSE_NOT_FOUND' } });
  });
});
