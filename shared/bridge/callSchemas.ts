import { z } from 'zod';
import { LANGUAGES, type Language } from '../settings/settingsView';
import { GATEWAY_ENVIRONMENTS } from '../gateway/nihaopay/nihaopayTypes';
import { STORE_CURRENCIES } from '../money/currencies';
import { GATEWAY_NAMES, type GatewayName } from '../gateway/paymentGateway';
import { KEYBOARD_LAYOUT_IDS, MAX_SCAN_LENGTH, SCAN_TERMINATORS } from '../scanner/scanTypes';
import type { CallArgs, CallName } from './contract';
import { BACK_OFFICE_CALL_SCHEMAS } from './backOfficeCallSchemas';
import { RECEIPT_PAPERS } from '../receipts/receiptModel';
import { displaySettingsChangeSchema } from '../settings/displaySettings';
import { DISPLAY_CALL_SCHEMAS } from './displayCallSchemas';
import { ONLINEPAY_CALL_SCHEMAS } from './onlinePayCallSchemas';
import { ACCOUNT_CALL_SCHEMAS } from './accountCallSchemas';
import { REGISTER_CALL_SCHEMAS } from './registerCallSchemas';
import { ONLINEPAY_ENVIRONMENTS } from '../gateway/onlinepay/onlinePayProfile';
import { ONLINEPAY_PAYMENT_MINUTES } from '../settings/onlinePaySettings';

const noArgs = z.object({}).strict();

/** A PIN as typed: digits only, bounded; whether it is right is main's business. */
const pinText = z.string().max(12).regex(/^[0-9]*$/);
const shortText = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]*$/);

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const scannerSettings = z
  .object({
    mode: z.enum(['pos', 'keyboard']),
    vendorId: z.number().int().min(0).max(0xffff).optional(),
    productId: z.number().int().min(0).max(0xffff).optional(),
    layout: z.enum(KEYBOARD_LAYOUT_IDS),
    terminator: z.enum(SCAN_TERMINATORS),
  })
  .strict();

const settingsChange = z
  .object({
    environmentChoice: z.enum([...GATEWAY_ENVIRONMENTS, 'auto']).optional(),
    gatewayCustomUrl: z.string().max(2048).optional(),
    currency: z.enum(STORE_CURRENCIES).optional(),
    // Each gateway on or off. All off passes here so that main can refuse it with the field's own error (NO_GATEWAY_ENABLED).
    gateways: z.object(Object.fromEntries(GATEWAY_NAMES.map((name) => [name, z.boolean()])) as Record<GatewayName, z.ZodBoolean>).strict().optional(),
    maxAmount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    storeName: shortText(80).optional(),
    terminalName: shortText(40).optional(),
    pendingDeadlineSeconds: z.number().int().min(10).max(3600).optional(),
    scanner: scannerSettings.optional(),
    setupComplete: z.boolean().optional(),
    merchantName: shortText(80).optional(),
    refundsNeedPin: z.boolean().optional(),
    autoPrint: z.boolean().optional(),
    receiptPaper: z.enum(RECEIPT_PAPERS).optional(),
    // Empty: the system's default printer.
    printerName: z.string().max(200).regex(/^[^\u0000-\u001f\u007f]*$/).optional(),
    display: displaySettingsChangeSchema.optional(),
    // Each language on or off, as gateways; none on passes here so main can refuse it as the field's own error.
    cashierLanguages: z.object(Object.fromEntries(LANGUAGES.map((language) => [language, z.boolean()])) as Record<Language, z.ZodBoolean>).strict().optional(),
    onlinePay: z
      .object({
        environment: z.enum([...ONLINEPAY_ENVIRONMENTS, 'auto']).optional(),
        customUrl: z.string().max(2048).optional(),
        paymentMinutes: z.number().int().min(ONLINEPAY_PAYMENT_MINUTES.min).max(ONLINEPAY_PAYMENT_MINUTES.max).optional(),
        notificationReceiverEnabled: z.boolean().optional(),
        notificationReceiverPort: z.number().int().min(0).max(65535).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/**
 * The check every call's arguments pass in main (or in the browser host) before use:
 * `unknown` in, typed value out. Strict objects, so unexpected keys are refused too.
 */
export const CALL_SCHEMAS = {
  getSnapshot: noArgs,
  startSale: z.object({ amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER), confirmDuplicate: z.boolean().optional() }).strict(),
  submitScan: z.object({ code: z.string().max(MAX_SCAN_LENGTH), source: z.enum(['wedge', 'manual']) }).strict(),
  retryScan: noArgs,
  cancelSale: noArgs,
  newSale: noArgs,
  setLanguage: z.object({ language: z.enum(LANGUAGES) }).strict(),
  dismissAttention: noArgs,
  recheckAttention: noArgs,
  // Printable ASCII only: what the emulated scanner's US layout can type.
  simulateScan: z.object({ code: z.string().min(1).max(MAX_SCAN_LENGTH).regex(/^[\x20-\x7e]+$/), mode: z.enum(['keyboard', 'pos']) }).strict(),
  checkManagerPin: z.object({ pin: pinText }).strict(),
  updateSettings: z.object({ pin: pinText.optional(), change: settingsChange }).strict(),
  setMerchantToken: z.object({ pin: pinText.optional(), token: z.string().max(512).regex(/^[\x21-\x7e]*$/) }).strict(),
  setManagerPin: z.object({ pin: pinText.optional(), newPin: pinText }).strict(),
  listScanners: noArgs,
  reconcile: z.object({ pin: pinText.optional(), from: isoDay, to: isoDay }).strict(),
  ...BACK_OFFICE_CALL_SCHEMAS,
  ...DISPLAY_CALL_SCHEMAS,
  ...ONLINEPAY_CALL_SCHEMAS,
  ...ACCOUNT_CALL_SCHEMAS,
  ...REGISTER_CALL_SCHEMAS,
} satisfies { [K in CallName]: z.ZodType<CallArgs[K]> };

export function isCallName(value: unknown): value is CallName {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CALL_SCHEMAS, value);
}
