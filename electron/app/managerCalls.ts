import type { OnlinePayConnection } from './onlinePayConnection';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { CallResult, PosErrorData } from '../../shared/errors/posErrors';
import type { HidDeviceSummary, ScannerSettings } from '../../shared/scanner/scanTypes';
import type { SettingsChange } from '../../shared/settings/settingsView';
import { credentialsChangedBy } from '../services/auth/guardedCredentials';
import { auditedPinCheck, type ManagerPin } from '../services/auth/managerPin';
import type { Journal } from '../services/journal/journal';
import type { Logger } from '../services/log/logger';
import type { SecretStore } from '../services/settings/secretStore';
import type { SettingsStore } from '../services/settings/settingsStore';
import type { CallHandlers } from './callDispatcher';
import { decideCustomGatewayUrl } from './customGatewayUrl';
import type { GatewayConnection } from './gatewayConnection';
import { reconciliationCsv } from '../services/reconciliation/reconciliationCsv';
import { reconcileGateways } from '../services/reconciliation/reconciliationService';
import { storeGatewaysProblem } from '../../shared/gateway/availableMethods';
import { gatewaysChosen } from '../../shared/settings/storeGateways';
import type { GatewayName } from '../../shared/gateway/paymentGateway';
import { rescaleMinorUnits } from '../../shared/money/amount';
import { LANGUAGES, cashierLanguageOf, cashierLanguagesOf } from '../../shared/settings/languages';

export interface ManagerCallsContext {
  settings: SettingsStore;
  secrets: SecretStore;
  connection: GatewayConnection;
  /** The second gateway's connection: its settings change here too. */
  onlinePay?: Pick<OnlinePayConnection, 'reconfigure' | 'client' | 'target'>;
  managerPin: ManagerPin;
  journal: Journal;
  scanner: { reconfigure(settings: ScannerSettings): Promise<void>; list(): Promise<HidDeviceSummary[]> };
  /** The gateways the store uses now (settings, or as derived for an older store: storeGateways.ts). */
  enabledGateways: () => GatewayName[];
  /** A sale is being sent or looked up: the gateway must not change under it. */
  saleInFlight: () => boolean;
  snapshot: () => AppSnapshot;
  publish: () => void;
  log: Logger;
}

type ManagerCallNames = 'checkManagerPin' | 'updateSettings' | 'setMerchantToken' | 'setManagerPin' | 'listScanners' | 'reconcile';

/**
 * The manager's calls: settings, merchant token, PIN, scanner picker. Every change needs
 * the manager PIN once one is set, and is written to the audit log (names of what
 * changed, never a PIN or token). What decides where money and the token go — the gateway
 * environment, its custom address, the merchant token (guardedCredentials.ts) — needs the
 * PIN even before one is set: until then it is refused (PIN_NOT_SET).
 */
export function createManagerCalls(ctx: ManagerCallsContext): Pick<CallHandlers, ManagerCallNames> {
  const refused = (error: PosErrorData): CallResult<AppSnapshot> => ({ ok: false, error });
  const done = (): CallResult<AppSnapshot> => {
    ctx.publish();
    return { ok: true, value: ctx.snapshot() };
  };
  const guard = auditedPinCheck(ctx.managerPin, ctx.journal);

  return {
    async checkManagerPin({ pin }) {
      const error = await guard('manager.unlock', pin);
      if (error) return refused(error);
      ctx.journal.audit({ action: 'manager.unlock', outcome: 'ok' });
      return done();
    },

    async updateSettings({ pin, change }) {
      const current = ctx.settings.get();
      const currentGateways = ctx.enabledGateways();
      const credentials = credentialsChangedBy(change, current, currentGateways);
      const error = await guard('settings.update', pin, credentials);
      if (error) return refused(error);
      const gatewayChange = credentials.length > 0 || (change.currency !== undefined && change.currency !== current.currency);
      if (gatewayChange && ctx.saleInFlight()) return refused({ code: 'SALE_IN_PROGRESS' });
      if (change.currency !== undefined || change.gateways !== undefined) {
        // At least one gateway, and one that takes the currency (a CNY store with NihaoPay alone could take nothing).
        const problem = storeGatewaysProblem(change.currency ?? current.currency, change.gateways ? gatewaysChosen(change.gateways) : currentGateways);
        if (problem) {
          ctx.journal.audit({ action: 'settings.update', outcome: 'refused', detail: problem.code });
          return refused(problem);
        }
      }
      const nextUrl = change.gatewayCustomUrl ?? current.gatewayCustomUrl ?? '';
      const nextEnvironment = change.environmentChoice ?? current.gatewayEnvironment;
      const onlinePayUrl = change.onlinePay?.customUrl ?? current.onlinePay.customUrl ?? '';
      if ((change.onlinePay?.customUrl !== undefined && change.onlinePay.customUrl !== '') || (change.onlinePay?.environment === 'custom' && credentials.includes('onlinePayEnvironment'))) {
        const decision = decideCustomGatewayUrl(onlinePayUrl);
        if (!decision.ok) {
          ctx.journal.audit({ action: 'settings.update', outcome: 'refused', detail: `GATEWAY_URL_REFUSED onlinePay ${decision.reason}` });
          return refused({ code: 'GATEWAY_URL_REFUSED', params: { reason: decision.reason } });
        }
      }
      // The address is checked whenever it would be used: set now, or custom chosen now.
      if ((change.gatewayCustomUrl !== undefined && change.gatewayCustomUrl !== '') || (nextEnvironment === 'custom' && credentials.length > 0)) {
        const decision = decideCustomGatewayUrl(nextUrl);
        if (!decision.ok) {
          ctx.journal.audit({ action: 'settings.update', outcome: 'refused', detail: `GATEWAY_URL_REFUSED ${decision.reason}` });
          return refused({ code: 'GATEWAY_URL_REFUSED', params: { reason: decision.reason } });
        }
      }
      // The window must speak something: turning every cashier language off is refused, not defaulted.
      if (change.cashierLanguages && !LANGUAGES.some((language) => change.cashierLanguages?.[language])) {
        return refused({ code: 'SETTINGS_INVALID', params: { field: 'cashierLanguages' } });
      }
      apply(ctx.settings, change);
      ctx.journal.audit({ action: 'settings.update', outcome: 'ok', detail: Object.keys(change).sort().join(',') });
      if (gatewayChange) await ctx.connection.reconfigure();
      if (change.onlinePay) await ctx.onlinePay?.reconfigure();
      if (change.scanner) await ctx.scanner.reconfigure(change.scanner);
      return done();
    },

    async setMerchantToken({ pin, token }) {
      const error = await guard('settings.merchantToken', pin, ['merchantToken']);
      if (error) return refused(error);
      if (ctx.saleInFlight()) return refused({ code: 'SALE_IN_PROGRESS' });
      try {
        ctx.secrets.setMerchantToken(token === '' ? undefined : token);
      } catch (cause) {
        ctx.log.warn('merchant token not stored', { error: cause });
        return refused({ code: 'SETTINGS_INVALID', params: { field: 'token' } });
      }
      ctx.journal.audit({ action: 'settings.merchantToken', outcome: 'ok', detail: token === '' ? 'removed' : 'set' });
      await ctx.connection.reconfigure();
      return done();
    },

    async setManagerPin({ pin, newPin }) {
      const wasSet = ctx.managerPin.isSet();
      const error = await ctx.managerPin.change(pin, newPin);
      ctx.journal.audit({ action: 'manager.pin', outcome: error ? 'refused' : 'ok', detail: error ? error.code : wasSet ? 'changed' : 'set' });
      return error ? refused(error) : done();
    },

    async listScanners() {
      return { ok: true, value: await ctx.scanner.list() };
    },

    async reconcile({ pin, from, to }) {
      const error = await guard('reconcile', pin);
      if (error) return { ok: false, error };
      if (from > to || Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`) > 366 * 86_400_000) {
        return { ok: false, error: { code: 'SETTINGS_INVALID', params: { field: 'from/to' } } };
      }
      const nihaoPay = ctx.connection.gateway();
      const onlinePay = ctx.onlinePay?.client();
      // Neither gateway can be asked: nothing to compare, as before the second gateway.
      if (!nihaoPay && !onlinePay) return { ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: ctx.connection.target().environment } } };
      const notConfigured = (environment: string) => ({ error: { code: 'GATEWAY_NOT_CONFIGURED' as const, params: { problem: environment } } });
      const report = await reconcileGateways(
        ctx.journal,
        {
          nihaopay: nihaoPay ? { client: nihaoPay, training: ctx.connection.target().training } : notConfigured(ctx.connection.target().environment),
          onlinepay: onlinePay && ctx.onlinePay ? { client: onlinePay, training: ctx.onlinePay.target().training } : notConfigured(ctx.onlinePay?.target().environment ?? ''),
        },
        from,
        to,
        (gateway, cause) => ctx.log.warn('reconciliation failed', { gateway, error: cause }),
      );
      return { ok: true, value: { report, csv: reconciliationCsv(report) } };
    },
  };
}

function apply(settings: SettingsStore, change: SettingsChange): void {
  if (change.environmentChoice === 'auto') settings.delete('gatewayEnvironment');
  else if (change.environmentChoice) settings.set('gatewayEnvironment', change.environmentChoice);
  if (change.gatewayCustomUrl !== undefined) {
    if (change.gatewayCustomUrl === '') settings.delete('gatewayCustomUrl');
    else settings.set('gatewayCustomUrl', change.gatewayCustomUrl);
  }
  const before = settings.get();
  if (change.currency) settings.set('currency', change.currency);
  if (change.maxAmount !== undefined) settings.set('maxAmount', change.maxAmount);
  // A new currency without a new limit: the limit keeps its figure in the new minor unit
  // (5,000.00 USD = 500000 cents becomes 5,000 JPY, not 500,000 yen).
  else if (change.currency && change.currency !== before.currency) settings.set('maxAmount', rescaleMinorUnits(before.maxAmount, before.currency, change.currency));
  if (change.gateways !== undefined) settings.set('gateways', gatewaysChosen(change.gateways));
  if (change.storeName !== undefined) settings.set('storeName', change.storeName);
  if (change.terminalName !== undefined) settings.set('terminalName', change.terminalName);
  if (change.pendingDeadlineSeconds !== undefined) settings.set('pendingDeadlineSeconds', change.pendingDeadlineSeconds);
  if (change.scanner) settings.set('scanner', change.scanner);
  if (change.setupComplete !== undefined) settings.set('setupComplete', change.setupComplete);
  if (change.merchantName !== undefined) settings.set('merchantName', change.merchantName);
  if (change.refundsNeedPin !== undefined) settings.set('refundsNeedPin', change.refundsNeedPin);
  if (change.autoPrint !== undefined) settings.set('autoPrint', change.autoPrint);
  if (change.receiptPaper !== undefined) settings.set('receiptPaper', change.receiptPaper);
  if (change.printerName !== undefined) settings.set('printerName', change.printerName);
  if (change.cashierLanguages !== undefined) {
    const enabled = cashierLanguagesOf(LANGUAGES.filter((language) => change.cashierLanguages?.[language]));
    settings.set('cashierLanguages', enabled);
    // The window must speak an enabled language: one just turned off gives way to the first left.
    settings.set('language', cashierLanguageOf(settings.get().language, enabled));
  }
  // Merged field by field: the stored store QR and untouched fields stay.
  if (change.display) settings.set('display', { ...settings.get().display, ...change.display });
  if (change.onlinePay) {
    const { environment, ...rest } = change.onlinePay;
    const next = { ...settings.get().onlinePay, ...rest };
    if (environment === 'auto') delete next.environment;
    else if (environment) next.environment = environment;
    if (next.customUrl === '') delete next.customUrl;
    settings.set('onlinePay', next);
  }
}
