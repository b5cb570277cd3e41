import type { PosErrorData } from '../../../shared/errors/posErrors';
import type { Journal } from '../journal/journal';
import { journalRefusal } from '../journal/journalFileIdentity';
import type { Logger } from '../log/logger';

/**
 * Marks a journaled attempt "sent", the last write before its request leaves (sales,
 * show-QR sales and refunds alike). Returns undefined when it is written and the request
 * may go; otherwise the refusal for the cashier, and nothing must be sent.
 *
 * The write can fail like the insert before it (disk full, I/O error, the journal file
 * deleted or replaced). The attempt is then closed as never sent where the journal still
 * takes a write, so it does not linger as "unresolved"; where it does not, the row stays
 * "created", which recovery already reads as never sent.
 */
export function markSent(journal: Journal, log: Logger, reference: string): PosErrorData | undefined {
  try {
    journal.update(reference, { state: 'sent' });
    return undefined;
  } catch (error) {
    log.error('the journal could not mark the attempt sent; nothing was sent', { reference, error });
    try {
      journal.update(reference, { state: 'failure', errorCode: 'PAYMENT_NOT_SENT', detail: 'the "sent" mark could not be written; not sent' });
    } catch {
      // Left "created": recovery settles it as never sent.
    }
    return journalRefusal(error);
  }
}
