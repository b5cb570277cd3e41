import type { TransactionStatus } from '../../shared/gateway/nihaopayTypes';
import type { InStoreCurrency } from '../../shared/money/currencies';
import type { Vendor } from '../../shared/payments/vendors';
import { stepPendingOnLookup, type PendingCourse } from './sandboxBehaviour';

/** One transaction the sandbox gateway holds. */
export interface SandboxTransaction {
  id: string;
  reference: string;
  amount: number;
  currency: InStoreCurrency;
  vendor: Vendor;
  status: TransactionStatus;
  /** ISO 8601 UTC without milliseconds, as NihaoPay writes it. */
  time: string;
  note: string | null;
  description: string | null;
  buyerIdentityCode: string;
  clientIp: string;
  /** The wallet's transaction id; only a successful payment has one. */
  vendorTransactionId: string | null;
  /** Present while the transaction is pending. */
  pending?: PendingCourse;
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

export class SandboxLedger implements SandboxLedgerView {
  readonly #byId = new Map<string, SandboxTransaction>();
  readonly #idByReference = new Map<string, string>();
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

  /** A lookup as the gateway sees it: a pending transaction moves one step along its course. */
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

  reset(): void {
    this.#byId.clear();
    this.#idByReference.clear();
  }
}
