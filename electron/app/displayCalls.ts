import crypto from 'node:crypto';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { DisplayCallArgs, DisplayPairingCode, StoreQrPoster } from '../../shared/bridge/displayContract';
import type { CheckoutState } from '../../shared/checkout/checkoutState';
import { customerDisplayView, rateVendorOf, type CustomerDisplayView, type RmbEquivalent } from '../../shared/display/customerDisplayView';
import type { CallResult, PosErrorData } from '../../shared/errors/posErrors';
import type { GatewayTransaction } from '../../shared/gateway/nihaopay/nihaopayTypes';
import { toRmbFen } from '../../shared/money/rmbEquivalent';
import { isInStoreCurrency } from '../../shared/money/currencies';
import { displayLanguagesOf } from '../../shared/settings/languages';
import { displaySettingsOf, type DisplaySettings, type StoreQrRecord } from '../../shared/settings/displaySettings';
import { auditedPinCheck, type ManagerPin } from '../services/auth/managerPin';
import type { CheckoutService } from '../services/checkout/checkoutService';
import type { ShowQrConfig } from '../services/checkout/showQrSale';
import { createDisplayPairing, type DisplayPairing, type PairingInput, type PairingResult } from '../services/display/displayPairing';
import { createExchangeRateService, type ExchangeRateService } from '../services/exchange/exchangeRates';
import { gatewayFailure } from '../services/gateway/nihaopay/nihaopayGatewayError';
import { applyIpnToJournal } from '../services/ipn/applyIpnToJournal';
import type { Journal } from '../services/journal/journal';
import type { Logger } from '../services/log/logger';
import { externalIpv4Addresses } from '../services/network/terminalIp';
import { createQrImageCache } from '../services/qr/qrImage';
import type { SettingsStore } from '../services/settings/settingsStore';
import type { CallHandlers } from './callDispatcher';
import type { GatewayConnection } from './gatewayConnection';
import { openIpnConnection, type IpnConnection } from './ipnConnection';

type DisplayCallName = keyof DisplayCallArgs;

export interface DisplayFeatureContext {
  settings: SettingsStore;
  connection: GatewayConnection;
  managerPin: ManagerPin;
  journal: Journal;
  /** The checkout, once created (it needs this feature's show-QR configuration first). */
  checkout: () => CheckoutService;
  snapshot: () => AppSnapshot;
  publish: () => void;
  log: Logger;
  now: () => Date;
  /**
   * Whether the store can use NihaoPay now (availableMethods.ts): its store QR and the RMB
   * equivalent at its rates are NihaoPay's, so they are off in a CNY or EUR store, or with
   * NihaoPay not enabled. Absent: NihaoPay is usable (tests of this feature alone).
   */
  nihaoPayRefusal?: () => PosErrorData | undefined;
  /** Whether the store trains (posApp: NihaoPay's, or OnlinePay's in an OnlinePay-only store). Absent: NihaoPay's. */
  training?: () => boolean;
}

/** What the LAN display host needs from the app: the view, pairing, and whether it is on. */
export interface CustomerDisplayAccess {
  view(): CustomerDisplayView;
  /** `from`: the tablet's address, so wrong codes count against that address only (displayPairing.ts). */
  pair(input: PairingInput): PairingResult;
  isPaired(token: string): boolean;
  lan(): { enabled: boolean; port: number };
}

export interface DisplayFeature {
  calls: Pick<CallHandlers, DisplayCallName>;
  access: CustomerDisplayAccess;
  /** What the checkout's show-QR sale needs from settings and the IPN receiver. */
  showQrConfig(): Pick<ShowQrConfig, 'ipnUrl' | 'ipnReceiving' | 'timeoutMinutes'>;
  /** Brings the IPN receiver and rate cache in line with settings and gateway (called on every change). */
  sync(): void;
  close(): Promise<void>;
}

/**
 * The customer display and QR payments: the display's view (with the shown QR rendered
 * here, in main), show-QR sales, the store's static QR and its poster, the RMB equivalent,
 * the IPN receiver and the pairing of LAN displays. Spread into posApp's handlers like
 * managerCalls.
 */
export function createDisplayFeature(ctx: DisplayFeatureContext): DisplayFeature {
  const qr = createQrImageCache();
  const display = (): DisplaySettings & { storeQr?: StoreQrRecord } => displaySettingsOf(ctx.settings.get().display);
  const pairing: DisplayPairing = createDisplayPairing({ now: () => ctx.now().getTime(), randomBytes: (size) => crypto.randomBytes(size) });
  const rates: ExchangeRateService = createExchangeRateService({
    gateway: () => ctx.connection.gateway(),
    now: ctx.now,
    log: ctx.log,
    onChange: () => ctx.publish(),
  });
  const ipn: IpnConnection = openIpnConnection({
    connection: ctx.connection,
    log: ctx.log,
    onNotification: (transaction: GatewayTransaction) => {
      const applied = applyIpnToJournal(ctx.journal, transaction);
      if (!applied.written && applied.reason === 'mismatch') ctx.log.warn('IPN not applied: it disagrees with the journal', { reference: transaction.reference, problem: applied.problem });
      if (!applied.written && applied.reason === 'missing') {
        // Signed by NihaoPay, but for no attempt of this terminal (the store's static QR, another till, a web shop on the same account): kept on record, never a sale of ours.
        ctx.log.info('IPN for a payment this terminal did not make', { reference: transaction.reference, status: transaction.status });
        ctx.journal.audit({ action: 'ipn not from this terminal', outcome: 'ok', detail: `${transaction.id} ${transaction.status} ${transaction.amount} ${transaction.currency} ${transaction.reference}` });
      }
      // The watch of that code reads the journal at once instead of at its next look-up.
      ctx.checkout().nudgeShowQr(transaction.reference);
    },
  });

  const nihaoPayUsable = () => ctx.nihaoPayRefusal?.() === undefined;

  /**
   * The store QR made for the gateway in use, if there is one, and only while the store can
   * take NihaoPay in the currency the code was made for: a code made before the store moved
   * to another currency (or turned NihaoPay off) must not be offered to a customer.
   */
  const storeQrRecord = (): StoreQrRecord | undefined => {
    const record = display().storeQr;
    if (!record || record.environment !== ctx.connection.target().environment) return undefined;
    return nihaoPayUsable() && record.tradeCurrency === ctx.settings.get().currency ? record : undefined;
  };

  const rmbFor = (checkout: CheckoutState, settings: DisplaySettings): RmbEquivalent | undefined => {
    if (!settings.showRmbEquivalent || !('sale' in checkout || 'attempt' in checkout)) return undefined;
    const sale = 'sale' in checkout ? checkout.sale : checkout.attempt;
    // NihaoPay's daily rate, for a currency NihaoPay takes: never beside a CNY amount (it is RMB already) nor in a store without NihaoPay.
    if (!nihaoPayUsable() || !isInStoreCurrency(sale.currency)) return undefined;
    const vendor = rateVendorOf(checkout, settings.showQrVendor);
    const rate = rates.rate(sale.currency, vendor);
    if (!rate) return undefined;
    const fen = toRmbFen(sale.amount, sale.currency, rate.rate);
    return fen === undefined ? undefined : { fen, rate: rate.rate, rateDate: rate.rateDate, vendor };
  };

  const view = (): CustomerDisplayView => {
    const s = ctx.settings.get();
    const settings = displaySettingsOf(s.display);
    const checkout = ctx.checkout().state();
    const record = settings.storeQrEnabled ? storeQrRecord() : undefined;
    const rmb = rmbFor(checkout, settings);
    return customerDisplayView(checkout, {
      storeName: s.storeName,
      training: ctx.training?.() ?? ctx.connection.target().training,
      languages: displayLanguagesOf(settings.primaryLanguage, settings.secondaryLanguage),
      nowMs: ctx.now().getTime(),
      ...(record ? { storeQr: qr(record.qrcode, 'screen') } : {}),
      ...(checkout.phase === 'showingQr' ? { shownQr: qr(checkout.qr.codeUrl, 'screen') } : {}),
      ...(rmb ? { rmb } : {}),
    });
  };

  const refused = <T>(error: PosErrorData): CallResult<T> => ({ ok: false, error });
  const guard = auditedPinCheck(ctx.managerPin, ctx.journal);
  const snapshotResult = (result: CallResult<unknown>): CallResult<AppSnapshot> => (result.ok ? { ok: true, value: ctx.snapshot() } : result);

  let lastGatewayKey = '';
  const sync = () => {
    const target = ctx.connection.target();
    const gatewayKey = `${target.environment}:${ctx.connection.sandbox()?.url ?? ('baseUrl' in target ? target.baseUrl : '')}`;
    // Another gateway has other rates (training's are the sandbox's): start over.
    if (gatewayKey !== lastGatewayKey) rates.reset();
    lastGatewayKey = gatewayKey;
    void ipn.sync(display());
  };

  const calls: Pick<CallHandlers, DisplayCallName> = {
    getDisplay: () => ({ ok: true, value: view() }),

    startShowQr: ({ vendor }) => snapshotResult(ctx.checkout().startShowQr(vendor ?? display().showQrVendor)),

    stopWaitingForQr: () => snapshotResult(ctx.checkout().stopWaitingForQr()),

    async createStoreQr({ pin }) {
      const error = await guard('storeQr.create', pin);
      if (error) return refused(error);
      const s = ctx.settings.get();
      const settings = displaySettingsOf(s.display);
      // NihaoPay's merchantqrcode: refused, with nothing sent, when the store cannot use NihaoPay.
      const notUsable = ctx.nihaoPayRefusal?.() ?? (isInStoreCurrency(s.currency) ? undefined : ({ code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: 'NihaoPay', currency: s.currency } } as const));
      if (notUsable || !isInStoreCurrency(s.currency)) return refused(notUsable ?? { code: 'GATEWAY_CURRENCY_NOT_TAKEN' });
      const tradeCurrency = s.currency;
      const gateway = ctx.connection.gateway();
      if (!gateway) return refused({ code: 'GATEWAY_NOT_CONFIGURED', params: { problem: ctx.snapshot().settings.problems.join(', ') } });
      if (settings.sellerName.trim() === '' || settings.storeNumber.trim() === '' || s.storeName.trim() === '') return refused({ code: 'STORE_QR_NOT_SET_UP' });
      try {
        const ipnUrl = settings.ipnPublicUrl || undefined;
        const created = await gateway.createMerchantQrCode({
          tradeCurrency,
          sellerName: settings.sellerName.trim(),
          storeName: s.storeName.trim(),
          storeNo: settings.storeNumber.trim(),
          ...(ipnUrl ? { ipnUrl } : {}),
        });
        const record: StoreQrRecord = {
          qrcode: created.qrcode,
          sellerName: created.sellerName,
          storeName: created.storeName,
          storeNo: created.storeNo,
          tradeCurrency,
          environment: ctx.connection.target().environment,
          createdAt: ctx.now().toISOString(),
        };
        ctx.settings.set('display', { ...s.display, storeQr: record });
        ctx.journal.audit({ action: 'storeQr.create', outcome: 'ok', detail: `${record.storeNo} ${record.environment}` });
      } catch (cause) {
        const posError = gatewayFailure(cause).error;
        ctx.log.warn('merchantqrcode failed', { error: cause });
        ctx.journal.audit({ action: 'storeQr.create', outcome: 'refused', detail: posError.code });
        return refused(posError);
      }
      ctx.publish();
      return { ok: true, value: ctx.snapshot() };
    },

    getStoreQrPoster() {
      const record = storeQrRecord();
      if (!record) return refused({ code: 'STORE_QR_NOT_SET_UP' });
      const poster: StoreQrPoster = {
        qr: qr(record.qrcode, 'poster'),
        qrcode: record.qrcode,
        sellerName: record.sellerName,
        storeName: record.storeName,
        storeNo: record.storeNo,
        tradeCurrency: record.tradeCurrency,
        training: record.environment === 'training',
        languages: displayLanguagesOf(display().primaryLanguage, display().secondaryLanguage),
      };
      return { ok: true, value: poster };
    },

    async createDisplayPairingCode({ pin }) {
      const error = await guard('display.pairingCode', pin);
      if (error) return refused(error);
      const settings = display();
      if (!settings.lanDisplayEnabled) return refused({ code: 'LAN_DISPLAY_OFF' });
      const { code, expiresAt } = pairing.newCode();
      ctx.journal.audit({ action: 'display.pairingCode', outcome: 'ok' });
      const value: DisplayPairingCode = { code, expiresAt: new Date(expiresAt).toISOString(), urls: externalIpv4Addresses().map((ip) => `http://${ip}:${settings.lanDisplayPort}/display`) };
      return { ok: true, value };
    },

    simulateQrPayment({ outcome }) {
      const sandbox = ctx.connection.sandbox();
      const checkout = ctx.checkout().state();
      if (!sandbox || !ctx.connection.target().training) return refused({ code: 'TRAINING_ONLY' });
      if (checkout.phase !== 'showingQr') return refused({ code: 'NO_SALE_IN_PROGRESS' });
      // What the customer's phone would do, at the sandbox; the app learns it the usual way (look-up or IPN).
      const reply = outcome === 'pay' ? sandbox.payShownQr(checkout.attempt.reference) : sandbox.failShownQr(checkout.attempt.reference);
      if (reply.status !== 200) ctx.log.info('training: the sandbox refused the simulated payment', { status: reply.status });
      ctx.checkout().nudgeShowQr(checkout.attempt.reference);
      return { ok: true, value: ctx.snapshot() };
    },

    pairDisplay(input) {
      if (!display().lanDisplayEnabled) return refused({ code: 'LAN_DISPLAY_OFF' });
      const paired = pairing.pair(input);
      if (!paired.ok) return refused({ code: 'PAIRING_CODE_WRONG' });
      if (input.code !== undefined) ctx.journal.audit({ action: 'display.paired', outcome: 'ok' });
      return { ok: true, value: { token: paired.token, view: view() } };
    },
  };

  let lanWasEnabled = display().lanDisplayEnabled;
  return {
    calls,
    access: {
      view,
      pair: (input) => (display().lanDisplayEnabled ? pairing.pair(input) : { ok: false }),
      isPaired: (token) => display().lanDisplayEnabled && pairing.isPaired(token),
      lan: () => ({ enabled: display().lanDisplayEnabled, port: display().lanDisplayPort }),
    },
    showQrConfig() {
      const settings = display();
      return { ipnUrl: ipn.ipnUrlFor(settings), ipnReceiving: ipn.receiving(), timeoutMinutes: settings.showQrTimeoutMinutes };
    },
    sync() {
      sync();
      // Turning the LAN display off unpairs every tablet: turning it on again needs new codes.
      const lanEnabled = display().lanDisplayEnabled;
      if (lanWasEnabled && !lanEnabled) pairing.revokeAll();
      lanWasEnabled = lanEnabled;
    },
    async close() {
      rates.close();
      await ipn.close();
    },
  };
}
