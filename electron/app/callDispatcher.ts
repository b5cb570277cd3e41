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
    // a plain object: zod's object schemas also accept a Date or a Map (no own keys) and
    // read inherited properties, neither of which a window can mean.
    const input = args === undefined ? {} : args;
    if (!isPlainObject(input)) return { ok: false, error: { code: 'INVALID_CALL', params: { call: name, field: '(arguments)' } } };
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
