import { buildReceiptModel } from '../../shared/receipts/receiptModel';
import type { Journal } from '../services/journal/journal';
import type { Logger } from '../services/log/logger';
import { code128Svg } from '../services/receipts/code128Svg';
import type { PagePrinter } from '../services/receipts/pagePrinter';
import type { SettingsStore } from '../services/settings/settingsStore';
import type { CallHandlers } from './callDispatcher';

export interface ReceiptCallsContext {
  journal: Journal;
  settings: SettingsStore;
  printer?: PagePrinter;
  log: Logger;
}

/** Receipts from the journal (reprints are the same receipt), and printing in Electron. */
export function createReceiptCalls(ctx: ReceiptCallsContext): Pick<CallHandlers, 'getReceipt' | 'printPage'> {
  return {
    getReceipt({ reference }) {
      const row = ctx.journal.get(reference);
      const s = ctx.settings.get();
      const model = row && buildReceiptModel(row, { merchantName: s.merchantName, storeName: s.storeName, terminalName: s.terminalName });
      if (!model) return { ok: false, error: { code: 'RECEIPT_NOT_AVAILABLE' } };
      return { ok: true, value: { model, barcodeSvg: code128Svg(model.barcodeValue) } };
    },

    async printPage({ paper, to }) {
      if (!ctx.printer) return { ok: false, error: { code: 'PRINT_UNAVAILABLE' } };
      try {
        return { ok: true, value: await ctx.printer.print({ paper, to, deviceName: ctx.settings.get().printerName }) };
      } catch (error) {
        ctx.log.warn('printing failed', { error });
        return { ok: false, error: { code: 'PRINT_FAILED', params: { reason: error instanceof Error ? error.message.slice(0, 120) : 'unknown' } } };
      }
    },
  };
}
