import { GATEWAY_ENVIRONMENTS } from '../../../shared/gateway/nihaopayTypes';
import { IN_STORE_CURRENCIES } from '../../../shared/money/currencies';
import { LANGUAGES, type Language } from '../../../shared/settings/settingsView';
import type { GatewayEnvironment } from '../../../shared/gateway/nihaopayTypes';
import type { InStoreCurrency } from '../../../shared/money/currencies';

/** The settings file's content. Secrets (merchant token, PIN hashes) are not here. */
export interface StoredSettings {
  /** Absent until the merchant chooses: then training without a token, production with one. */
  gatewayEnvironment?: GatewayEnvironment;
  gatewayCustomUrl?: string;
  currency: InStoreCurrency;
  /** Largest sale, integer minor units of `currency`. */
  maxAmount: number;
  language: Language;
  storeName: string;
  terminalName: string;
  /** How long a pending or unknown sale is looked up before it needs attention. */
  pendingDeadlineSeconds: number;
}

export const SETTINGS_DEFAULTS: StoredSettings = {
  currency: 'USD',
  maxAmount: 500_000,
  language: 'en',
  storeName: 'Counterpay Store',
  terminalName: 'T1',
  pendingDeadlineSeconds: 150,
};

/**
 * JSON Schema `properties` for electron-store (in Electron) and its engine conf (under
 * plain Node): one schema, both stores. A file that fails it is not silently reset
 * (see settingsStore.ts).
 */
export const SETTINGS_JSON_SCHEMA = {
  gatewayEnvironment: { type: 'string', enum: [...GATEWAY_ENVIRONMENTS] },
  gatewayCustomUrl: { type: 'string', maxLength: 2048 },
  currency: { type: 'string', enum: [...IN_STORE_CURRENCIES], default: SETTINGS_DEFAULTS.currency },
  maxAmount: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, default: SETTINGS_DEFAULTS.maxAmount },
  language: { type: 'string', enum: [...LANGUAGES], default: SETTINGS_DEFAULTS.language },
  storeName: { type: 'string', maxLength: 80, default: SETTINGS_DEFAULTS.storeName },
  terminalName: { type: 'string', maxLength: 40, default: SETTINGS_DEFAULTS.terminalName },
  pendingDeadlineSeconds: { type: 'integer', minimum: 10, maximum: 3600, default: SETTINGS_DEFAULTS.pendingDeadlineSeconds },
} as const;
