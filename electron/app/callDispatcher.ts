import { CALL_SCHEMAS, isCallName } from '../../shared/bridge/callSchemas';
import type { CallArgs, CallName, CallReturns } from '../../shared/bridge/contract';
import type { CallResult } from '../../shared/errors/posErrors';
import type { Logger } from '../services/log/logger';

export type CallHandlers = {
  [K in CallName]: (args: CallArgs[K]) => Promise<CallResult<CallReturns[K]>> | CallResult<CallReturns[K]>;
};

export type CallDispatcher = (name: unknown, args: unknown) => Promise<CallResult<unknown>>;

/**
 * The one entry point both hosts use: `unknown` in, validated, handled, and always a
 * CallResult out — a malformed call gets a typed error, never an exception in the host.
 */
export function createCallDispatcher(handlers: CallHandlers, log: Logger): CallDispatcher {
  return async (name, args) => {
    if (!isCallName(name)) return { ok: false, error: { code: 'UNKNOWN_CALL' } };
    // A call without arguments arrives as undefined (JSON drops it); anything else must be
    // a plain object of JSON-shaped data. zod's object schemas also accept a Date or a Map
    // (no own keys) and read inherited properties, none of which a window can mean, and IPC
    // (structured clone) carries such values where the WebSocket (JSON) cannot.
    const input = args === undefined ? {} : args;
    if (!isPlainObject(input) || !isJsonShaped(input)) return { ok: false, error: { code: 'INVALID_CALL', params: { call: name, field: '(arguments)' } } };
    const parsed = CALL_SCHEMAS[name].safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'INVALID_CALL', params: { call: name, field: issue?.path.join('.') || '(arguments)' } } };
    }
    try {
      const handler = handlers[name] as (a: unknown) => Promise<CallResult<unknown>> | CallResult<unknown>;
      return await handler(parsed.data);
    } catch (error) {
      log.error('call failed', { call: name, error });
      return { ok: false, error: { code: 'INTERNAL' } };
    }
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** No call's arguments nest deeper or hold more values than this. */
const MAX_DEPTH = 16;
const MAX_VALUES = 1_000;

/**
 * True for the data JSON can carry: plain objects and arrays of strings, finite numbers,
 * booleans and null, bounded in depth and size. `undefined` counts as an absent value
 * (a window may send `{ pin: undefined }`). Walks iteratively, so depth cannot overflow
 * the stack before the bound is hit.
 */
function isJsonShaped(root: unknown): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: root, depth: 0 }];
  let counted = 1;
  // Counted before anything is pushed, so a sparse array claiming a billion items costs nothing.
  const push = (values: readonly unknown[], depth: number): boolean => {
    counted += values.length;
    if (counted > MAX_VALUES) return false;
    for (const value of values) stack.push({ value, depth });
    return true;
  };
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (value === null || value === undefined || typeof value === 'string' || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return false;
      continue;
    }
    if (typeof value !== 'object' || depth >= MAX_DEPTH) return false;
    if (Array.isArray(value)) {
      if (Object.getPrototypeOf(value) !== Array.prototype || value.length > MAX_VALUES) return false;
      if (!push(Array.from(value), depth + 1)) return false;
    } else if (isPlainObject(value)) {
      const keys = Object.keys(value);
      if (keys.length > MAX_VALUES || !push(keys.map((key) => value[key]), depth + 1)) return false;
    } else return false;
  }
  return true;
}
