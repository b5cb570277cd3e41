import { CALL_NAMES, type CallName, type CounterpayApi, type EventName, type EventPayloads, type WireMessage } from '../../shared/bridge/contract';
import type { CallResult } from '../../shared/errors/posErrors';

/**
 * Browser mode's implementation of the contract: calls and events over one WebSocket
 * to the browser host. Reconnects with backoff. Calls made before the first connection wait
 * for it (the page has just loaded); once the terminal has been reached, a call made while
 * it is unreachable fails at once with TERMINAL_DISCONNECTED instead of hanging or being
 * sent minutes later when it comes back (a sale or refund nobody is waiting for any more).
 */
export function createWebSocketApi(url: string, onConnectionChange: (connected: boolean) => void): CounterpayApi {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (result: CallResult<unknown>) => void>();
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const queue: string[] = [];
  let everConnected = false;
  const disconnected: CallResult<unknown> = { ok: false, error: { code: 'TERMINAL_DISCONNECTED' } };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      everConnected = true;
      onConnectionChange(true);
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => {
      let parsed: WireMessage;
      try {
        parsed = JSON.parse(String(message.data)) as WireMessage;
      } catch {
        return;
      }
      if (parsed.type === 'result') {
        pending.get(parsed.id)?.(parsed.result);
        pending.delete(parsed.id);
      } else if (parsed.type === 'event') {
        for (const listener of listeners.get(parsed.event) ?? []) (listener as (p: unknown) => void)(parsed.payload);
      }
    };
    ws.onclose = () => {
      onConnectionChange(false);
      // Calls in flight may or may not have reached main; the snapshot after reconnecting tells.
      for (const [id, resolve] of pending) {
        resolve(disconnected);
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  connect();

  const call = (name: CallName, args: unknown) =>
    new Promise<CallResult<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const frame = JSON.stringify({ id, call: name, args });
      if (socket?.readyState === WebSocket.OPEN) socket.send(frame);
      else if (!everConnected) queue.push(frame);
      else {
        pending.delete(id);
        resolve(disconnected);
      }
    });

  const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, (args: unknown) => call(name, args)])) as Omit<CounterpayApi, 'on'>;
  return {
    ...calls,
    on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
  };
}
