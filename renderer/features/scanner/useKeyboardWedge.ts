import { useEffect, useRef } from 'react';
import { MAX_SCAN_LENGTH } from '../../../shared/scanner/scanTypes';
import { createWedgeDetector, type WedgeDetector } from './wedgeDetector';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable;
}

/**
 * Removes the last `count` characters a scan typed into a text field before the detector
 * knew it was a scan. The native setter plus an input event keeps React's state in step.
 * A field that has left the page since (the screen changed mid-scan) is left alone.
 */
function removeTail(target: EventTarget | null, count: number): void {
  if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) || count <= 0 || !target.isConnected) return;
  const prototype = target instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(target, target.value.slice(0, -count));
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Where the listener goes: the window, or a stand-in in tests. */
export type WedgeHost = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/**
 * One detector per window, shared by every screen that takes wedge scans. The screens
 * change under a scan: Enter on the amount starts the sale and the waiting screen replaces
 * the amount screen while a scan begun right after that Enter is still arriving. With a
 * detector per screen, the new one saw only the code's tail (and the old one took its head
 * with it); with one per window the burst carries on, and the scan goes to whichever screen
 * subscribed last, the one now shown.
 */
interface WedgeSession {
  detector: WedgeDetector;
  subscribers: Array<{ current: (code: string) => void }>;
  /** Where each character that reached the page went (null: not a text field), newest last. */
  leaked: Array<EventTarget | null>;
  onKey: (event: KeyboardEvent) => void;
  onBlur: () => void;
}

const sessions = new WeakMap<WedgeHost, WedgeSession>();

function sessionFor(host: WedgeHost): WedgeSession {
  const existing = sessions.get(host);
  if (existing) return existing;
  const session: WedgeSession = {
    detector: createWedgeDetector({ toEpochMs: (at) => performance.timeOrigin + at }),
    subscribers: [],
    leaked: [],
    onKey: (event) => {
      const { detector, leaked } = session;
      // Shortcuts (Ctrl+V, Cmd+R) are a person at the keyboard, never scanner output.
      // Ctrl together with Alt is AltGr on Windows, which scanners on some layouts use.
      if (event.metaKey || (event.ctrlKey && !event.altKey)) {
        detector.reset();
        leaked.length = 0;
        return;
      }
      const decision = detector.handleKey({ key: event.key, at: event.timeStamp, targetIsEditable: isEditable(event.target), repeat: event.repeat });
      if (decision.swallow) {
        event.preventDefault();
        event.stopPropagation();
      } else if (typeof event.key === 'string' && [...event.key].length === 1) {
        leaked.push(event.target);
        if (leaked.length > MAX_SCAN_LENGTH) leaked.shift();
      }
      if (decision.scan) {
        // The scan's characters that reached the page are the last ones that did: after
        // the first swallowed one, all of it was swallowed. Each goes out of its own field.
        const counts = new Map<EventTarget | null, number>();
        for (const target of leaked.slice(leaked.length - (decision.passedThrough ?? 0))) counts.set(target, (counts.get(target) ?? 0) + 1);
        for (const [target, count] of counts) removeTail(target, count);
        leaked.length = 0;
        session.subscribers[session.subscribers.length - 1]?.current(decision.scan.data);
      }
    },
    onBlur: () => {
      session.detector.reset();
      session.leaked.length = 0;
    },
  };
  sessions.set(host, session);
  return session;
}

/**
 * Hands complete wedge scans in `host` (the window) to `onScan` until the returned function
 * is called. While several screens subscribe, the last one gets the scans. The listener is
 * in the capture phase, so it sees keys before screen hotkeys.
 */
export function subscribeKeyboardWedge(onScan: { current: (code: string) => void }, host: WedgeHost = window): () => void {
  const session = sessionFor(host);
  if (session.subscribers.length === 0) {
    host.addEventListener('keydown', session.onKey as EventListener, true);
    host.addEventListener('blur', session.onBlur);
  }
  session.subscribers.push(onScan);
  return () => {
    const index = session.subscribers.lastIndexOf(onScan);
    if (index >= 0) session.subscribers.splice(index, 1);
    // The detector itself stays, and with it a burst in progress: React runs one screen's
    // cleanup and the next screen's subscription in the same commit, with no key between.
    if (session.subscribers.length === 0) {
      host.removeEventListener('keydown', session.onKey as EventListener, true);
      host.removeEventListener('blur', session.onBlur);
    }
  };
}

/**
 * Listens for keyboard-wedge scanner bursts anywhere in the window and hands complete
 * codes to `onScan`. Keys it is sure belong to a scan are swallowed; what a person types
 * reaches the page untouched, and what a scan typed into a field before it was recognised
 * is taken back out.
 */
export function useKeyboardWedge(onScan: (code: string) => void, enabled = true): void {
  const latest = useRef(onScan);
  latest.current = onScan;
  useEffect(() => {
    if (!enabled) return;
    return subscribeKeyboardWedge(latest);
  }, [enabled]);
}
