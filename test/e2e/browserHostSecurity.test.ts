import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import NodeWebSocket from 'ws';
import { cookieHeaderOf } from '../../electron/host/hostAccess';
import { makeTempDir } from '../fixtures/tempDir';
import { spawnPos } from './fixtures/childPos';
import { launchChromiumBare, startPos, type PosHarness } from './fixtures/posHarness';

/**
 * The browser host from the outside, in Debian's Chromium: a page from another origin — a
 * second web server on another port of the same machine, the closest a hostile site gets —
 * can neither call the API nor read the snapshot events that our own page receives; a
 * DNS-rebinding name pointed at loopback is refused; and the host listens on 127.0.0.1 only.
 * Nothing opens without this run's key (swapped for a cookie), the display's key opens the
 * display only, and another OS user of the computer can neither read the data folder nor
 * use the API.
 */

/** A hostname that Chromium resolves to 127.0.0.1, as a rebinding attacker's DNS would. */
const REBIND_HOST = 'rebind.attacker.test';

const ATTACKER_PAGE = `<!doctype html><html><head><title>attacker</title></head><body>
<p>Nothing to see here.</p>
<script>
  // The attacker's code, run from its own origin. window.attempt returns what it learned.
  window.attempt = async (hostOrigin) => {
    const out = { websockets: [], fetches: [], script: null };
    const wsUrls = [hostOrigin.replace('http', 'ws') + '/api', hostOrigin.replace('http://127.0.0.1', 'ws://localhost') + '/api'];
    await Promise.all(wsUrls.map((url) => new Promise((resolve) => {
      const record = { url, opened: false, messages: [], closeCode: null };
      out.websockets.push(record);
      let ws;
      try { ws = new WebSocket(url); } catch (e) { record.error = String(e); return resolve(); }
      ws.onopen = () => {
        record.opened = true;
        ws.send(JSON.stringify({ id: 1, call: 'startSale', args: { amount: 66600 } }));
        ws.send(JSON.stringify({ id: 2, call: 'getSnapshot', args: {} }));
      };
      ws.onmessage = (m) => record.messages.push(String(m.data));
      ws.onclose = (e) => { record.closeCode = e.code; resolve(); };
      setTimeout(resolve, 3000);
    })));
    for (const [mode, path] of [['cors', '/'], ['no-cors', '/'], ['cors', '/display'], ['no-cors', '/api']]) {
      try {
        const r = await fetch(hostOrigin + path, { mode, credentials: 'include' });
        let body = null;
        try { body = await r.text(); } catch {}
        out.fetches.push({ mode, path, type: r.type, status: r.status, body });
      } catch (e) {
        out.fetches.push({ mode, path, error: String(e) });
      }
    }
    out.script = await new Promise((resolve) => {
      const s = document.createElement('script');
      s.src = hostOrigin + window.assetPath;
      s.onload = () => resolve('loaded');
      s.onerror = () => resolve('error');
      document.head.appendChild(s);
    });
    return out;
  };
</script></body></html>`;

/** The e2e fixture's Chromium without the harness's cookies (pages here get in by the printed key or not at all), plus the rebinding resolver rule. */
function launchChromiumWithRebinding(): Promise<Browser> {
  return launchChromiumBare([`--host-resolver-rules=MAP ${REBIND_HOST} 127.0.0.1`]);
}

/** Opens a WebSocket from inside a page and collects what arrives for `ms`. */
async function listenFromPage(page: Page, url: string, ms: number) {
  return page.evaluate(
    ({ url, ms }) =>
      new Promise<{ opened: boolean; events: number; results: string[]; closeCode: number | null }>((resolve) => {
        const seen = { opened: false, events: 0, results: [] as string[], closeCode: null as number | null };
        const ws = new WebSocket(url);
        ws.onopen = () => {
          seen.opened = true;
          ws.send(JSON.stringify({ id: 9, call: 'getSnapshot', args: {} }));
        };
        ws.onmessage = (m) => {
          const message = JSON.parse(String(m.data)) as { type: string };
          if (message.type === 'event') seen.events += 1;
          else seen.results.push(String(m.data));
        };
        ws.onclose = (e) => (seen.closeCode = e.code);
        setTimeout(() => {
          ws.close();
          resolve(seen);
        }, ms);
      }),
    { url, ms },
  );
}

function connectError(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve('timeout');
    });
  });
}

function rawRequest(port: number, headers: Record<string, string>, path = '/'): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('browser host against pages from other origins', () => {
  let browser: Browser;
  let pos: PosHarness;
  let attacker: http.Server;
  let attackerOrigin: string;
  let hostOrigin: string;
  let assetPath: string;

  beforeAll(async () => {
    browser = await launchChromiumWithRebinding();
    pos = await startPos();
    hostOrigin = pos.host.url.replace(/\/$/, '');
    const index = await (await fetch(pos.host.url, { headers: { Cookie: cookieHeaderOf(pos.host.access.cashier.cookie) } })).text();
    assetPath = /src="\.?(\/assets\/[^"]+\.js)"/.exec(index)?.[1] ?? '';
    expect(assetPath).toMatch(/^\/assets\//);
    attacker = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(ATTACKER_PAGE));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerOrigin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await pos?.close();
  });

  it('a page on another port can neither call the API nor read events, while our page can', async () => {
    const ours = await browser.newPage();
    await ours.goto(pos.host.access.cashier.url);
    const theirs = await browser.newPage();
    await theirs.goto(attackerOrigin + '/');
    await theirs.evaluate((path) => ((window as unknown as { assetPath: string }).assetPath = path), assetPath);
    const phaseBefore = pos.app.snapshot().checkout.phase;

    // Both pages listen with the same code while a sale produces snapshot events.
    const oursListening = listenFromPage(ours, `${hostOrigin.replace('http', 'ws')}/api`, 1500);
    const theirsListening = listenFromPage(theirs, `${hostOrigin.replace('http', 'ws')}/api`, 1500);
    await new Promise((r) => setTimeout(r, 300));
    await pos.app.call('setLanguage', { language: 'zh-CN' });
    await pos.app.call('setLanguage', { language: 'en' });
    const [heard, overheard] = await Promise.all([oursListening, theirsListening]);
    expect(heard).toMatchObject({ opened: true });
    expect(heard.events).toBeGreaterThanOrEqual(2);
    expect(heard.results.join()).toContain('"ok":true');
    expect(overheard).toEqual({ opened: false, events: 0, results: [], closeCode: 1006 });

    const tried = (await theirs.evaluate((origin) => (window as unknown as { attempt: (o: string) => Promise<unknown> }).attempt(origin), hostOrigin)) as {
      websockets: Array<{ url: string; opened: boolean; messages: string[] }>;
      fetches: Array<{ mode: string; path: string; type?: string; status?: number; body?: string | null; error?: string }>;
      script: string;
    };
    // No WebSocket opened (by IP or by name), so no call went through and nothing came back.
    expect(tried.websockets).toHaveLength(2);
    for (const ws of tried.websockets) expect(ws, ws.url).toMatchObject({ opened: false, messages: [] });
    // Reads fail (CORS), blind requests get an opaque nothing, the bundle cannot be included.
    for (const f of tried.fetches) {
      if (f.mode === 'cors') expect(f.error, f.path).toMatch(/TypeError|Failed to fetch/);
      else expect(f, f.path).toMatchObject({ type: 'opaque', status: 0, body: '' });
    }
    expect(tried.script).toBe('error');
    // Nothing the attacker sent changed the till.
    expect(pos.app.snapshot().checkout.phase).toBe(phaseBefore);
    expect(pos.app.journal.recent(10)).toEqual([]);
    await ours.close();
    await theirs.close();
  });

  it('refuses a DNS-rebinding name pointed at the host (wrong Host), in Chromium and on the wire', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`http://${REBIND_HOST}:${pos.host.port}/`);
    expect(response?.status()).toBe(421);
    expect(await page.content()).not.toContain('id="root"');
    // Script on the rebound origin cannot reach the API either.
    const heard = await listenFromPage(page, `ws://${REBIND_HOST}:${pos.host.port}/api`, 800);
    expect(heard).toMatchObject({ opened: false, events: 0, results: [] });
    await page.close();

    // The same on the wire, whatever the client claims.
    const port = pos.host.port;
    expect(await rawRequest(port, { Host: `${REBIND_HOST}:${port}` })).toBe(421);
    expect(await rawRequest(port, { Host: `127.0.0.1:${port + 1}` })).toBe(421);
    expect(await rawRequest(port, { Host: `127.0.0.1.${REBIND_HOST}:${port}` })).toBe(421);
    expect(await rawRequest(port, { Host: `127.0.0.1:${port}`, Cookie: cookieHeaderOf(pos.host.access.cashier.cookie) })).toBe(200);
    const upgrade = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new NodeWebSocket(`ws://127.0.0.1:${port}/api`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    expect(await upgrade({ Host: `${REBIND_HOST}:${port}`, Origin: `http://${REBIND_HOST}:${port}` })).toBe(403);
    expect(await upgrade({ Host: `${REBIND_HOST}:${port}`, Origin: `http://127.0.0.1:${port}` })).toBe(403);
    expect(await upgrade({ Origin: 'null' })).toBe(403);
    expect(await upgrade({})).toBe(403);
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}` })).toBe(401);
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}`, Cookie: cookieHeaderOf(pos.host.access.cashier.cookie) })).toBe(101);
  });

  it('listens on 127.0.0.1 only', async () => {
    const port = pos.host.port;
    expect(new URL(pos.host.url).hostname).toBe('127.0.0.1');
    expect(await connectError('127.0.0.1', port)).toBe('connected');
    // Another loopback address reaches the machine but not the host: it is not bound to 0.0.0.0.
    expect(await connectError('127.0.0.2', port)).toBe('ECONNREFUSED');
    expect(await connectError('::1', port)).toMatch(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    const external = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => Boolean(a) && !a!.internal && a!.family === 'IPv4')
      .map((a) => a.address);
    for (const address of external) expect(await connectError(address, port), address).toMatch(/ECONNREFUSED|EHOSTUNREACH|timeout/);
  });
});

/** What a page learns over /api in `ms`: the answers to `calls` and the names of the events it was sent. */
async function useApiFromPage(page: Page, url: string, calls: string[], ms: number) {
  return page.evaluate(
    ({ url, calls, ms }) =>
      new Promise<{ opened: boolean; answers: Record<string, unknown>; events: string[] }>((resolve) => {
        const seen = { opened: false, answers: {} as Record<string, unknown>, events: [] as string[] };
        const ws = new WebSocket(url);
        ws.onopen = () => {
          seen.opened = true;
          calls.forEach((call, i) => ws.send(JSON.stringify({ id: i + 1, call, args: {} })));
        };
        ws.onmessage = (m) => {
          const message = JSON.parse(String(m.data)) as { type: string; id?: number; event?: string; result?: unknown };
          if (message.type === 'event') seen.events.push(message.event!);
          else seen.answers[calls[message.id! - 1] ?? String(message.id)] = message.result;
        };
        setTimeout(() => {
          ws.close();
          resolve(seen);
        }, ms);
      }),
    { url, calls, ms },
  );
}

describe('browser host: the printed keys, in Chromium', () => {
  let browser: Browser;
  let pos: PosHarness;
  beforeAll(async () => {
    browser = await launchChromiumBare();
    pos = await startPos();
  });
  afterAll(async () => {
    await browser?.close();
    await pos?.close();
  });

  it('without the key: 401 and no app; with it: a cookie scripts cannot read, the clean address, and a reload that keeps working', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bare = await page.goto(pos.host.url);
    expect(bare?.status()).toBe(401);
    expect(await page.content()).not.toContain('id="root"');
    expect(await page.textContent('body')).toContain('Open the address Counterpay printed');

    const opened = await page.goto(pos.host.access.cashier.url);
    expect(opened?.status()).toBe(200);
    // The key left the address bar: what the browser shows and would bookmark is the clean address.
    expect(page.url()).toBe(pos.host.url);
    await page.getByLabel('Amount (USD)').waitFor();
    const [cookie] = await context.cookies(pos.host.url);
    expect(cookie).toMatchObject({ name: pos.host.access.cashier.cookie.name, httpOnly: true, sameSite: 'Strict', path: '/', expires: -1 });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.reload();
    await page.getByLabel('Amount (USD)').waitFor();
    const api = await useApiFromPage(page, `${pos.host.url.replace('http', 'ws')}api`, ['getSnapshot'], 500);
    expect(api.answers.getSnapshot).toMatchObject({ ok: true });
    await context.close();
  });

  it('the display key opens the customer display, which gets its own view only: no cashier page, calls or snapshot', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(pos.host.access.display.url);
    expect(page.url()).toBe(`${pos.host.url}display`);
    await page.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor();
    await page.reload();
    await page.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor();

    const listening = useApiFromPage(page, `${pos.host.url.replace('http', 'ws')}api`, ['getDisplay', 'getSnapshot', 'startSale', 'getHistory'], 1500);
    await new Promise((r) => setTimeout(r, 300));
    expect((await pos.app.call('startSale', { amount: 1234 })).ok).toBe(true);
    const heard = await listening;
    await pos.app.call('cancelSale', {});
    expect(heard.opened).toBe(true);
    expect(heard.answers.getDisplay).toMatchObject({ ok: true });
    for (const call of ['getSnapshot', 'startSale', 'getHistory']) expect(heard.answers[call], call).toEqual({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
    expect(heard.events.length).toBeGreaterThan(0);
    expect(new Set(heard.events)).toEqual(new Set(['display']));
    // The cashier page is not the display key's.
    expect((await page.goto(pos.host.url))?.status()).toBe(403);
    await context.close();
  });
});

/**
 * Another OS user of the same computer: a real second account (we run as root here), the
 * real app in its own process with its data folder where a home folder would put it (the
 * parent 0755, as home folders often are). That user can neither list nor read the data
 * folder, nor get a page or a WebSocket from the host without the key.
 */
describe('browser host: another OS user of the computer', () => {
  const name = `cpay${process.pid}`;
  let other: { uid: number; gid: number } | undefined;
  let why = '';
  const temp = makeTempDir('counterpay-otheruser-');
  beforeAll(() => {
    if (process.platform === 'win32' || process.getuid?.() !== 0) {
      why = 'needs root to create a second OS user';
      return;
    }
    try {
      execFileSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', name], { stdio: 'pipe' });
      other = { uid: Number(execFileSync('id', ['-u', name]).toString()), gid: Number(execFileSync('id', ['-g', name]).toString()) };
    } catch (error) {
      why = `useradd failed: ${String(error).slice(0, 200)}`;
    }
  });
  afterAll(() => {
    if (other) execFileSync('userdel', [name], { stdio: 'pipe' });
    temp.cleanup();
  });

  /** Runs a script as the other user; it prints one JSON line. */
  const asOtherUser = (script: string, args: string[]) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script, ...args], { uid: other!.uid, gid: other!.gid, cwd: '/', env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Record<string, unknown>) : reject(new Error(`exit ${code}: ${err}`))));
    });

  const PROBE = `
    const fs = require('fs'), http = require('http');
    const [dir, port] = process.argv.slice(1);
    const out = {};
    const attempt = (label, fn) => { try { fn(); out[label] = 'allowed'; } catch (e) { out[label] = e.code; } };
    attempt('listFolder', () => fs.readdirSync(dir));
    attempt('readJournal', () => fs.readFileSync(dir + '/journal.sqlite'));
    attempt('readSettings', () => fs.readFileSync(dir + '/settings.json'));
    const headers = { Host: '127.0.0.1:' + port, Origin: 'http://127.0.0.1:' + port };
    http.get({ host: '127.0.0.1', port, path: '/', headers }, (page) => {
      out.page = page.statusCode;
      page.resume();
      const upgrade = http.request({ host: '127.0.0.1', port, path: '/api', headers: { ...headers, Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
      upgrade.on('upgrade', (_res, socket) => { out.api = 101; socket.destroy(); console.log(JSON.stringify(out)); });
      upgrade.on('response', (res) => { out.api = res.statusCode; console.log(JSON.stringify(out)); });
      upgrade.end();
    });
  `;

  it('cannot read the data folder nor use the API without the key', async (context) => {
    if (!other) return context.skip(`skipped: ${why}`);
    fs.chmodSync(temp.dir, 0o755);
    const dataDir = path.join(temp.dir, 'Counterpay');
    const pos = await spawnPos(dataDir, { POS_DATA_DIR: '' });
    try {
      expect((await pos.call('startSale', { amount: 1234 })).ok).toBe(true);
      expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
      for (const file of fs.readdirSync(dataDir)) expect([file, (fs.statSync(path.join(dataDir, file)).mode & 0o777).toString(8)]).toEqual([file, '600']);

      const seen = await asOtherUser(PROBE, [dataDir, String(pos.port)]);
      expect(seen).toEqual({ listFolder: 'EACCES', readJournal: 'EACCES', readSettings: 'EACCES', page: 401, api: 401 });
      // With the key (the fixture's socket holds its cookie) the API still answers.
      const snapshot = await pos.call('getSnapshot');
      expect(snapshot.ok).toBe(true);
    } finally {
      await pos.stop();
    }
  });
});
