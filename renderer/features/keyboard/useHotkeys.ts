import { useEffect, useRef } from 'react';

/**
 * Screen-level keys (Enter for the main action, Escape to cancel). Ignored while focus is
 * in a text field, so typing a code by hand never triggers them, and for events the
 * keyboard-wedge detector already took as part of a scan.
 */
export function useHotkeys(bindings: Partial<Record<'Enter' | 'Escape', () => void>>, enabled = true): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const action = latest.current[event.key as 'Enter' | 'Escape'];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
