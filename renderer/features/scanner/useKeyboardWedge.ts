import { useEffect, useRef } from 'react';
import { createWedgeDetector } from './wedgeDetector';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable;
}

/**
 * Removes characters a scan burst typed into a text field before the detector was sure
 * it was a scan. The native setter plus an input event keeps React's state in step.
 */
function removeTail(target: EventTarget | null, count: number): void {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) || count <= 0) return;
  const prototype = target instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(target, target.value.slice(0, -count));
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * Listens for keyboard-wedge scanner bursts anywhere in the window (capture phase, so it
 * sees keys before screen hotkeys) and hands complete codes to `onScan`. Keys it is sure
 * belong to a scan are swallowed; what a person types reaches the page untouched.
 */
export function useKeyboardWedge(onScan: (code: string) => void, enabled = true): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    const detector = createWedgeDetector({ toEpochMs: (at) => performance.timeOrigin + at });
    const onKey = (event: KeyboardEvent) => {
      // Shortcuts (Ctrl+V, Cmd+R) are a person at the keyboard, never scanner output.
      // Ctrl together with Alt is AltGr on Windows, which scanners on some layouts use.
      if (event.metaKey || (event.ctrlKey && !event.altKey)) {
        detector.reset();
        return;
      }
      const decision = detector.handleKey({ key: event.key, at: event.timeStamp, targetIsEditable: isEditable(event.target), repeat: event.repeat });
      if (decision.swallow) {
        event.preventDefault();
        event.stopPropagation();
      }
      if (decision.scan) {
        removeTail(event.target, decision.passedThroughIntoField ?? 0);
        latest.current(decision.scan.data);
      }
    };
    const onBlur = () => detector.reset();
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled]);
}
