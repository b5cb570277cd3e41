/**
 * The cashier and display windows' only way to the main process: one named method per
 * call of the contract, and event subscription for the contract's events. No raw
 * ipcRenderer, no channel chosen by the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES, EVENT_NAMES, callChannel, eventChannel, type CallName, type CounterpayApi, type EventName, type EventPayloads } from '../../shared/bridge/contract';

function invoker<K extends CallName>(name: K): CounterpayApi[K] {
  const channel = callChannel(name);
  return ((args: unknown) => ipcRenderer.invoke(channel, args)) as CounterpayApi[K];
}

const calls = Object.fromEntries(CALL_NAMES.map((name) => [name, invoker(name)])) as Omit<CounterpayApi, 'on'>;

const api = {
  ...calls,
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
    const channel = eventChannel(event);
    const wrapped = (_event: IpcRendererEvent, payload: EventPayloads[E]) => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
} satisfies CounterpayApi;

contextBridge.exposeInMainWorld('counterpay', api);
