import path from 'node:path';
import crypto from 'node:crypto';
import type { AppSnapshot, EventName, EventPayloads } from '../../shared/bridge/contract';
import type { CallResult } from '../../shared/errors/posErrors';
import type { PaymentGateway } from '../../shared/gateway/nihaopay/nihaopayTypes';
import type { NihaoPayApi } from '../../shared/gateway/nihaopay/nihaopayApi';
import type { Scan, ScannerStatus } from '../../shared/scanner/scanTypes';
import type { SettingsProblemCode, SettingsView } from '../../shared/settings/settingsView';
import type { AttentionView, AttemptSummary } from '../../shared/checkout/attention';
import { createCheckoutService, maskPaymentCode, type CheckoutService } from '../services/checkout/checkoutService';
import { crashPointFromEnv } from '../services/checkout/crashPoints';
import { recoverUnfinishedAttempts, summarize, type RecoveredAttempt } from '../services/checkout/paymentRecovery';
import { openJournal, type AttemptRow, type Journal } from '../services/journal/journal';
import { openOnlinePayConnection } from './onlinePayConnection';
import type { OnlinePaySandbox } from '../sandbox/onlinepay/onlinePaySandboxServer';
import { createOnlinePayCalls } from './onlinePayCalls';
import { applyOnlinePayNotification } from './onlinePayNotifications';
import type { GatewayPorts } from '../services/gateway/gatewayPort';
import { createNihaoPayPort } from '../services/gateway/nihaopay/nihaopayPort';
import { createOnlinePayPort } from '../services/gateway/onlinepay/onlinePayPort';
import { ONLINEPAY_PAYMENT_MINUTES } from '../../shared/settings/onlinePaySettings';
import { onlinePayLocaleOf } from '../../shared/gateway/onlinepay/onlinePayLocale';
import { isFinalPaymentState } from '../../shared/payments/paymentState';
import { createLogger, type LogSink, type Logger } from '../services/log/logger';
import { terminalIp } from '../services/network/terminalIp';
import { createEmulatedHidScanner } from '../services/scanner/emulatedHidScanner';
import type { HidBackend } from '../services/scanner/hidBackend';
import { createHidScannerService } from '../services/scanner/hidScannerService';
import { createFileSecretStore, type SecretStore } from '../services/settings/secretStore';
import { openSettingsStore, type SettingsBackendFactory, type SettingsStore } from '../services/settings/settingsStore';
import type { Sandbox } from '../sandbox/nihaopay/sandboxServer';
import { createCallDispatcher, type CallHandlers } from './callDispatcher';
import { TRAINING_STATE_FILES, ensureWritableDataFolder } from './dataFolder';
import { openGatewayConnection } from './gatewayConnection';
import { createManagerCalls } from './managerCalls';
import { createDisplayFeature, type CustomerDisplayAccess } from './displayCalls';
import { displaySettingsOf } from '../../shared/settings/displaySettings';
import { cashierLanguageOf, cashierLanguagesOf } from '../../shared/settings/languages';
import { createHistoryCalls } from './historyCalls';
import { createRefundCalls } from './refundCalls';
import { createReceiptCalls } from './receiptCalls';
import { createReportCalls } from './reportCalls';
import { createAccountCalls } from './accountCalls';
import { receiptScanOf } from './receiptScan';
import { classifyScan } from '../../shared/scanner/classifyScan';
import { createPayoutService } from '../services/refunds/payoutService';
import { createRefundRouter } from '../services/refunds/refundRouter';
import { createRefundService } from '../services/refunds/refundService';
import type { PagePrinter } from '../services/receipts/pagePrinter';
import type { ReceiptScan } from '../../shared/bridge/backOfficeContract';
import { createManagerPin } from '../services/auth/managerPin';
import { prepareManagerPin } from '../services/auth/managerPinStartup';
import { summarizeHidDevices } from '../services/scanner/hidDeviceSummary';
import { MAX_SCAN_LENGTH, type ScannerSettings } from '../../shared/scanner/scanTypes';
import { availableMethods, gatewayAvailability, gatewayRefusal, methodRefusal, type StoreMethodsInput } from '../../shared/gateway/availableMethods';
import { enabledGatewaysOf, onlinePayWasUsable } from '../../shared/settings/storeGateways';
import type { SaleMethod } from '../../shared/gateway/paymentGateway';
import type { HidScannerConfig } from '../services/scanner/hidScannerService';
import { createRegisterFeature, type RegisterFeature } from './registerCalls';

export interface PosAppOptions {
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** conf under plain Node, electron-store in Electron: the same schema either way. */
  settingsBackend: SettingsBackendFactory;
  /** Electron passes a safeStorage store; otherwise a 0600 file in the data folder. */
  secretStore?: SecretStore;
  /** The real HID backend (node-hid); null runs without a hardware scanner. */
  hidBackend: HidBackend | null;
  /** Electron's printing of the cashier window; absent in browser mode (the window prints itself). */
  printer?: PagePrinter;
  logSink?: LogSink;
  now?: () => Date;
  /** The built-in NihaoPay sandbox's clock in training (tests move it a day on); the real clock without it. */
  trainingSandboxNow?: () => Date;
  /** How often payments that need attention are looked up again. Default 30 s. */
  attentionRecheckMs?: number;
  /** --reset-manager-pin: forget the manager PIN and its lock (audited); setup asks for a new one. */
  resetManagerPin?: boolean;
}

/** An unresolved sale this recent, for the same amount, makes a new one ask for confirmation. */
const DUPLICATE_WINDOW_MS = 30 * 60 * 1000;
/** A reference the gateway still does not know this long after it was journaled was never received. */
const NOT_FOUND_SETTLE_MS = 10_000;


export interface PosApp {
  /** Validates and runs one call from a window; always resolves to a CallResult. */
  call(name: unknown, args: unknown): Promise<CallResult<unknown>>;
  subscribe(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): () => void;
  snapshot(): AppSnapshot;
  readonly dataDir: string;
  readonly sandbox?: Sandbox;
  /** The built-in OnlinePay sandbox while OnlinePay trains. */
  readonly onlinePaySandbox?: OnlinePaySandbox;
  readonly journal: Journal;
  readonly log: Logger;
  /** The customer display's view and pairing, for the LAN display host (never the cashier's calls). */
  readonly displayAccess: CustomerDisplayAccess;
  /** Resolves when no sale is being sent or looked up. */
  settled(): Promise<void>;
  /** Resolves when start-up recovery has looked up every unfinished payment of the last run. */
  recovered(): Promise<void>;
  /** The cash-register endpoint's port while it listens (Settings → Cash register; tests ask for port 0). */
  registerPort(): number | undefined;
  close(): Promise<void>;
}

/**
 * The composition root of the main process, shared by the Electron shell and the
 * browser host: settings, journal, gateway (or the built-in sandbox in training),
 * scanners and checkout, exposed as one call dispatcher and one event stream.
 */
export async function createPosApp(options: PosAppOptions): Promise<PosApp> {
  const now = options.now ?? (() => new Date());
  const dataFolder = ensureWritableDataFolder(options.dataDir);
  const secrets = options.secretStore ?? createFileSecretStore(options.dataDir);
  const knownSecrets: string[] = [];
  const log = createLogger(options.logSink ?? ((line) => process.stderr.write(line + '\n')), () => knownSecrets, now);
  // Not fatal (a sale is still journaled), but another OS user may be able to read the journal.
  if (dataFolder.notOwnerOnly.length > 0) log.warn('data folder is not private to this OS user', { problems: dataFolder.notOwnerOnly });

  const settings: SettingsStore = openSettingsStore(options.dataDir, options.settingsBackend, now);
  if (settings.problem) log.warn('settings file was unreadable and has been kept aside', { ...settings.problem });
  const journal = openJournal(options.dataDir, now);

  // The PIN, its failure count and its lock are in the journal (they survive a corrupt settings file and restarts).
  const managerPin = createManagerPin({ table: journal.pinState, now: () => now().getTime() });
  prepareManagerPin({ managerPin, settings, journal, log, reset: options.resetManagerPin === true });
  // Training's sandboxes keep their books in the data folder, beside (never in) the journal: a training sale survives a restart.
  const connection = await openGatewayConnection({ settings, secrets, env: options.env, log, addSecret: (secret) => knownSecrets.push(secret), trainingStateFile: path.join(options.dataDir, TRAINING_STATE_FILES.nihaopay), ...(options.trainingSandboxNow ? { trainingSandboxNow: options.trainingSandboxNow } : {}) });
  // The second gateway, a peer of the first: its own target, client and (in training) sandbox.
  // Its callbacks are hints: confirmed by a look-up with our key, then the sale's watch is woken.
  let onOnlinePaySettled: (reference: string) => void = () => undefined;
  const onlinePay = await openOnlinePayConnection({
    settings,
    secrets,
    env: options.env,
    log,
    trainingStateFile: path.join(options.dataDir, TRAINING_STATE_FILES.onlinepay),
    addSecret: (secret) => knownSecrets.push(secret),
    onNotification: async (notification) => {
      const applied = await applyOnlinePayNotification(notification, { journal, client: onlinePay.client() });
      if (applied.outcome === 'mismatch') log.warn('an OnlinePay notification named another payment than the journal has', { reference: applied.reference });
      if (applied.reference && applied.outcome === 'applied') onOnlinePaySettled(applied.reference);
    },
  });
  /** Each gateway's port, for the neutral core's look-ups (recovery, the recheck). */
  const ports: GatewayPorts = (name) => {
    if (name === 'onlinepay') {
      const client = onlinePay.client();
      return client ? createOnlinePayPort(client) : undefined;
    }
    const gateway = connection.gateway();
    return gateway ? createNihaoPayPort(gateway) : undefined;
  };

  const problems = (): SettingsProblemCode[] => {
    const list: SettingsProblemCode[] = [];
    if (settings.problem) list.push('settingsUnreadable');
    // A gateway the store does not use is nothing to fix.
    const enabled = enabledGateways();
    const target = connection.target();
    if ('problem' in target && enabled.includes('nihaopay')) list.push(target.problem);
    const onlinePayTarget = onlinePay.target();
    if ('problem' in onlinePayTarget && enabled.includes('onlinepay')) list.push(onlinePayTarget.problem);
    return list;
  };
  /** The gateways the store uses: its setting, or for an older file as the store was (storeGateways.ts). */
  const enabledGateways = () =>
    enabledGatewaysOf(settings.get().gateways, {
      onlinePayWasUsable: onlinePayWasUsable(onlinePay.target().training, connection.target().training),
    });
  /** What the store's rule (availableMethods.ts) is asked with: currency, enabled gateways, and which can be called now. */
  const storeMethods = (): StoreMethodsInput => {
    const s = settings.get();
    return {
      currency: s.currency,
      enabled: enabledGateways(),
      ready: { nihaopay: connection.gateway() !== undefined, onlinepay: onlinePay.client() !== undefined },
    };
  };
  /**
   * Whether the store trains, for the banner and the display: NihaoPay's word while the
   * store takes NihaoPay in its currency (as always), OnlinePay's in a store that uses
   * OnlinePay alone (a CNY store with a real OnlinePay key takes real money, whatever the
   * unused NihaoPay side says).
   */
  const storeTraining = (): boolean => {
    const nihaoPay = gatewayAvailability(storeMethods(), 'nihaopay');
    return nihaoPay.ok || nihaoPay.reason === 'notConfigured' ? connection.target().training : onlinePay.target().training;
  };
  const settingsView = (): SettingsView => {
    const s = settings.get();
    const cashierLanguages = cashierLanguagesOf(s.cashierLanguages);
    const store = storeMethods();
    const target = connection.target();
    return {
      environment: target.environment,
      training: storeTraining(),
      hasMerchantToken: connection.hasMerchantToken(),
      onlinePay: {
        environment: onlinePay.target().environment,
        training: onlinePay.target().training,
        hasPrivateKey: onlinePay.hasPrivateKey(),
        ready: onlinePay.client() !== undefined,
        paymentMinutes: s.onlinePay.paymentMinutes ?? ONLINEPAY_PAYMENT_MINUTES.default,
        environmentChoice: s.onlinePay.environment ?? 'auto',
        customUrl: s.onlinePay.customUrl ?? '',
        notificationReceiverEnabled: s.onlinePay.notificationReceiverEnabled === true,
      },
      currency: s.currency,
      gateways: [...store.enabled],
      methods: availableMethods(store),
      maxAmount: s.maxAmount,
      language: cashierLanguageOf(s.language, cashierLanguages),
      cashierLanguages,
      storeName: s.storeName,
      terminalName: s.terminalName,
      problems: problems(),
      environmentChoice: s.gatewayEnvironment ?? 'auto',
      gatewayCustomUrl: s.gatewayCustomUrl ?? '',
      pendingDeadlineSeconds: s.pendingDeadlineSeconds,
      setupComplete: s.setupComplete,
      hasManagerPin: managerPin.isSet(),
      scanner: s.scanner,
      merchantName: s.merchantName,
      refundsNeedPin: s.refundsNeedPin,
      autoPrint: s.autoPrint,
      receiptPaper: s.receiptPaper,
      printerName: s.printerName,
      display: displaySettingsOf(s.display),
      register: register.view(),
    };
  };

  // The cash register (nexo Terminal API). Its calls into the cashier's handlers are bound
  // once those exist (below); until then a register request cannot arrive (the endpoint starts last).
  let startRegisterSale: (amount: number) => CallResult<unknown> | Promise<CallResult<unknown>> = () => ({ ok: false, error: { code: 'RECOVERY_IN_PROGRESS' } });
  let cancelRegisterSale: () => CallResult<unknown> | Promise<CallResult<unknown>> = () => ({ ok: false, error: { code: 'NO_SALE_IN_PROGRESS' } });
  let refundForRegister: Parameters<typeof createRegisterFeature>[0]['refund'] = () => Promise.resolve({ ok: false, error: { code: 'INTERNAL' } });
  const register: RegisterFeature = createRegisterFeature({
    dataDir: options.dataDir,
    settings,
    secrets,
    managerPin,
    journal,
    log,
    now,
    checkout: () => checkout,
    startSale: (amount) => startRegisterSale(amount),
    cancelSale: () => cancelRegisterSale(),
    refund: (input) => refundForRegister(input),
    saleInFlight: () => checkout.activeReference() !== undefined,
    training: () => storeTraining(),
    snapshot: () => snapshot(),
    publish: () => publish(),
    addSecret: (secret) => knownSecrets.push(secret),
  });
  /** The register's sale for the snapshot, read once per snapshot (every publish builds one). */
  const registerSaleField = () => {
    const registerSale = register.session.view();
    return registerSale ? { registerSale } : {};
  };

  const listeners = new Set<Parameters<PosApp['subscribe']>[0]>();
  let scannerStatus: ScannerStatus = { connection: 'notConfigured' };
  let lastScan: Scan | undefined;
  let receiptScan: ReceiptScan | undefined;
  /** A wallet code scanned while no sale waited for one: the cashier is told to enter the amount first (the code is not kept). */
  let walletScanWithoutSale: { at: number } | undefined;
  // Only a journal with unfinished rows makes new sales wait for recovery.
  let recovering = journal.unfinished().length > 0;
  let recovered: RecoveredAttempt[] = [];
  let paidAfterAll: AttemptSummary[] = [];
  // What the cashier was last shown as unresolved: news about one of these must reach them.
  let shownUnresolved = new Set<string>();
  const attention = (): AttentionView => {
    const active = checkout.activeReference();
    const unresolved = journal.unfinished().filter((row) => row.reference !== active).map(summarize);
    shownUnresolved = new Set(unresolved.map((row) => row.reference));
    return { recovering, unresolved, recovered, paidAfterAll };
  };
  /**
   * An attempt the cashier had been told was unresolved is settled, however the app learned
   * it (the background recheck, a show-QR watch, a verified IPN after a restart): the
   * recovery notice says what it turned out to be, and a sale that was paid after all is
   * announced with Refund it, once, so that nobody charges the customer a second time.
   */
  const announceSettled = (row: AttemptRow) => {
    const result = row.state === 'success' ? 'paid' : row.state === 'failure' ? 'notCharged' : undefined;
    if (!result) return;
    recovered = recovered.map((entry) => (entry.reference === row.reference ? { ...summarize(row), result } : entry));
    if (result === 'paid' && row.kind === 'sale' && !paidAfterAll.some((entry) => entry.reference === row.reference)) paidAfterAll = [...paidAfterAll, summarize(row)];
  };
  const snapshot = (): AppSnapshot => ({
    settings: settingsView(),
    checkout: checkout.state(),
    attention: attention(),
    scanner: scannerStatus,
    ...(lastScan ? { lastScan } : {}),
    ...(receiptScan ? { receiptScan } : {}),
    ...(walletScanWithoutSale ? { walletScanWithoutSale } : {}),
    ...registerSaleField(),
  });
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => {
    for (const listener of listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken window (or host) must not stop the others, nor the call that changed the state.
        log.error('event listener failed', { event, error });
      }
    }
  };
  const publish = () => {
    emit('snapshot', snapshot());
    // The customer display gets its own small view (and a LAN tablet nothing else).
    emit('display', display.access.view());
  };

  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  const notConfigured: PaymentGateway & Pick<NihaoPayApi, 'showQrCode'> = {
    scanQrCode: () => Promise.reject(new Error('gateway not configured')),
    showQrCode: () => Promise.reject(new Error('gateway not configured')),
    getTransactionByReference: () => Promise.reject(new Error('gateway not configured')),
    getTransaction: () => Promise.reject(new Error('gateway not configured')),
  };
  const ip = terminalIp();
  // The customer display, show-QR, store QR, RMB rates and the IPN receiver. It reads the
  // checkout lazily: the checkout needs its show-QR configuration first.
  const display = createDisplayFeature({
    settings,
    connection,
    managerPin,
    journal,
    checkout: () => checkout,
    snapshot,
    publish: () => publish(),
    log,
    now,
    nihaoPayRefusal: () => gatewayRefusal(storeMethods(), 'nihaopay'),
    training: storeTraining,
  });
  const checkout: CheckoutService = createCheckoutService({
    gateway: () => connection.gateway() ?? notConfigured,
    journal,
    config: () => {
      const s = settings.get();
      return {
        currency: s.currency,
        maxAmount: s.maxAmount,
        terminalName: s.terminalName,
        environment: connection.target().environment,
        training: connection.target().training,
        pendingDeadlineMs: s.pendingDeadlineSeconds * 1000,
      };
    },
    clientIp: () => ip,
    // The store's currency and gateways decide, in one place, what may be journaled and sent.
    methodRefusal: (method) => methodRefusal(storeMethods(), method),
    randomBytes: (size) => crypto.randomBytes(size),
    random: Math.random,
    now,
    sleep,
    // A register's sale follows the checkout: its attempt is linked (before it is sent) and answered when settled.
    onChange: (state) => {
      register.session.onCheckoutChange(state);
      publish();
    },
    log,
    notFoundSettleMs: NOT_FOUND_SETTLE_MS,
    unresolvedLike: (amount, currency) =>
      journal
        .unfinished()
        .find((row) => row.kind === 'sale' && row.amount === amount && row.currency === currency && now().getTime() - Date.parse(row.createdAt) < DUPLICATE_WINDOW_MS),
    crashPoint: crashPointFromEnv(options.env),
    showQr: {
      gateway: () => connection.gateway() ?? notConfigured,
      onlinePay: () => onlinePay.client(),
      config: () => ({
        ...display.showQrConfig(),
        hosted: {
          environment: onlinePay.target().environment,
          timeoutMinutes: settings.get().onlinePay.paymentMinutes ?? ONLINEPAY_PAYMENT_MINUTES.default,
          // The page is the customer's, so it speaks the customer display's primary language (ja → jp, zh-* → zh).
          locale: onlinePayLocaleOf(displaySettingsOf(settings.get().display).primaryLanguage),
        },
      }),
      onPaidAfterAll: (row) => {
        // The customer paid a code the cashier had given up on: say so, and offer the refund.
        announceSettled(row);
        log.warn('show-QR code paid after the cashier stopped waiting', { reference: row.reference });
        publish();
      },
      onUnwatchedNews: (reference) => {
        // A verified IPN settled a code nobody in this run watches (left unresolved before a
        // restart, or handed to the recheck): announced exactly as the recheck would have.
        const row = journal.get(reference);
        const toldUnresolved = shownUnresolved.has(reference) || recovered.some((entry) => entry.reference === reference && entry.result === 'unresolved');
        if (!row || !isFinalPaymentState(row.state) || !toldUnresolved) return;
        if (row.state === 'success') log.warn('a payment left unresolved was settled as paid by a verified IPN', { reference });
        announceSettled(row);
        publish();
      },
    },
  });
  display.sync();
  // A confirmed OnlinePay notification wakes the sale's watch (or, unwatched, is announced like an IPN's news).
  onOnlinePaySettled = (reference) => checkout.nudgeShowQr(reference);

  // Refunds: journaled like sales; recovery leaves the one being settled on screen alone.
  // Each sale goes back the way its gateway pays money back: a NihaoPay refund, an OnlinePay payout.
  const refunds = createRefundRouter({
    journal,
    nihaopay: createRefundService({
      journal,
      gateway: () => connection.gateway(),
      config: () => ({ terminalName: settings.get().terminalName, environment: connection.target().environment, training: connection.target().training }),
      randomBytes: (size) => crypto.randomBytes(size),
      now,
      sleep,
      log,
      notFoundSettleMs: NOT_FOUND_SETTLE_MS,
      crashPoint: crashPointFromEnv(options.env),
    }),
    onlinepay: createPayoutService({
      journal,
      client: () => onlinePay.client(),
      config: () => ({ terminalName: settings.get().terminalName, environment: onlinePay.target().environment, training: onlinePay.target().training }),
      randomBytes: (size) => crypto.randomBytes(size),
      now,
      sleep,
      log,
      notFoundSettleMs: NOT_FOUND_SETTLE_MS,
      crashPoint: crashPointFromEnv(options.env),
    }),
  });

  // Start-up recovery: before a new payment is accepted, every unfinished attempt of the
  // last run is looked up (never re-sent). Later, unsettled ones are checked periodically.
  const recover = async (phase: 'startup' | 'recheck') => {
    const before = new Set(journal.unfinished().filter((row) => row.state === 'needs_attention').map((row) => row.reference));
    const results = await recoverUnfinishedAttempts({
      journal,
      gateway: connection.gateway(),
      payouts: () => onlinePay.client(),
      ports,
      now,
      log,
      notFoundSettleMs: NOT_FOUND_SETTLE_MS,
      // A show-QR code still on watch is looked up by its own watch.
      skip: (reference) => reference === checkout.activeReference() || refunds.isActive(reference) || checkout.watchedShowQr().includes(reference),
    });
    if (phase === 'startup') recovered = results;
    for (const result of results) {
      // At start-up only a payment that already needed attention was "paid after all"; later, every one the recheck settles was.
      if (result.result === 'unresolved' || (phase === 'startup' && !before.has(result.reference))) continue;
      const row = journal.get(result.reference);
      if (row) announceSettled(row);
    }
  };
  const recovery = recover('startup')
    .catch((error: unknown) => log.error('start-up recovery failed', { error }))
    .finally(() => {
      recovering = false;
      publish();
    });
  let recheckRunning: Promise<void> | undefined;
  const recheck = () => {
    recheckRunning ??= recover('recheck')
      .catch((error: unknown) => log.error('attention recheck failed', { error }))
      .finally(() => {
        recheckRunning = undefined;
        publish();
      });
    return recheckRunning;
  };
  const recheckTimer = setInterval(() => {
    const watched = checkout.watchedShowQr();
    if (!recovering && journal.unfinished().some((row) => row.reference !== checkout.activeReference() && !refunds.isActive(row.reference) && !watched.includes(row.reference))) void recheck();
  }, options.attentionRecheckMs ?? 30_000);
  recheckTimer.unref();

  /** The last scan as windows see it (the scanner test panel): a wallet code masked like the journal's, being one-time and the customer's. */
  const shownScan = (scan: Scan): Scan => (classifyScan(scan.data).kind === 'wallet' ? { ...scan, data: maskPaymentCode(scan.data) } : scan);
  /** A wallet code with no sale to pay: said on the amount screen, never kept (it is one-time, and the customer's). */
  const noteWalletScanWithoutSale = (code: string): boolean => {
    const phase = checkout.state().phase;
    if ((phase !== 'idle' && phase !== 'approved' && phase !== 'declined') || classifyScan(code).kind !== 'wallet') return false;
    walletScanWithoutSale = { at: now().getTime() };
    return true;
  };
  /** A scanned receipt barcode opens its sale in the cashier window (see receiptScan.ts); true when it was one. */
  const openReceipt = (code: string): boolean => {
    const scanned = receiptScanOf(code, checkout.state().phase, journal, now().getTime());
    if (scanned) receiptScan = scanned;
    return scanned !== undefined;
  };
  const onScan = (scan: Scan) => {
    lastScan = shownScan(scan);
    if (checkout.state().phase === 'awaitingScan') checkout.submitScan(scan.data, scan.source);
    else {
      if (!openReceipt(scan.data)) noteWalletScanWithoutSale(scan.data);
      publish();
    }
  };
  const hidServiceConfig = (scanner: ScannerSettings): HidScannerConfig => ({
    mode: scanner.mode,
    ...(scanner.vendorId !== undefined ? { vendorId: scanner.vendorId } : {}),
    ...(scanner.productId !== undefined ? { productId: scanner.productId } : {}),
    layout: scanner.layout,
    terminator: scanner.terminator,
    maxLength: MAX_SCAN_LENGTH,
    interCharTimeoutMs: 200,
  });
  const startHidScanner = (scanner: ScannerSettings) =>
    options.hidBackend
      ? createHidScannerService({
          backend: options.hidBackend,
          config: hidServiceConfig(scanner),
          onScan,
          onStatus: (status) => {
            scannerStatus = status;
            publish();
          },
        })
      : undefined;
  let hidScanner = startHidScanner(settings.get().scanner);
  await hidScanner?.start();

  // Training offers "simulate scan": an emulated HID scanner per mode, feeding the same
  // decoders and service as a real device, byte for byte.
  // Created in every mode (they cost nothing) so switching to training at run time has them.
  const emulated = await Promise.all(
    (['keyboard', 'pos'] as const).map(async (mode) => {
      const device = createEmulatedHidScanner({ mode });
      const service = createHidScannerService({
        backend: device.backend,
        config: { mode, layout: 'us', terminator: 'enter', maxLength: MAX_SCAN_LENGTH, interCharTimeoutMs: 0 },
        onScan: (scan) => onScan({ ...scan, source: 'simulated' }),
        onStatus: () => undefined,
      });
      await service.start();
      return { mode, device, service };
    }),
  );

  const result = (outcome: CallResult<unknown>): CallResult<AppSnapshot> => (outcome.ok ? { ok: true, value: snapshot() } : outcome);
  /**
   * Whether a sale can start. As before the store chose its gateways: a store that takes
   * NihaoPay in its currency opens no sale while NihaoPay itself cannot be called (a real
   * environment without its token is a problem to fix, not to trade around); otherwise at
   * least one method must be offered (a CNY store with OnlinePay only needs OnlinePay).
   */
  const gatewayReady = (): CallResult<AppSnapshot> | undefined => {
    const store = storeMethods();
    const nihaoPay = gatewayAvailability(store, 'nihaopay');
    const nihaoPayWanted = nihaoPay.ok || nihaoPay.reason === 'notConfigured';
    if ((nihaoPayWanted && !nihaoPay.ok) || availableMethods(store).length === 0) return { ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: problems().join(', ') } } };
    return undefined;
  };
  /** A displayed-code method the store does not offer, refused before the checkout is asked. */
  const notOffered = (method: SaleMethod): CallResult<AppSnapshot> | undefined => {
    const error = methodRefusal(storeMethods(), method);
    return error ? { ok: false, error } : undefined;
  };

  const managerCalls = createManagerCalls({
    settings,
    secrets,
    connection,
    onlinePay,
    managerPin,
    journal,
    enabledGateways,
    saleInFlight: () => checkout.activeReference() !== undefined,
    scanner: {
      async reconfigure(scanner) {
        await hidScanner?.stop();
        hidScanner = startHidScanner(scanner);
        await hidScanner?.start();
      },
      list: async () => (options.hidBackend ? summarizeHidDevices(await options.hidBackend.devices().catch(() => [])) : []),
    },
    snapshot,
    // Settings and the gateway decide the IPN receiver and the rates' source: re-synced on every change.
    publish: () => {
      display.sync();
      publish();
    },
    log,
  });


  const refundCalls = createRefundCalls({ refunds, managerPin, journal, settings, publish });
  const onlinePayCalls = createOnlinePayCalls({ onlinePay, secrets, managerPin, journal, checkout: () => checkout, snapshot, publish, log });

  const handlers: CallHandlers = {
    ...managerCalls,
    // OnlinePay's own readiness, not NihaoPay's: a CNY store has no NihaoPay at all.
    startHostedPayment: (args) => notOffered('hostedqr') ?? onlinePayCalls.startHostedPayment(args),
    setOnlinePayKey: onlinePayCalls.setOnlinePayKey,
    ...display.calls,
    ...createHistoryCalls({ journal, gateway: () => connection.gateway() }),
    ...refundCalls,
    ...register.calls,
    ...createReceiptCalls({ journal, settings, log, gateway: () => connection.gateway(), ...(options.printer ? { printer: options.printer } : {}) }),
    ...createReportCalls({ journal, settings, managerPin, now }),
    ...createAccountCalls({ nihaoPay: () => connection.gateway(), onlinePay: () => onlinePay.client(), nihaoPayProblem: () => { const t = connection.target(); return 'problem' in t ? t.problem : ''; }, nihaoPayTraining: () => connection.target().training, enabledGateways, managerPin, journal, now, log }),
    getSnapshot: () => ({ ok: true, value: snapshot() }),
    startSale: ({ amount, confirmDuplicate }) => {
      if (recovering) return { ok: false, error: { code: 'RECOVERY_IN_PROGRESS' } };
      return gatewayReady() ?? result(checkout.startSale(amount, confirmDuplicate));
    },
    startShowQr: (args) => notOffered('showqrcode') ?? gatewayReady() ?? display.calls.startShowQr(args),
    // The code on the display is NihaoPay's or OnlinePay's: each gateway's customer acts at its own sandbox.
    simulateQrPayment: (args) => onlinePayCalls.simulateOnPage(args.outcome) ?? display.calls.simulateQrPayment(args),
    submitScan: ({ code, source }) => {
      lastScan = shownScan({ data: code, source, at: now().getTime() });
      if (openReceipt(code)) {
        publish();
        return { ok: true, value: snapshot() };
      }
      if (noteWalletScanWithoutSale(code)) {
        publish();
        return { ok: false, error: { code: 'SCAN_BEFORE_AMOUNT' } };
      }
      return result(checkout.submitScan(code, source));
    },
    retryScan: () => result(checkout.retryScan()),
    cancelSale: () => result(checkout.cancelSale()),
    newSale: () => result(checkout.newSale()),
    setLanguage: ({ language }) => {
      // Only a language the store enabled: F2 offers no other, and a stray call must not leave the cashier in one nobody there reads.
      if (!cashierLanguagesOf(settings.get().cashierLanguages).includes(language)) return { ok: false, error: { code: 'SETTINGS_INVALID', params: { field: 'language' } } };
      settings.set('language', language);
      publish();
      return { ok: true, value: snapshot() };
    },
    dismissAttention: () => {
      recovered = [];
      paidAfterAll = [];
      publish();
      return { ok: true, value: snapshot() };
    },
    recheckAttention: async () => {
      await recheck();
      return { ok: true, value: snapshot() };
    },
    simulateScan: async ({ code, mode }) => {
      const emulator = emulated.find((e) => e.mode === mode);
      if (!emulator || !connection.target().training) return { ok: false, error: { code: 'TRAINING_ONLY' } };
      await emulator.device.type(code);
      return { ok: true, value: snapshot() };
    },
  } satisfies CallHandlers;
  const dispatch = createCallDispatcher(handlers, log);
  // The register's sale goes through the cashier's own calls: the same checks, the same journal.
  startRegisterSale = (amount) => handlers.startSale({ amount, confirmDuplicate: true });
  cancelRegisterSale = () => handlers.cancelSale({});
  refundForRegister = async (input) => refundCalls.refund(input);
  await register.sync();

  return {
    call: dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot,
    dataDir: options.dataDir,
    get onlinePaySandbox() {
      return onlinePay.sandbox();
    },
    get sandbox() {
      return connection.sandbox();
    },
    journal,
    log,
    displayAccess: display.access,
    settled: () => checkout.idle(),
    recovered: () => recovery,
    registerPort: () => register.port(),
    async close() {
      clearInterval(recheckTimer);
      await register.close();
      checkout.close();
      await recovery;
      await recheckRunning;
      for (const wake of [...sleepers]) wake();
      await checkout.idle();
      await refunds.idle();
      await display.close();
      await hidScanner?.stop();
      for (const e of emulated) await e.service.stop();
      await connection.close();
      await onlinePay.close();
      journal.close();
      listeners.clear();
    },
  };
}

