import type { CounterpayApi } from '../../shared/bridge/contract';
import { createWebSocketApi } from './webSocketApi';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    counterpay?: CounterpayApi;
  }
}

type ConnectionListener = (connected: boolean) => void;
const connectionListeners = new Set<ConnectionListener>();
let api: CounterpayApi | undefined;

/** The contract, from the preload in Electron or over the browser host's WebSocket. */
export function getApi(): CounterpayApi {
  if (!api) {
    api =
      window.counterpay ??
      createWebSocketApi(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`, (connected) => {
        for (const listener of connectionListeners) listener(connected);
      });
  }
  return api;
}

export function onConnectionChange(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}
