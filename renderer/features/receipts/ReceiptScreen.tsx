import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { RECEIPT_PAPERS, type ReceiptDocument, type ReceiptPaper } from '../../../shared/receipts/receiptModel';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';
import { PrintRoot } from '../printing/PrintRoot';
import { inElectron, printPage } from '../printing/printPage';
import { ReceiptView } from './ReceiptView';

/** A receipt on screen as it will print, on the paper of choice; print, save as PDF, or go back. */
export function ReceiptScreen({ snapshot, reference, autoPrint, onBack }: { snapshot: AppSnapshot; reference: string; autoPrint?: boolean; onBack?: () => void }) {
  const { t } = useTranslation();
  const { language } = snapshot.settings;
  const [document, setDocument] = useState<ReceiptDocument>();
  const [paper, setPaper] = useState<ReceiptPaper>(snapshot.settings.receiptPaper);
  const [message, setMessage] = useState<{ error?: PosErrorData; text?: string }>();
  const printedOnce = useRef(false);

  useEffect(() => {
    void getApi()
      .getReceipt({ reference })
      .then((result) => (result.ok ? setDocument(result.value) : setMessage({ error: result.error })));
  }, [reference]);

  const print = async (to: 'printer' | 'pdf') => {
    const result = await printPage(paper, to);
    if (!result) return;
    if (!result.ok) setMessage({ error: result.error });
    else setMessage({ text: 'savedTo' in result.value ? t('receipt.saved', { path: result.value.savedTo }) : t('receipt.printed') });
  };
  useEffect(() => {
    if (autoPrint && document && !printedOnce.current) {
      printedOnce.current = true;
      void print('printer');
    }
    // Once per receipt, when it has arrived: automatic printing must never print twice.
  }, [autoPrint, document]);

  return (
    <section className="receipt-screen" aria-labelledby="receipt-heading">
      <div className="back-office-subheader">
        {/* The back office's own heading already says "Receipt". */}
        <h2 id="receipt-heading" className="visually-hidden">
          {t('receipt.title')}
        </h2>
        {onBack && (
          <button type="button" className="button button-secondary" onClick={onBack}>
            {t('receipt.back')}
          </button>
        )}
      </div>
      <div className="receipt-controls">
        <label htmlFor="receipt-paper">{t('receipt.paper')}</label>
        <select id="receipt-paper" value={paper} onChange={(e) => setPaper(e.target.value as ReceiptPaper)}>
          {RECEIPT_PAPERS.map((option) => (
            <option key={option} value={option}>
              {t(`receipt.papers.${option}`)}
            </option>
          ))}
        </select>
        <button type="button" className="button button-primary" disabled={!document} onClick={() => void print('printer')}>
          {t('receipt.print')}
        </button>
        {inElectron() ? (
          <button type="button" className="button button-secondary" disabled={!document} onClick={() => void print('pdf')}>
            {t('receipt.savePdf')}
          </button>
        ) : (
          <span className="field-hint">{t('receipt.savePdfHint')}</span>
        )}
      </div>
      <p className={message?.error ? 'error-text' : 'ok-text'} role="status">
        {message?.error ? errorText(t, message.error) : (message?.text ?? ' ')}
      </p>
      {document && (
        <>
          <div className="receipt-preview" data-testid="receipt-preview">
            <ReceiptView document={document} paper={paper} language={language} />
          </div>
          <PrintRoot paper={paper}>
            <ReceiptView document={document} paper={paper} language={language} />
          </PrintRoot>
        </>
      )}
    </section>
  );
}
