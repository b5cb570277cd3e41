import { changeStatus, type OnlinePayContext } from './onlinePayContext';
import { isCityOfState, isCountryCode, isOnlinePayBankCode, isOnlinePayStateCode, isOnlinePayCurrency, type OnlinePayCurrency, type OnlinePayStatus } from './onlinePayDictionaries';
import { errorReply, okReply, type OnlinePayErrorCode, type OnlinePayReply } from './onlinePayErrors';
import { isJsonObject, orderNumberOf, positiveMinorUnits, textOf, type JsonObject } from './onlinePayRequestFields';

/**
 * The smallest payout, in minor units: the text has the error `amount_less_than_minimum`
 * but names no figure, so the sandbox picks 1.00 CNY/EUR/USD and ¥100.
 */
export const PAYOUT_MINIMUM: Readonly<Record<OnlinePayCurrency, number>> = { CNY: 100, EUR: 100, USD: 100, JPY: 100 };

/**
 * Like a card network's test amounts, the last two digits of a payout's amount pick its
 * outcome: …51 declined (nothing debited), …61 pending (held until the control settles
 * it), anything else approved at once.
 */
export function payoutOutcomeFor(amount: number): Exclude<OnlinePayStatus, 'init'> {
  const ending = amount % 100;
  return ending === 51 ? 'declined' : ending === 61 ? 'pending' : 'approved';
}

type Destination = { ok: true; walletToken?: string; walletDisplayName?: string } | { ok: false; code: OnlinePayErrorCode };

/**
 * POST /api/v1/payouts. Invalid requests are named first (amount, currency, order
 * number and its uniqueness, destination), then what processing refuses (an unknown
 * wallet, the minimum, the balance). The duplicate check precedes the balance check on
 * purpose: a retried payout that already went through must hear "already exists", not
 * "insufficient funds" from the balance its first attempt lowered.
 */
export function createPayout(body: JsonObject, context: OnlinePayContext): OnlinePayReply {
  const amount = positiveMinorUnits(body['amount']);
  if (amount === undefined) return errorReply('incorrect_amount');
  const currency = body['currency'];
  if (!isOnlinePayCurrency(currency)) return errorReply('incorrect_currency');
  const orderNumber = orderNumberOf(body['orderNumber']);
  if (orderNumber === undefined) return errorReply('incorrect_order_number');
  if (context.book.hasOrderNumber(orderNumber)) return errorReply('order_number_already_exists');
  const destination = destinationOf(body, context);
  if (!destination.ok) return errorReply(destination.code);
  if (amount < PAYOUT_MINIMUM[currency]) return errorReply('amount_less_than_minimum');
  if (context.book.balance(currency).available < amount) return errorReply('amount_less_than_balance');

  const payout = context.book.add(
    {
      operationType: 'payout',
      status: 'init',
      currency,
      amount,
      product: null,
      orderNumber,
      extraReturnParam: null,
      locale: 'en',
      redirectSuccessUrl: null,
      redirectFailUrl: null,
      ...(destination.walletToken ? { walletToken: destination.walletToken, walletDisplayName: destination.walletDisplayName } : {}),
    },
    context.now(),
  );
  changeStatus(context, payout, payoutOutcomeFor(amount));
  return okReply({ payout: { token: payout.token, status: payout.status, timestamp: payout.createdAt.replace(/\.\d{3}Z$/, 'Z') } });
}

/**
 * A walletToken wins when present (the text's example sends both a wallet and a bank
 * account, and a wallet is the cheaper route); otherwise the bank account and billing
 * address must both be complete.
 */
function destinationOf(body: JsonObject, context: OnlinePayContext): Destination {
  if (body['walletToken'] !== undefined && body['walletToken'] !== null) {
    const wallet = typeof body['walletToken'] === 'string' ? context.book.wallet(body['walletToken']) : undefined;
    return wallet ? { ok: true, walletToken: wallet.token, walletDisplayName: wallet.displayName } : { ok: false, code: 'incorrect_wallet_token' };
  }
  const account = body['bankAccount'];
  if (!isJsonObject(account) || !isBankAccount(account)) return { ok: false, code: 'incorrect_bank_card_info' };
  const billing = body['billing'];
  if (!isJsonObject(billing) || !isBillingAddress(billing)) return { ok: false, code: 'incorrect_address_info' };
  return { ok: true };
}

function isBankAccount(account: JsonObject): boolean {
  const number = typeof account['accountNumber'] === 'string' ? account['accountNumber'].replace(/\s/g, '') : '';
  const bankCode = account['bankCode'];
  // Chinese account and card numbers run from 10 to 30 digits.
  return textOf(account['accountHolder'], 100) !== undefined && /^\d{10,30}$/.test(number) && isOnlinePayBankCode(bankCode);
}

function isBillingAddress(billing: JsonObject): boolean {
  const { state, countryCode, city, zip, street, phone } = billing;
  if (!isOnlinePayStateCode(state)) return false;
  if (typeof countryCode !== 'string' || !isCountryCode(countryCode)) return false;
  if (typeof city !== 'string' || !isCityOfState(city, state)) return false;
  if (zip !== undefined && (typeof zip !== 'string' || !/^[A-Za-z0-9 -]{3,10}$/.test(zip))) return false;
  if (street !== undefined && textOf(street) === undefined) return false;
  // "Valid customer phone number 20)": read as at most 20 characters.
  return phone === undefined || (typeof phone === 'string' && /^\+?[0-9 ()-]{5,20}$/.test(phone));
}

/** GET /api/v1/balance?currency=CNY. A currency never used shows 0 and 0. */
export function getBalance(query: URLSearchParams, context: OnlinePayContext): OnlinePayReply {
  const currency = query.get('currency');
  if (!isOnlinePayCurrency(currency)) return errorReply('incorrect_currency');
  const { available, hold } = context.book.balance(currency);
  return okReply({ wallet: { available, hold, currency } });
}

/** The control's "the payout network answered": settles a pending payout. */
export function settlePayout(token: string, outcome: 'approved' | 'declined', context: OnlinePayContext): OnlinePayReply {
  const payout = context.book.byToken(token);
  if (!payout || payout.operationType !== 'payout') return errorReply('not_found');
  if (payout.status !== 'pending') return { status: 409, body: { success: false, errors: [{ kind: 'invalid_request_error', code: 'not_pending', message: `The payout is ${payout.status}.` }] } };
  changeStatus(context, payout, outcome);
  return okReply({ payout: { token: payout.token, status: payout.status } });
}
