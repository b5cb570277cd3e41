/** The wallets NihaoPay accepts in store (scanqrcode / showqrcode "vendor"). */
export const VENDORS = ['alipay', 'wechatpay', 'unionpay'] as const;
export type Vendor = (typeof VENDORS)[number];

export function isVendor(value: unknown): value is Vendor {
  return typeof value === 'string' && (VENDORS as readonly string[]).includes(value);
}

/**
 * Shapes of the customer's wallet payment code (the barcode or QR in the wallet app).
 * Alipay: 25–30 prefix, 16–24 digits. WeChat Pay: 10–15 prefix, 18 digits.
 * UnionPay: 62 prefix, 19 digits. The ranges do not overlap.
 */
const PAYMENT_CODE_SHAPES: ReadonlyArray<{ vendor: Vendor; prefixes: readonly string[]; minLength: number; maxLength: number }> = [
  { vendor: 'alipay', prefixes: ['25', '26', '27', '28', '29', '30'], minLength: 16, maxLength: 24 },
  { vendor: 'wechatpay', prefixes: ['10', '11', '12', '13', '14', '15'], minLength: 18, maxLength: 18 },
  { vendor: 'unionpay', prefixes: ['62'], minLength: 19, maxLength: 19 },
];

export type PaymentCodeClassification =
  | { kind: 'wallet'; vendor: Vendor; code: string }
  | { kind: 'refused'; reason: 'CODE_EMPTY' | 'CODE_NOT_DIGITS' | 'CODE_UNKNOWN_SHAPE' };

/**
 * A code a cashier typed by hand, the way wallets print it under the barcode: groups of
 * digits with spaces ("2884 6363 9882 1042 02"), or full-width digits from a Chinese or
 * Japanese input method ("２８８４…"). NFKC turns full-width digits and the ideographic
 * space into ASCII; every space is then dropped. Anything else is left for
 * classifyPaymentCode to refuse as it would (letters stay letters). Scanner input is never
 * normalised: a scanner sends exactly what the code holds.
 */
export function normalizeTypedPaymentCode(typed: string): string {
  return typed.normalize('NFKC').replace(/\s+/gu, '');
}

/** Decides which wallet issued a payment code; refuses anything else so that nothing is sent. */
export function classifyPaymentCode(raw: string): PaymentCodeClassification {
  if (raw.length === 0) return { kind: 'refused', reason: 'CODE_EMPTY' };
  if (!/^\d+$/.test(raw)) return { kind: 'refused', reason: 'CODE_NOT_DIGITS' };
  for (const shape of PAYMENT_CODE_SHAPES) {
    if (raw.length >= shape.minLength && raw.length <= shape.maxLength && shape.prefixes.some((p) => raw.startsWith(p))) {
      return { kind: 'wallet', vendor: shape.vendor, code: raw };
    }
  }
  return { kind: 'refused', reason: 'CODE_UNKNOWN_SHAPE' };
}

/** Sample codes of each vendor for training mode's "simulate scan" and for tests. */
export const SAMPLE_PAYMENT_CODES: Readonly<Record<Vendor, string>> = {
  alipay: '288463639882104202',
  wechatpay: '134567890123456789',
  unionpay: '6212345678901234567',
};
