import { useEffect, useState } from 'react';
import type { CustomerDisplayView } from '../../shared/display/customerDisplayView';
import { getApi, onConnectionChange } from '../bridge/bridge';

/**
 * The customer display's view from main: asked for on load and after every reconnect
 * (events sent while the connection was down are lost), then followed through `display`
 * events. Undefined until the first answer.
 */
export function useDisplayView(): CustomerDisplayView | undefined {
  const [view, setView] = useState<CustomerDisplayView>();
  useEffect(() => {
    const api = getApi();
    let live = true;
    const refresh = () =>
      void api.getDisplay({}).then((result) => {
        if (live && result.ok) setView(result.value);
      });
    const offEvent = api.on('display', (next) => {
      if (live) setView(next);
    });
    const offConnection = onConnectionChange((up) => {
      if (up) refresh();
    });
    refresh();
    return () => {
      live = false;
      offEvent();
      offConnection();
    };
  }, []);
  return view;
}
