import type { AccountBalances, GatewayReading, NihaoPayAccountLine, OnlinePayBalanceLine, WithdrawalLine, WithdrawalMovement } from '../../shared/bridge/accountContract';
import type { CallResult, PosErrorData } from '../../shared/errors/posErrors';
import type { NihaoPayApi } from '../../shared/gateway/nihaopay/nihaopayApi';
import { ONLINEPAY_CURRENCIES, type OnlinePayApi } from '../../shared/gateway/onlinepay/onlinePayApi';
import type { GatewayName } from '../../shared/gateway/paymentGateway';
import { readWithdrawalDetail } from '../services/account/movementFile';
import { settlementCsv } from '../services/account/settlementCsv';
import { checkDays, checkWithdrawal, WithdrawalNotFoundError, type SettlementCheckContext } from '../services/account/settlementSources';
import type { SettlementReport } from '../../shared/reconciliation/settlementCheck';
import type { SettlementResult } from '../../shared/bridge/accountContract';
import { auditedPinCheck, type ManagerPin } from '../services/auth/managerPin';
import { GatewayError } from '../services/gateway/gatewayError';
import type { Journal } from '../services/journal/journal';
import type { Logger } from '../services/log/logger';
import type { CallHandlers } from './callDispatcher';

/**
 * The gateways' own limit is written down for one read only (the exchange rate: "1 time per
 * minute"); the account endpoints have none in the text, so the same minute is kept between
 * two reads of the same figures: a Refresh pressed sooner shows the earlier reading, said so.
 */
export const ACCOUNT_READ_INTERVAL_MS = 60_000;
/** NihaoPay's withdrawal history is asked for at most a year at a time (the client's own bound). */
const MAX_WITHDRAWAL_DAYS = 366;

export interface AccountCallsContext {
  nihaoPay: () => Pick<NihaoPayApi, 'getAccounts' | 'getWithdrawals' | 'getWithdrawalDetail' | 'downloadBilling'> | undefined;
  /** Whether NihaoPay is the training sandbox now: the settlement check compares training rows with it, real rows with the real gateway. */
  nihaoPayTraining: () => boolean;
  onlinePay: () => Pick<OnlinePayApi, 'getBalance'> | undefined;
  /** NihaoPay's settings problem while it has no client (e.g. missingToken), for the cashier's sentence. */
  nihaoPayProblem: () => string;
  /** The gateways the store uses now (storeGateways.ts). */
  enabledGateways: () => GatewayName[];
  managerPin: ManagerPin;
  /** The audit log, and the rows the settlement check compares. */
  journal: Pick<Journal, 'audit' | 'between'>;
  now: () => Date;
  log: Logger;
  /** Minimum time between two reads of the same figures; ACCOUNT_READ_INTERVAL_MS unless a test says otherwise. */
  minIntervalMs?: number;
}

type AccountCallNames = 'getAccountBalances' | 'getWithdrawals' | 'getWithdrawalDetail' | 'checkWithdrawalSettlement' | 'checkSettlementDays';
/** Whole days, from not after to, at most the history's year. */
function validRange(from: string, to: string): boolean {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  return Number.isFinite(start) && Number.isFinite(end) && end >= start && (end - start) / 86_400_000 + 1 <= MAX_WITHDRAWAL_DAYS;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: PosErrorData };

/** A gateway error as the cashier's error; anything else that went wrong reads as a reply that cannot be trusted. */
function errorOf(cause: unknown): PosErrorData {
  if (cause instanceof WithdrawalNotFoundError) return { code: 'GATEWAY_NOT_FOUND' };
  return cause instanceof GatewayError ? cause.toPosError() : { code: 'GATEWAY_BAD_REPLY' };
}

/**
 * The Account screen's calls (issue 17): each gateway's figures read through its client,
 * behind the manager PIN, every read audited, and at most one read of the same figures per
 * interval. A gateway that cannot be read is a reading with its error, never a figure.
 */
export function createAccountCalls(ctx: AccountCallsContext): Pick<CallHandlers, AccountCallNames> {
  const interval = ctx.minIntervalMs ?? ACCOUNT_READ_INTERVAL_MS;
  const guard = auditedPinCheck(ctx.managerPin, ctx.journal);
  const readings = new Map<string, GatewayReading<unknown>>();
  const inFlight = new Map<string, Promise<GatewayReading<unknown>>>();

  /** The figures under `key`: the last reading while it is within the interval, else a new one (audited). */
  async function read<T>(key: string, refresh: boolean, fetch: () => Promise<Outcome<T>>): Promise<GatewayReading<T>> {
    const running = inFlight.get(key);
    if (running) return (await running) as GatewayReading<T>;
    const last = readings.get(key) as GatewayReading<T> | undefined;
    if (last && ctx.now().getTime() < Date.parse(last.nextReadAt)) return refresh ? { ...last, tooSoon: true } : last;
    const started = (async (): Promise<GatewayReading<T>> => {
      const at = ctx.now();
      let outcome: Outcome<T>;
      try {
        outcome = await fetch();
      } catch (cause) {
        ctx.log.warn('account figures could not be read', { key, error: cause });
        outcome = { ok: false, error: errorOf(cause) };
      }
      const reading: GatewayReading<T> = { ...outcome, readAt: at.toISOString(), nextReadAt: new Date(at.getTime() + interval).toISOString() };
      ctx.journal.audit({ action: 'account.read', outcome: 'ok', detail: outcome.ok ? key : `${key} unreadable ${outcome.error.code}` });
      readings.set(key, reading);
      return reading;
    })();
    inFlight.set(key, started);
    try {
      return await started;
    } finally {
      inFlight.delete(key);
    }
  }

  const nihaoPayOrError = (): Outcome<NonNullable<ReturnType<AccountCallsContext['nihaoPay']>>> => {
    const client = ctx.nihaoPay();
    return client ? { ok: true, value: client } : { ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: ctx.nihaoPayProblem() } } };
  };

  async function nihaoPayBalances(refresh: boolean): Promise<GatewayReading<NihaoPayAccountLine[]>> {
    return read('balances nihaopay', refresh, async () => {
      const client = nihaoPayOrError();
      if (!client.ok) return client;
      const accounts = await client.value.getAccounts();
      return { ok: true, value: accounts.map((a) => ({ currency: a.currency, balance: a.balance, pendingAmount: a.pendingAmount, freezeAmount: a.freezeAmount })) };
    });
  }

  async function onlinePayBalances(refresh: boolean): Promise<GatewayReading<OnlinePayBalanceLine[]>> {
    return read('balances onlinepay', refresh, async () => {
      const client = ctx.onlinePay();
      if (!client) return { ok: false, error: { code: 'ONLINEPAY_NOT_CONFIGURED' } };
      // One currency at a time (the endpoint takes one); any that fails makes the whole reading fail, never a partial list.
      const lines: OnlinePayBalanceLine[] = [];
      for (const currency of ONLINEPAY_CURRENCIES) {
        const balance = await client.getBalance(currency);
        lines.push({ currency, available: balance.available, hold: balance.hold });
      }
      return { ok: true, value: lines };
    });
  }

  const refused = (error: PosErrorData): CallResult<never> => ({ ok: false, error });

  /** One settlement check behind the PIN, read within the interval like every figure, audited with its counts. */
  async function settlement(pin: string | undefined, refresh: boolean | undefined, key: string, run: (check: SettlementCheckContext) => Promise<SettlementReport>): Promise<CallResult<GatewayReading<SettlementResult>>> {
    const error = await guard('account.read', pin);
    if (error) return refused(error);
    if (!ctx.enabledGateways().includes('nihaopay')) return refused({ code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'NihaoPay' } });
    const value = await read(key, refresh === true, async (): Promise<Outcome<SettlementResult>> => {
      const client = nihaoPayOrError();
      if (!client.ok) return client;
      const report = await run({ client: client.value, journal: ctx.journal, training: ctx.nihaoPayTraining(), now: ctx.now() });
      ctx.journal.audit({ action: 'account.settlement', outcome: 'ok', detail: `${key} ${report.findings.length} movements ${report.discrepancies} discrepancies` });
      return { ok: true, value: { report, csv: settlementCsv(report) } };
    });
    return { ok: true, value };
  }

  return {
    async getAccountBalances({ pin, refresh }) {
      const error = await guard('account.read', pin);
      if (error) return refused(error);
      const enabled = ctx.enabledGateways();
      const [nihaopay, onlinepay] = await Promise.all([
        enabled.includes('nihaopay') ? nihaoPayBalances(refresh === true) : undefined,
        enabled.includes('onlinepay') ? onlinePayBalances(refresh === true) : undefined,
      ]);
      const value: AccountBalances = { ...(nihaopay ? { nihaopay } : {}), ...(onlinepay ? { onlinepay } : {}) };
      return { ok: true, value };
    },

    async getWithdrawals({ pin, from, to, refresh }) {
      const error = await guard('account.read', pin);
      if (error) return refused(error);
      if (!ctx.enabledGateways().includes('nihaopay')) return refused({ code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'NihaoPay' } });
      if (!validRange(from, to)) return refused({ code: 'SETTINGS_INVALID', params: { field: 'from/to' } });
      const value = await read(`withdrawals ${from} ${to}`, refresh === true, async (): Promise<Outcome<WithdrawalLine[]>> => {
        const client = nihaoPayOrError();
        if (!client.ok) return client;
        const list = await client.value.getWithdrawals({ startDate: from.replace(/-/g, ''), endDate: to.replace(/-/g, '') });
        return {
          ok: true,
          value: list.map((w) => ({ id: w.id, status: w.status, amount: w.amount, currency: w.currency, fee: w.fee, feeCurrency: w.feeCurrency, date: `${w.date.slice(0, 4)}-${w.date.slice(4, 6)}-${w.date.slice(6, 8)}` })),
        };
      });
      return { ok: true, value };
    },

    async getWithdrawalDetail({ pin, withdrawalId, refresh }) {
      const error = await guard('account.read', pin);
      if (error) return refused(error);
      if (!ctx.enabledGateways().includes('nihaopay')) return refused({ code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'NihaoPay' } });
      const value = await read(`withdrawal ${withdrawalId}`, refresh === true, async (): Promise<Outcome<WithdrawalMovement[]>> => {
        const client = nihaoPayOrError();
        if (!client.ok) return client;
        const table = await client.value.getWithdrawalDetail(withdrawalId);
        const movements = readWithdrawalDetail(table);
        if (!movements.ok) {
          ctx.log.warn('a withdrawal detail file could not be read', { withdrawalId, problem: movements.problem });
          return { ok: false, error: { code: 'GATEWAY_BAD_REPLY' } };
        }
        return movements;
      });
      return { ok: true, value };
    },

    async checkWithdrawalSettlement({ pin, withdrawalId, refresh }) {
      return settlement(pin, refresh, `settlement ${withdrawalId}`, (check) => checkWithdrawal(check, withdrawalId));
    },

    async checkSettlementDays({ pin, from, to, refresh }) {
      if (!validRange(from, to)) {
        const error = await guard('account.read', pin);
        return refused(error ?? { code: 'SETTINGS_INVALID', params: { field: 'from/to' } });
      }
      return settlement(pin, refresh, `settlement ${from} ${to}`, (check) => checkDays(check, from, to));
    },
  };
}
