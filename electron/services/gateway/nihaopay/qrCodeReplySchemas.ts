import { z } from 'zod';
import type { MerchantQrCode, ShownQrCode, StaticQrCodePayment } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { readWith, type Reading } from '../replyReading';

/**
 * Replies of the QR endpoints. What the customer will pay and to whom is strict (id,
 * code_url, amount, currency, reference); the rest (time, image URL) is tolerant.
 */

const minorUnits = z.int().nonnegative();
const optionalText = z.string().nullish().catch(undefined);
/** Text that ends up inside a QR code or a redirect: printable ASCII, no spaces, bounded. */
const qrText = z.string().regex(/^[\x21-\x7e]{1,2048}$/);

/** showqrcode and qrcode: "Returns a QRcode object." */
export const shownQrCodeReplySchema = z.object({
  id: z.string().min(1).max(64),
  code_url: qrText,
  amount: minorUnits,
  currency: z.string().regex(/^[A-Z]{3}$/),
  reference: z.string().min(1).max(64),
  timeout: z.int().min(1).max(1440).optional().catch(undefined),
  time: optionalText,
  rmb_amount: minorUnits.nullish().catch(undefined),
});

export interface ShownQrCodeExpectation {
  reference: string;
  currency: string;
  /** Absent when the request was priced in RMB: the reply's amount is then the settlement amount. */
  amount?: number;
  rmbAmount?: number;
  /** What was asked, or the gateway's default of 120 when nothing was. */
  timeoutMinutes: number;
}

export function readShownQrCodeReply(value: unknown, expected: ShownQrCodeExpectation): Reading<ShownQrCode> {
  return readWith(shownQrCodeReplySchema, value, 'a QRcode object', (reply) => {
    const found: string[] = [];
    if (reply.reference !== expected.reference) found.push(`reference ${JSON.stringify(reply.reference)} where ${JSON.stringify(expected.reference)} was asked`);
    if (reply.currency !== expected.currency) found.push(`currency ${JSON.stringify(reply.currency)} where ${JSON.stringify(expected.currency)} was asked`);
    if (expected.amount !== undefined && reply.amount !== expected.amount) found.push(`amount ${reply.amount} where ${expected.amount} was asked`);
    if (expected.rmbAmount !== undefined && reply.rmb_amount != null && reply.rmb_amount !== expected.rmbAmount) {
      found.push(`rmb_amount ${reply.rmb_amount} where ${expected.rmbAmount} was asked`);
    }
    if (found.length > 0) return { ok: false, problem: `the reply is about another QR code: ${found.join(', ')}` };
    const shown: ShownQrCode = {
      id: reply.id,
      codeUrl: reply.code_url,
      amount: reply.amount,
      currency: reply.currency,
      reference: reply.reference,
      timeoutMinutes: reply.timeout ?? expected.timeoutMinutes,
    };
    if (reply.time) shown.time = reply.time;
    if (reply.rmb_amount != null) shown.rmbAmount = reply.rmb_amount;
    return { ok: true, value: shown };
  });
}

export const merchantQrCodeReplySchema = z.object({
  seller_name: optionalText,
  store_name: optionalText,
  store_no: z.string().min(1).max(256),
  qrcode: qrText,
  qrcode_img_url: optionalText,
});

/** The store number identifies the QR the reply is about, as the reference does for payments. */
export function readMerchantQrCodeReply(value: unknown, expected: { storeNo: string; sellerName: string; storeName: string }): Reading<MerchantQrCode> {
  return readWith(merchantQrCodeReplySchema, value, 'a static QR code object', (reply) => {
    if (reply.store_no !== expected.storeNo) {
      return { ok: false, problem: `the reply is about another store: store_no ${JSON.stringify(reply.store_no)} where ${JSON.stringify(expected.storeNo)} was asked` };
    }
    const code: MerchantQrCode = {
      sellerName: reply.seller_name ?? expected.sellerName,
      storeName: reply.store_name ?? expected.storeName,
      storeNo: reply.store_no,
      qrcode: reply.qrcode,
    };
    if (reply.qrcode_img_url) code.qrcodeImageUrl = reply.qrcode_img_url;
    return { ok: true, value: code };
  });
}

export const staticQrCodeReplySchema = z.object({
  redirect_url: qrText.refine((text) => /^https?:\/\//i.test(text), 'not an http(s) URL'),
});

export function readStaticQrCodeReply(value: unknown): Reading<StaticQrCodePayment> {
  return readWith(staticQrCodeReplySchema, value, 'a static QR code payment', (reply) => ({ ok: true, value: { redirectUrl: reply.redirect_url } }));
}
