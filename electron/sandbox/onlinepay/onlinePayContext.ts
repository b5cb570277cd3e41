import type { OnlinePayBook, OnlinePayOperation } from './onlinePayBook';
import type { OnlinePayStatus } from './onlinePayDictionaries';

/** What the endpoints, the hosted pages and the control share: the books, the clock, and the server's side effects. */
export interface OnlinePayContext {
  book: OnlinePayBook;
  now: () => Date;
  /** e.g. http://127.0.0.1:49152, for processingUrl. */
  baseUrl: string;
  /** Where notifications go (the merchant's backoffice setting); null sends none. */
  callbackUrl: string | null;
  /** Called after every status change to pending, approved or declined. */
  onStatusChange: (operation: OnlinePayOperation) => void;
}

/** Moves an operation (and its money) and notifies; false when the move is not allowed. */
export function changeStatus(context: OnlinePayContext, operation: OnlinePayOperation, next: OnlinePayStatus): boolean {
  if (!context.book.transition(operation, next, context.now())) return false;
  context.onStatusChange(operation);
  return true;
}
