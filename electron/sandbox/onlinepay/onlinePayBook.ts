import { randomBytes } from 'node:crypto';
import { isFinalStatus, type OnlinePayCurrency, type OnlinePayLocale, type OnlinePayStatus } from './onlinePayDictionaries';

/**
 * The sandbox's books: every payment and payout (one list, as the API lists them
 * together), the merchant's balances per currency, and the customers' wallets. Status
 * changes go through `transition`, which is the one place balances move.
 */

export type OperationType = 'pay' | 'payout';

export interface OnlinePayOperation {
  /** Sequential, as the text's examples (1, 2599) suggest. */
  id: number;
  token: string;
  operationType: OperationType;
  status: OnlinePayStatus;
  currency: OnlinePayCurrency;
  /** Minor units (fen, cents; yen for JPY), always an integer. */
  amount: number;
  product: string | null;
  /** Kept as text; the list shows digits-only numbers as JSON numbers. */
  orderNumber: string;
  extraReturnParam: string | null;
  locale: OnlinePayLocale;
  redirectSuccessUrl: string | null;
  redirectFailUrl: string | null;
  createdAt: string;
  updatedAt: string;
  /** Set when a wallet paid (or received, for a payout). */
  walletToken?: string;
  walletDisplayName?: string;
  /** A card accepted by the form and waiting for 3-D Secure: what the bank will say after it. */
  cardAwaiting3ds?: { last4: string; bankSays: 'approved' | 'declined' };
}

export interface OnlinePayWallet {
  token: string;
  phone: string;
  /** The "masked phone number" notifications carry. */
  displayName: string;
}

export interface Balance {
  available: number;
  hold: number;
}

export class OnlinePayBook {
  #nextId = 1;
  readonly #operations: OnlinePayOperation[] = [];
  readonly #byToken = new Map<string, OnlinePayOperation>();
  readonly #orderNumbers = new Set<string>();
  readonly #balances = new Map<OnlinePayCurrency, Balance>();
  readonly #wallets = new Map<string, OnlinePayWallet>();

  reset(): void {
    this.#nextId = 1;
    this.#operations.length = 0;
    this.#byToken.clear();
    this.#orderNumbers.clear();
    this.#balances.clear();
    this.#wallets.clear();
  }

  /** Order numbers are one namespace for payments and payouts alike. */
  hasOrderNumber(orderNumber: string): boolean {
    return this.#orderNumbers.has(orderNumber);
  }

  add(fields: Omit<OnlinePayOperation, 'id' | 'token' | 'createdAt' | 'updatedAt'>, now: Date): OnlinePayOperation {
    const time = now.toISOString();
    const operation: OnlinePayOperation = { ...fields, id: this.#nextId++, token: newToken(), createdAt: time, updatedAt: time };
    this.#operations.push(operation);
    this.#byToken.set(operation.token, operation);
    this.#orderNumbers.add(operation.orderNumber);
    return operation;
  }

  byToken(token: string): OnlinePayOperation | undefined {
    return this.#byToken.get(token);
  }

  /** Oldest first: pages stay stable while new payments arrive at the end. */
  all(): readonly OnlinePayOperation[] {
    return this.#operations;
  }

  balance(currency: OnlinePayCurrency): Balance {
    let balance = this.#balances.get(currency);
    if (!balance) {
      balance = { available: 0, hold: 0 };
      this.#balances.set(currency, balance);
    }
    return balance;
  }

  /** The trainer's (or test's) starting money; the text has no endpoint for it. */
  seedBalance(currency: OnlinePayCurrency, available: number): void {
    if (!Number.isSafeInteger(available) || available < 0) throw new RangeError('available must be a non-negative integer of minor units');
    this.balance(currency).available = available;
  }

  /** One wallet per phone number, so paying twice from one phone yields the same walletToken. */
  walletFor(phone: string): OnlinePayWallet {
    for (const wallet of this.#wallets.values()) if (wallet.phone === phone) return wallet;
    const wallet: OnlinePayWallet = { token: newToken(), phone, displayName: maskPhone(phone) };
    this.#wallets.set(wallet.token, wallet);
    return wallet;
  }

  wallet(token: string): OnlinePayWallet | undefined {
    return this.#wallets.get(token);
  }

  /**
   * Moves an operation to its next status and its money with it. A payment credits
   * `available` when approved. A payout debits `available` when it is created (the
   * caller checks the balance first): pending keeps the amount on `hold` until it is
   * approved (hold released) or declined (hold returned to available).
   * Returns false, changing nothing, for a move the state machine does not allow.
   */
  transition(operation: OnlinePayOperation, next: OnlinePayStatus, now: Date): boolean {
    if (!isAllowedMove(operation.status, next)) return false;
    const balance = this.balance(operation.currency);
    if (operation.operationType === 'pay') {
      if (next === 'approved') balance.available += operation.amount;
    } else if (operation.status === 'init') {
      if (next !== 'declined') balance.available -= operation.amount;
      if (next === 'pending') balance.hold += operation.amount;
    } else if (operation.status === 'pending') {
      balance.hold -= operation.amount;
      if (next === 'declined') balance.available += operation.amount;
    }
    operation.status = next;
    operation.updatedAt = now.toISOString();
    return true;
  }

  /** The books as plain data, for the state file of a sandbox that outlives its process (training). */
  toState(): OnlinePayBookState {
    return {
      version: 1,
      nextId: this.#nextId,
      operations: this.#operations.map((operation) => structuredClone(operation)),
      balances: [...this.#balances.entries()].map(([currency, balance]) => ({ currency, ...balance })),
      wallets: [...this.#wallets.values()].map((wallet) => ({ ...wallet })),
    };
  }

  /** Replaces the books with a saved state. */
  restore(state: OnlinePayBookState): void {
    this.reset();
    this.#nextId = state.nextId;
    for (const operation of state.operations) {
      const copy = structuredClone(operation);
      this.#operations.push(copy);
      this.#byToken.set(copy.token, copy);
      this.#orderNumbers.add(copy.orderNumber);
    }
    for (const { currency, available, hold } of state.balances) this.#balances.set(currency, { available, hold });
    for (const wallet of state.wallets) this.#wallets.set(wallet.token, { ...wallet });
  }
}

/** init → pending → approved|declined, or init straight to a final state; final states never move. */
export function isAllowedMove(from: OnlinePayStatus, to: OnlinePayStatus): boolean {
  if (isFinalStatus(from) || from === to) return false;
  if (from === 'pending') return isFinalStatus(to);
  return to !== 'init';
}

/** 32 hex characters: unguessable, since the hosted page needs no key. */
function newToken(): string {
  return randomBytes(16).toString('hex');
}

/** "+8613800138000" → "+86138****8000": enough for a cashier to recognise, not to call. */
export function maskPhone(phone: string): string {
  if (phone.length <= 8) return phone.replace(/.(?=.{2})/g, '*');
  return `${phone.slice(0, phone.length - 8)}****${phone.slice(-4)}`;
}

export interface OnlinePayBookState {
  version: 1;
  nextId: number;
  operations: OnlinePayOperation[];
  balances: Array<{ currency: OnlinePayCurrency } & Balance>;
  wallets: OnlinePayWallet[];
}

/** Enough of a check that a state file is ours and whole; its entries were written by toState(). */
export function isOnlinePayBookState(value: unknown): value is OnlinePayBookState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Partial<OnlinePayBookState>;
  return (
    state.version === 1 &&
    Number.isSafeInteger(state.nextId) &&
    Array.isArray(state.operations) &&
    state.operations.every((o) => typeof o === 'object' && o !== null && typeof o.token === 'string' && typeof o.orderNumber === 'string' && Number.isSafeInteger(o.amount)) &&
    Array.isArray(state.balances) &&
    state.balances.every((b) => typeof b === 'object' && b !== null && Number.isSafeInteger(b.available) && Number.isSafeInteger(b.hold)) &&
    Array.isArray(state.wallets)
  );
}
