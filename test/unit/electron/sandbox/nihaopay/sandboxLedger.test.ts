import { gatewayTime, makeTransactionId, SandboxLedger, type SandboxTransaction } from '../../../../../electron/sandbox/nihaopay/sandboxLedger';

const AT = new Date('2017-05-19T09:31:05.123Z');

function transaction(overrides: Partial<SandboxTransaction> = {}): SandboxTransaction {
  return {
    id: makeTransactionId(AT, 1),
    reference: 'REF1',
    amount: 1061,
    currency: 'USD',
    vendor: 'alipay',
    status: 'pending',
    time: gatewayTime(AT),
    note: null,
    description: null,
    buyerIdentityCode: '288463639882104202',
    clientIp: '10.0.0.2',
    vendorTransactionId: null,
    pending: { lookupsLeft: 1, settlesTo: 'success' },
    ...overrides,
  };
}

describe('ids and times', () => {
  it("look like the document's", () => {
    expect(makeTransactionId(AT, 11337)).toBe('20170519093105011337');
    expect(makeTransactionId(AT, 1_000_001)).toBe('20170519093105000001');
    expect(gatewayTime(AT)).toBe('2017-05-19T09:31:05Z');
  });
});

describe('SandboxLedger', () => {
  it('hands out copies, so readers cannot change the books', () => {
    const ledger = new SandboxLedger();
    ledger.add(transaction());
    const copy = ledger.byReference('REF1')!;
    copy.status = 'success';
    copy.pending!.lookupsLeft = 0;
    expect(ledger.byReference('REF1')).toMatchObject({ status: 'pending', pending: { lookupsLeft: 1 } });
  });

  it('moves a pending transaction along on lookups only, and gives it a wallet id when it succeeds', () => {
    const ledger = new SandboxLedger();
    ledger.add(transaction());
    expect(ledger.byId('20170519093105000001')?.status).toBe('pending');
    expect(ledger.lookUp({ reference: 'REF1' })?.status).toBe('pending');
    const settled = ledger.lookUp({ id: '20170519093105000001' });
    expect(settled?.status).toBe('success');
    expect(settled?.pending).toBeUndefined();
    expect(settled?.vendorTransactionId).toBe('9920170519093105000001000000');
  });

  it('keeps its id counter across reset, so ids never repeat', () => {
    const ledger = new SandboxLedger();
    const first = ledger.nextId(AT);
    ledger.reset();
    expect(ledger.nextId(AT)).not.toBe(first);
    expect(ledger.lookUp({ reference: 'REF1' })).toBeUndefined();
  });
});
