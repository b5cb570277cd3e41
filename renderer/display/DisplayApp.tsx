import type { AppSnapshot } from '../../shared/bridge/contract';
import type { CheckoutState } from '../../shared/checkout/checkoutState';
import type { InStoreCurrency } from '../../shared/money/currencies';
import type { Language } from '../../shared/settings/settingsView';
import { useSnapshot } from '../bridge/useSnapshot';
import { translatorFor } from '../i18n/i18n';
import { money } from '../features/money/localeMoney';

const BOTH: readonly Language[] = ['en', 'zh-CN'];

/** One line in English and Chinese side by side: the customer may read either. */
function Both({ k, params, className }: { k: string; params?: Record<string, string>; className?: string }) {
  return (
    <div className={`both ${className ?? ''}`}>
      {BOTH.map((language) => (
        <span key={language} lang={language}>
          {translatorFor(language)(k, params)}
        </span>
      ))}
    </div>
  );
}

function amountOf(checkout: CheckoutState): { amount: number; currency: InStoreCurrency } | undefined {
  switch (checkout.phase) {
    case 'awaitingScan':
      return checkout.sale;
    case 'processing':
    case 'checking':
    case 'declined':
    case 'needsAttention':
      return checkout.attempt;
    case 'approved':
      return checkout.receipt;
    default:
      return undefined;
  }
}

/** The customer-facing display. Read-only: it has no control that moves money. */
export function DisplayApp() {
  const { snapshot } = useSnapshot();
  if (!snapshot) return null;
  return <DisplayScreen snapshot={snapshot} />;
}

function DisplayScreen({ snapshot }: { snapshot: AppSnapshot }) {
  const { checkout, settings } = snapshot;
  const sale = amountOf(checkout);
  const phase = checkout.phase;
  return (
    <div className={`display display-${phase}`} data-phase={phase}>
      {settings.training && <div className="display-training">{translatorFor('en')('display.training')} · {translatorFor('zh-CN')('display.training')}</div>}
      <div className="display-store">{settings.storeName}</div>
      {phase === 'idle' || !sale ? (
        <Both k="display.welcome" className="display-headline" />
      ) : (
        <>
          <Both k="display.total" className="display-caption" />
          <div className="display-amount" data-testid="display-amount">
            {money(sale.amount, sale.currency, 'en')}
          </div>
          {phase === 'awaitingScan' && <Both k="display.scanPrompt" className="display-message" />}
          {(phase === 'processing' || phase === 'checking') && <Both k="display.processing" className="display-message" />}
          {phase === 'approved' && <Both k="display.paid" className="display-message display-ok" />}
          {(phase === 'declined' || phase === 'needsAttention') && <Both k="display.notCompleted" className="display-message display-bad" />}
        </>
      )}
    </div>
  );
}
