import type { PrintOutcome } from '../../../shared/bridge/backOfficeContract';
import type { PrintPaper } from '../../../shared/printing/printPapers';

/**
 * Printing the cashier window as it is (a receipt or a report laid out by the print CSS).
 * Only the Electron shell has one (webContents.print / printToPDF); in browser mode the
 * window prints itself with window.print().
 */
export interface PagePrinter {
  print(request: { paper: PrintPaper; to: 'printer' | 'pdf'; deviceName: string }): Promise<PrintOutcome>;
}
