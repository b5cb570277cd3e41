import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import { useHotkeys } from '../keyboard/useHotkeys';
import { HistoryScreen } from '../history/HistoryScreen';
import { TransactionDetailView } from '../history/TransactionDetailView';
import { ReceiptScreen } from '../receipts/ReceiptScreen';
import { ReportScreen } from '../reports/ReportScreen';
import { AccountScreen } from '../account/AccountScreen';

/** Where the back office opens: a tab, or one payment (with its refund form, after a receipt scan). */
export type BackOfficeEntry =
  | { tab: 'history'; search?: string; reference?: string; refund?: boolean }
  | { tab: 'reports' }
  | { tab: 'account' }
  | { tab: 'receipt'; reference: string };

type View = { kind: 'list' } | { kind: 'detail'; reference: string; refund?: boolean } | { kind: 'receipt'; reference: string; from: 'detail' | 'outside' };

function initialView(entry: BackOfficeEntry): View {
  if (entry.tab === 'receipt') return { kind: 'receipt', reference: entry.reference, from: 'outside' };
  if (entry.tab === 'history' && entry.reference) return { kind: 'detail', reference: entry.reference, ...(entry.refund ? { refund: true } : {}) };
  return { kind: 'list' };
}

/** History, payment details and refunds, receipts, and day reports: everything that is not taking a sale. */
export function BackOffice({ snapshot, entry, onClose }: { snapshot: AppSnapshot; entry: BackOfficeEntry; onClose: () => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<'history' | 'reports' | 'account'>(entry.tab === 'reports' || entry.tab === 'account' ? entry.tab : 'history');
  const [view, setView] = useState<View>(() => initialView(entry));
  const back = () => {
    if (view.kind === 'receipt' && view.from === 'detail') setView({ kind: 'detail', reference: view.reference });
    else if (view.kind !== 'list' && !(view.kind === 'receipt' && view.from === 'outside')) setView({ kind: 'list' });
    else onClose();
  };
  useHotkeys({ Escape: back });

  let body;
  if (view.kind === 'receipt') body = <ReceiptScreen snapshot={snapshot} reference={view.reference} onBack={back} />;
  else if (tab === 'reports') body = <ReportScreen snapshot={snapshot} />;
  else if (tab === 'account') body = <AccountScreen snapshot={snapshot} />;
  else if (view.kind === 'detail')
    body = (
      <TransactionDetailView
        snapshot={snapshot}
        reference={view.reference}
        {...(view.refund ? { startRefund: true } : {})}
        onBack={() => setView({ kind: 'list' })}
        onReceipt={(reference) => setView({ kind: 'receipt', reference, from: 'detail' })}
      />
    );
  else body = <HistoryScreen snapshot={snapshot} onOpen={(reference) => setView({ kind: 'detail', reference })} {...(entry.tab === 'history' && entry.search ? { initialSearch: entry.search } : {})} />;

  return (
    <section className="screen back-office" aria-labelledby="back-office-heading">
      <div className="manager-header">
        <h1 id="back-office-heading">{view.kind === 'receipt' ? t('receipt.title') : tab === 'reports' ? t('report.title') : tab === 'account' ? t('account.title') : t('history.title')}</h1>
        {view.kind !== 'receipt' && (
          <div className="tabs" role="tablist" aria-label={t('account.tabs')}>
            <button type="button" role="tab" aria-selected={tab === 'history'} className="button button-ghost" onClick={() => setTab('history')}>
              {t('history.open')} <kbd>F8</kbd>
            </button>
            <button type="button" role="tab" aria-selected={tab === 'reports'} className="button button-ghost" onClick={() => setTab('reports')}>
              {t('report.open')} <kbd>F9</kbd>
            </button>
            <button type="button" role="tab" aria-selected={tab === 'account'} aria-keyshortcuts="F7" className="button button-ghost" onClick={() => setTab('account')}>
              {t('account.open')} <kbd>F7</kbd>
            </button>
          </div>
        )}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('history.close')} <kbd>Esc</kbd>
        </button>
      </div>
      {body}
    </section>
  );
}
