import { useEffect, useState } from 'react';
import type { AppSnapshot } from '../../shared/bridge/contract';
import { getApi, onConnectionChange } from './bridge';

/** The latest AppSnapshot from main, and whether the connection to it is up. */
export function useSnapshot(): { snapshot: AppSnapshot | undefined; connected: boolean } {
  const [snapshot, setSnapshot] = useState<AppSnapshot>();
  const [connected, setConnected] = useState(true);
  useEffect(() => {
    const api = getApi();
    const refresh = () =>
      void api.getSnapshot({}).then((result) => {
        if (result.ok) setSnapshot(result.value);
      });
    const offEvent = api.on('snapshot', setSnapshot);
    const offConnection = onConnectionChange((up) => {
      setConnected(up);
      if (up) refresh();
    });
    refresh();
    return () => {
      offEvent();
      offConnection();
    };
  }, []);
  return { snapshot, connected };
}
