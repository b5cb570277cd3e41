import { z } from 'zod';
import type { GatewayEnvironment } from '../gateway/nihaopay/nihaopayTypes';
import type { InStoreCurrency } from '../money/currencies';
import { VENDORS, type Vendor } from '../payments/vendors';
import { LANGUAGES, type Language } from './languages';

/**
 * Settings of the customer display and the QR payments: show-QR sales, the IPN
 * receiver, the RMB equivalent, the store's static QR and the LAN display. Stored as one
 * object (`display`) in settings.json; every field optional there, so a file written by
 * an older version stays valid and new fields take their defaults.
 */
export interface DisplaySettings {
  /** The wallet a show-QR sale offers first. */
  showQrVendor: Vendor;
  /** Minutes a shown code stays payable, 1–1440 (NihaoPay's `timeout`). */
  showQrTimeoutMinutes: number;
  /** Run a receiver for NihaoPay's signed IPNs (behind the merchant's reverse proxy or tunnel). */
  ipnReceiverEnabled: boolean;
  /** Port the receiver listens on (127.0.0.1; the proxy forwards to it). */
  ipnReceiverPort: number;
  /** The address NihaoPay posts IPNs to (the proxy's public URL); '' = none. */
  ipnPublicUrl: string;
  /** Show the sale amount in RMB at the day's rate on the customer display. */
  showRmbEquivalent: boolean;
  /** Show the store's static QR on the idle customer display. */
  storeQrEnabled: boolean;
  /** Seller name on NihaoPay's payment page (merchantqrcode `seller_name`). */
  sellerName: string;
  /** Store number (merchantqrcode `store_no`). */
  storeNumber: string;
  /** Let a tablet on the store's network pair as a read-only customer display. */
  lanDisplayEnabled: boolean;
  lanDisplayPort: number;
  /**
   * The language the customer display, the store QR poster and OnlinePay's payment page speak
   * first. A Japanese store chooses Japanese (and Simplified Chinese beside it for its visitors).
   */
  primaryLanguage: Language;
  /** Shown beside the primary on every display screen and the poster; 'none' for one language. */
  secondaryLanguage: Language | 'none';
}

/** The static QR merchantqrcode returned, kept so it is created once and printed any time. */
export interface StoreQrRecord {
  /** The URL the QR encodes. */
  qrcode: string;
  sellerName: string;
  storeName: string;
  storeNo: string;
  tradeCurrency: InStoreCurrency;
  /** A code made in training (the sandbox) is no good in production, and the other way round. */
  environment: GatewayEnvironment;
  /** ISO 8601 UTC. */
  createdAt: string;
}

/** What settings.json holds under `display`. */
export type StoredDisplaySettings = Partial<DisplaySettings> & { storeQr?: StoreQrRecord };

export const DISPLAY_SETTINGS_DEFAULTS: DisplaySettings = {
  showQrVendor: 'alipay',
  showQrTimeoutMinutes: 5,
  ipnReceiverEnabled: false,
  ipnReceiverPort: 8421,
  ipnPublicUrl: '',
  showRmbEquivalent: true,
  storeQrEnabled: false,
  sellerName: '',
  storeNumber: '',
  lanDisplayEnabled: false,
  lanDisplayPort: 8422,
  // As the display was before the setting: English beside Simplified Chinese.
  primaryLanguage: 'en',
  secondaryLanguage: 'zh-CN',
};

/** Stored values over the defaults (the stored object may predate some fields). */
export function displaySettingsOf(stored: StoredDisplaySettings | undefined): DisplaySettings & { storeQr?: StoreQrRecord } {
  return { ...DISPLAY_SETTINGS_DEFAULTS, ...stored };
}

/** What a window sees: the settings, and the store QR if one was made. */
export type DisplaySettingsView = DisplaySettings & { storeQr?: StoreQrRecord };

/** The manager's changes: any subset of the fields. */
export type DisplaySettingsChange = Partial<DisplaySettings>;

const text = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/);
const port = z.number().int().min(1024).max(65535);

/** Checked in main before a change is stored (callSchemas.ts `settingsChange.display`). */
export const displaySettingsChangeSchema = z
  .object({
    showQrVendor: z.enum(VENDORS).optional(),
    showQrTimeoutMinutes: z.number().int().min(1).max(1440).optional(),
    ipnReceiverEnabled: z.boolean().optional(),
    ipnReceiverPort: port.optional(),
    ipnPublicUrl: z.string().max(2048).regex(/^(|https?:\/\/[\x21-\x7e]+)$/).optional(),
    showRmbEquivalent: z.boolean().optional(),
    storeQrEnabled: z.boolean().optional(),
    sellerName: text(80).optional(),
    storeNumber: text(32).optional(),
    lanDisplayEnabled: z.boolean().optional(),
    lanDisplayPort: port.optional(),
    primaryLanguage: z.enum(LANGUAGES).optional(),
    secondaryLanguage: z.enum([...LANGUAGES, 'none']).optional(),
  })
  .strict();

/** JSON Schema of the stored object (settingsSchema.ts), shared by electron-store and conf. */
export const DISPLAY_SETTINGS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    showQrVendor: { type: 'string', enum: [...VENDORS] },
    showQrTimeoutMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
    ipnReceiverEnabled: { type: 'boolean' },
    ipnReceiverPort: { type: 'integer', minimum: 1024, maximum: 65535 },
    ipnPublicUrl: { type: 'string', maxLength: 2048 },
    showRmbEquivalent: { type: 'boolean' },
    storeQrEnabled: { type: 'boolean' },
    sellerName: { type: 'string', maxLength: 80 },
    storeNumber: { type: 'string', maxLength: 32 },
    lanDisplayEnabled: { type: 'boolean' },
    lanDisplayPort: { type: 'integer', minimum: 1024, maximum: 65535 },
    primaryLanguage: { type: 'string', enum: [...LANGUAGES] },
    secondaryLanguage: { type: 'string', enum: [...LANGUAGES, 'none'] },
    storeQr: {
      type: 'object',
      properties: {
        qrcode: { type: 'string', maxLength: 2048 },
        sellerName: { type: 'string', maxLength: 256 },
        storeName: { type: 'string', maxLength: 256 },
        storeNo: { type: 'string', maxLength: 256 },
        tradeCurrency: { type: 'string', enum: ['USD', 'JPY'] },
        environment: { type: 'string', enum: ['training', 'testing', 'production', 'custom'] },
        createdAt: { type: 'string', maxLength: 64 },
      },
      required: ['qrcode', 'sellerName', 'storeName', 'storeNo', 'tradeCurrency', 'environment', 'createdAt'],
      additionalProperties: false,
    },
  },
  additionalProperties: false,
  default: {},
} as const;
