import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { normalizePairingCode, PAIRING_CODE_PATTERN } from '../../shared/display/lanDisplayWire';
import { LANGUAGES, type Language } from '../../shared/settings/settingsView';
import { translatorFor } from '../i18n/i18n';
import { DisplayScreen } from './DisplayScreen';
import { createLanDisplayClient, lanDisplayApiUrl, type LanDisplayClient, type LanDisplayState } from './lanDisplayBridge';
import './lanDisplay.css';

const LANGUAGES_KEY = 'counterpay.displayLanguages';

/**
 * The display's languages, as the till last sent them: before pairing there is no view to
 * say, so the tablet remembers them (English and Simplified Chinese until it has paired once).
 */
function rememberedLanguages(): Language[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(LANGUAGES_KEY) ?? 'null');
    const known = Array.isArray(stored) ? stored.filter((l): l is Language => (LANGUAGES as readonly unknown[]).includes(l)).slice(0, 2) : [];
    if (known.length > 0) return known;
  } catch {
    // Unreadable: the default below.
  }
  return ['en', 'zh-CN'];
}

/** The display's languages side by side, as on the customer display: whoever holds the tablet reads one. */
function Both({ k, className, as: Tag = 'div' }: { k: string; className?: string; as?: 'div' | 'h1' | 'p' }) {
  return (
    <Tag className={`both ${className ?? ''}`}>
      {rememberedLanguages().map((language) => (
        <span key={language} lang={language}>
          {translatorFor(language)(k)}
        </span>
      ))}
    </Tag>
  );
}

/** One string in both languages, for attributes (aria-label) that take plain text. */
const bothText = (k: string) => rememberedLanguages().map((language) => translatorFor(language)(k)).join(' · ');

/**
 * A tablet on the store's network as the customer display, served by the LAN display
 * host. It can do one thing: pair with the six-digit code the cashier's screen shows.
 * Then it shows the customer display, read-only, and comes back by itself after a
 * reload or a dropped Wi-Fi, until the LAN display is turned off.
 */
export function LanDisplayApp() {
  const [state, setState] = useState<LanDisplayState>({ phase: 'resuming' });
  const client = useRef<LanDisplayClient>(undefined);
  useEffect(() => {
    const created = createLanDisplayClient({
      url: lanDisplayApiUrl(location),
      storage: localStorage,
      openSocket: (url) => new WebSocket(url),
      onState: setState,
    });
    client.current = created;
    created.start();
    return () => created.stop();
  }, []);

  if (state.phase === 'paired') {
    if (state.view.languages?.length) localStorage.setItem(LANGUAGES_KEY, JSON.stringify(state.view.languages));
    return (
      <>
        <DisplayScreen view={state.view} />
        {!state.connected && (
          <div className="lan-reconnecting" role="status" data-testid="lan-reconnecting">
            <Both k="lanDisplay.reconnecting" />
          </div>
        )}
      </>
    );
  }
  if (state.phase === 'resuming') {
    return (
      <main className="lan-display" data-testid="lan-resuming">
        <Both k="lanDisplay.resuming" className="lan-display-message" as="p" />
      </main>
    );
  }
  return <PairingForm state={state} onSubmit={(code) => client.current?.submitCode(code)} />;
}

function PairingForm({ state, onSubmit }: { state: Extract<LanDisplayState, { phase: 'pairing' }>; onSubmit: (code: string) => void }) {
  const [code, setCode] = useState('');
  // The last refusal stays up until the next code is being typed.
  const [problemSeen, setProblemSeen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const complete = PAIRING_CODE_PATTERN.test(code);
  // A refused code is cleared, so the next six digits start on an empty field.
  useEffect(() => {
    if (state.problem === 'wrong') setCode('');
    setProblemSeen(false);
    if (!state.busy) input.current?.focus();
  }, [state]);
  const label = useMemo(() => bothText('lanDisplay.codeLabel'), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete && !state.busy) onSubmit(code);
  };
  return (
    <main className="lan-display" data-testid="lan-pairing">
      <Both k="lanDisplay.heading" className="lan-display-heading" as="h1" />
      <Both k="lanDisplay.instructions" className="lan-display-message" as="p" />
      <form className="lan-pairing-form" onSubmit={submit} noValidate>
        <input
          ref={input}
          className="lan-pairing-code"
          aria-label={label}
          data-testid="lan-pairing-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          placeholder="······"
          value={code}
          disabled={state.busy}
          // No maxLength: it would cut "123 456" (pasted or typed as read out) before the digits are kept.
          onChange={(event) => {
            setCode(normalizePairingCode(event.target.value));
            setProblemSeen(true);
          }}
        />
        <button type="submit" className="lan-pairing-submit" disabled={!complete || state.busy} data-testid="lan-pairing-submit">
          <Both k={state.busy ? 'lanDisplay.pairing' : 'lanDisplay.pair'} />
        </button>
      </form>
      {state.problem && !problemSeen && (
        <div role="alert" className="lan-display-problem" data-testid="lan-pairing-problem" data-problem={state.problem}>
          <Both k={`lanDisplay.problem.${state.problem}`} />
        </div>
      )}
      <Both k="lanDisplay.readOnly" className="lan-display-note" as="p" />
    </main>
  );
}
