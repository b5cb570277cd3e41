import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { makeTempDir } from '../fixtures/tempDir';
import { ROOT } from './fixtures/posHarness';

/** What `npm start` runs after building: the launcher, on a machine without Electron's runtime. */
describe('npm start (launcher) on a machine without the Electron runtime', () => {
  const temp = makeTempDir('counterpay-launch-');
  let child: ChildProcess;
  let output = '';
  let url = '';

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
        const match = /Cashier:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
        if (match) {
          url = match[1]!;
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
    });
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
    expect(output).toContain(`Customer display: ${url}display`);
    expect(output).toContain(`Data folder:      ${temp.dir}`);
  });

  it('serves the cashier at / and the customer display at /display, with a strict CSP', async () => {
    for (const page of ['', 'display']) {
      const response = await fetch(url + page);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root"></div>');
    }
    expect((await fetch(url + 'secrets.json')).status).toBe(404);
  });

  it('refuses the API to a page from another origin', async () => {
    const port = new URL(url).port;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { Origin: 'http://evil.example' } });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => undefined);
    });
    expect(status).toBe(403);
  });

  it('answers calls from its own origin, and keeps data in --data-dir', async () => {
    const port = new URL(url).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { Origin: `http://127.0.0.1:${port}` } });
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
  });
});
