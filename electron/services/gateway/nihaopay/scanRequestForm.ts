import { isMinorUnitAmount } from '../../../../shared/money/amount';
import { isInStoreCurrency } from '../../../../shared/money/currencies';
import type { ScanQrCodeRequest } from '../../../../shared/gateway/nihaopay/nihaopayTypes';
import { isValidReference } from '../../../../shared/payments/reference';
import { isVendor } from '../../../../shared/payments/vendors';
import { formOf, isPlausibleGatewayId } from './requestFieldRules';

/**
 * Decides whether a scan request may be sent at all. Only what we can know for certain
 * locally is checked here (amount, currency, vendor, reference, field types); the
 * gateway stays the judge of the payment code and the IP, and names a missing one (label 92).
 * Returns the problem, or undefined when the request may go.
 */
export function scanRequestProblem(request: ScanQrCodeRequest): string | undefined {
  if (!isMinorUnitAmount(request.amount)) return 'amount must be a positive safe integer of minor units';
  if (!isInStoreCurrency(request.currency)) return 'currency must be USD or JPY for in-store payments';
  if (!isVendor(request.vendor)) return 'vendor must be alipay, wechatpay or unionpay';
  if (!isValidReference(request.reference)) return 'reference must be 1-30 letters and digits';
  for (const field of ['buyerIdentityCode', 'clientIp'] as const) {
    if (typeof request[field] !== 'string') return `${field} must be a string`;
  }
  for (const field of ['description', 'note'] as const) {
    const value = request[field];
    if (value !== undefined && typeof value !== 'string') return `${field} must be a string when given`;
  }
  return undefined;
}

/** The form NihaoPay's scanqrcode expects, in its names; empty fields are left out. */
export function scanRequestForm(request: ScanQrCodeRequest): URLSearchParams {
  return formOf([
    ['amount', request.amount],
    ['currency', request.currency],
    ['vendor', request.vendor],
    ['reference', request.reference],
    ['buyer_identity_code', request.buyerIdentityCode],
    ['client_ip', request.clientIp],
    ['description', request.description],
    ['note', request.note],
  ]);
}

/** Transaction ids are opaque to us but go into a URL path; this keeps them harmless there. */
export const isPlausibleTransactionId = isPlausibleGatewayId;
