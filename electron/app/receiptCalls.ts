import { buildReceiptModel } from '../../shared/receipts/receiptModel';
import type { Journal } from '../services/journal/journal';
import type { Logger } from '../services/log/logger';
import { code128Svg } from '../services/receipts/code128Svg';
import type { PagePrinter } from '../services/receipts/pagePrinter';
import type { SettingsStore } from '../services/settings/settingsStore';
import type { CallHandlers } from './callDispatcher';
import type { PaymentGateway } from '../../shared/gateway/nihaopay/nihaopayTypes';
import { gatewayFailure } from '../services/gateway/nihaopay/nihaopayGatewayError';

export interface ReceiptCallsContext {
  journal: Journal;
  /** NihaoPay, when configured: a receipt of another terminal's sale is looked up there. */
  gateway: () => Pick<PaymentGateway, 'getTransaction'> | undefined;
  settings: SettingsStore;
  printer?: PagePrinter;
  log: Logger;
}

/** Receipts from the journal (reprints are the same receipt), and printing in Electron. */
export function createReceiptCalls(ctx: ReceiptCallsContext): Pick<CallHandlers, 'getReceipt' | 'printPage' | 'lookUpReceipt'> {
  return {
    getReceipt({ reference }) {
      const row = ctx.journal.get(reference);
      const s = ctx.settings.get();
      const model = row && buildReceiptModel(row, { merchantName: s.merchantName, storeName: s.storeName, terminalName: s.terminalName });
      if (!model) return { ok: false, error: { code: 'RECEIPT_NOT_AVAILABLE' } };
      return { ok: true, value: { model, barcodeSvg: code128Svg(model.barcodeValue) } };
    },

    /**
     * The barcode of a receipt this terminal did not print (another till on the same
     * merchant account): NihaoPay's own record of that transaction, read-only, so the
     * cashier sees what it was instead of an empty list. Refunding it is the other
     * terminal's business (its journal holds the sale).
     */
    async lookUpReceipt({ transactionId }) {
      const gateway = ctx.gateway();
      if (!gateway) return { ok: false, error: { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: '' } } };
      try {
        const found = await gateway.getTransaction(transactionId);
        if (found.id !== transactionId) return { ok: false, error: { code: 'GATEWAY_BAD_REPLY' } };
        return {
          ok: true,
          value: {
            transactionId: found.id,
            status: found.status,
            amount: found.amount,
            currency: found.currency,
            time: found.time,
            reference: found.reference,
            ...(found.vendorTransactionId ? { vendorTransactionId: found.vendorTransactionId } : {}),
          },
        };
      } catch (error) {
        return { ok: false, error: gatewayFailure(error).error };
      }
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
