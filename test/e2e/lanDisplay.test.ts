import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LAN_DISPLAY_TOKEN_KEY } from '../../shared/display/lanDisplayWire';
import type { DisplayPairingCode } from '../../shared/bridge/displayContract';
import { runLanDisplay, type LanDisplayRunner } from '../../electron/host/lanDisplayRunner';
import { RENDERER_DIR, SCREENSHOT_DIR, launchChromium, screenshot, startPos, type PosHarness } from './fixtures/posHarness';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * A tablet on the store's network as the customer display: the LAN display host serves
 * the built display page on the terminal's LAN address, the tablet pairs with the code
 * the cashier's screen shows, follows a sale, survives a reload, and is unpaired when
 * the LAN display is turned off. It never reaches the cashier's API.
 */
describe('LAN customer display in Chromium', () => {
  let browser: Browser;
  let pos: PosHarness;
  let lan: LanDisplayRunner;
  let page: Page;

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    browser = await launchChromium();
    pos = await startPos();
    lan = runLanDisplay({ app: pos.app, rendererDir: RENDERER_DIR });
  });
  afterAll(async () => {
    await page?.close();
    await browser?.close();
    await lan?.close();
    await pos?.close();
  });

  const setLan = async (display: { lanDisplayEnabled: boolean; lanDisplayPort?: number }) => {
    const result = await pos.app.call('updateSettings', { change: { display } });
    expect(result.ok).toBe(true);
    await lan.settled();
  };
  const pairingCode = async (): Promise<DisplayPairingCode> => {
    const result = await pos.app.call('createDisplayPairingCode', {});
    if (!result.ok) throw new Error(`no pairing code: ${result.error.code}`);
    return result.value as DisplayPairingCode;
  };
  const screenKind = () => page.getByTestId('display-screen').getAttribute('data-kind');

  it('pairs a tablet with the code, follows a sale, stays paired after a reload, and is unpaired when turned off', async () => {
    const port = await freePort();
    await setLan({ lanDisplayEnabled: true, lanDisplayPort: port });
    expect(lan.port()).toBe(port);
    const first = await pairingCode();
    // The address the cashier's screen gives: the terminal's LAN address (loopback only on a machine without one).
    const url = first.urls[0]!;
    expect(url).toMatch(new RegExp(`^http://[\\d.]+:${port}/display$`));

    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    const requested: string[] = [];
    const sockets: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    page.on('websocket', (socket) => sockets.push(new URL(socket.url()).pathname));
    await page.goto(url);
    await page.getByTestId('lan-pairing').waitFor();
    await expect(page.getByRole('heading').textContent()).resolves.toContain('Customer display');
    await expect(page.getByRole('heading').textContent()).resolves.toContain('顾客显示屏');
    await screenshot(page, 'lan-display-1-pairing');

    // A wrong code is refused on the tablet, in both languages; the code stays good for the right one.
    const wrong = first.code === '000000' ? '000001' : '000000';
    await page.getByTestId('lan-pairing-code').fill(wrong);
    await page.getByTestId('lan-pairing-submit').click();
    await page.locator('[data-testid="lan-pairing-problem"][data-problem="wrong"]').waitFor();
    await expect(page.getByTestId('lan-pairing-code').inputValue()).resolves.toBe('');
    await screenshot(page, 'lan-display-2-wrong-code');

    // Typed with a space, as people read codes out: only the digits count.
    await page.getByTestId('lan-pairing-code').fill(`${first.code.slice(0, 3)} ${first.code.slice(3)}`);
    await expect(page.getByTestId('lan-pairing-code').inputValue()).resolves.toBe(first.code);
    await screenshot(page, 'lan-display-2b-code-typed');
    await page.getByTestId('lan-pairing-code').press('Enter');
    await page.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor();
    const token = await page.evaluate((key) => localStorage.getItem(key), LAN_DISPLAY_TOKEN_KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'lan-display-3-paired-idle');

    // The cashier starts a sale: the tablet shows its amount.
    const sale = await pos.app.call('startSale', { amount: 1234 });
    expect(sale.ok).toBe(true);
    await page.locator('[data-testid="display-screen"][data-kind="sale"]').waitFor();
    await expect(page.getByTestId('display-amount').textContent()).resolves.toBe('$12.34');
    await screenshot(page, 'lan-display-4-sale');

    // Reloaded, the tablet resumes with its token: no pairing form, the sale still there.
    await page.reload();
    await page.locator('[data-testid="display-screen"][data-kind="sale"]').waitFor();
    await expect(page.getByTestId('lan-pairing').count()).resolves.toBe(0);
    await pos.app.call('cancelSale', {});
    await page.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor();

    // Nothing but the page, its assets and the pairing socket was ever asked for.
    expect(requested.filter((p) => p !== '/display' && !p.startsWith('/assets/'))).toEqual([]);
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.every((p) => p === '/display-api')).toBe(true);

    // Turned off: the tablet is told at once, forgets its token, and asks for a new code.
    await setLan({ lanDisplayEnabled: false });
    await page.locator('[data-testid="lan-pairing-problem"][data-problem="unpaired"]').waitFor();
    await expect(page.evaluate((key) => localStorage.getItem(key), LAN_DISPLAY_TOKEN_KEY)).resolves.toBeNull();
    await screenshot(page, 'lan-display-5-unpaired');

    // Back on with a new code, the same tablet pairs again.
    await setLan({ lanDisplayEnabled: true });
    const second = await pairingCode();
    await page.getByTestId('lan-pairing-code').fill(second.code);
    await page.getByTestId('lan-pairing-submit').click();
    await page.locator('[data-testid="display-screen"][data-kind="idle"]').waitFor();
    expect(path.basename(url)).toBe('display');
  });
});
