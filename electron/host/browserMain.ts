import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPosApp } from '../app/posApp';
import { DEFAULT_BROWSER_PORT, parseLaunchOptions } from '../app/launchOptions';
import { createConfBackend } from '../services/settings/confBackend';
import { resolveDataDir } from '../services/settings/dataDir';
import { createNodeHidBackend } from '../services/scanner/nodeHidBackend';
import { createFileSecretStore } from '../services/settings/secretStore';
import { startBrowserHost } from './browserHost';
import { runLanDisplay } from './lanDisplayRunner';

/** Browser mode's entry: the same services as Electron, served to Chromium on loopback. */
export async function runBrowserMode(argv: readonly string[]): Promise<void> {
  const parsed = parseLaunchOptions(argv);
  if (!parsed.ok) {
    process.stderr.write(`counterpay: ${parsed.message}\n`);
    process.exit(2);
  }
  const dataDir = resolveDataDir({ flag: parsed.options.dataDir, env: process.env });
  // Browser mode has no OS keychain: a stored token is in a 0600 file, and the merchant is told.
  const secretStore = createFileSecretStore(dataDir);
  if (secretStore.getMerchantToken() && secretStore.warning) process.stderr.write(`counterpay: warning: ${secretStore.warning}\n`);
  let app;
  try {
    app = await createPosApp({ dataDir, env: process.env, settingsBackend: createConfBackend, secretStore, hidBackend: createNodeHidBackend() });
  } catch (error) {
    // A data folder that cannot hold the journal: say so in one line and take no payment.
    process.stderr.write(`counterpay: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const rendererDir = path.resolve(here, '../renderer');
  let host;
  try {
    host = await startBrowserHost({ app, rendererDir, port: parsed.options.port ?? DEFAULT_BROWSER_PORT });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(code === 'EADDRINUSE' ? `counterpay: port ${parsed.options.port ?? DEFAULT_BROWSER_PORT} is in use; pass --port N (0 picks a free one)\n` : `counterpay: ${String(error)}\n`);
    await app.close();
    process.exit(1);
  }
  // The LAN customer display (off by default) follows its settings, as in the Electron shell.
  const lanDisplay = runLanDisplay({ app, rendererDir });
  const mode = app.snapshot().settings.training ? 'TRAINING mode (built-in NihaoPay and OnlinePay sandboxes, no real money)' : `${app.snapshot().settings.environment} gateway`;
  // Each address carries this run's key for its page: whoever opens it gets that page's
  // cookie, and other OS users of this computer, who reach 127.0.0.1 too, get nothing.
  process.stdout.write(
    `Counterpay is running in browser mode, ${mode}.\n  Cashier:          ${host.access.cashier.url}\n  Customer display: ${host.access.display.url}\n  Data folder:      ${dataDir}\n                    (payment journal, settings, and training's sandbox books; --data-dir DIR for another)\n`,
  );
  // Only when the merchant turned it on (Settings → Cash register): where a register finds this terminal.
  const registerPort = app.registerPort();
  if (registerPort !== undefined) process.stdout.write(`  Cash register:    https://${app.snapshot().settings.register?.openToStoreNetwork ? '<this computer>' : '127.0.0.1'}:${registerPort}/nexo/ (nexo Terminal API)\n`);
  const stop = async () => {
    await lanDisplay.close();
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

await runBrowserMode(process.argv.slice(2));
