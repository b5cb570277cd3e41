import type { MerchantQrCodeRequest, QrCodeRequest, ShowQrCodeRequest, StaticQrCodeRequest } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { isMinorUnitAmount } from '../../../../shared/money/amount';
import { isCurrencyCode, isInStoreCurrency } from '../../../../shared/money/currencies';
import { isValidReference } from '../../../../shared/payments/reference';
import { isVendor } from '../../../../shared/payments/vendors';
import {
  amountOrRmbAmountProblem,
  formOf,
  optionalTextProblem,
  requiredTextProblem,
  timeoutProblem,
  urlProblem,
} from './requestFieldRules';

/**
 * The four QR endpoints' request rules and forms, each from its own table in the
 * document: which vendors and currencies it accepts, which fields it requires.
 */

const REFERENCE_RULE = 'reference must be 1-30 letters and digits';

/** POST /v1.2/transactions/showqrcode: in-store, so USD or JPY; alipay, wechatpay or unionpay. */
export function showQrCodeRequestProblem(request: ShowQrCodeRequest): string | undefined {
  if (!isMinorUnitAmount(request.amount)) return 'amount must be a positive safe integer of minor units';
  if (!isInStoreCurrency(request.currency)) return 'currency must be USD or JPY for in-store payments';
  if (!isVendor(request.vendor)) return 'vendor must be alipay, wechatpay or unionpay';
  if (!isValidReference(request.reference)) return REFERENCE_RULE;
  return urlProblem('ipnUrl', request.ipnUrl) ?? timeoutProblem(request.timeoutMinutes) ?? optionalTextProblem(request, ['description', 'note']);
}

export function showQrCodeRequestForm(request: ShowQrCodeRequest): URLSearchParams {
  return formOf([
    ['amount', request.amount],
    ['currency', request.currency],
    ['vendor', request.vendor],
    ['reference', request.reference],
    ['ipn_url', request.ipnUrl],
    ['timeout', request.timeoutMinutes],
    ['description', request.description],
    ['note', request.note],
  ]);
}

/** POST /v1.2/transactions/qrcode: any NihaoPay currency; unionpay or wechatpay only; amount xor rmb_amount. */
export function qrCodeRequestProblem(request: QrCodeRequest): string | undefined {
  const amountProblem = amountOrRmbAmountProblem(request);
  if (amountProblem !== undefined) return amountProblem;
  if (!isCurrencyCode(request.currency) || request.currency === 'CNY') return 'currency must be one of NihaoPay’s settlement currencies (USD, JPY, HKD, EUR, CAD, GBP, SGD, AUD)';
  if (request.vendor !== 'wechatpay' && request.vendor !== 'unionpay') return 'vendor must be wechatpay or unionpay for a payment QR code';
  if (!isValidReference(request.reference)) return REFERENCE_RULE;
  return urlProblem('ipnUrl', request.ipnUrl) ?? timeoutProblem(request.timeoutMinutes) ?? optionalTextProblem(request, ['description', 'note']);
}

export function qrCodeRequestForm(request: QrCodeRequest): URLSearchParams {
  return formOf([
    ['currency', request.currency],
    ['amount', request.amount],
    ['rmb_amount', request.rmbAmount],
    ['vendor', request.vendor],
    ['reference', request.reference],
    ['ipn_url', request.ipnUrl],
    ['timeout', request.timeoutMinutes],
    ['description', request.description],
    ['note', request.note],
  ]);
}

/** POST /v1.2/merchantqrcode: trade_currency USD or JPY; vendor only for the Alipay variant, and only alipay. */
export function merchantQrCodeRequestProblem(request: MerchantQrCodeRequest): string | undefined {
  if (!isInStoreCurrency(request.tradeCurrency)) return 'tradeCurrency must be USD or JPY';
  if (request.vendor !== undefined && request.vendor !== 'alipay') return 'vendor, when given, must be alipay (the Static AliPay QRcode)';
  const missing = requiredTextProblem(request, ['sellerName', 'storeName', 'storeNo']);
  if (missing !== undefined) return missing;
  return request.ipnUrl === undefined ? undefined : urlProblem('ipnUrl', request.ipnUrl);
}

export function merchantQrCodeRequestForm(request: MerchantQrCodeRequest): URLSearchParams {
  return formOf([
    ['trade_currency', request.tradeCurrency],
    ['vendor', request.vendor],
    ['ipn_url', request.ipnUrl],
    ['seller_name', request.sellerName],
    ['store_name', request.storeName],
    ['store_no', request.storeNo],
  ]);
}

/** POST /v1.2/transactions/staticqrcode: the wallet the customer scanned with, alipay or wechatpay. */
export function staticQrCodeRequestProblem(request: StaticQrCodeRequest): string | undefined {
  if (!isMinorUnitAmount(request.amount)) return 'amount must be a positive safe integer of minor units';
  if (request.vendor !== 'alipay' && request.vendor !== 'wechatpay') return 'vendor must be alipay or wechatpay for a static QR code payment';
  const qrcode = urlProblem('qrcode', request.qrcode);
  if (qrcode !== undefined) return qrcode;
  if (request.reference !== undefined && !isValidReference(request.reference)) return REFERENCE_RULE;
  if (request.callbackUrl !== undefined) {
    const callback = urlProblem('callbackUrl', request.callbackUrl);
    if (callback !== undefined) return callback;
  }
  return optionalTextProblem(request, ['description']);
}

/**
 * The document's table names the field "callbacl_url" once and "callback_url" everywhere
 * else, its example included; the example is what the gateway reads.
 */
export function staticQrCodeRequestForm(request: StaticQrCodeRequest): URLSearchParams {
  return formOf([
    ['amount', request.amount],
    ['vendor', request.vendor],
    ['qrcode', request.qrcode],
    ['reference', request.reference],
    ['callback_url', request.callbackUrl],
    ['description', request.description],
  ]);
}
