import type { PrintOutcome } from '../../../shared/bridge/backOfficeContract';
import type { CallResult } from '../../../shared/errors/posErrors';
import type { PrintPaper } from '../../../shared/printing/printPapers';
import { getApi } from '../../bridge/bridge';

/** Electron's preload sets window.counterpay; browser mode talks over the WebSocket. */
export const inElectron = (): boolean => window.counterpay !== undefined;

/**
 * Prints what the print root holds. In Electron, main prints this window silently on the
 * chosen printer (or saves a PDF); in a browser, the browser's own print dialog, where
 * "Save as PDF" is one of the printers.
 */
export async function printPage(paper: PrintPaper, to: 'printer' | 'pdf' = 'printer'): Promise<CallResult<PrintOutcome> | undefined> {
  if (inElectron()) return getApi().printPage({ paper, to });
  window.print();
  return undefined;
}
