import {
  decideScanOutcome,
  decideShownQrCreation,
  scheduleShownQr,
  shownQrStatusAt,
  stepPendingOnLookup,
  type PendingCourse,
  type ScanOutcome,
  type ShownQrCreation,
} from '../../../../../electron/sandbox/nihaopay/sandboxBehaviour';

describe('decideScanOutcome', () => {
  it.each<[number, ScanOutcome]>([
    [1234, { kind: 'approve' }], // 12.34: an everyday price succeeds
    [100, { kind: 'approve' }],
    [1, { kind: 'approve' }],
    [5000, { kind: 'approve' }], // ¥5000
    [1050, { kind: 'approve' }],
    [1054, { kind: 'approve' }],
    [1063, { kind: 'approve' }],
    [1097, { kind: 'approve' }],
    [1051, { kind: 'decline', label: '11' }],
    [51, { kind: 'decline', label: '11' }],
    [99951, { kind: 'decline', label: '11' }],
    [1052, { kind: 'decline', label: '71' }],
    [1053, { kind: 'decline', label: '72' }],
    [1061, { kind: 'pending', settlesTo: 'success' }],
    [1062, { kind: 'pending', settlesTo: 'failure' }],
    [1096, { kind: 'timeoutButPaid' }],
    [1098, { kind: 'vendorErrorNothingRecorded' }],
  ])('%i → %o', (amount, outcome) => {
    expect(decideScanOutcome(amount)).toEqual(outcome);
  });
});

describe('stepPendingOnLookup', () => {
  it('answers pending for the given number of lookups, then the outcome', () => {
    let course: PendingCourse = { lookupsLeft: 2, settlesTo: 'success' };
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const step = stepPendingOnLookup(course);
      seen.push(step.status);
      if (step.status === 'pending') course = step.course;
    }
    expect(seen).toEqual(['pending', 'pending', 'success']);
  });

  it('shows the outcome on the first lookup when none are left', () => {
    expect(stepPendingOnLookup({ lookupsLeft: 0, settlesTo: 'failure' })).toEqual({ status: 'failure' });
  });

  it('does not change the course it was given', () => {
    const course: PendingCourse = { lookupsLeft: 1, settlesTo: 'success' };
    stepPendingOnLookup(course);
    expect(course.lookupsLeft).toBe(1);
  });
});

describe('decideShownQrCreation', () => {
  it.each<[number, ShownQrCreation]>([
    [1281, { kind: 'create', course: { kind: 'paidAfter' } }],
    [1282, { kind: 'create', course: { kind: 'failsAfter' } }],
    [1283, { kind: 'create', course: { kind: 'expiresEarly' } }],
    [1234, { kind: 'create', course: { kind: 'waits' } }],
    // Scan outcomes do not apply to a code nobody has scanned yet.
    [1051, { kind: 'create', course: { kind: 'waits' } }],
    [1061, { kind: 'create', course: { kind: 'waits' } }],
    [1096, { kind: 'timeoutButCreated', course: { kind: 'waits' } }],
    [1098, { kind: 'vendorErrorNothingCreated' }],
  ])('decides %i', (amount, expected) => {
    expect(decideShownQrCreation(amount)).toEqual(expected);
  });
});

describe('scheduleShownQr and shownQrStatusAt', () => {
  const timing = { paidAfterMs: 5_000, expiresAfterMs: 10_000 };
  const at = Date.UTC(2024, 2, 5, 6, 7, 8);

  it('pays a code after paidAfterMs, and not before', () => {
    const schedule = scheduleShownQr({ kind: 'paidAfter' }, at, 120, timing);
    expect(schedule).toEqual({ expiresAt: at + 120 * 60_000, settlesAt: at + 5_000, settlesTo: 'success' });
    expect(shownQrStatusAt(schedule, at + 4_999)).toBe('pending');
    expect(shownQrStatusAt(schedule, at + 5_000)).toBe('success');
  });

  it('fails a code after paidAfterMs', () => {
    expect(shownQrStatusAt(scheduleShownQr({ kind: 'failsAfter' }, at, 120, timing), at + 5_000)).toBe('failure');
  });

  it('expires a code early, or at its own timeout if that comes first', () => {
    expect(shownQrStatusAt(scheduleShownQr({ kind: 'expiresEarly' }, at, 120, timing), at + 10_000)).toBe('closed');
    expect(scheduleShownQr({ kind: 'expiresEarly' }, at, 1, { ...timing, expiresAfterMs: 3_600_000 }).expiresAt).toBe(at + 60_000);
  });

  it('keeps a waiting code pending until its timeout, then closes it', () => {
    const schedule = scheduleShownQr({ kind: 'waits' }, at, 2, timing);
    expect(shownQrStatusAt(schedule, at + 119_999)).toBe('pending');
    expect(shownQrStatusAt(schedule, at + 120_000)).toBe('closed');
  });

  it('never pays a code that expired before its payment was due', () => {
    const schedule = scheduleShownQr({ kind: 'paidAfter' }, at, 1, { ...timing, paidAfterMs: 120_000 });
    expect(shownQrStatusAt(schedule, at + 120_000)).toBe('closed');
  });
});
