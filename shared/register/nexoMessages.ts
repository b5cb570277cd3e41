import { minorToDecimalString, parseAmountInput } from '../money/amount';
import type { CurrencyCode } from '../money/currencies';
import type { NexoMessageHeader } from './nexoSchemas';

/**
 * The responses Counterpay sends a register, built from what the journal holds. Pure: the
 * endpoint and the session decide, this only spells it the way Adyen's local Terminal API
 * does (@adyen/api-library's typings/terminal: Response, PaymentResponse, PaymentReceipt…).
 */

/** nexo's ResultType. */
export type NexoResult = 'Success' | 'Failure' | 'Partial';

/** nexo's ErrorConditionType, the ones Counterpay answers with. */
export type NexoErrorCondition = 'Aborted' | 'Busy' | 'Cancel' | 'InProgress' | 'MessageFormat' | 'NotAllowed' | 'NotFound' | 'Refusal' | 'UnavailableService' | 'PaymentRestriction';

export interface NexoResponseStatus {
  Result: NexoResult;
  ErrorCondition?: NexoErrorCondition;
  /** Adyen's AdditionalResponse: URL-encoded key=value pairs (message=…, paymentMethod=…). */
  AdditionalResponse?: string;
}

/** Every response echoes the request's header, as a Response. */
export function responseHeader(request: NexoMessageHeader): NexoMessageHeader {
  return { ...request, MessageType: 'Response' };
}

export function additionalResponse(pairs: Record<string, string | undefined>): string {
  return Object.entries(pairs)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
}

export function failure(condition: NexoErrorCondition, message: string): NexoResponseStatus {
  return { Result: 'Failure', ErrorCondition: condition, AdditionalResponse: additionalResponse({ message }) };
}

/**
 * A wire amount (a JSON number of major units, 12.34) as integer minor units, read from its
 * decimal text, never multiplied as a float; more decimals than the currency has is refused.
 * JSON numbers up to 1e13 print as plain decimals, so String() gives the digits sent.
 */
export function wireAmountToMinor(value: number, currency: CurrencyCode): number | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const parsed = parseAmountInput(String(value), currency, Number.MAX_SAFE_INTEGER);
  return parsed.ok ? parsed.amount : undefined;
}

/** Integer minor units as the wire's JSON number (1234 USD → 12.34; 1500 JPY → 1500). */
export function minorToWireAmount(amount: number, currency: CurrencyCode): number {
  return Number(minorToDecimalString(amount, currency));
}

/** What a register sale came to, as the journal and the session know it. */
export interface RegisterPaymentFacts {
  saleTransactionId: { TransactionID: string; TimeStamp: string };
  status: NexoResponseStatus;
  /** Set once an attempt was journaled: the POI's transaction id is our journal reference. */
  poiTransaction?: { reference: string; time: string };
  amount?: { authorized: number; currency: CurrencyCode };
  /** alipay, wechatpay, unionpay, onlinepay… */
  paymentMethod?: string;
  /** The gateway's own transaction id. */
  gatewayTransactionId?: string;
  receiptLines?: readonly string[];
}

/** One receipt as PaymentReceipt: text lines the register prints, one OutputText each. */
export function paymentReceipt(lines: readonly string[], qualifier: 'CashierReceipt' | 'CustomerReceipt') {
  return {
    DocumentQualifier: qualifier,
    RequiredSignatureFlag: false,
    OutputContent: {
      OutputFormat: 'Text',
      OutputText: lines.map((line) => ({ Text: line, EndOfLineFlag: true })),
    },
  };
}

export function paymentResponseBody(facts: RegisterPaymentFacts) {
  const { status } = facts;
  const extra = facts.paymentMethod || facts.gatewayTransactionId
    ? additionalResponse({ paymentMethod: facts.paymentMethod, gatewayTransactionId: facts.gatewayTransactionId })
    : undefined;
  const response: NexoResponseStatus = {
    ...status,
    ...(extra ? { AdditionalResponse: status.AdditionalResponse ? `${status.AdditionalResponse}&${extra}` : extra } : {}),
  };
  return {
    Response: response,
    SaleData: { SaleTransactionID: facts.saleTransactionId },
    POIData: {
      // nexo requires a POITransactionID; before any attempt there is none, so the register's own id and time stand in.
      POITransactionID: facts.poiTransaction
        ? { TransactionID: facts.poiTransaction.reference, TimeStamp: facts.poiTransaction.time }
        : { TransactionID: facts.saleTransactionId.TransactionID, TimeStamp: facts.saleTransactionId.TimeStamp },
    },
    ...(facts.amount
      ? {
          PaymentResult: {
            PaymentType: 'Normal',
            AmountsResp: { AuthorizedAmount: minorToWireAmount(facts.amount.authorized, facts.amount.currency), Currency: facts.amount.currency },
            ...(facts.paymentMethod
              ? {
                  PaymentInstrumentData: facts.paymentMethod === 'onlinepay'
                    ? { PaymentInstrumentType: 'Card', CardData: { PaymentBrand: 'onlinepay' } }
                    : { PaymentInstrumentType: 'Mobile', MobileData: { MobileBrand: facts.paymentMethod } },
                }
              : {}),
            OnlineFlag: true,
          },
        }
      : {}),
    ...(facts.receiptLines ? { PaymentReceipt: [paymentReceipt(facts.receiptLines, 'CashierReceipt'), paymentReceipt(facts.receiptLines, 'CustomerReceipt')] } : {}),
  };
}

export function saleToPoiResponse(header: NexoMessageHeader, field: string, body: unknown) {
  return { SaleToPOIResponse: { MessageHeader: responseHeader(header), [field]: body } };
}

/** The response field for a request category ("Payment" → "PaymentResponse"); an unknown one still gets a well-formed name. */
export function responseFieldOf(category: string): string {
  return /^[A-Za-z]{1,32}$/.test(category) ? `${category}Response` : 'Response';
}

/** A Failure in the shape of the request's own response, for a message that could be read only as far as its header. */
export function failureResponse(header: NexoMessageHeader, condition: NexoErrorCondition, message: string) {
  return saleToPoiResponse(header, responseFieldOf(header.MessageCategory), { Response: failure(condition, message) });
}
