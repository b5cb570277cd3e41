import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { errorBody } from './onlinePayErrors';

/**
 * Faults injected on purpose into the merchant API (`/api/v1/…`), so tests can prove
 * the OnlinePay client survives a broken gateway. The shape follows the NihaoPay
 * sandbox's (action, latencyMs, times, method, pathPrefix); only `error` differs, since
 * OnlinePay errors are `{kind, code}` rather than NihaoPay labels.
 */

const HUGE_BODY_DEFAULT_BYTES = 10 * 1024 * 1024 + 1;
const HUGE_BODY_MAX_BYTES = 100 * 1024 * 1024;
const NEVER_ENDS_DRIP_MS = 100;

export const onlinePayFaultActionSchema = z.discriminatedUnion('kind', [
  /** Socket closed, nothing processed. */
  z.object({ kind: z.literal('dropBeforeCommit') }),
  /** Processed (the payment exists, the payout debited), then the socket closed: the unknown outcome. */
  z.object({ kind: z.literal('dropAfterCommit') }),
  /** An OnlinePay error body with this status, e.g. 500 api_error; nothing processed. */
  z.object({
    kind: z.literal('error'),
    status: z.int().min(400).max(599).default(500),
    errorKind: z.enum(['api_error', 'authentication_error', 'invalid_request_error', 'processing_error']).default('api_error'),
    code: z.string().min(1).default('internal_error'),
  }),
  z.object({ kind: z.literal('invalidJson') }),
  z.object({ kind: z.literal('htmlPage') }),
  z.object({ kind: z.literal('hugeBody'), bytes: z.int().min(1).max(HUGE_BODY_MAX_BYTES).optional() }),
  z.object({ kind: z.literal('neverEnds') }),
  /** Exactly this reply: a string body as is, anything else as JSON. */
  z.object({ kind: z.literal('reply'), status: z.int().min(200).max(599), body: z.unknown(), contentType: z.string().optional() }),
  /** Processed, then fields of the JSON reply overwritten; keys may be dotted ("payment.status"). */
  z.object({ kind: z.literal('mutateReply'), set: z.record(z.string(), z.unknown()) }),
]);
export type OnlinePayFaultAction = z.infer<typeof onlinePayFaultActionSchema>;

export const onlinePayFaultSchema = z
  .object({
    action: onlinePayFaultActionSchema.optional(),
    latencyMs: z.int().min(0).max(60_000).optional(),
    times: z.union([z.int().min(1), z.literal('always')]).optional(),
    method: z.enum(['GET', 'POST']).optional(),
    pathPrefix: z.string().startsWith('/').optional(),
  })
  .refine((fault) => fault.action !== undefined || fault.latencyMs !== undefined, 'a fault needs an action or a latency');
export type OnlinePayFault = z.input<typeof onlinePayFaultSchema>;
export type ParsedOnlinePayFault = z.output<typeof onlinePayFaultSchema>;

/** The one active fault and how many more matching requests it applies to. */
export class OnlinePayFaultSlot {
  #fault: ParsedOnlinePayFault | null = null;
  #remaining: number | 'always' = 0;

  /** Validates (throws on an invalid fault) and sets; null clears. */
  set(fault: OnlinePayFault | null): ParsedOnlinePayFault | null {
    this.#fault = fault === null ? null : onlinePayFaultSchema.parse(fault);
    this.#remaining = this.#fault?.times ?? 1;
    return this.#fault;
  }

  take(method: string, path: string): ParsedOnlinePayFault | null {
    const fault = this.#fault;
    if (fault === null) return null;
    if (fault.method !== undefined && fault.method !== method) return null;
    if (fault.pathPrefix !== undefined && !path.startsWith(fault.pathPrefix)) return null;
    if (this.#remaining !== 'always') {
      this.#remaining -= 1;
      if (this.#remaining <= 0) this.#fault = null;
    }
    return fault;
  }
}

/** Whether the action answers instead of the API (true) or after it (drop/mutate after commit). */
export function replacesProcessing(action: OnlinePayFaultAction): boolean {
  return action.kind !== 'dropAfterCommit' && action.kind !== 'mutateReply';
}

/** Overwrites fields in a copy of a JSON body; "payment.status" reaches into nested objects. */
export function mutateBody(body: unknown, set: Record<string, unknown>): unknown {
  const copy: unknown = structuredClone(body);
  if (typeof copy !== 'object' || copy === null) return copy;
  for (const [path, value] of Object.entries(set)) {
    const keys = path.split('.');
    let target = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys[keys.length - 1] ?? path] = value;
  }
  return copy;
}

export function writeReplacingFault(response: ServerResponse, action: OnlinePayFaultAction): void {
  switch (action.kind) {
    case 'dropBeforeCommit':
    case 'dropAfterCommit':
      response.socket?.destroy();
      return;
    case 'error':
      return writeText(response, action.status, 'application/json', JSON.stringify(errorBody(action.errorKind, action.code, 'Injected by the sandbox.')));
    case 'invalidJson':
      return writeText(response, 200, 'application/json', '{"success": true, "errors": [], "token": "5f2a');
    case 'htmlPage':
      return writeText(response, 200, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Sign in to the network</title></head><body><h1>Welcome</h1></body></html>');
    case 'hugeBody':
      return writeHugeBody(response, action.bytes ?? HUGE_BODY_DEFAULT_BYTES);
    case 'neverEnds':
      return writeNeverEnding(response);
    case 'reply':
      return writeText(response, action.status, action.contentType ?? 'application/json', typeof action.body === 'string' ? action.body : JSON.stringify(action.body ?? null));
    case 'mutateReply':
      return;
  }
}

function writeText(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Streamed without Content-Length, so only a client that counts bytes stops early. */
function writeHugeBody(response: ServerResponse, bytes: number): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  const pump = (): void => {
    while (sent < bytes && !response.destroyed) {
      const size = Math.min(chunk.length, bytes - sent);
      sent += size;
      if (!response.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  pump();
}

function writeNeverEnding(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"success": true, "errors": [], ');
  const timer = setInterval(() => (response.destroyed ? clearInterval(timer) : response.write(' ')), NEVER_ENDS_DRIP_MS);
  response.once('close', () => clearInterval(timer));
}
