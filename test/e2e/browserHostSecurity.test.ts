import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import NodeWebSocket from 'ws';
import { startPos, type PosHarness } from './fixtures/posHarness';

/**
 * The browser host from the outside, in Debian's Chromium: a page from another origin — a
 * second web server on another port of the same machine, the closest a hostile site gets —
 * can neither call the API nor read the snapshot events that our own page receives; a
 * DNS-rebinding name pointed at loopback is refused; and the host listens on 127.0.0.1 only.
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

/** Same flags as the e2e fixture's launchChromium, plus the rebinding resolver rule. */
function launchChromiumWithRebinding(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--host-resolver-rules=MAP ${REBIND_HOST} 127.0.0.1`],
  });
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
    const index = await (await fetch(pos.host.url)).text();
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
    await ours.goto(pos.host.url);
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
    expect(await rawRequest(port, { Host: `127.0.0.1:${port}` })).toBe(200);
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
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}` })).toBe(101);
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
