import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import type { PosApp } from '../../../../electron/app/posApp';
import { MAX_FRAME_BYTES, startBrowserHost, type BrowserHost, type BrowserHostOptions } from '../../../../electron/host/browserHost';
import { makeTempDir } from '../../../fixtures/tempDir';

/** Just enough of PosApp for the host: calls echo their name; events can be published. */
function fakeApp() {
  const listeners = new Set<(event: 'snapshot', payload: unknown) => void>();
  const calls: unknown[] = [];
  const app = {
    call: async (name: unknown) => {
      calls.push(name);
      return name === 'getSnapshot' ? { ok: true, value: 'snapshot' } : { ok: false, error: { code: 'UNKNOWN_CALL' } };
    },
    subscribe: (listener: (event: 'snapshot', payload: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as PosApp;
  return { app, calls, publish: (payload: unknown) => listeners.forEach((l) => l('snapshot', payload)) };
}

function request(port: number, headers: Record<string, string>, pathname = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
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
  const connect = () => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
    const messages: Array<{ type: string; id?: number; result?: { ok: boolean; error?: { code: string } } }> = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString())));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    return { ws, messages, closed, open: new Promise((resolve) => ws.once('open', resolve)) };
  };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  };
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
    const hostHeader = { Host: `127.0.0.1:${host.port}` };
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
    const theirs = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { headers: { Origin: 'http://127.0.0.1:1' } });
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
