import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { makeTempDir } from '../fixtures/tempDir';
import { exchangeKey, PRINTED_URLS } from './fixtures/childPos';
import { ROOT } from './fixtures/posHarness';

/** What `npm start` runs after building: the launcher, on a machine without Electron's runtime. */
describe('npm start (launcher) on a machine without the Electron runtime', () => {
  const temp = makeTempDir('counterpay-launch-');
  let child: ChildProcess;
  let output = '';
  let url = '';
  let cashierUrl = '';
  let displayUrl = '';
  let cookie = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [path.join(ROOT, 'scripts', 'start.mjs'), '--port', '0', '--data-dir', temp.dir], {
      cwd: ROOT,
      env: { ...process.env, POS_NIHAOPAY_TOKEN: '', POS_GATEWAY: '' },
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
      const poll = setInterval(() => {
        const match = PRINTED_URLS.exec(output);
        if (match) {
          [cashierUrl, displayUrl] = [match[1]!, match[2]!];
          url = `${new URL(cashierUrl).origin}/`;
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
    });
    cookie = await exchangeKey(cashierUrl);
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    temp.cleanup();
  });

  it('says in one line why it runs in browser mode, and that it is training', () => {
    const lines = output.split('\n');
    expect(lines.filter((l) => l.startsWith('Electron runtime not installed'))).toHaveLength(1);
    expect(output).toContain('TRAINING mode');
    // The addresses a cashier opens, each with this run's key.
    expect(cashierUrl).toMatch(new RegExp(`^${url}\\?key=[A-Za-z0-9_-]{43}$`));
    expect(displayUrl).toMatch(new RegExp(`^${url}display\\?key=[A-Za-z0-9_-]{43}$`));
    expect(output).toContain(`  Cashier:          ${cashierUrl}\n  Customer display: ${displayUrl}\n`);
    expect(output).toContain(`Data folder:      ${temp.dir}`);
    // Where its data is, and that training's data lives there too.
    expect(output).toContain("(payment journal, settings, and training's sandbox books; --data-dir DIR for another)");
  });

  it('serves a favicon with the pages', async () => {
    const page = await (await fetch(url, { headers: { Cookie: cookie } })).text();
    const icon = /<link rel="icon" type="image\/png" href="\.\/(assets\/[^"]+\.png)"/.exec(page)?.[1];
    expect(icon).toBeDefined();
    const response = await fetch(url + icon, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('serves the cashier at / and the customer display at /display, with a strict CSP, to holders of the key only', async () => {
    for (const page of ['', 'display']) {
      const refused = await fetch(url + page);
      expect(refused.status).toBe(401);
      expect(await refused.text()).toContain('Open the address Counterpay printed');
      const response = await fetch(url + page, { headers: { Cookie: cookie } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root"></div>');
    }
    expect((await fetch(url + 'secrets.json', { headers: { Cookie: cookie } })).status).toBe(404);
    // The display's key opens the display page and no more.
    const displayCookie = await exchangeKey(displayUrl);
    expect((await fetch(url + 'display', { headers: { Cookie: displayCookie } })).status).toBe(200);
    expect((await fetch(url, { headers: { Cookie: displayCookie } })).status).toBe(403);
  });

  it('refuses the API to a page from another origin, and to anyone without the key', async () => {
    const port = new URL(url).port;
    const upgrade = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('error', () => undefined);
      });
    expect(await upgrade({ Origin: 'http://evil.example', Cookie: cookie })).toBe(403);
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}` })).toBe(401);
    expect(await upgrade({ Origin: `http://127.0.0.1:${port}`, Cookie: cookie })).toBe(101);
  });

  it('answers calls from its own origin, and keeps data in --data-dir', async () => {
    const port = new URL(url).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { Origin: `http://127.0.0.1:${port}`, Cookie: cookie } });
    await new Promise((resolve) => ws.once('open', resolve));
    const reply = await new Promise<string>((resolve) => {
      ws.once('message', (data) => resolve(data.toString()));
      ws.send(JSON.stringify({ id: 7, call: 'getSnapshot', args: {} }));
    });
    ws.close();
    const parsed = JSON.parse(reply) as { id: number; result: { ok: boolean; value: { settings: Record<string, unknown> } } };
    expect(parsed).toMatchObject({ type: 'result', id: 7, result: { ok: true } });
    expect(parsed.result.value.settings).toMatchObject({ training: true, environment: 'training', currency: 'USD' });
    // The per-run sandbox token (training + 24 hex digits) never reaches a window.
    expect(JSON.stringify(parsed)).not.toMatch(/training[0-9a-f]{24}/);
    const fs = await import('node:fs');
    expect(fs.existsSync(path.join(temp.dir, 'journal.sqlite'))).toBe(true);
    expect(fs.existsSync(path.join(temp.dir, 'settings.json'))).toBe(true);
    // Readable by this OS user only.
    if (process.platform !== 'win32') {
      expect((fs.statSync(temp.dir).mode & 0o777).toString(8)).toBe('700');
      for (const file of fs.readdirSync(temp.dir)) expect([file, (fs.statSync(path.join(temp.dir, file)).mode & 0o777).toString(8)]).toEqual([file, '600']);
    }
  });
});
