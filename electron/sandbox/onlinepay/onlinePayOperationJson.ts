import type { OnlinePayOperation } from './onlinePayBook';

/**
 * The payment object as the GET and list replies show it. The two examples differ and
 * the sandbox keeps the difference: GET shows `order_number` as a string and includes
 * `callback_url`; the list shows a digits-only order number as a JSON number.
 */

export function paymentJsonForGet(operation: OnlinePayOperation, callbackUrl: string | null): Record<string, unknown> {
  return {
    id: operation.id,
    status: operation.status,
    token: operation.token,
    currency: operation.currency,
    product: operation.product,
    callback_url: callbackUrl,
    redirect_success_url: operation.redirectSuccessUrl,
    redirect_fail_url: operation.redirectFailUrl,
    amount: operation.amount,
    created_at: operation.createdAt,
    updated_at: operation.updatedAt,
    extra_return_param: operation.extraReturnParam,
    operation_type: operation.operationType,
    order_number: operation.orderNumber,
  };
}

export function paymentJsonForList(operation: OnlinePayOperation): Record<string, unknown> {
  return {
    id: operation.id,
    status: operation.status,
    token: operation.token,
    currency: operation.currency,
    product: operation.product,
    redirect_success_url: operation.redirectSuccessUrl,
    redirect_fail_url: operation.redirectFailUrl,
    amount: operation.amount,
    created_at: operation.createdAt,
    updated_at: operation.updatedAt,
    extra_return_param: operation.extraReturnParam,
    operation_type: operation.operationType,
    order_number: listedOrderNumber(operation.orderNumber),
  };
}

/**
 * As in the list example (`"order_number": 1`): a number when the text is the plain
 * spelling of a safe integer. "0012" stays a string, since 12 would lose its zeros.
 */
export function listedOrderNumber(orderNumber: string): number | string {
  if (!/^(?:0|[1-9]\d*)$/.test(orderNumber)) return orderNumber;
  const number = Number(orderNumber);
  return Number.isSafeInteger(number) ? number : orderNumber;
}
