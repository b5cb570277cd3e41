import type { AttentionView } from '../checkout/attention';
import type { CheckoutState } from '../checkout/checkoutState';
import type { SettingsView } from '../settings/settingsView';
import type { ScannerStatus, Scan } from '../scanner/scanTypes';
import type { ReceiptScan } from './backOfficeContract';
import type { RegisterSaleView } from '../register/registerSaleView';

/** Everything a window needs to draw itself. Sent whole on every change: it is small. */
export interface AppSnapshot {
  settings: SettingsView;
  checkout: CheckoutState;
  /** Unsettled payments and what start-up recovery found. */
  attention: AttentionView;
  scanner: ScannerStatus;
  /** The last complete scan the main process saw (for the scanner test panel). */
  lastScan?: Scan;
  /** The last wallet code scanned while no sale waited for one (epoch ms): "enter the amount first". */
  walletScanWithoutSale?: { at: number };
  /** The last receipt barcode scanned while the checkout was idle: the cashier window opens that sale. */
  receiptScan?: ReceiptScan;
  /** The cash register's sale being taken (nexo Terminal API), shown as "Sale from register …". */
  registerSale?: RegisterSaleView;
}
