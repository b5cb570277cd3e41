import type { TransactionStatus } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import type { CurrencyCode, InStoreCurrency } from '../../../shared/money/currencies';
import type { Vendor } from '../../../shared/payments/vendors';
import { stepPendingOnLookup, type PendingCourse, type ShownQrSchedule } from './sandboxBehaviour';

/** The endpoint that created a transaction. */
export type SandboxMethod = 'scanqrcode' | 'showqrcode' | 'qrcode' | 'staticqrcode';

/** One refund of a transaction; the sandbox's refunds always succeed once accepted. */
export interface SandboxRefund {
  id: string;
  /** Minor units of the transaction's currency. */
  amount: number;
  /** The RMB fen this refund returns, when the transaction has an RMB amount. */
  rmbAmount: number | null;
  time: string;
  reason: string | null;
  /** The withdrawal whose settlement took this refund, once one has. */
  withdrawalId: string | null;
}

/** One transaction the sandbox gateway holds. */
export interface SandboxTransaction {
  id: string;
  reference: string;
  /** Minor units of `currency`, the settlement amount. */
  amount: number;
  currency: CurrencyCode;
  vendor: Vendor;
  status: TransactionStatus;
  /** ISO 8601 UTC without milliseconds, as NihaoPay writes it. */
  time: string;
  note: string | null;
  description: string | null;
  /** Scans only. */
  buyerIdentityCode: string | null;
  clientIp: string | null;
  /** The wallet's transaction id; only a successful payment has one. */
  vendorTransactionId: string | null;
  /** Present while a pending scan is moved along by lookups. */
  pending?: PendingCourse;
  /** Absent on transactions recorded before the sandbox knew other endpoints: a scan. */
  method?: SandboxMethod;
  /** RMB fen the customer paid (or, for an RMB-priced QR, was asked for). */
  rmbAmount?: number | null;
  /** Where the signed IPN goes when the transaction settles. */
  ipnUrl?: string | null;
  /** Shown QR codes: the text to draw and when the code settles or expires. */
  shownQr?: { codeUrl: string; timeoutMinutes: number; pricedInRmb: boolean } & ShownQrSchedule;
  refunds?: SandboxRefund[];
  /** The withdrawal whose settlement took this payment, once one has. */
  withdrawalId?: string | null;
}

/** A static QR code a store printed (POST /v1.2/merchantqrcode). */
export interface SandboxMerchantQr {
  qrcode: string;
  qrcodeImageUrl: string;
  tradeCurrency: InStoreCurrency;
  sellerName: string;
  storeName: string;
  storeNo: string;
  ipnUrl: string | null;
}

/** A payout of the settled balance to the merchant's bank. */
export interface SandboxWithdrawal {
  id: string;
  currency: CurrencyCode;
  /** Minor units paid out. */
  amount: number;
  /** Minor units kept as the fee, in the same currency. */
  fee: number;
  /** YYYYMMDD, UTC. */
  date: string;
  time: string;
}

/** What tests and the control endpoints may read; copies, so nobody edits the gateway's books. */
export interface SandboxLedgerView {
  all(): SandboxTransaction[];
  byId(id: string): SandboxTransaction | undefined;
  byReference(reference: string): SandboxTransaction | undefined;
}

/** NihaoPay's time format: 2017-05-19T09:31:05Z. */
export function gatewayTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** NihaoPay's date format, YYYYMMDD, of a UTC time. */
export function gatewayDate(time: string | Date): string {
  return (typeof time === 'string' ? time : time.toISOString()).slice(0, 10).replace(/-/g, '');
}

/**
 * Ids shaped like the document's ("20170519093105011337"): UTC yyyyMMddHHmmss and a
 * six-digit counter, 20 digits in all. The counter survives reset() so ids stay unique.
 */
export function makeTransactionId(date: Date, counter: number): string {
  const stamp = date.toISOString().replace(/\D/g, '').slice(0, 14);
  return stamp + String(counter % 1_000_000).padStart(6, '0');
}

/** A 28-digit wallet id like Alipay's; the leading 99 marks it as the sandbox's. */
export function makeVendorTransactionId(transactionId: string): string {
  return `99${transactionId}000000`;
}

/**
 * The sandbox gateway's books: transactions (with their refunds), the stores' static QR
 * codes and the withdrawals. Readers get copies; writers go through `change`, so every
 * write is one visible place.
 */
export class SandboxLedger implements SandboxLedgerView {
  readonly #byId = new Map<string, SandboxTransaction>();
  readonly #idByReference = new Map<string, string>();
  readonly #merchantQrs = new Map<string, SandboxMerchantQr>();
  readonly #withdrawals: SandboxWithdrawal[] = [];
  #counter = 0;

  nextId(now: Date): string {
    this.#counter += 1;
    return makeTransactionId(now, this.#counter);
  }

  hasReference(reference: string): boolean {
    return this.#idByReference.has(reference);
  }

  add(transaction: SandboxTransaction): void {
    this.#byId.set(transaction.id, structuredClone(transaction));
    this.#idByReference.set(transaction.reference, transaction.id);
  }

  /** Applies `edit` to the stored transaction and returns a copy of the result. */
  change(id: string, edit: (stored: SandboxTransaction) => void): SandboxTransaction | undefined {
    const stored = this.#byId.get(id);
    if (!stored) return undefined;
    edit(stored);
    return structuredClone(stored);
  }

  /** A lookup as the gateway sees it: a pending scan moves one step along its course. */
  lookUp(key: { id: string } | { reference: string }): SandboxTransaction | undefined {
    const id = 'id' in key ? key.id : this.#idByReference.get(key.reference);
    const stored = id === undefined ? undefined : this.#byId.get(id);
    if (!stored) return undefined;
    if (stored.status === 'pending' && stored.pending) {
      const step = stepPendingOnLookup(stored.pending);
      if (step.status === 'pending') {
        stored.pending = step.course;
      } else {
        stored.status = step.status;
        delete stored.pending;
        if (step.status === 'success') stored.vendorTransactionId = makeVendorTransactionId(stored.id);
      }
    }
    return structuredClone(stored);
  }

  all(): SandboxTransaction[] {
    return [...this.#byId.values()].map((t) => structuredClone(t));
  }

  byId(id: string): SandboxTransaction | undefined {
    const found = this.#byId.get(id);
    return found ? structuredClone(found) : undefined;
  }

  byReference(reference: string): SandboxTransaction | undefined {
    const id = this.#idByReference.get(reference);
    return id === undefined ? undefined : this.byId(id);
  }

  /** Ids of shown QR codes still pending, for the clock to settle or expire. */
  pendingShownQrIds(): string[] {
    return [...this.#byId.values()].filter((t) => t.status === 'pending' && t.shownQr !== undefined).map((t) => t.id);
  }

  addMerchantQr(code: SandboxMerchantQr): void {
    this.#merchantQrs.set(code.qrcode, structuredClone(code));
  }

  merchantQr(qrcode: string): SandboxMerchantQr | undefined {
    const found = this.#merchantQrs.get(qrcode);
    return found ? structuredClone(found) : undefined;
  }

  merchantQrCount(): number {
    return this.#merchantQrs.size;
  }

  addWithdrawal(withdrawal: SandboxWithdrawal): void {
    this.#withdrawals.push(structuredClone(withdrawal));
  }

  withdrawals(): SandboxWithdrawal[] {
    return this.#withdrawals.map((w) => structuredClone(w));
  }

  reset(): void {
    this.#byId.clear();
    this.#idByReference.clear();
    this.#merchantQrs.clear();
    this.#withdrawals.length = 0;
  }

  /** The books as plain data, for the state file of a sandbox that outlives its process (training). */
  toState(): SandboxLedgerState {
    return { version: 1, counter: this.#counter, transactions: this.all(), merchantQrs: [...this.#merchantQrs.values()].map((q) => structuredClone(q)), withdrawals: this.withdrawals() };
  }

  /** Replaces the books with a saved state. */
  restore(state: SandboxLedgerState): void {
    this.reset();
    this.#counter = state.counter;
    for (const transaction of state.transactions) this.add(transaction);
    for (const code of state.merchantQrs) this.addMerchantQr(code);
    for (const withdrawal of state.withdrawals) this.addWithdrawal(withdrawal);
  }
}

export interface SandboxLedgerState {
  version: 1;
  counter: number;
  transactions: SandboxTransaction[];
  merchantQrs: SandboxMerchantQr[];
  withdrawals: SandboxWithdrawal[];
}

/** Enough of a check that a state file is ours and whole; its entries were written by toState(). */
export function isSandboxLedgerState(value: unknown): value is SandboxLedgerState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<SandboxLedgerState>;
  return (
    state.version === 1 &&
    Number.isSafeInteger(state.counter) &&
    Array.isArray(state.transactions) &&
    state.transactions.every((t) => typeof t === 'object' && t !== null && typeof t.id === 'string' && typeof t.reference === 'string' && Number.isSafeInteger(t.amount)) &&
    Array.isArray(state.merchantQrs) &&
    Array.isArray(state.withdrawals)
  );
}
