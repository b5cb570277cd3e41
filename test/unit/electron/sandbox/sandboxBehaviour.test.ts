import { decideScanOutcome, stepPendingOnLookup, type PendingCourse, type ScanOutcome } from '../../../../electron/sandbox/sandboxBehaviour';

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
