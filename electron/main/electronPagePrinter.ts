import type { BrowserWindow, Dialog } from 'electron';
import fs from 'node:fs/promises';
import type { PagePrinter } from '../services/receipts/pagePrinter';
import type { PrintPaper } from '../../shared/printing/printPapers';

/** Paper widths in microns (Electron's unit); a roll's length comes from the page's own @page size. */
const ROLL_WIDTH_MICRONS: Readonly<Partial<Record<PrintPaper, number>>> = { '80mm': 80_000, '58mm': 58_000 };

/**
 * Printing in Electron: the cashier window prints itself as it is (its print CSS shows
 * only the receipt or report), silently on the chosen printer, or to a PDF the manager
 * saves where they like. The window is the one that asked: main has only one cashier window.
 */
export function createElectronPagePrinter(options: { cashierWindow: () => BrowserWindow | undefined; dialog: Dialog }): PagePrinter {
  return {
    async print({ paper, to, deviceName }) {
      const window = options.cashierWindow();
      if (!window || window.isDestroyed()) throw new Error('no cashier window');
      const contents = window.webContents;
      if (to === 'pdf') {
        const data = await contents.printToPDF({ preferCSSPageSize: true, printBackground: true });
        const chosen = await options.dialog.showSaveDialog(window, { defaultPath: 'receipt.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] });
        if (chosen.canceled || !chosen.filePath) throw new Error('not saved');
        await fs.writeFile(chosen.filePath, data);
        return { savedTo: chosen.filePath };
      }
      const width = ROLL_WIDTH_MICRONS[paper];
      await new Promise<void>((resolve, reject) =>
        contents.print(
          {
            silent: true,
            printBackground: true,
            ...(deviceName ? { deviceName } : {}),
            // A roll: its width, and a length long enough for any receipt (the printer cuts after the content).
            pageSize: width === undefined ? (paper === 'Letter' ? 'Letter' : 'A4') : { width, height: 400_000 },
            margins: { marginType: 'none' },
          },
          (success, reason) => (success ? resolve() : reject(new Error(reason || 'printing failed'))),
        ),
      );
      return { printed: true };
    },
  };
}
