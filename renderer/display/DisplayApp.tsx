import { DisplayScreen } from './DisplayScreen';
import { useDisplayView } from './useDisplayView';

/**
 * The customer display window (and browser mode's /display). Read-only: it shows what
 * main sends and has no control at all, least of all one that moves money.
 */
export function DisplayApp() {
  const view = useDisplayView();
  // Until main answers, a blank screen of the display's colour rather than a flash of white.
  if (!view) return <div className="display" data-testid="display-screen" data-kind="loading" />;
  return <DisplayScreen view={view} />;
}
