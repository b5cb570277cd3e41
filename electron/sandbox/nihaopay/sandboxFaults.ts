import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { nihaoPayErrorByLabel } from '../../../shared/gateway/nihaopay/nihaopayErrors';

/**
 * Faults the sandbox injects on purpose, so tests can prove the client survives a
 * hostile or broken gateway. Set one with `setFault` or `POST /__sandbox/fault`.
 */

const HUGE_BODY_DEFAULT_BYTES = 10 * 1024 * 1024 + 1;
const HUGE_BODY_MAX_BYTES = 100 * 1024 * 1024;
/** Shorter than any idle timeout a client would set, so only an overall deadline ends it. */
const NEVER_ENDS_DRIP_MS = 100;

export const faultActionSchema = z.discriminatedUnion('kind', [
  /** Close the socket without a reply and without processing: nothing happened, but the client cannot know. */
  z.object({ kind: z.literal('dropBeforeCommit') }),
  /** Process the request (the payment is recorded), then close the socket without a reply. */
  z.object({ kind: z.literal('dropAfterCommit') }),
  /** Reply with a catalogue error (e.g. label 99 → 500, 39 → 429) without processing. */
  z.object({
    kind: z.literal('error'),
    label: z.string().refine((label) => nihaoPayErrorByLabel(label) !== undefined, 'not a NihaoPay error label'),
    /** Overrides the catalogue's status, e.g. a 503 carrying label 99. */
    status: z.int().min(400).max(599).optional(),
  }),
  /** 200 with a body that is not JSON. */
  z.object({ kind: z.literal('invalidJson') }),
  /** 200 with an HTML page, as a captive portal or misrouted proxy would send. */
  z.object({ kind: z.literal('htmlPage') }),
  /** 200 with a JSON-looking body of `bytes` (default just over 10 MiB), streamed. */
  z.object({ kind: z.literal('hugeBody'), bytes: z.int().min(1).max(HUGE_BODY_MAX_BYTES).optional() }),
  /** 200 and a body that keeps dripping and never ends. */
  z.object({ kind: z.literal('neverEnds') }),
  /** Any reply: a string body is sent as is, anything else as JSON. Nothing is processed. */
  z.object({ kind: z.literal('reply'), status: z.int().min(200).max(599), body: z.unknown(), contentType: z.string().optional() }),
  /** Process normally, then overwrite fields of the JSON reply (wrong types, another reference). */
  z.object({ kind: z.literal('mutateReply'), set: z.record(z.string(), z.unknown()) }),
]);
export type SandboxFaultAction = z.infer<typeof faultActionSchema>;

export const sandboxFaultSchema = z
  .object({
    action: faultActionSchema.optional(),
    /** Delay before anything else; the request is still processed if the client gives up meanwhile. */
    latencyMs: z.int().min(0).max(60_000).optional(),
    /** How many matching requests it applies to. Default 1. */
    times: z.union([z.int().min(1), z.literal('always')]).optional(),
    method: z.enum(['GET', 'POST']).optional(),
    /** Applies only to request paths starting with this. */
    pathPrefix: z.string().startsWith('/').optional(),
  })
  .refine((fault) => fault.action !== undefined || fault.latencyMs !== undefined, 'a fault needs an action or a latency');
export type SandboxFault = z.infer<typeof sandboxFaultSchema>;

/** The one active fault and how many more requests it applies to. */
export class FaultSlot {
  #fault: SandboxFault | null = null;
  #remaining: number | 'always' = 0;

  set(fault: SandboxFault | null): void {
    this.#fault = fault === null ? null : sandboxFaultSchema.parse(fault);
    this.#remaining = this.#fault?.times ?? 1;
  }

  get current(): SandboxFault | null {
    return this.#fault;
  }

  /** Returns the fault for this request and uses one of its applications, or null. */
  take(method: string, path: string): SandboxFault | null {
    const fault = this.#fault;
    if (fault === null || !faultMatches(fault, method, path)) return null;
    if (this.#remaining !== 'always') {
      this.#remaining -= 1;
      if (this.#remaining <= 0) this.#fault = null;
    }
    return fault;
  }
}

export function faultMatches(fault: SandboxFault, method: string, path: string): boolean {
  if (fault.method !== undefined && fault.method !== method.toUpperCase()) return false;
  if (fault.pathPrefix !== undefined && !path.startsWith(fault.pathPrefix)) return false;
  return true;
}

/** Actions that answer in place of the gateway, without processing the request. */
export type ReplacingAction = Exclude<SandboxFaultAction, { kind: 'dropAfterCommit' } | { kind: 'mutateReply' }>;

export function replacesProcessing(action: SandboxFaultAction): action is ReplacingAction {
  return action.kind !== 'dropAfterCommit' && action.kind !== 'mutateReply';
}

export function writeReplacingFault(response: ServerResponse, action: ReplacingAction): void {
  switch (action.kind) {
    case 'dropBeforeCommit':
      response.socket?.destroy();
      return;
    case 'error': {
      const entry = nihaoPayErrorByLabel(action.label);
      const status = action.status ?? entry?.httpStatus ?? 500;
      writeText(response, status, 'application/json', JSON.stringify({ code: status, label: action.label, message: entry?.message ?? '' }));
      return;
    }
    case 'invalidJson':
      writeText(response, 200, 'application/json', '{"id": "20170519093105011337", "status": "succ');
      return;
    case 'htmlPage':
      writeText(response, 200, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Sign in to the network</title></head><body><h1>Welcome</h1></body></html>');
      return;
    case 'hugeBody':
      writeHugeBody(response, action.bytes ?? HUGE_BODY_DEFAULT_BYTES);
      return;
    case 'neverEnds':
      writeNeverEnding(response);
      return;
    case 'reply': {
      const text = typeof action.body === 'string' ? action.body : JSON.stringify(action.body ?? null);
      writeText(response, action.status, action.contentType ?? 'application/json', text);
      return;
    }
  }
}

function writeText(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Streams without Content-Length, so only a client that counts bytes stops early. */
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

/** Headers, half a transaction, then a space every 100 ms until the client hangs up. */
function writeNeverEnding(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"id": "20170519093105011337", "status": ');
  const timer = setInterval(() => {
    if (response.destroyed) clearInterval(timer);
    else response.write(' ');
  }, NEVER_ENDS_DRIP_MS);
  response.once('close', () => clearInterval(timer));
}
