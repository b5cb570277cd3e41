import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import WebSocket from 'ws';
import type { CustomerDisplayView } from '../../../../shared/display/customerDisplayView';
import { LAN_DISPLAY_UNPAIRED, parseLanDisplayMessage, type LanDisplayServerMessage } from '../../../../shared/display/lanDisplayWire';
import { createPosApp, type PosApp } from '../../../../electron/app/posApp';
import { createAddressLimiter, remoteAddressOf } from '../../../../electron/host/lanAddressLimiter';
import { displayPageAssets, LAN_DISPLAY_META, markAsLanDisplay } from '../../../../electron/host/lanDisplayFiles';
import { isSameOriginAsHost, lanHostOf, startLanDisplayHost, type LanDisplayHost, type LanDisplayHostOptions, type LanPairingAttempt } from '../../../../electron/host/lanDisplayHost';
import { lanDisplayStep, runLanDisplay, type LanDisplayRunner } from '../../../../electron/host/lanDisplayRunner';
import { createDisplayPairing } from '../../../../electron/services/display/displayPairing';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { makeTempDir } from '../../../fixtures/tempDir';

/** A built renderer in miniature: the display page pulls a chunk, a stylesheet and a font; the cashier page its own bundle. */
function fakeRenderer(): { dir: string; cleanup: () => void } {
  const temp = makeTempDir('counterpay-lan-');
  const assets = path.join(temp.dir, 'assets');
  fs.mkdirSync(assets);
  fs.writeFileSync(
    path.join(temp.dir, 'display.html'),
    '<!doctype html><html><head><meta charset="UTF-8" /><script type="module" src="./assets/display-AAA.js"></script><link rel="stylesheet" href="./assets/display-BBB.css"></head><body><div id="root"></div></body></html>',
  );
  fs.writeFileSync(path.join(temp.dir, 'index.html'), '<!doctype html><script type="module" src="./assets/index-CCC.js"></script>');
  fs.writeFileSync(path.join(assets, 'display-AAA.js'), 'import{x}from"./shared-DDD.js";console.log(x)');
  fs.writeFileSync(path.join(assets, 'shared-DDD.js'), 'export const x=1');
  fs.writeFileSync(path.join(assets, 'display-BBB.css'), '@font-face{src:url(./noto-EEE.woff2)}');
  fs.writeFileSync(path.join(assets, 'noto-EEE.woff2'), 'font');
  fs.writeFileSync(path.join(assets, 'index-CCC.js'), 'cashier');
  return temp;
}

const VIEW = (storeName: string): CustomerDisplayView => ({ storeName, training: true, languages: ['en', 'zh-CN'], screen: { kind: 'idle' } });

/** The display feature's access in miniature, over the real pairing: a switch for the LAN setting, views to publish. */
function fakeAccess() {
  let enabled = true;
  let view = VIEW('Idle');
  const pairing = createDisplayPairing({ now: () => Date.now(), randomBytes: (n) => crypto.randomBytes(n) });
  const listeners = new Set<(view: CustomerDisplayView) => void>();
  return {
    access: {
      view: () => view,
      pair: (input: { code?: string; token?: string }) => (enabled ? pairing.pair(input) : ({ ok: false } as const)),
      isPaired: (token: string) => enabled && pairing.isPaired(token),
    },
    onDisplay: (listener: (view: CustomerDisplayView) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    newCode: () => pairing.newCode().code,
    publish(next: CustomerDisplayView) {
      view = next;
      for (const listener of listeners) listener(next);
    },
    turnOff() {
      enabled = false;
      pairing.revokeAll();
    },
    get listenerCount() {
      return listeners.size;
    },
  };
}

function get(port: number, pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      })
      .on('error', reject);
  });
}

/** A tablet: a WebSocket to /display-api from the page's own origin, its messages and how it closed. */
function tablet(port: number, options: { path?: string; origin?: string | null; from?: string } = {}) {
  const origin = options.origin === undefined ? `http://127.0.0.1:${port}` : options.origin;
  // `from`: another loopback address (127.0.0.0/8 is all loopback on Linux), as another device on the network.
  const ws = new WebSocket(`ws://127.0.0.1:${port}${options.path ?? '/display-api'}`, {
    ...(origin === null ? {} : { headers: { Origin: origin } }),
    ...(options.from ? { localAddress: options.from } : {}),
  });
  const messages: LanDisplayServerMessage[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as LanDisplayServerMessage));
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const opened = new Promise<boolean>((resolve) => {
    ws.once('open', () => resolve(true));
    ws.once('unexpected-response', () => resolve(false));
    ws.once('error', () => resolve(false));
  });
  return { ws, messages, closed, opened, send: (frame: unknown) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)) };
}

async function until(check: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 300 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isListening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('LAN display host: pure parts', () => {
  it.each([
    ['192.168.1.20:8422', '192.168.1.20:8422'],
    ['POS-1.local:8422', 'pos-1.local:8422'],
    ['[fe80::1]:8422', '[fe80::1]:8422'],
    ['10.0.0.5', '10.0.0.5'],
  ])('takes the Host header %s', (header, host) => {
    expect(lanHostOf(header)).toBe(host);
  });

  it.each([undefined, '', 'a b:1', 'evil;x:1', 'user@host:1', 'host:1/x', '-bad:1', 'h:123456', 'x'.repeat(300)])('refuses the Host header %j', (header) => {
    expect(lanHostOf(header)).toBeUndefined();
  });

  it('accepts a WebSocket only from the page of the very host it was asked for', () => {
    expect(isSameOriginAsHost('http://192.168.1.20:8422', '192.168.1.20:8422')).toBe(true);
    expect(isSameOriginAsHost('http://192.168.1.20:8422', '192.168.1.20:8420')).toBe(false);
    expect(isSameOriginAsHost('https://192.168.1.20:8422', '192.168.1.20:8422')).toBe(false);
    expect(isSameOriginAsHost('http://evil.example', '192.168.1.20:8422')).toBe(false);
    expect(isSameOriginAsHost(undefined, '192.168.1.20:8422')).toBe(false);
    expect(isSameOriginAsHost('null', 'null')).toBe(false);
  });

  it('reads only pairing messages', () => {
    expect(parseLanDisplayMessage('{"pair":{"code":"012345"}}')).toEqual({ code: '012345' });
    const token = crypto.randomBytes(32).toString('base64url');
    expect(parseLanDisplayMessage(JSON.stringify({ pair: { token } }))).toEqual({ token });
    for (const frame of [
      '{"pair":{"code":"12345"}}',
      '{"pair":{"code":"1234567"}}',
      '{"pair":{"code":"12345a"}}',
      '{"pair":{"code":"123456","token":"x"}}',
      '{"pair":{"token":"short"}}',
      '{"pair":{}}',
      '{"pair":{"code":"123456"},"call":"startSale"}',
      '{"id":1,"call":"getSnapshot","args":{}}',
      '[]',
      'null',
      'not json',
    ]) {
      expect(parseLanDisplayMessage(frame)).toBeUndefined();
    }
  });

  it('serves the display page and only the assets it reaches', () => {
    const renderer = fakeRenderer();
    try {
      expect([...displayPageAssets(renderer.dir)].sort()).toEqual(['display-AAA.js', 'display-BBB.css', 'noto-EEE.woff2', 'shared-DDD.js']);
      expect(displayPageAssets(path.join(renderer.dir, 'missing')).size).toBe(0);
    } finally {
      renderer.cleanup();
    }
    expect(markAsLanDisplay('<html><head lang="en"><title>x</title></head>')).toBe(`<html><head lang="en">${LAN_DISPLAY_META}<title>x</title></head>`);
  });

  it('limits each remote address on its own', () => {
    let now = 0;
    const limiter = createAddressLimiter({ capacity: 2, refillPerSecond: 1, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now = 1000;
    expect(limiter.take('a')).toBe(true);
    expect(remoteAddressOf('::ffff:192.168.1.20')).toBe('192.168.1.20');
    expect(remoteAddressOf('fe80::1')).toBe('fe80::1');
  });

  it.each<[number | undefined, { enabled: boolean; port: number }, number | undefined, string]>([
    [undefined, { enabled: false, port: 8422 }, undefined, 'keep'],
    [undefined, { enabled: true, port: 8422 }, undefined, 'start'],
    [8422, { enabled: true, port: 8422 }, undefined, 'keep'],
    [8422, { enabled: true, port: 9000 }, undefined, 'restart'],
    [8422, { enabled: false, port: 8422 }, undefined, 'stop'],
    [undefined, { enabled: true, port: 8422 }, 8422, 'keep'],
    [undefined, { enabled: true, port: 9000 }, 8422, 'start'],
  ])('running on %s, settings %j, failed port %s: %s', (running, wanted, failed, step) => {
    expect(lanDisplayStep(running, wanted, failed)).toBe(step);
  });
});

describe('LAN display host over real sockets', () => {
  const renderer = fakeRenderer();
  let host: LanDisplayHost | undefined;
  let fake: ReturnType<typeof fakeAccess>;
  let attempts: LanPairingAttempt[];
  afterAll(() => renderer.cleanup());
  afterEach(async () => {
    await host?.close();
    host = undefined;
  });
  const start = async (extra: Partial<LanDisplayHostOptions> = {}) => {
    fake = fakeAccess();
    attempts = [];
    host = await startLanDisplayHost({
      access: fake.access,
      onDisplay: fake.onDisplay,
      rendererDir: renderer.dir,
      port: 0,
      address: '127.0.0.1',
      onPairing: (attempt) => attempts.push(attempt),
      ...extra,
    });
    return host;
  };

  it('serves the display page, marked as the LAN display, with the security headers', async () => {
    const { port } = await start();
    for (const pathname of ['/display', '/']) {
      const page = await get(port, pathname);
      expect(page.status).toBe(200);
      expect(page.body).toContain(LAN_DISPLAY_META);
      expect(page.body).toContain('display-AAA.js');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
      expect(page.headers['x-frame-options']).toBe('DENY');
    }
    for (const asset of ['display-AAA.js', 'shared-DDD.js', 'display-BBB.css', 'noto-EEE.woff2']) {
      expect((await get(port, `/assets/${asset}`)).status).toBe(200);
    }
  });

  it('answers 404 to the cashier API, the cashier page and everything else', async () => {
    const { port } = await start();
    for (const pathname of ['/api', '/api/getSnapshot', '/index.html', '/display.html', '/assets/index-CCC.js', '/assets/../index.html', '/assets/%2e%2e/index.html', '/assets/', '/favicon.ico', '/display/x', '/display-api']) {
      expect((await get(port, pathname)).status, pathname).toBe(404);
    }
    expect((await get(port, '/display', { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    // No WebSocket at /api either: it is refused before any handshake.
    const api = tablet(port, { path: '/api' });
    expect(await api.opened).toBe(false);
  });

  it('refuses a WebSocket whose Origin is not the host it was asked for', async () => {
    const { port } = await start();
    for (const origin of ['http://evil.example', `http://localhost:${port}`, 'null', null]) {
      const client = tablet(port, { origin });
      expect(await client.opened, String(origin)).toBe(false);
    }
  });

  it('pairs with the right code, then pushes every view to that socket only', async () => {
    const { port } = await start();
    const code = fake.newCode();
    const paired = tablet(port);
    const other = tablet(port);
    await Promise.all([paired.opened, other.opened]);
    paired.send({ pair: { code } });
    await until(() => paired.messages.length === 1, 'the pairing reply');
    const reply = paired.messages[0]!;
    expect(reply).toMatchObject({ type: 'paired', view: VIEW('Idle') });
    expect(reply.type === 'paired' && reply.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(host!.pairedCount).toBe(1);

    fake.publish(VIEW('Sale'));
    await until(() => paired.messages.length === 2, 'the pushed view');
    expect(paired.messages[1]).toEqual({ type: 'display', view: VIEW('Sale') });
    // The socket that did not pair hears nothing.
    await new Promise((r) => setTimeout(r, 50));
    expect(other.messages).toEqual([]);
    expect(attempts).toEqual([{ outcome: 'paired', by: 'code', remoteAddress: '127.0.0.1' }]);

    // The code was for one pairing.
    other.send({ pair: { code } });
    await until(() => other.messages.length === 1, 'the refusal');
    expect(other.messages[0]).toEqual({ type: 'refused', reason: 'wrong' });
  });

  it('refuses a wrong code, and after a few attempts refuses the address altogether', async () => {
    const { port } = await start({ limits: { pairing: { capacity: 3, refillPerSecond: 0.001 } } });
    const code = fake.newCode();
    const wrong = code === '000000' ? '000001' : '000000';
    const client = tablet(port);
    await client.opened;
    for (let i = 1; i <= 3; i += 1) {
      client.send({ pair: { code: wrong } });
      await until(() => client.messages.length === i, `refusal ${i}`);
      expect(client.messages[i - 1]).toEqual({ type: 'refused', reason: 'wrong' });
    }
    // The fourth, even with the right code, is over the limit: refused and the socket closed.
    client.send({ pair: { code } });
    expect(await client.closed).toBe(1008);
    expect(client.messages[3]).toEqual({ type: 'refused', reason: 'rateLimited' });
    // A new connection from the same address gets no fresh budget.
    const again = tablet(port);
    await again.opened;
    again.send({ pair: { code } });
    expect(await again.closed).toBe(1008);
    expect(again.messages).toEqual([{ type: 'refused', reason: 'rateLimited' }]);
    expect(attempts.map((a) => a.outcome)).toEqual(['wrong', 'wrong', 'wrong', 'rateLimited', 'rateLimited']);
  });

  it('limits requests per address', async () => {
    const { port } = await start({ limits: { requests: { capacity: 3, refillPerSecond: 0.001 } } });
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push((await get(port, '/display')).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it('resumes with the token after a reload, and refuses an unknown token', async () => {
    const { port } = await start();
    const first = tablet(port);
    await first.opened;
    first.send({ pair: { code: fake.newCode() } });
    await until(() => first.messages.length === 1, 'pairing');
    const token = (first.messages[0] as { token: string }).token;
    first.ws.close();
    await first.closed;

    fake.publish(VIEW('While away'));
    const reloaded = tablet(port);
    await reloaded.opened;
    reloaded.send({ pair: { token } });
    await until(() => reloaded.messages.length === 1, 'resuming');
    expect(reloaded.messages[0]).toEqual({ type: 'paired', token, view: VIEW('While away') });
    fake.publish(VIEW('Next'));
    await until(() => reloaded.messages.length === 2, 'a view after resuming');

    const stranger = tablet(port);
    await stranger.opened;
    stranger.send({ pair: { token: crypto.randomBytes(32).toString('base64url') } });
    await until(() => stranger.messages.length === 1, 'refusal');
    expect(stranger.messages[0]).toEqual({ type: 'refused', reason: 'wrong' });
  });

  it('closes a paired socket that sends anything, even another pairing, and an unpaired one that sends no pairing', async () => {
    const { port } = await start();
    const paired = tablet(port);
    await paired.opened;
    paired.send({ pair: { code: fake.newCode() } });
    await until(() => paired.messages.length === 1, 'pairing');
    const token = (paired.messages[0] as { token: string }).token;
    paired.send({ id: 1, call: 'startSale', args: { amount: 100 } });
    expect(await paired.closed).toBe(1008);
    expect(paired.messages).toHaveLength(1);

    const again = tablet(port);
    await again.opened;
    again.send({ pair: { token } });
    await until(() => again.messages.length === 1, 'resuming');
    again.send({ pair: { token } });
    expect(await again.closed).toBe(1008);

    for (const frame of ['{"id":1,"call":"getSnapshot","args":{}}', 'garbage', Buffer.from([1, 2, 3])]) {
      const client = tablet(port);
      await client.opened;
      client.ws.send(frame);
      expect(await client.closed).toBe(1008);
      expect(client.messages).toEqual([]);
    }
    const huge = tablet(port);
    await huge.opened;
    huge.send({ pair: { code: 'x'.repeat(5000) } });
    expect(await huge.closed).toBe(1009);
  });

  it('closes a socket that does not pair in time', async () => {
    const { port } = await start({ limits: { unpairedTimeoutMs: 100 } });
    const idle = tablet(port);
    await idle.opened;
    expect(await idle.closed).toBe(1008);
  });

  it('closes paired sockets as unpaired once their token is revoked, and on close', async () => {
    const { port } = await start();
    const paired = tablet(port);
    await paired.opened;
    paired.send({ pair: { code: fake.newCode() } });
    await until(() => paired.messages.length === 1, 'pairing');
    fake.turnOff();
    fake.publish(VIEW('After'));
    expect(await paired.closed).toBe(LAN_DISPLAY_UNPAIRED);
    expect(paired.messages).toHaveLength(1);

    const second = fakeAccess();
    const other = await startLanDisplayHost({ access: second.access, onDisplay: second.onDisplay, rendererDir: renderer.dir, port: 0, address: '127.0.0.1' });
    const stillPaired = tablet(other.port);
    await stillPaired.opened;
    stillPaired.send({ pair: { code: second.newCode() } });
    await until(() => stillPaired.messages.length === 1, 'pairing');
    await other.close();
    // A host stopping for another reason (a new port, the app quitting): the tablet keeps its token.
    expect(await stillPaired.closed).toBe(1001);
    expect(second.listenerCount).toBe(0);
    expect(await isListening(other.port)).toBe(false);
  });

  it('keeps few unpaired sockets per address: the newest replaces that address\'s oldest, and a paired one is not touched', async () => {
    const { port } = await start({ limits: { maxUnpairedPerAddress: 2 } });
    const paired = tablet(port);
    await paired.opened;
    paired.send({ pair: { code: fake.newCode() } });
    await until(() => paired.messages.length === 1, 'pairing');
    const a = tablet(port);
    const b = tablet(port);
    expect(await Promise.all([a.opened, b.opened])).toEqual([true, true]);
    const c = tablet(port);
    expect(await c.opened).toBe(true);
    expect(await a.closed).toBe(1008);
    expect(host!.unpairedCount).toBe(2);
    // Still room for that address to pair, and the paired socket kept its place.
    c.send({ pair: { code: fake.newCode() } });
    await until(() => c.messages.length === 1, 'the newest pairs');
    expect(c.messages[0]).toMatchObject({ type: 'paired' });
    expect(host!.pairedCount).toBe(2);
    expect(paired.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('one device with many addresses cannot crowd a tablet out: the tablet still connects and pairs', async () => {
    const { port } = await start();
    // Eight addresses, each opening as many sockets as the old per-address cap allowed: 32, the host's whole capacity.
    const crowd = [];
    for (let device = 2; device <= 9; device += 1) {
      for (let i = 0; i < 4; i += 1) crowd.push(tablet(port, { from: `127.0.0.${device}` }));
    }
    await Promise.all(crowd.map((t) => t.opened));
    await until(() => host!.unpairedCount <= 16, 'the waiting room bounded');
    expect(host!.unpairedCount).toBe(16);
    const ours = tablet(port, { from: '127.0.0.10' });
    expect(await ours.opened).toBe(true);
    ours.send({ pair: { code: fake.newCode() } });
    await until(() => ours.messages.length === 1, 'the tablet paired');
    expect(ours.messages[0]).toMatchObject({ type: 'paired' });
    for (const t of crowd) t.ws.terminate();
  });

  it('counts wrong codes per address: a guessing device loses its own tries, the tablet still pairs, and the code stays one-use', async () => {
    const { port } = await start();
    const code = fake.newCode();
    const wrong = code === '000000' ? '000001' : '000000';
    const guesser = tablet(port, { from: '127.0.0.2' });
    await guesser.opened;
    for (let i = 1; i <= 5; i += 1) {
      guesser.send({ pair: { code: wrong } });
      await until(() => guesser.messages.length === i, `refusal ${i}`);
    }
    // Its five tries are spent: even the right code is refused to it.
    guesser.send({ pair: { code } });
    await until(() => guesser.messages.length === 6, 'the sixth refusal');
    expect(guesser.messages.every((m) => m.type === 'refused' && m.reason === 'wrong')).toBe(true);

    const ours = tablet(port, { from: '127.0.0.3' });
    await ours.opened;
    ours.send({ pair: { code } });
    await until(() => ours.messages.length === 1, 'the tablet paired');
    expect(ours.messages[0]).toMatchObject({ type: 'paired' });
    const late = tablet(port, { from: '127.0.0.4' });
    await late.opened;
    late.send({ pair: { code } });
    await until(() => late.messages.length === 1, 'the late refusal');
    expect(late.messages[0]).toEqual({ type: 'refused', reason: 'wrong' });
    expect(attempts.map((a) => [a.outcome, a.remoteAddress])).toEqual([
      ...Array.from({ length: 6 }, () => ['wrong', '127.0.0.2']),
      ['paired', '127.0.0.3'],
      ['wrong', '127.0.0.4'],
    ]);
  });

  it('closes HTTP connections that send no request in time', async () => {
    const { port } = await start({ limits: { headersTimeoutMs: 200, connectionsCheckingIntervalMs: 50 } });
    const since = Date.now();
    const silent = net.connect(port, '127.0.0.1');
    silent.on('error', () => undefined);
    silent.on('data', () => undefined);
    await new Promise((resolve) => silent.once('close', resolve));
    expect(Date.now() - since).toBeLessThan(2_000);
  });
});

describe('LAN display follows the settings (the real app)', () => {
  let app: PosApp;
  let runner: LanDisplayRunner;
  const renderer = fakeRenderer();
  const data = makeTempDir('counterpay-lan-app-');
  afterAll(async () => {
    await runner?.close();
    await app?.close();
    data.cleanup();
    renderer.cleanup();
  });

  const setLan = async (display: { lanDisplayEnabled?: boolean; lanDisplayPort?: number }) => {
    const result = await app.call('updateSettings', { change: { display } });
    expect(result.ok).toBe(true);
    await runner.settled();
  };

  it('listens only while enabled, moves with the port, and unpairs every tablet when turned off', async () => {
    fs.writeFileSync(path.join(data.dir, 'settings.json'), JSON.stringify({ setupComplete: true }));
    app = await createPosApp({ dataDir: data.dir, env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
    const [port, otherPort] = [await freePort(), await freePort()];
    runner = runLanDisplay({ app, rendererDir: renderer.dir, address: '127.0.0.1' });
    await runner.settled();
    // Off by default: nothing listens on the LAN display's port.
    expect(runner.port()).toBeUndefined();
    expect(await isListening(8422)).toBe(false);

    await setLan({ lanDisplayEnabled: true, lanDisplayPort: port });
    expect(runner.port()).toBe(port);
    expect((await get(port, '/display')).status).toBe(200);
    expect((await get(port, '/api')).status).toBe(404);

    const code = await app.call('createDisplayPairingCode', {});
    expect(code.ok).toBe(true);
    const client = tablet(port);
    await client.opened;
    client.send({ pair: { code: (code as { value: { code: string } }).value.code } });
    await until(() => client.messages.length === 1, 'pairing');
    expect(client.messages[0]).toMatchObject({ type: 'paired', view: { screen: { kind: 'idle' } } });
    const token = (client.messages[0] as { token: string }).token;
    expect(app.journal.auditLog(5).map((row) => [row.action, row.outcome])).toContainEqual(['display.lanPairing', 'ok']);

    // A sale on the cashier's side reaches the tablet as a display view, nothing more.
    const sale = await app.call('startSale', { amount: 1234 });
    expect(sale.ok).toBe(true);
    await until(() => client.messages.some((m) => m.type === 'display' && m.view.screen.kind === 'sale'), 'the sale on the tablet');
    expect(client.messages.every((m) => m.type === 'paired' || m.type === 'display')).toBe(true);
    expect(JSON.stringify(client.messages)).not.toContain('settings');
    await app.call('cancelSale', {});

    // A new port: the host moves, the tablet comes back with its token.
    await setLan({ lanDisplayPort: otherPort });
    expect(await client.closed).toBe(1001);
    expect(runner.port()).toBe(otherPort);
    expect(await isListening(port)).toBe(false);
    const moved = tablet(otherPort);
    await moved.opened;
    moved.send({ pair: { token } });
    await until(() => moved.messages.length === 1, 'resuming on the new port');
    expect(moved.messages[0]).toMatchObject({ type: 'paired', token });

    // Turned off: the tablet is told it is unpaired, nothing listens, the token is void for good.
    await setLan({ lanDisplayEnabled: false });
    expect(await moved.closed).toBe(LAN_DISPLAY_UNPAIRED);
    expect(runner.port()).toBeUndefined();
    expect(await isListening(otherPort)).toBe(false);
    await setLan({ lanDisplayEnabled: true });
    const after = tablet(otherPort);
    await after.opened;
    after.send({ pair: { token } });
    await until(() => after.messages.length === 1, 'refusal');
    expect(after.messages[0]).toEqual({ type: 'refused', reason: 'wrong' });
  });

  it('logs a port it cannot open and tries again when the settings change', async () => {
    const blocker = net.createServer();
    const busy = await freePort();
    await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', () => resolve()));
    try {
      await setLan({ lanDisplayPort: busy });
      expect(runner.port()).toBeUndefined();
      const free = await freePort();
      await setLan({ lanDisplayPort: free });
      expect(runner.port()).toBe(free);
    } finally {
      blocker.close();
    }
  });
});
