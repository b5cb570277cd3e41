import { createWebSocketApi } from '../../../../renderer/bridge/webSocketApi';

/** A stand-in for the browser's WebSocket: the test opens, answers and closes it. */
class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | undefined;
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
  }
  send(frame: string) {
    this.sent.push(frame);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
}

describe('the browser-mode bridge when the terminal cannot be reached', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeSocket);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('waits for the first connection, then fails calls at once while disconnected (never sent later)', async () => {
    const states: boolean[] = [];
    const api = createWebSocketApi('ws://127.0.0.1:1/ws', (connected) => states.push(connected));
    const first = FakeSocket.last!;
    // Before the page ever reached the terminal: the call waits and goes once it opens.
    const early = api.cancelSale({});
    first.open();
    expect(first.sent).toHaveLength(1);
    const { id } = JSON.parse(first.sent[0]!) as { id: number };
    first.onmessage?.({ data: JSON.stringify({ type: 'result', id, result: { ok: true, value: 'snapshot' } }) });
    await expect(early).resolves.toEqual({ ok: true, value: 'snapshot' });

    // A call in flight when the connection drops: it may have reached main, and the cashier is told the terminal is disconnected.
    const inFlight = api.refund({ transactionId: 'T1', amount: 100, currency: 'USD', reason: 'x' });
    first.close();
    await expect(inFlight).resolves.toEqual({ ok: false, error: { code: 'TERMINAL_DISCONNECTED' } });
    // While it is down, a new call fails at once and is not queued for later.
    await expect(api.startSale({ amount: 500 })).resolves.toEqual({ ok: false, error: { code: 'TERMINAL_DISCONNECTED' } });
    vi.advanceTimersByTime(300);
    const second = FakeSocket.last!;
    expect(second).not.toBe(first);
    second.open();
    expect(second.sent).toEqual([]);
    expect(states).toEqual([true, false, true]);
  });
});
