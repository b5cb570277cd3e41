import type { OnlinePayEnvironment } from '../gateway/onlinepay/onlinePayProfile';
import type { OnlinePaySettingsChange } from './onlinePaySettings';
import type { GatewayEnvironment } from '../gateway/nihaopay/nihaopayTypes';
import type { StoreCurrency } from '../money/currencies';
import type { GatewayName, SaleMethod } from '../gateway/paymentGateway';
import type { ScannerSettings } from '../scanner/scanTypes';
import type { ReceiptPaper } from '../receipts/receiptModel';
import type { DisplaySettingsChange, DisplaySettingsView } from './displaySettings';
import type { RegisterSettingsView } from './registerSettings';

export { LANGUAGES, type Language } from './languages';
import type { Language } from './languages';

/** The part of the settings a window may see. The merchant token is never in it. */
export interface SettingsView {
  environment: GatewayEnvironment;
  training: boolean;
  /** Whether a merchant token is configured (the token itself never leaves main). */
  hasMerchantToken: boolean;
  /** The second gateway: where its calls go, and whether its private key is stored (never the key). */
  onlinePay: {
    environment: OnlinePayEnvironment;
    /** What the merchant chose; 'auto' = training without a key, production with one. */
    environmentChoice: OnlinePayEnvironment | 'auto';
    customUrl: string;
    training: boolean;
    hasPrivateKey: boolean;
    ready: boolean;
    paymentMinutes: number;
    notificationReceiverEnabled: boolean;
  };
  currency: StoreCurrency;
  /** The gateways the store uses (at least one). */
  gateways: GatewayName[];
  /**
   * The sale methods the cashier may offer now: the store's currency, its gateways and their
   * credentials decided by shared/gateway/availableMethods.ts (main refuses any other).
   */
  methods: SaleMethod[];
  /** Largest sale in minor units. */
  maxAmount: number;
  /** The language the cashier window shows now (always one of `cashierLanguages`). */
  language: Language;
  /** The languages this store's cashiers use, in LANGUAGES order: F2 cycles through them. */
  cashierLanguages: Language[];
  storeName: string;
  terminalName: string;
  /** Something the merchant must fix; payments are refused while `gateway` problems stand. */
  problems: SettingsProblemCode[];
  /** The environment the merchant chose; 'auto' = training without a token, production with one. */
  environmentChoice: GatewayEnvironment | 'auto';
  gatewayCustomUrl: string;
  pendingDeadlineSeconds: number;
  /** False on first run: the setup screen is shown. */
  setupComplete: boolean;
  /** Settings changes and refunds need the manager PIN once one is set. */
  hasManagerPin: boolean;
  scanner: ScannerSettings;
  /** Printed at the top of receipts and reports. */
  merchantName: string;
  /** Refunds ask for the manager PIN (when one is set). */
  refundsNeedPin: boolean;
  /** Receipts print by themselves after each approved sale and refund. */
  autoPrint: boolean;
  receiptPaper: ReceiptPaper;
  /** Electron only; empty means the system's default printer. */
  printerName: string;
  /** Customer display, show-QR, store QR, RMB equivalent, IPN receiver, LAN display. */
  display: DisplaySettingsView;
  /** The cash-register endpoint (never its passphrase). Optional: windows built before it existed, and tests, leave it out. */
  register?: RegisterSettingsView;
}

/** What the manager may change from the settings screen (the token and PIN have calls of their own). */
export interface SettingsChange {
  environmentChoice?: GatewayEnvironment | 'auto';
  gatewayCustomUrl?: string;
  /** Without `maxAmount`, the largest sale is rescaled to the new currency's minor unit. */
  currency?: StoreCurrency;
  /** Each gateway on or off for this store. Changing it needs the manager PIN, like the gateway environments. */
  gateways?: Record<GatewayName, boolean>;
  maxAmount?: number;
  storeName?: string;
  terminalName?: string;
  pendingDeadlineSeconds?: number;
  scanner?: ScannerSettings;
  setupComplete?: boolean;
  merchantName?: string;
  refundsNeedPin?: boolean;
  autoPrint?: boolean;
  receiptPaper?: ReceiptPaper;
  printerName?: string;
  display?: DisplaySettingsChange;
  onlinePay?: OnlinePaySettingsChange;
  /**
   * Each cashier language on or off (the shape of `gateways`), at least one on; the cashier's
   * current language moves to the first one on if it is turned off.
   */
  cashierLanguages?: Record<Language, boolean>;
}

export const SETTINGS_PROBLEM_CODES = ['missingToken', 'invalidCustomUrl', 'settingsUnreadable', 'trainingSandboxDown', 'missingOnlinePayKey', 'invalidOnlinePayUrl'] as const;
export type SettingsProblemCode = (typeof SETTINGS_PROBLEM_CODES)[number];
