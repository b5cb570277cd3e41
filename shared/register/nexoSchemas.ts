import { z } from 'zod';

/**
 * The nexo Terminal API messages a register sends, as Adyen's local integration defines them
 * (field names exact PascalCase, as @adyen/api-library's typings/terminal models have them).
 * Unknown fields are dropped, not refused: registers send SaleToAcquirerData, SaleItem and
 * the like, which an Adyen terminal accepts and Counterpay has no use for. Every string is
 * bounded; amounts are JSON numbers in major units (the wire's own format), turned into
 * integer minor units by nexoMessages.ts without floating-point arithmetic.
 */

/** The register's ids: printable, bounded. nexo gives SaleID and ServiceID at most 10 for ServiceID; registers use more, so 64. */
const nexoId = z.string().min(1).max(64).regex(/^[\x20-\x7e]+$/);

export const MESSAGE_CATEGORIES = ['Payment', 'TransactionStatus', 'Abort', 'Reversal'] as const;

export const messageHeaderSchema = z.object({
  ProtocolVersion: z.string().max(16).optional(),
  MessageClass: z.enum(['Service', 'Device', 'Event']),
  MessageCategory: z.string().min(1).max(32).regex(/^[A-Za-z]+$/),
  MessageType: z.enum(['Request', 'Response', 'Notification']),
  SaleID: nexoId,
  ServiceID: nexoId,
  POIID: nexoId,
  DeviceID: nexoId.optional(),
});
export type NexoMessageHeader = z.infer<typeof messageHeaderSchema>;

const transactionIdentificationSchema = z.object({
  TransactionID: nexoId,
  TimeStamp: z.string().max(40),
});

/** A JSON number of major units: finite, non-negative, no more than 15 significant digits (parsed as text afterwards). */
const wireAmount = z.number().finite().nonnegative().max(1e13);

export const paymentRequestSchema = z.object({
  SaleData: z.object({
    SaleTransactionID: transactionIdentificationSchema,
    OperatorID: z.string().max(64).optional(),
  }),
  PaymentTransaction: z.object({
    AmountsReq: z.object({
      Currency: z.string().regex(/^[A-Z]{3}$/),
      RequestedAmount: wireAmount,
    }),
  }),
});

export const messageReferenceSchema = z.object({
  MessageCategory: z.string().max(32).optional(),
  SaleID: nexoId.optional(),
  ServiceID: nexoId.optional(),
  POIID: nexoId.optional(),
  DeviceID: nexoId.optional(),
});

export const transactionStatusRequestSchema = z.object({
  MessageReference: messageReferenceSchema.optional(),
  DocumentQualifier: z.array(z.string().max(32)).max(8).optional(),
  ReceiptReprintFlag: z.boolean().optional(),
});

export const abortRequestSchema = z.object({
  AbortReason: z.string().max(256),
  MessageReference: messageReferenceSchema,
});

export const reversalRequestSchema = z.object({
  OriginalPOITransaction: z.object({
    POITransactionID: transactionIdentificationSchema,
    SaleID: nexoId.optional(),
    POIID: nexoId.optional(),
  }),
  ReversalReason: z.enum(['CustCancel', 'MerchantCancel', 'Malfunction', 'Unable2Compl']),
  ReversedAmount: wireAmount.optional(),
  SaleData: z.object({ SaleTransactionID: transactionIdentificationSchema.optional() }).optional(),
});

/** The envelope before its body is read: the header decides which body schema applies. */
export const saleToPoiRequestEnvelopeSchema = z.object({
  SaleToPOIRequest: z.object({ MessageHeader: messageHeaderSchema }).passthrough(),
});

/** Adyen's encrypted envelope (NexoBlob + SecurityTrailer with AdyenCryptoVersion 1). */
export const securedRequestSchema = z.object({
  SaleToPOIRequest: z.object({
    MessageHeader: messageHeaderSchema,
    NexoBlob: z.string().min(1).max(200_000).regex(/^[A-Za-z0-9+/=]+$/),
    SecurityTrailer: z.object({
      AdyenCryptoVersion: z.number().int(),
      KeyIdentifier: z.string().min(1).max(128),
      KeyVersion: z.number().int().nonnegative().max(1_000_000),
      Nonce: z.string().min(1).max(64).regex(/^[A-Za-z0-9+/=]+$/),
      Hmac: z.string().min(1).max(128).regex(/^[A-Za-z0-9+/=]+$/),
    }),
  }),
});
export type NexoSecuredRequest = z.infer<typeof securedRequestSchema>;

export type NexoPaymentRequest = z.infer<typeof paymentRequestSchema>;
export type NexoTransactionStatusRequest = z.infer<typeof transactionStatusRequestSchema>;
export type NexoAbortRequest = z.infer<typeof abortRequestSchema>;
export type NexoReversalRequest = z.infer<typeof reversalRequestSchema>;

/** One register message, its header and its body, validated. */
export type NexoRequest =
  | { category: 'Payment'; header: NexoMessageHeader; body: NexoPaymentRequest }
  | { category: 'TransactionStatus'; header: NexoMessageHeader; body: NexoTransactionStatusRequest }
  | { category: 'Abort'; header: NexoMessageHeader; body: NexoAbortRequest }
  | { category: 'Reversal'; header: NexoMessageHeader; body: NexoReversalRequest };

/** What reading a message gave: a request, or why not (with the header when it could be read, to answer in kind). */
export type NexoParse =
  | { ok: true; request: NexoRequest }
  | { ok: false; header?: NexoMessageHeader; reason: 'notJson' | 'noHeader' | 'unsupported' | 'invalid'; detail: string };

const BODY_SCHEMAS = {
  Payment: ['PaymentRequest', paymentRequestSchema],
  TransactionStatus: ['TransactionStatusRequest', transactionStatusRequestSchema],
  Abort: ['AbortRequest', abortRequestSchema],
  Reversal: ['ReversalRequest', reversalRequestSchema],
} as const;

/** `unknown` in (a parsed JSON value), a typed request out; never throws. */
export function parseNexoRequest(value: unknown): NexoParse {
  const envelope = saleToPoiRequestEnvelopeSchema.safeParse(value);
  if (!envelope.success) return { ok: false, reason: 'noHeader', detail: 'SaleToPOIRequest.MessageHeader is missing or malformed' };
  const header = envelope.data.SaleToPOIRequest.MessageHeader;
  const category = header.MessageCategory;
  if (header.MessageType !== 'Request' || !(MESSAGE_CATEGORIES as readonly string[]).includes(category)) {
    return { ok: false, header, reason: 'unsupported', detail: `${category} ${header.MessageType} is not supported` };
  }
  const [field, schema] = BODY_SCHEMAS[category as keyof typeof BODY_SCHEMAS];
  const body = schema.safeParse((envelope.data.SaleToPOIRequest as Record<string, unknown>)[field]);
  if (!body.success) {
    const issue = body.error.issues[0];
    return { ok: false, header, reason: 'invalid', detail: `${field}${issue ? `.${issue.path.join('.')}: ${issue.message}` : ''}` };
  }
  return { ok: true, request: { category, header, body: body.data } as NexoRequest };
}
