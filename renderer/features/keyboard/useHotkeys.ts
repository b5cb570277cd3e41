import { useEffect, useRef } from 'react';

export type Hotkey = 'Enter' | 'Escape' | 'F2' | 'F3' | 'F4' | 'F5' | 'F6' | 'F7' | 'F8' | 'F9' | 'F10';

/** Function keys type nothing, so they work even with focus in a text field. */
const WORKS_IN_FIELDS: ReadonlySet<string> = new Set(['F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10']);

/**
 * Screen-level keys (Enter for the main action, Escape to cancel, function keys for the
 * rest). Enter and Escape are ignored while focus is in a text field, so typing a code by
 * hand never triggers them, and so are events the keyboard-wedge detector took as a scan.
 */
export function useHotkeys(bindings: Partial<Record<Hotkey, () => void>>, enabled = true): void {
  const latest = useRef(bindings);
  latest.current = bindings;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const target = event.target as HTMLElement | null;
      const inField = target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (inField && !WORKS_IN_FIELDS.has(event.key)) return;
      const action = latest.current[event.key as Hotkey];
      if (action) {
        event.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
