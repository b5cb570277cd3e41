import type { CustomerDisplayView } from '../../../../shared/display/customerDisplayView';
import { LAN_DISPLAY_TOKEN_KEY, LAN_DISPLAY_UNPAIRED } from '../../../../shared/display/lanDisplayWire';
import { createLanDisplayClient, isLanDisplayPage, lanDisplayApiUrl, type LanDisplayState, type LanSocket } from '../../../../renderer/display/lanDisplayBridge';

const VIEW = (storeName: string): CustomerDisplayView => ({ storeName, training: false, languages: ['en', 'zh-CN'], screen: { kind: 'idle' } });
const TOKEN = 'A'.repeat(43);

/** A browser WebSocket stand-in: the test opens it, answers and closes it. */
class FakeSocket {
  onopen: LanSocket['onopen'] = null;
  onmessage: LanSocket['onmessage'] = null;
  onclose: LanSocket['onclose'] = null;
  onerror: LanSocket['onerror'] = null;
  sent: unknown[] = [];
  closedByClient = false;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closedByClient = true;
  }
  open() {
    this.onopen?.call(this as never, {} as Event);
  }
  reply(message: unknown) {
    this.onmessage?.call(this as never, { data: JSON.stringify(message) } as MessageEvent);
  }
  drop(code = 1006) {
    this.onclose?.call(this as never, { code } as CloseEvent);
  }
}

function setup(stored?: string) {
  const storage = new Map<string, string>(stored ? [[LAN_DISPLAY_TOKEN_KEY, stored]] : []);
  const sockets: FakeSocket[] = [];
  const states: LanDisplayState[] = [];
  const timers: Array<{ callback: () => void; ms: number }> = [];
  const client = createLanDisplayClient({
    url: 'ws://192.168.1.20:8422/display-api',
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) },
    openSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket as unknown as LanSocket;
    },
    onState: (state) => states.push(state),
    setTimer: (callback, ms) => timers.push({ callback, ms }),
    clearTimer: () => undefined,
  });
  return { client, storage, sockets, states, timers, last: () => states.at(-1), socket: () => sockets.at(-1)! };
}

describe('LAN display client', () => {
  it('tells the LAN page from the others and finds its socket', () => {
    const doc = (content: string | null) => ({ querySelector: () => (content === null ? null : { getAttribute: () => content }) }) as unknown as Document;
    expect(isLanDisplayPage(doc('lan-display'))).toBe(true);
    expect(isLanDisplayPage(doc('other'))).toBe(false);
    expect(isLanDisplayPage(doc(null))).toBe(false);
    expect(lanDisplayApiUrl({ protocol: 'http:', host: '192.168.1.20:8422' })).toBe('ws://192.168.1.20:8422/display-api');
  });

  it('asks for a code without a token, pairs, keeps the token and follows the views', () => {
    const t = setup();
    t.client.start();
    expect(t.last()).toEqual({ phase: 'pairing', busy: false });
    expect(t.sockets).toHaveLength(0);
    t.client.submitCode('123456');
    expect(t.last()).toEqual({ phase: 'pairing', busy: true });
    t.socket().open();
    expect(t.socket().sent).toEqual([{ pair: { code: '123456' } }]);
    t.socket().reply({ type: 'paired', token: TOKEN, view: VIEW('A') });
    expect(t.storage.get(LAN_DISPLAY_TOKEN_KEY)).toBe(TOKEN);
    expect(t.last()).toEqual({ phase: 'paired', view: VIEW('A'), connected: true });
    t.socket().reply({ type: 'display', view: VIEW('B') });
    expect(t.last()).toEqual({ phase: 'paired', view: VIEW('B'), connected: true });
  });

  it('says why a code was refused, or that the till cannot be reached', () => {
    const t = setup();
    t.client.start();
    t.client.submitCode('000000');
    t.socket().open();
    t.socket().reply({ type: 'refused', reason: 'wrong' });
    expect(t.last()).toEqual({ phase: 'pairing', busy: false, problem: 'wrong' });
    t.client.submitCode('000001');
    t.socket().open();
    t.socket().reply({ type: 'refused', reason: 'rateLimited' });
    expect(t.last()).toEqual({ phase: 'pairing', busy: false, problem: 'rateLimited' });
    t.client.submitCode('000002');
    t.socket().drop();
    expect(t.last()).toEqual({ phase: 'pairing', busy: false, problem: 'offline' });
    expect(t.storage.has(LAN_DISPLAY_TOKEN_KEY)).toBe(false);
  });

  it('resumes with its token, keeps the last view through a drop, and comes back', () => {
    const t = setup(TOKEN);
    t.client.start();
    expect(t.last()).toEqual({ phase: 'resuming' });
    t.socket().open();
    expect(t.socket().sent).toEqual([{ pair: { token: TOKEN } }]);
    t.socket().reply({ type: 'paired', token: TOKEN, view: VIEW('A') });
    t.socket().drop(1001);
    expect(t.last()).toEqual({ phase: 'paired', view: VIEW('A'), connected: false });
    expect(t.timers).toHaveLength(1);
    t.timers[0]!.callback();
    expect(t.sockets).toHaveLength(2);
    t.socket().open();
    expect(t.socket().sent).toEqual([{ pair: { token: TOKEN } }]);
    t.socket().reply({ type: 'paired', token: TOKEN, view: VIEW('C') });
    expect(t.last()).toEqual({ phase: 'paired', view: VIEW('C'), connected: true });
  });

  it('keeps trying while the till is down, more slowly each time', () => {
    const t = setup(TOKEN);
    t.client.start();
    for (let i = 0; i < 7; i += 1) {
      t.socket().drop();
      t.timers.at(-1)!.callback();
    }
    expect(t.timers.map((timer) => timer.ms)).toEqual([1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(t.last()).toEqual({ phase: 'resuming' });
    expect(t.storage.get(LAN_DISPLAY_TOKEN_KEY)).toBe(TOKEN);
  });

  it('forgets a token the host no longer knows, or that was unpaired, and asks for a code', () => {
    const refused = setup(TOKEN);
    refused.client.start();
    refused.socket().open();
    refused.socket().reply({ type: 'refused', reason: 'wrong' });
    expect(refused.last()).toEqual({ phase: 'pairing', busy: false, problem: 'unpaired' });
    expect(refused.storage.has(LAN_DISPLAY_TOKEN_KEY)).toBe(false);

    const unpaired = setup(TOKEN);
    unpaired.client.start();
    unpaired.socket().open();
    unpaired.socket().reply({ type: 'paired', token: TOKEN, view: VIEW('A') });
    unpaired.socket().drop(LAN_DISPLAY_UNPAIRED);
    expect(unpaired.last()).toEqual({ phase: 'pairing', busy: false, problem: 'unpaired' });
    expect(unpaired.storage.has(LAN_DISPLAY_TOKEN_KEY)).toBe(false);
    expect(unpaired.timers).toHaveLength(0);
  });

  it('keeps its token when only rate-limited, and tries again later', () => {
    const t = setup(TOKEN);
    t.client.start();
    t.socket().open();
    t.socket().reply({ type: 'refused', reason: 'rateLimited' });
    expect(t.storage.get(LAN_DISPLAY_TOKEN_KEY)).toBe(TOKEN);
    expect(t.timers).toHaveLength(1);
  });

  it('ignores views before pairing and frames that are not JSON', () => {
    const t = setup();
    t.client.start();
    t.client.submitCode('123456');
    t.socket().open();
    t.socket().reply({ type: 'display', view: VIEW('X') });
    t.socket().onmessage?.call(t.socket() as never, { data: 'not json' } as MessageEvent);
    expect(t.last()).toEqual({ phase: 'pairing', busy: true });
  });
});
