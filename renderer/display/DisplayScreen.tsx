import { createContext, useContext, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { CustomerDisplayScreen, CustomerDisplayView, DisplayOutcome, QrImage, RmbEquivalent } from '../../shared/display/customerDisplayView';
import type { StoreCurrency } from '../../shared/money/currencies';
import type { Vendor } from '../../shared/payments/vendors';
import type { Language } from '../../shared/settings/settingsView';
import { money } from '../features/money/localeMoney';
import { minutesSeconds } from '../features/showQr/useCountdown';
import { translatorFor } from '../i18n/i18n';

/**
 * The customer-facing display, drawn from a CustomerDisplayView and nothing else. Pure
 * presentation: no bridge, no buttons. The Electron display window and a paired LAN
 * tablet both render it with the view they received.
 */

/**
 * The display's languages, primary first, from the view (Settings → Customer display): every
 * message below is written once per language, each in its own `lang` block so the browser
 * picks that language's glyphs and line breaking (renderer/styles/cjk.css).
 */
const DisplayLanguages = createContext<readonly Language[]>(['en', 'zh-CN']);
const useLanguages = () => useContext(DisplayLanguages);

/** Languages written without spaces between words take full-width punctuation. */
const isCjk = (language: Language) => language !== 'en';

type Params = Record<string, string> | ((language: Language) => Record<string, string>);

/** One message in each of the display's languages: the customer may read either. */
function Both({ k, params, className, inline, testId }: { k: string; params?: Params; className?: string; inline?: boolean; testId?: string }) {
  const languages = useLanguages();
  return (
    <div className={`both ${inline ? 'both-inline' : 'both-stacked'} ${className ?? ''}`} data-testid={testId}>
      {languages.map((language) => (
        <span key={language} lang={language}>
          {translatorFor(language)(k, typeof params === 'function' ? params(language) : params)}
        </span>
      ))}
    </div>
  );
}

const vendorName = (vendor: Vendor) => (language: Language) => ({ vendor: translatorFor(language)(`display.vendors.${vendor}`) });

/** "Alipay 支付宝": a wallet's name as its own customers know it, in both languages. */
function VendorName({ vendor, className }: { vendor: Vendor; className?: string }) {
  const languages = useLanguages();
  // "WeChat Pay" twice (English and Japanese) says nothing more: each distinct name once.
  const named = languages.map((language) => [translatorFor(language)(`display.vendors.${vendor}`), language] as const);
  const names = named.filter(([name], index) => named.findIndex(([other]) => other === name) === index);
  return (
    <div className={`display-vendor display-vendor-${vendor} ${className ?? ''}`} data-vendor={vendor}>
      {names.map(([name, language]) => (
        <span key={language} lang={language}>
          {name}
        </span>
      ))}
    </div>
  );
}

/** YYYYMMDD as people read a date: 2026-11-22, 2026年11月22日 (Japanese and both Chinese). Anything else as it came. */
function rateDateText(yyyymmdd: string, language: Language): string {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!match) return yyyymmdd;
  const [, y, m, d] = match;
  return isCjk(language) ? `${y}年${Number(m)}月${Number(d)}日` : `${y}-${m}-${d}`;
}

/** The sale amount, large, once: written as the primary language writes money (JP¥1,000; 1,000円). */
function Amount({ amount, currency, className }: { amount: number; currency: StoreCurrency; className?: string }) {
  const [primary = 'en'] = useLanguages();
  return (
    <div className={`display-amount ${className ?? ''}`} data-testid="display-amount" lang={primary}>
      {money(amount, currency, primary)}
    </div>
  );
}

/** The RMB equivalent, with the rate and its date (a rate is only as good as its date). */
function Rmb({ rmb }: { rmb: RmbEquivalent }) {
  // Each language its own way (shared/money/localeMoney.ts): "≈ CN¥123.45" in English, "约合人民币
  // ¥123.45" in Simplified Chinese, "人民元換算 約 123.45元" in Japanese, so the yuan beside a yen
  // amount (itself "JP¥" or "円") never reads as yen.
  return (
    <div className="display-rmb-block">
      <Both k="display.rmb" params={(language) => ({ amount: money(rmb.fen, 'CNY', language) })} className="display-rmb" testId="display-rmb" inline />
      <Both k="display.rate" params={(language) => ({ rate: rmb.rate, date: rateDateText(rmb.rateDate, language) })} className="display-rate" inline />
    </div>
  );
}

/**
 * A QR code on a white card, as large as its box allows with every module a whole number
 * of CSS pixels (a module split across pixels blurs its edges for the camera).
 */
function QrCard({ qr, testId, maxSize }: { qr: QrImage; testId?: string; maxSize?: number }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState<{ width: number; height: number }>();
  useLayoutEffect(() => {
    const element = boxRef.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      setBox((last) => (last && last.width === width && last.height === height ? last : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  let card: ReactNode = null;
  if (box) {
    const room = Math.min(box.width, box.height, maxSize ?? Infinity);
    // Generous white margin around the code's own quiet zone: the dark screen must not crowd it.
    const padding = Math.round(Math.min(40, Math.max(12, room * 0.04)));
    const size = Math.floor((room - 2 * padding) / qr.modules) * qr.modules;
    if (size > 0) {
      card = (
        <div className="display-qr-card" style={{ padding }}>
          <img src={qr.src} width={size} height={size} alt="" data-testid={testId} data-modules={qr.modules} draggable={false} />
        </div>
      );
    }
  }
  return (
    <div className="display-qr-box" ref={boxRef}>
      {card}
    </div>
  );
}

/**
 * Milliseconds left of a shown code, counted on this machine's clock from the moment the
 * screen arrived (main re-sends the view on every change, each time with a fresh
 * `expiresInMs`). Re-renders exactly when the shown second changes, and at zero.
 */
function useTimeLeft(screen: CustomerDisplayScreen, nowOffset: number): number {
  const expiresInMs = screen.kind === 'showQr' ? screen.expiresInMs : 0;
  const [arrival, setArrival] = useState(() => ({ screen, at: performance.now() }));
  let arrivedAt = arrival.at;
  if (arrival.screen !== screen) {
    // A new view: restart the local clock from it (React allows this update during render).
    arrivedAt = performance.now();
    setArrival({ screen, at: arrivedAt });
  }
  const [now, setNow] = useState(() => performance.now());
  const left = Math.max(0, expiresInMs - nowOffset - Math.max(0, now - arrivedAt));
  useEffect(() => {
    if (left <= 0) return;
    // Wake when ceil(left / 1000) next changes: the display's second flips on time, and the
    // code disappears the instant it runs out.
    const untilNextSecond = left - (Math.ceil(left / 1000) - 1) * 1000;
    const timer = setTimeout(() => setNow(performance.now()), untilNextSecond + 1);
    return () => clearTimeout(timer);
  }, [left]);
  return left;
}

function ShowQrScreen({ screen, nowOffset }: { screen: Extract<CustomerDisplayScreen, { kind: 'showQr' }>; nowOffset: number }) {
  const left = useTimeLeft(screen, nowOffset);
  const expired = left <= 0;
  const fraction = screen.timeoutMs > 0 ? Math.min(1, left / screen.timeoutMs) : 0;
  return (
    <div className="display-body display-showqr" data-expired={expired}>
      <div className="display-showqr-code">
        {expired ? (
          // Never leave a dead code up: a customer would scan it and wonder.
          <div className="display-qr-expired" data-testid="display-qr-expired">
            <Both k="display.expiredNow" className="display-qr-expired-title" />
            <Both k="display.expiredWait" className="display-qr-expired-hint" />
          </div>
        ) : (
          <QrCard qr={screen.qr} testId="display-qr" />
        )}
      </div>
      <div className="display-showqr-info">
        {/* A wallet's code names its wallet; OnlinePay's page takes a card (or its own wallet) on the customer's phone. */}
        {screen.vendor ? <VendorName vendor={screen.vendor} className="display-vendor-large" /> : <Both k="display.cardPayment" className="display-vendor display-vendor-card display-vendor-large" />}
        {/* Once the code is gone, nothing invites the customer to scan. */}
        {!expired && (screen.vendor ? <Both k="display.scanWith" params={vendorName(screen.vendor)} className="display-prompt" /> : <Both k="display.scanToPayByCard" className="display-prompt" />)}
        <div className="display-showqr-total">
          <Both k="display.total" className="display-caption" inline />
          <Amount amount={screen.amount} currency={screen.currency} className="display-amount-medium" />
          {screen.rmb && <Rmb rmb={screen.rmb} />}
        </div>
        <div className={`display-countdown-block${expired ? ' display-countdown-expired' : ''}`}>
          <Both k="display.expiresIn" className="display-caption" inline />
          <div className="display-countdown" data-testid="display-countdown" role="timer">
            {minutesSeconds(left)}
          </div>
          <div className="display-progress" aria-hidden="true">
            <div className="display-progress-left" style={{ transform: `scaleX(${fraction})` }} />
          </div>
        </div>
      </div>
    </div>
  );
}

function IdleScreen({ storeName, storeQr }: { storeName: string; storeQr: QrImage | undefined }) {
  return (
    <div className={`display-body display-idle${storeQr ? ' display-idle-with-qr' : ''}`}>
      <div className="display-idle-text">
        <div className="display-store-name">{storeName}</div>
        <Both k="display.welcome" className="display-welcome" />
      </div>
      {storeQr && (
        <div className="display-idle-qr">
          <div className="display-idle-qr-code">
            <QrCard qr={storeQr} testId="display-store-qr" maxSize={640} />
          </div>
          <Both k="display.storeQrCaption" className="display-idle-caption" />
        </div>
      )}
    </div>
  );
}

function SaleScreen({ screen }: { screen: Extract<CustomerDisplayScreen, { kind: 'sale' }> }) {
  return (
    <div className="display-body display-sale" data-stage={screen.stage}>
      <Both k="display.total" className="display-caption display-caption-large" inline />
      <Amount amount={screen.amount} currency={screen.currency} className="display-amount-huge" />
      {screen.rmb && <Rmb rmb={screen.rmb} />}
      <div className={`display-message display-message-${screen.stage}`}>
        {screen.stage === 'processing' ? <Spinner /> : <PhoneIcon />}
        <Both k={screen.stage === 'processing' ? 'display.processing' : 'display.scanPrompt'} className="display-prompt" />
      </div>
    </div>
  );
}

const OUTCOME_MESSAGE: Readonly<Record<DisplayOutcome, string>> = {
  paid: 'display.paid',
  failed: 'display.notCompleted',
  expired: 'display.codeExpired',
  unconfirmed: 'display.unconfirmed',
};

function ResultScreen({ screen }: { screen: Extract<CustomerDisplayScreen, { kind: 'result' }> }) {
  return (
    <div className={`display-body display-result display-result-${screen.outcome}`} data-testid="display-outcome" data-outcome={screen.outcome}>
      <OutcomeIcon outcome={screen.outcome} />
      <Both k={OUTCOME_MESSAGE[screen.outcome]} className="display-outcome-message" />
      <div className="display-result-sale">
        <Amount amount={screen.amount} currency={screen.currency} className="display-amount-medium" />
        {screen.vendor && <VendorName vendor={screen.vendor} />}
      </div>
    </div>
  );
}

function OutcomeIcon({ outcome }: { outcome: DisplayOutcome }) {
  const paths: Record<DisplayOutcome, ReactNode> = {
    paid: <path d="M30 52 L44 66 L72 36" />,
    failed: <path d="M36 36 L64 64 M64 36 L36 64" />,
    expired: <path d="M50 28 V50 L64 60" />,
    unconfirmed: <path d="M34 50 h0.01 M50 50 h0.01 M66 50 h0.01" className="display-icon-dots" />,
  };
  return (
    <svg className={`display-outcome-icon display-outcome-icon-${outcome}`} viewBox="0 0 100 100" aria-hidden="true">
      <circle cx="50" cy="50" r="44" />
      {paths[outcome]}
    </svg>
  );
}

function Spinner() {
  return (
    <svg className="display-spinner" viewBox="0 0 50 50" aria-hidden="true">
      <circle cx="25" cy="25" r="20" />
    </svg>
  );
}

function PhoneIcon() {
  return (
    <svg className="display-phone" viewBox="0 0 48 48" aria-hidden="true">
      <rect x="13" y="4" width="22" height="40" rx="4" />
      <path d="M19 14 h4 v4 h-4 z M25 14 h4 v4 h-4 z M19 20 h4 v4 h-4 z M26 21 h2 v2 h-2 z M19 31 h10 M19 35 h10" />
    </svg>
  );
}

/**
 * Draws one CustomerDisplayView. `nowOffset` is how many milliseconds had already passed
 * since main built the view when it is handed over (a LAN tablet that knows its delay,
 * or a preview of a later moment); the show-QR countdown starts that much lower.
 */
export function DisplayScreen({ view, nowOffset = 0 }: { view: CustomerDisplayView; nowOffset?: number }) {
  const { screen } = view;
  let body: ReactNode;
  switch (screen.kind) {
    case 'idle':
      body = <IdleScreen storeName={view.storeName} storeQr={screen.storeQr} />;
      break;
    case 'sale':
      body = <SaleScreen screen={screen} />;
      break;
    case 'showQr':
      body = <ShowQrScreen screen={screen} nowOffset={nowOffset} />;
      break;
    case 'result':
      body = <ResultScreen screen={screen} />;
      break;
  }
  const languages = view.languages?.length ? view.languages : ['en' as const, 'zh-CN' as const];
  return (
    <DisplayLanguages.Provider value={languages}>
    <div className={`display display-kind-${screen.kind}`} data-testid="display-screen" data-kind={screen.kind} lang={languages[0]}>
      {view.training && (
        <div className="display-training" data-testid="display-training" role="status">
          {languages.map((language) => (
            <span key={language} lang={language}>
              <strong>{translatorFor(language)('display.training')}</strong>
              <span className="display-training-note">
                {isCjk(language) ? '：' : ' — '}
                {translatorFor(language)('display.trainingNote')}
              </span>
            </span>
          ))}
        </div>
      )}
      {screen.kind !== 'idle' && <div className="display-store">{view.storeName}</div>}
      {body}
    </div>
    </DisplayLanguages.Provider>
  );
}
