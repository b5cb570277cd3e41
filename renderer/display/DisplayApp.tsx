import { useEffect } from 'react';
import { DisplayScreen } from './DisplayScreen';
import { useDisplayView } from './useDisplayView';

/**
 * The customer display window (and browser mode's /display). Read-only: it shows what
 * main sends and has no control at all, least of all one that moves money.
 */
export function DisplayApp() {
  const view = useDisplayView();
  const primary = view?.languages[0];
  // The document speaks the display's primary language (fonts and line breaking follow it, renderer/styles/cjk.css).
  useEffect(() => {
    if (primary) document.documentElement.lang = primary;
  }, [primary]);
  // Until main answers, a blank screen of the display's colour rather than a flash of white.
  if (!view) return <div className="display" data-testid="display-screen" data-kind="loading" />;
  return <DisplayScreen view={view} />;
}
