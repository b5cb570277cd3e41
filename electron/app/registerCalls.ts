import type { AppSnapshot } from '../../shared/bridge/contract';
import type { CheckoutState } from '../../shared/checkout/checkoutState';
import type { CallResult, PosErrorData } from '../../shared/errors/posErrors';
import type { CurrencyCode } from '../../shared/money/currencies';
import type { RefundOutcome } from '../../shared/refunds/refundTypes';
import { registerSettingsOf, type RegisterSettingsView, type StoredRegisterSettings } from '../../shared/settings/registerSettings';
import { auditedPinCheck, type ManagerPin } from '../services/auth/managerPin';
import type { Journal } from '../services/journal/journal';
import type { Logger } from '../services/log/logger';
import { startRegisterEndpoint, type RegisterEndpoint } from '../services/register/registerEndpoint';
import { createRegisterSession, type RegisterSession } from '../services/register/registerSession';
import { loadOrCreateTerminalCertificate, type TerminalCertificate } from '../services/register/terminalCertificate';
import type { SecretStore } from '../services/settings/secretStore';
import type { SettingsStore } from '../services/settings/settingsStore';
import type { CallHandlers } from './callDispatcher';

export interface RegisterFeatureContext {
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  managerPin: ManagerPin;
  journal: Journal;
  log: Logger;
  now: () => Date;
  checkout: () => { state(): CheckoutState };
  startSale: (amount: number) => CallResult<unknown> | Promise<CallResult<unknown>>;
  cancelSale: () => CallResult<unknown> | Promise<CallResult<unknown>>;
  refund: (input: { transactionId: string; amount: number; currency: CurrencyCode; reason: string }) => Promise<CallResult<RefundOutcome>>;
  /** A sale in flight: the endpoint's settings are not changed under it. */
  saleInFlight: () => boolean;
  /** Whether the store trains: the terminal certificate is named `.test.` then, `.live.` otherwise. */
  training: () => boolean;
  snapshot: () => AppSnapshot;
  publish: () => void;
  /** The logger redacts every secret it was given: the passphrase is one. */
  addSecret: (secret: string) => void;
}

export interface RegisterFeature {
  session: RegisterSession;
  calls: Pick<CallHandlers, 'saveRegisterSettings' | 'exportRegisterCa'>;
  /** What Settings shows (never the passphrase). */
  view(): RegisterSettingsView;
  /** Starts, moves or stops the endpoint to follow the settings; resolves when it does. */
  sync(): Promise<void>;
  /** The endpoint's port while it listens (tests ask for port 0). */
  port(): number | undefined;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const EVERY_INTERFACE = '0.0.0.0';

/**
 * The cash-register integration: the nexo endpoint following its settings, the session that
 * bridges a register's request to the checkout, and the Settings calls (manager PIN).
 */
export function createRegisterFeature(ctx: RegisterFeatureContext): RegisterFeature {
  const stored = (): StoredRegisterSettings => ctx.settings.get().register ?? {};
  let endpoint: RegisterEndpoint | undefined;
  let running: { host: string; port: number } | undefined;
  let failed: { host: string; port: number; message: string } | undefined;
  let certificate: TerminalCertificate | undefined;
  let chain: Promise<void> = Promise.resolve();

  const certificateNow = (): TerminalCertificate => {
    const live = !ctx.training();
    if (!certificate || certificate.commonName.includes('.live.') !== live) certificate = loadOrCreateTerminalCertificate(ctx.dataDir, { live, now: ctx.now() });
    return certificate;
  };

  const session = createRegisterSession({
    journal: ctx.journal,
    checkout: ctx.checkout,
    startSale: ctx.startSale,
    cancelSale: ctx.cancelSale,
    refund: ctx.refund,
    config: () => {
      const s = ctx.settings.get();
      return { currency: s.currency, merchantName: s.merchantName, storeName: s.storeName, terminalName: s.terminalName };
    },
    publish: ctx.publish,
    log: ctx.log,
    now: ctx.now,
  });

  const redacted = new Set<string>();
  // Whether one is stored, for every snapshot without reading the secret store each time.
  let hasPassphrase = false;
  const passphraseNow = (): string | undefined => {
    const passphrase = ctx.secrets.getRegisterPassphrase();
    hasPassphrase = passphrase !== undefined;
    if (passphrase && !redacted.has(passphrase)) {
      redacted.add(passphrase);
      ctx.addSecret(passphrase);
    }
    return passphrase;
  };
  passphraseNow();
  const key = () => {
    const s = registerSettingsOf(stored());
    const passphrase = passphraseNow();
    // No identifier or no passphrase: no key, so every encrypted message is refused (crypto error 2).
    return s.keyIdentifier && passphrase ? { keyIdentifier: s.keyIdentifier, keyVersion: s.keyVersion, passphrase } : undefined;
  };

  async function stop(): Promise<void> {
    const closing = endpoint;
    endpoint = undefined;
    running = undefined;
    await closing?.close();
  }

  async function follow(): Promise<void> {
    const s = registerSettingsOf(stored());
    const wanted = s.enabled ? { host: s.openToStoreNetwork ? EVERY_INTERFACE : LOOPBACK, port: s.port } : undefined;
    if (!wanted) {
      failed = undefined;
      if (endpoint) {
        await stop();
        ctx.log.info('register endpoint stopped');
      }
      return;
    }
    if (running && running.host === wanted.host && (wanted.port === 0 || running.port === wanted.port)) return;
    if (failed && failed.host === wanted.host && failed.port === wanted.port) return;
    await stop();
    try {
      endpoint = await startRegisterEndpoint({
        certificate: certificateNow(),
        host: wanted.host,
        port: wanted.port,
        key,
        allowUnencryptedOnLoopback: () => registerSettingsOf(stored()).allowUnencryptedOnLoopback,
        handle: (request, context) => session.handle(request, context),
        audit: (entry) => ctx.journal.audit({ action: 'register.request', outcome: entry.outcome, detail: entry.detail }),
        log: ctx.log,
      });
      running = { host: wanted.host, port: endpoint.port };
      failed = undefined;
      ctx.log.info('register endpoint listening', { host: wanted.host, port: endpoint.port });
    } catch (error) {
      failed = { ...wanted, message: error instanceof Error ? error.message : String(error) };
      ctx.log.warn('register endpoint could not start', { host: wanted.host, port: wanted.port, error });
    }
  }

  const sync = () => {
    chain = chain.then(follow, follow);
    return chain;
  };

  const refused = (error: PosErrorData): CallResult<never> => ({ ok: false, error });
  const guard = auditedPinCheck(ctx.managerPin, ctx.journal);

  return {
    session,
    view() {
      const { keyIdentifier, keyVersion: _version, ...s } = registerSettingsOf(stored());
      return {
        ...s,
        hasKeyIdentifier: keyIdentifier !== '',
        hasPassphrase,
        ...(endpoint && running ? { listening: { address: running.host, port: endpoint.port } } : {}),
        ...(failed && s.enabled ? { problem: failed.message } : {}),
      };
    },
    sync,
    port: () => endpoint?.port,
    calls: {
      async saveRegisterSettings({ pin, passphrase, ...change }) {
        // Always the PIN, even before one is set: this opens a way to take payments and names who may.
        const error = await guard('settings.register', pin, ['registerEndpoint']);
        if (error) return refused(error);
        if (ctx.saleInFlight() || session.view()) return refused({ code: 'SALE_IN_PROGRESS' });
        const next: StoredRegisterSettings = { ...stored() };
        for (const [field, value] of Object.entries(change) as [keyof StoredRegisterSettings, unknown][]) {
          if (value !== undefined) (next as Record<string, unknown>)[field] = value;
        }
        try {
          ctx.settings.set('register', next);
          if (passphrase !== undefined) ctx.secrets.setRegisterPassphrase(passphrase === '' ? undefined : passphrase);
          passphraseNow();
        } catch (cause) {
          ctx.log.warn('register settings not stored', { error: cause });
          return refused({ code: 'SETTINGS_INVALID', params: { field: 'register' } });
        }
        // What changed, never the passphrase itself.
        const fields = [...Object.keys(change).filter((field) => change[field as keyof typeof change] !== undefined), ...(passphrase === undefined ? [] : [passphrase === '' ? 'passphrase removed' : 'passphrase set'])];
        ctx.journal.audit({ action: 'settings.register', outcome: 'ok', detail: fields.join(', ') });
        await sync();
        ctx.publish();
        return { ok: true, value: ctx.snapshot() };
      },
      exportRegisterCa() {
        try {
          const made = certificateNow();
          return { ok: true, value: { fileName: 'counterpay-register-ca.pem', pem: made.caPem } };
        } catch (error) {
          ctx.log.error('register CA could not be made', { error });
          return refused({ code: 'INTERNAL' });
        }
      },
    },
    async close() {
      session.close();
      await chain;
      await stop();
    },
  };
}
