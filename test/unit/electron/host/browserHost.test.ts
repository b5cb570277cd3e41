import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import type { PosApp } from '../../../../electron/app/posApp';
import net from 'node:net';
import { MAX_FRAME_BYTES, startBrowserHost, type BrowserHost, type BrowserHostLimits, type BrowserHostOptions } from '../../../../electron/host/browserHost';
import { cookieHeaderOf } from '../../../../electron/host/hostAccess';
import { makeTempDir } from '../../../fixtures/tempDir';

/** Just enough of PosApp for the host: getSnapshot and getDisplay answer; events can be published. */
function fakeApp() {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const calls: unknown[] = [];
  const app = {
    call: async (name: unknown) => {
      calls.push(name);
      if (name === 'getSnapshot') return { ok: true, value: 'snapshot' };
      if (name === 'getDisplay') return { ok: true, value: 'display view' };
      return { ok: false, error: { code: 'UNKNOWN_CALL' } };
    },
    subscribe: (listener: (event: string, payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as PosApp;
  return {
    app,
    calls,
    publish: (payload: unknown, event = 'snapshot') => listeners.forEach((l) => l(event, payload)),
    get listenerCount() {
      return listeners.size;
    },
  };
}

function request(port: number, headers: Record<string, string>, pathname = '/'): Promise<number> {
  return fetchRaw(port, headers, pathname).then((r) => r.status);
}

function fetchRaw(port: number, headers: Record<string, string>, pathname = '/'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      })
      .on('error', reject);
  });
}

const cashierCookie = (host: BrowserHost) => cookieHeaderOf(host.access.cashier.cookie);
const displayCookie = (host: BrowserHost) => cookieHeaderOf(host.access.display.cookie);

/** A WebSocket to /api with the given Cookie (none when undefined) and Origin; what came back and how it ended. */
function connectTo(host: BrowserHost, cookie: string | undefined, origin = `http://127.0.0.1:${host.port}`) {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: origin, ...(cookie ? { Cookie: cookie } : {}) } });
  const messages: Array<{ type: string; id?: number; event?: string; result?: { ok: boolean; error?: { code: string } } }> = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  const refused = new Promise<number>((resolve) => ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
  const open = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('unexpected-response', () => resolve(false));
    ws.once('error', () => resolve(false));
  });
  return { ws, messages, closed, open, refused };
}

async function until(check: () => boolean, what = 'condition', tries = 300): Promise<void> {
  for (let i = 0; i < tries && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('browser host hardening', () => {
  const temp = makeTempDir();
  fs.writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><div id="root"></div>');
  let host: BrowserHost;
  let fake: ReturnType<typeof fakeApp>;
  const start = async (extra: Partial<BrowserHostOptions> = {}) => {
    fake = fakeApp();
    host = await startBrowserHost({ app: fake.app, rendererDir: temp.dir, port: 0, ...extra });
  };
  const connect = () => connectTo(host, cashierCookie(host));
  const stillServes = async () => {
    const client = connect();
    await client.open;
    client.ws.send(JSON.stringify({ id: 1, call: 'getSnapshot', args: {} }));
    await until(() => client.messages.some((m) => m.id === 1));
    expect(client.messages.find((m) => m.id === 1)?.result).toEqual({ ok: true, value: 'snapshot' });
    client.ws.close();
  };

  afterEach(async () => host?.close());
  afterAll(() => temp.cleanup());

  it('survives an oversize frame: that connection is closed (1009), the host keeps serving', async () => {
    await start();
    const client = connect();
    await client.open;
    client.ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await client.closed).toBe(1009);
    await stillServes();
  });

  it('survives invalid UTF-8 in a text frame (closed with 1007)', async () => {
    await start();
    const client = connect();
    await client.open;
    client.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await client.closed).toBe(1007);
    await stillServes();
  });

  it('answers binary, non-JSON and id-less frames with INVALID_CALL and keeps the connection', async () => {
    await start();
    const client = connect();
    await client.open;
    client.ws.send(Buffer.from(JSON.stringify({ id: 1, call: 'getSnapshot', args: {} })), { binary: true });
    client.ws.send('not json');
    client.ws.send('null');
    client.ws.send(JSON.stringify({ id: 'x', call: 'getSnapshot' }));
    client.ws.send(JSON.stringify({ id: 2, call: 'getSnapshot' }));
    await until(() => client.messages.length === 5);
    expect(client.messages.slice(0, 4).every((m) => m.id === -1 && m.result?.error?.code === 'INVALID_CALL')).toBe(true);
    expect(client.messages[4]).toMatchObject({ id: 2, result: { ok: true } });
    expect(fake.calls).toEqual(['getSnapshot']);
    client.ws.close();
  });

  it('closes a connection that exceeds its call rate (1008); others are unaffected', async () => {
    await start({ callRateLimit: { capacity: 5, refillPerSecond: 0 } });
    const greedy = connect();
    await greedy.open;
    for (let id = 1; id <= 8; id += 1) greedy.ws.send(JSON.stringify({ id, call: 'getSnapshot' }));
    expect(await greedy.closed).toBe(1008);
    expect(greedy.messages.filter((m) => m.type === 'result').map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    expect(fake.calls).toHaveLength(5);
    await stillServes();
  });

  it('lets a cashier-like pace through the default limit', async () => {
    await start();
    const client = connect();
    await client.open;
    for (let id = 1; id <= 100; id += 1) client.ws.send(JSON.stringify({ id, call: 'getSnapshot' }));
    await until(() => client.messages.length === 100);
    expect(client.messages.every((m) => m.result?.ok)).toBe(true);
    client.ws.close();
  });

  it('refuses requests that a page of another site made (Sec-Fetch-Site), serves the rest', async () => {
    await start();
    const hostHeader = { Host: `127.0.0.1:${host.port}`, Cookie: cashierCookie(host) };
    expect(await request(host.port, { ...hostHeader })).toBe(200);
    expect(await request(host.port, { ...hostHeader, 'Sec-Fetch-Site': 'none' })).toBe(200);
    expect(await request(host.port, { ...hostHeader, 'Sec-Fetch-Site': 'same-origin' })).toBe(200);
    expect(await request(host.port, { ...hostHeader, 'Sec-Fetch-Site': 'same-site' })).toBe(403);
    expect(await request(host.port, { ...hostHeader, 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
    expect(await request(host.port, { Host: `evil.example:${host.port}` })).toBe(421);
  });

  it('sends events to same-origin connections only', async () => {
    await start();
    const ours = connect();
    await ours.open;
    // Even with the cashier's cookie (a browser sends it to every port of 127.0.0.1), another origin is refused.
    const theirs = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: 'http://127.0.0.1:1', Cookie: cashierCookie(host) } });
    const refused = await new Promise<number>((resolve) => {
      theirs.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      theirs.on('error', () => undefined);
    });
    expect(refused).toBe(403);
    fake.publish({ checkout: 'approved' });
    await until(() => ours.messages.some((m) => m.type === 'event'));
    ours.ws.close();
  });
});

describe('browser host: only holders of this run\'s keys get in', () => {
  const temp = makeTempDir();
  fs.writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><div id="root">cashier</div>');
  fs.writeFileSync(path.join(temp.dir, 'display.html'), '<!doctype html><div id="root">display</div>');
  fs.mkdirSync(path.join(temp.dir, 'assets'));
  fs.writeFileSync(path.join(temp.dir, 'assets', 'index-A.js'), 'console.log(1)');
  let host: BrowserHost;
  let fake: ReturnType<typeof fakeApp>;
  beforeEach(async () => {
    fake = fakeApp();
    host = await startBrowserHost({ app: fake.app, rendererDir: temp.dir, port: 0 });
  });
  afterEach(async () => host.close());
  afterAll(() => temp.cleanup());
  const hostHeader = () => ({ Host: `127.0.0.1:${host.port}` });

  it('serves nothing and opens no WebSocket without a key or its cookie', async () => {
    for (const pathname of ['/', '/display', '/assets/index-A.js', '/?key=', '/?key=wrong', '/display?key=nope']) {
      const reply = await fetchRaw(host.port, hostHeader(), pathname);
      expect(reply.status, pathname).toBe(401);
      expect(reply.headers['set-cookie'], pathname).toBeUndefined();
      expect(reply.body).not.toContain('id="root"');
    }
    expect((await fetchRaw(host.port, hostHeader())).body).toContain('?key=');
    // A made-up cookie of the right name is no better.
    const forged = `${host.access.cashier.cookie.name}=${'A'.repeat(43)}`;
    expect(await request(host.port, { ...hostHeader(), Cookie: forged })).toBe(401);
    const bare = connectTo(host, undefined);
    expect(await bare.refused).toBe(401);
    const forgedSocket = connectTo(host, forged);
    expect(await forgedSocket.refused).toBe(401);
    expect(fake.calls).toEqual([]);
  });

  it('swaps the printed key for an HttpOnly, SameSite=Strict cookie and redirects to the clean address; the cookie keeps working', async () => {
    const printed = new URL(host.access.cashier.url);
    expect(printed.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(printed.pathname).toBe('/');
    const reply = await fetchRaw(host.port, hostHeader(), printed.pathname + printed.search);
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    expect(reply.headers['cache-control']).toBe('no-store');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    const [pair, ...attributes] = setCookie.split(';').map((part) => part.trim());
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    // What the browser sends back from now on opens the page (a reload) and the API.
    const page = await fetchRaw(host.port, { ...hostHeader(), Cookie: pair! });
    expect(page.status).toBe(200);
    expect(page.body).toContain('cashier');
    expect(await request(host.port, { ...hostHeader(), Cookie: `other=1; ${pair}` }, '/assets/index-A.js')).toBe(200);
    const client = connectTo(host, `theme=dark; ${pair}`);
    expect(await client.open).toBe(true);
    client.ws.send(JSON.stringify({ id: 1, call: 'getSnapshot', args: {} }));
    await until(() => client.messages.length === 1);
    expect(client.messages[0]).toMatchObject({ id: 1, result: { ok: true } });
    client.ws.close();

    // The display's key leads to the display page, with its own cookie.
    const display = new URL(host.access.display.url);
    expect(display.pathname).toBe('/display');
    const displayReply = await fetchRaw(host.port, hostHeader(), display.pathname + display.search);
    expect(displayReply.status).toBe(303);
    expect(displayReply.headers.location).toBe('/display');
    expect(displayReply.headers['set-cookie']?.[0]).toContain(`${host.access.display.cookie.name}=${host.access.display.cookie.value};`);
  });

  it('gives the display key the display page and the display\'s view only, never the cashier page, calls or snapshot', async () => {
    const cookie = displayCookie(host);
    expect(await request(host.port, { ...hostHeader(), Cookie: cookie }, '/display')).toBe(200);
    expect(await request(host.port, { ...hostHeader(), Cookie: cookie }, '/assets/index-A.js')).toBe(200);
    expect(await request(host.port, { ...hostHeader(), Cookie: cookie }, '/')).toBe(403);
    // The cashier's key is not taken on the display page's behalf the other way round either: it opens everything.
    expect(await request(host.port, { ...hostHeader(), Cookie: cashierCookie(host) }, '/display')).toBe(200);

    const display = connectTo(host, cookie);
    const cashier = connectTo(host, cashierCookie(host));
    expect(await Promise.all([display.open, cashier.open])).toEqual([true, true]);
    display.ws.send(JSON.stringify({ id: 1, call: 'getDisplay', args: {} }));
    for (const [id, call] of [[2, 'getSnapshot'], [3, 'startSale'], [4, 'updateSettings'], [5, 'createDisplayPairingCode'], [6, 'noSuchCall']] as const) {
      display.ws.send(JSON.stringify({ id, call, args: {} }));
    }
    await until(() => display.messages.length === 6, 'six answers');
    const answers = [...display.messages].sort((x, y) => (x.id ?? 0) - (y.id ?? 0));
    expect(answers[0]).toMatchObject({ id: 1, result: { ok: true, value: 'display view' } });
    expect(answers.slice(1).map((m) => [m.id, m.result?.error?.code])).toEqual([2, 3, 4, 5, 6].map((id) => [id, 'FORBIDDEN_ORIGIN']));
    expect(fake.calls).toEqual(['getDisplay']);

    fake.publish({ secret: 'snapshot' }, 'snapshot');
    fake.publish({ screen: 'idle' }, 'display');
    await until(() => cashier.messages.filter((m) => m.type === 'event').length === 2, 'both events at the cashier');
    await until(() => display.messages.some((m) => m.type === 'event'), 'the display event');
    await new Promise((r) => setTimeout(r, 50));
    expect(display.messages.filter((m) => m.type === 'event').map((m) => m.event)).toEqual(['display']);
    display.ws.close();
    cashier.ws.close();
  });

  it('makes new keys for every run', async () => {
    const other = await startBrowserHost({ app: fakeApp().app, rendererDir: temp.dir, port: 0 });
    try {
      const keysOf = (h: BrowserHost) => [new URL(h.access.cashier.url).searchParams.get('key'), new URL(h.access.display.url).searchParams.get('key')];
      const [a, b] = [keysOf(host), keysOf(other)];
      for (const key of [...a, ...b]) expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(new Set([...a, ...b]).size).toBe(4);
      // One run's cookie opens nothing at the other.
      expect(await request(other.port, { Host: `127.0.0.1:${other.port}`, Cookie: `${host.access.cashier.cookie.name.replace(String(host.port), String(other.port))}=${host.access.cashier.cookie.value}` })).toBe(401);
    } finally {
      await other.close();
    }
  });
});

/** A WebSocket handshake by hand, then a client that never reads: what a hung or hostile reader looks like to the host. */
function stalledReader(port: number, cookie: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        [
          'GET /api HTTP/1.1',
          `Host: 127.0.0.1:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64')}`,
          'Sec-WebSocket-Version: 13',
          `Origin: http://127.0.0.1:${port}`,
          `Cookie: ${cookie}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      if (!chunk.toString().startsWith('HTTP/1.1 101')) return reject(new Error(chunk.toString()));
      socket.pause();
      resolve(socket);
    });
  });
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

describe('browser host: bounded connections', () => {
  const temp = makeTempDir();
  fs.writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><div id="root"></div>');
  let host: BrowserHost | undefined;
  let fake: ReturnType<typeof fakeApp>;
  const start = async (limits: Partial<BrowserHostLimits> = {}) => {
    fake = fakeApp();
    host = await startBrowserHost({ app: fake.app, rendererDir: temp.dir, port: 0, limits });
    return host;
  };
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });
  afterAll(() => temp.cleanup());

  it('cuts sockets that stop reading once their unsent data passes the bound, and keeps serving the reader (memory printed)', async () => {
    const h = await start({ maxSockets: 32, maxSocketsPerOrigin: 32 });
    const STALLED = 20;
    const EVENTS = 320;
    const payload = 'x'.repeat(64 * 1024);
    const reader = connectTo(h, cashierCookie(h));
    expect(await reader.open).toBe(true);
    let heard = 0;
    reader.ws.removeAllListeners('message');
    reader.ws.on('message', () => (heard += 1));
    const stalled = await Promise.all(Array.from({ length: STALLED }, () => stalledReader(h.port, cashierCookie(h))));
    expect(h.socketCount).toBe(STALLED + 1);
    const before = process.memoryUsage().rss;
    // 20 MB of events for each socket, one 64 KB snapshot at a time, as a busy till would publish them.
    for (let i = 0; i < EVENTS; i += 1) {
      fake.publish({ i, payload });
      await new Promise((r) => setImmediate(r));
    }
    await until(() => heard === EVENTS, 'every event at the reader', 1000);
    const after = process.memoryUsage().rss;
    console.log(
      `browser host, ${STALLED} sockets that never read, ${EVENTS} events of 64 KB: RSS ${megabytes(before)} before, ${megabytes(after)} after (+${megabytes(after - before)}); ${h.socketCount - 1} of them still open`,
    );
    // Every one that stopped reading was cut; the one that reads heard everything and is still open.
    expect(h.socketCount).toBe(1);
    expect(reader.ws.readyState).toBe(WebSocket.OPEN);
    expect(after - before).toBeLessThan(150 * 1024 * 1024);
    for (const socket of stalled) socket.destroy();
    reader.ws.close();
  }, 60_000);

  it('caps WebSockets per origin, in all, and the display\'s', async () => {
    const h = await start({ maxSockets: 4, maxSocketsPerOrigin: 3, maxDisplaySockets: 1 });
    const byIp = Array.from({ length: 3 }, () => connectTo(h, cashierCookie(h)));
    expect(await Promise.all(byIp.map((c) => c.open))).toEqual([true, true, true]);
    expect(await connectTo(h, cashierCookie(h)).refused).toBe(503);
    // The other origin has room until the host is full.
    const byName = connectTo(h, cashierCookie(h), `http://localhost:${h.port}`);
    expect(await byName.open).toBe(true);
    expect(await connectTo(h, cashierCookie(h), `http://localhost:${h.port}`).refused).toBe(503);
    for (const client of [...byIp, byName]) client.ws.close();
    await until(() => h.socketCount === 0, 'all closed');
    const display = connectTo(h, displayCookie(h));
    expect(await display.open).toBe(true);
    expect(await connectTo(h, displayCookie(h)).refused).toBe(503);
    expect(await connectTo(h, cashierCookie(h)).open).toBe(true);
  });

  it('closes connections that send no request in time, refuses connections over the cap, and leaves open WebSockets alone', async () => {
    const h = await start({ headersTimeoutMs: 300, requestTimeoutMs: 400, keepAliveTimeoutMs: 200, connectionsCheckingIntervalMs: 100, maxConnections: 4 });
    const live = connectTo(h, cashierCookie(h));
    expect(await live.open).toBe(true);
    const silentClosed = (socket: net.Socket) =>
      new Promise<number>((resolve) => {
        const since = Date.now();
        socket.on('error', () => undefined);
        socket.on('data', () => undefined);
        socket.once('close', () => resolve(Date.now() - since));
      });
    const silent = Array.from({ length: 3 }, () => net.connect(h.port, '127.0.0.1'));
    const silentTimes = silent.map(silentClosed);
    await Promise.all(silent.map((s) => new Promise((r) => s.once('connect', r))));
    // One more than the cap (the WebSocket counts too) is closed at once.
    const over = net.connect(h.port, '127.0.0.1');
    const overTime = silentClosed(over);
    const raced = await Promise.race([overTime, new Promise<number>((r) => setTimeout(() => r(-1), 250))]);
    expect(raced).toBeGreaterThanOrEqual(0);
    expect(raced).toBeLessThan(250);
    for (const time of await Promise.all(silentTimes)) expect(time).toBeLessThan(2_000);
    // The open WebSocket outlived both timeouts and still hears events.
    expect(live.ws.readyState).toBe(WebSocket.OPEN);
    fake.publish('still here');
    await until(() => live.messages.some((m) => m.type === 'event'), 'an event on the open socket');
    live.ws.close();
  });
});
