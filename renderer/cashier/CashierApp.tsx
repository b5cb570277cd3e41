import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSnapshot } from '../bridge/useSnapshot';
import { ManagerScreen } from '../manager/ManagerScreen';
import { SetupScreen } from '../manager/SetupScreen';
import { AmountEntry } from './AmountEntry';
import { AttentionNotices } from './AttentionNotices';
import { ApprovedScreen } from './ApprovedScreen';
import { AttentionScreen } from './AttentionScreen';
import { AwaitingScan } from './AwaitingScan';
import { DeclinedScreen } from './DeclinedScreen';
import { ProgressScreen } from './ProgressScreen';
import { ShowingQrScreen } from './ShowingQrScreen';
import { StatusBar } from './StatusBar';
import { BackOffice, type BackOfficeEntry } from '../features/backOffice/BackOffice';
import { useReceiptScans } from '../features/history/useReceiptScans';
import { AutoPrint } from '../features/receipts/AutoPrint';
import { ForeignReceiptNotice } from '../features/receipts/ForeignReceiptNotice';
import { RegisterSaleBanner } from '../features/register/RegisterSaleBanner';

/** The cashier window: draws whatever phase the checkout in main is in. */
export function CashierApp() {
  const { snapshot, connected } = useSnapshot();
  const [managerOpen, setManagerOpen] = useState(false);
  // History, refunds, receipts, reports; `seq` remounts it when a scan opens another sale.
  const [backOffice, setBackOffice] = useState<{ entry: BackOfficeEntry; seq: number }>();
  const openBackOffice = (entry: BackOfficeEntry) => setBackOffice((current) => ({ entry, seq: (current?.seq ?? 0) + 1 }));
  const phase = snapshot?.checkout.phase;
  // The back office opens only while no sale waits for a code or moves money.
  const backOfficeAllowed = (phase === 'idle' || phase === 'approved' || phase === 'declined' || phase === 'needsAttention') && Boolean(snapshot?.settings.setupComplete);
  // A receipt of this terminal's sale opens it for a refund; another terminal's is said to be so, with a look-up at the gateway.
  const [foreignReceipt, setForeignReceipt] = useState<string>();
  useReceiptScans(snapshot, backOfficeAllowed && !managerOpen, (scan) => {
    if (scan.reference) {
      setForeignReceipt(undefined);
      openBackOffice({ tab: 'history', reference: scan.reference, refund: true });
    } else setForeignReceipt(scan.transactionId);
  });
  const { t, i18n } = useTranslation();
  const language = snapshot?.settings.language;
  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
    if (language) document.documentElement.lang = language;
  }, [language, i18n]);
  if (!snapshot) return <div className="loading">{t('app.title')}</div>;

  const { checkout } = snapshot;
  const lang = snapshot.settings.language;
  let screen;
  switch (checkout.phase) {
    case 'idle':
      screen = <AmountEntry snapshot={snapshot} />;
      break;
    case 'awaitingScan':
      screen = <AwaitingScan snapshot={snapshot} sale={checkout.sale} refusal={checkout.refusal} />;
      break;
    case 'processing':
      screen = <ProgressScreen attempt={checkout.attempt} language={lang} />;
      break;
    case 'checking':
      screen = <ProgressScreen attempt={checkout.attempt} language={lang} checking={{ checks: checkout.checks, reason: checkout.reason }} />;
      break;
    case 'showingQr':
      // Each gateway trains on its own sandbox: the card keys follow OnlinePay's training, the wallet keys NihaoPay's.
      screen = <ShowingQrScreen attempt={checkout.attempt} qr={checkout.qr} language={lang} training={checkout.attempt.method === 'hostedqr' ? snapshot.settings.onlinePay.training : snapshot.settings.training} />;
      break;
    case 'approved':
      screen = <ApprovedScreen receipt={checkout.receipt} language={lang} onReceipt={() => openBackOffice({ tab: 'receipt', reference: checkout.receipt.reference })} />;
      break;
    case 'declined':
      screen = <DeclinedScreen attempt={checkout.attempt} error={checkout.error} language={lang} />;
      break;
    case 'needsAttention':
      screen = <AttentionScreen attempt={checkout.attempt} language={lang} />;
      break;
  }
  const busy = checkout.phase === 'processing' || checkout.phase === 'checking' || checkout.phase === 'showingQr';
  if (!snapshot.settings.setupComplete) screen = <SetupScreen snapshot={snapshot} />;
  else if (managerOpen && !busy) screen = <ManagerScreen snapshot={snapshot} onClose={() => setManagerOpen(false)} />;
  else if (backOffice && backOfficeAllowed) screen = <BackOffice key={backOffice.seq} snapshot={snapshot} entry={backOffice.entry} onClose={() => setBackOffice(undefined)} />;
  return (
    <div className={`cashier ${snapshot.settings.training ? 'is-training' : ''}`} data-phase={checkout.phase}>
      <StatusBar
        snapshot={snapshot}
        onOpenSettings={busy || !snapshot.settings.setupComplete ? undefined : () => setManagerOpen(true)}
        onOpenBackOffice={backOfficeAllowed && !managerOpen ? (tab) => openBackOffice({ tab }) : undefined}
      />
      {!connected && (
        <div className="problem-banner" role="alert">
          {t('app.connectionLost')}
        </div>
      )}
      <main>
        {checkout.phase === 'idle' && !managerOpen && !backOffice && snapshot.settings.setupComplete && (
          <AttentionNotices
            attention={snapshot.attention}
            language={lang}
            onRefund={(reference) => openBackOffice({ tab: 'history', reference, refund: true })}
          />
        )}
        {checkout.phase !== 'idle' && snapshot.attention.paidAfterAll.length > 0 && (
          <div className="problem-banner" role="alert" data-testid="paid-after-all-banner">
            {t('showQr.paidAfterAllBanner')}
          </div>
        )}
        {foreignReceipt && backOfficeAllowed && (
          <ForeignReceiptNotice key={foreignReceipt} transactionId={foreignReceipt} language={lang} onClose={() => setForeignReceipt(undefined)} />
        )}
        {snapshot.registerSale && !managerOpen && !backOffice && <RegisterSaleBanner sale={snapshot.registerSale} language={lang} />}
        {screen}
        {checkout.phase === 'approved' && snapshot.settings.autoPrint && !backOffice && (
          <AutoPrint reference={checkout.receipt.reference} paper={snapshot.settings.receiptPaper} language={lang} />
        )}
      </main>
    </div>
  );
}
