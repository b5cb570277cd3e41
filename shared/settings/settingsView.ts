import type { GatewayEnvironment } from '../gateway/nihaopayTypes';
import type { InStoreCurrency } from '../money/currencies';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The part of the settings a window may see. The merchant token is never in it. */
export interface SettingsView {
  environment: GatewayEnvironment;
  training: boolean;
  /** Whether a merchant token is configured (the token itself never leaves main). */
  hasMerchantToken: boolean;
  currency: InStoreCurrency;
  /** Largest sale in minor units. */
  maxAmount: number;
  language: Language;
  storeName: string;
  terminalName: string;
  /** Something the merchant must fix; payments are refused while `gateway` problems stand. */
  problems: SettingsProblemCode[];
}

export const SETTINGS_PROBLEM_CODES = ['missingToken', 'invalidCustomUrl', 'settingsUnreadable', 'trainingSandboxDown'] as const;
export type SettingsProblemCode = (typeof SETTINGS_PROBLEM_CODES)[number];
