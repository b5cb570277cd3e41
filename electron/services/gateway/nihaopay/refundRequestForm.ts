import type { RefundRequest } from '../../../../shared/gateway/nihaopay/nihaopayApi';
import { isCurrencyCode } from '../../../../shared/money/currencies';
import { amountOrRmbAmountProblem, formOf, optionalTextProblem } from './requestFieldRules';

/**
 * POST /v1.2/transactions/{transaction_id}/refund. Whether the currency matches the
 * original (409/64) and the amount fits the remaining balance (402/67) only the gateway
 * knows; locally we check that the request is well formed.
 */
export function refundRequestProblem(request: RefundRequest): string | undefined {
  const amountProblem = amountOrRmbAmountProblem(request);
  if (amountProblem !== undefined) return amountProblem;
  if (!isCurrencyCode(request.currency) || request.currency === 'CNY') return 'currency must be one of NihaoPay’s settlement currencies (USD, JPY, HKD, EUR, CAD, GBP, SGD, AUD)';
  return optionalTextProblem(request, ['reason']);
}

export function refundRequestForm(request: RefundRequest): URLSearchParams {
  return formOf([
    ['amount', request.amount],
    ['rmb_amount', request.rmbAmount],
    ['currency', request.currency],
    ['reason', request.reason],
  ]);
}
