import { GATEWAY_ENVIRONMENTS } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import { STORE_CURRENCIES } from '../../../shared/money/currencies';
import { LANGUAGES, type Language } from '../../../shared/settings/settingsView';
import type { GatewayEnvironment } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import type { StoreCurrency } from '../../../shared/money/currencies';
import type { GatewayName } from '../../../shared/gateway/paymentGateway';
import { STORE_GATEWAYS_JSON_SCHEMA } from '../../../shared/settings/storeGateways';
import { KEYBOARD_LAYOUT_IDS, SCAN_TERMINATORS, type ScannerSettings } from '../../../shared/scanner/scanTypes';
import { RECEIPT_PAPERS, type ReceiptPaper } from '../../../shared/receipts/receiptModel';
import { DISPLAY_SETTINGS_JSON_SCHEMA, type StoredDisplaySettings } from '../../../shared/settings/displaySettings';
import { ONLINEPAY_SETTINGS_JSON_SCHEMA, type StoredOnlinePaySettings } from '../../../shared/settings/onlinePaySettings';
import { REGISTER_SETTINGS_JSON_SCHEMA, type StoredRegisterSettings } from '../../../shared/settings/registerSettings';

/**
 * The settings file's content. The merchant token is not here (safeStorage or a 0600
 * secrets file), nor the manager PIN (its hash and lockout are in the journal: see
 * electron/services/journal/pinStateTable.ts).
 */
export interface StoredSettings {
  /** Absent until the merchant chooses: then training without a token, production with one. */
  gatewayEnvironment?: GatewayEnvironment;
  gatewayCustomUrl?: string;
  /** USD and JPY with either gateway; CNY and EUR with OnlinePay only (shared/gateway/availableMethods.ts). */
  currency: StoreCurrency;
  /**
   * The gateways this store uses. Absent in a file written before the setting existed:
   * both, as such a store had them (shared/settings/storeGateways.ts).
   */
  gateways?: GatewayName[];
  /** Largest sale, integer minor units of `currency`. */
  maxAmount: number;
  language: Language;
  /**
   * The cashier languages the store enabled (F2 cycles through them). Absent in a file
   * written before the setting: English and Simplified Chinese (shared/settings/languages.ts).
   */
  cashierLanguages?: Language[];
  storeName: string;
  terminalName: string;
  /** How long a pending or unknown sale is looked up before it needs attention. */
  pendingDeadlineSeconds: number;
  /** False until the first-run setup screen has been completed (or skipped into training). */
  setupComplete: boolean;
  scanner: ScannerSettings;
  /**
   * Where apps before journal schema 4 kept the manager PIN's scrypt hash. Still accepted in
   * the file so an older one opens; start-up moves it into the journal and removes it here
   * (managerPin.carryFromSettings). Never written any more.
   */
  managerPinHash?: string;
  /** The merchant's name as printed at the top of receipts and reports. */
  merchantName: string;
  /** Refunds need the manager PIN (once one is set). */
  refundsNeedPin: boolean;
  /** Print the receipt by itself after every approved sale and refund. */
  autoPrint: boolean;
  receiptPaper: ReceiptPaper;
  /** The printer receipts go to in Electron; empty for the system's default printer. */
  printerName: string;
  /** Customer display and QR payments (shared/settings/displaySettings.ts); fields default one by one. */
  display: StoredDisplaySettings;
  /** The second gateway (shared/settings/onlinePaySettings.ts); fields default one by one. */
  onlinePay: StoredOnlinePaySettings;
  /** The cash-register endpoint (shared/settings/registerSettings.ts); fields default one by one (off). */
  register: StoredRegisterSettings;
}

export const SETTINGS_DEFAULTS: StoredSettings = {
  currency: 'USD',
  maxAmount: 500_000,
  language: 'en',
  storeName: 'Counterpay Store',
  terminalName: 'T1',
  pendingDeadlineSeconds: 150,
  setupComplete: false,
  scanner: { mode: 'pos', layout: 'us', terminator: 'enter' },
  merchantName: 'Counterpay Merchant',
  refundsNeedPin: true,
  autoPrint: false,
  receiptPaper: '80mm',
  printerName: '',
  display: {},
  onlinePay: {},
  register: {},
};

/**
 * JSON Schema `properties` for electron-store (in Electron) and its engine conf (under
 * plain Node): one schema, both stores. A file that fails it is not silently reset
 * (see settingsStore.ts).
 */
export const SETTINGS_JSON_SCHEMA = {
  gatewayEnvironment: { type: 'string', enum: [...GATEWAY_ENVIRONMENTS] },
  gatewayCustomUrl: { type: 'string', maxLength: 2048 },
  currency: { type: 'string', enum: [...STORE_CURRENCIES], default: SETTINGS_DEFAULTS.currency },
  gateways: STORE_GATEWAYS_JSON_SCHEMA,
  maxAmount: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, default: SETTINGS_DEFAULTS.maxAmount },
  language: { type: 'string', enum: [...LANGUAGES], default: SETTINGS_DEFAULTS.language },
  cashierLanguages: { type: 'array', items: { type: 'string', enum: [...LANGUAGES] }, minItems: 1, maxItems: LANGUAGES.length, uniqueItems: true },
  storeName: { type: 'string', maxLength: 80, default: SETTINGS_DEFAULTS.storeName },
  terminalName: { type: 'string', maxLength: 40, default: SETTINGS_DEFAULTS.terminalName },
  pendingDeadlineSeconds: { type: 'integer', minimum: 10, maximum: 3600, default: SETTINGS_DEFAULTS.pendingDeadlineSeconds },
  setupComplete: { type: 'boolean', default: false },
  scanner: {
    type: 'object',
    properties: {
      mode: { type: 'string', enum: ['pos', 'keyboard'] },
      vendorId: { type: 'integer', minimum: 0, maximum: 0xffff },
      productId: { type: 'integer', minimum: 0, maximum: 0xffff },
      layout: { type: 'string', enum: [...KEYBOARD_LAYOUT_IDS] },
      terminator: { type: 'string', enum: [...SCAN_TERMINATORS] },
    },
    required: ['mode', 'layout', 'terminator'],
    additionalProperties: false,
    default: SETTINGS_DEFAULTS.scanner,
  },
  // Legacy (see StoredSettings): an older app's file must still validate, or its settings would be set aside.
  managerPinHash: { type: 'string', maxLength: 256 },
  merchantName: { type: 'string', maxLength: 80, default: SETTINGS_DEFAULTS.merchantName },
  refundsNeedPin: { type: 'boolean', default: SETTINGS_DEFAULTS.refundsNeedPin },
  autoPrint: { type: 'boolean', default: SETTINGS_DEFAULTS.autoPrint },
  receiptPaper: { type: 'string', enum: [...RECEIPT_PAPERS], default: SETTINGS_DEFAULTS.receiptPaper },
  printerName: { type: 'string', maxLength: 200, default: SETTINGS_DEFAULTS.printerName },
  display: DISPLAY_SETTINGS_JSON_SCHEMA,
  onlinePay: ONLINEPAY_SETTINGS_JSON_SCHEMA,
  register: REGISTER_SETTINGS_JSON_SCHEMA,
} as const;
