import { useTranslation } from 'react-i18next';
import { RECEIPT_PAPERS, type ReceiptPaper } from '../../../shared/receipts/receiptModel';
import type { SettingsView } from '../../../shared/settings/settingsView';
import { inElectron } from '../printing/printPage';

export type ReceiptSettings = Pick<SettingsView, 'merchantName' | 'refundsNeedPin' | 'autoPrint' | 'receiptPaper' | 'printerName'>;

export const receiptSettingsOf = (s: SettingsView): ReceiptSettings => ({
  merchantName: s.merchantName,
  refundsNeedPin: s.refundsNeedPin,
  autoPrint: s.autoPrint,
  receiptPaper: s.receiptPaper,
  printerName: s.printerName,
});

/** The settings screen's receipts, printing and refunds part. */
export function ReceiptSettingsFieldset({ value, onChange }: { value: ReceiptSettings; onChange: (next: ReceiptSettings) => void }) {
  const { t } = useTranslation();
  const set = <K extends keyof ReceiptSettings>(key: K, next: ReceiptSettings[K]) => onChange({ ...value, [key]: next });
  return (
    <>
      <fieldset>
        <legend>{t('receipt.settingsLegend')}</legend>
        <label htmlFor="merchant-name">{t('receipt.merchantName')}</label>
        <input id="merchant-name" value={value.merchantName} onChange={(e) => set('merchantName', e.target.value)} />
        <label htmlFor="receipt-paper-setting">{t('receipt.defaultPaper')}</label>
        <select id="receipt-paper-setting" value={value.receiptPaper} onChange={(e) => set('receiptPaper', e.target.value as ReceiptPaper)}>
          {RECEIPT_PAPERS.map((paper) => (
            <option key={paper} value={paper}>
              {t(`receipt.papers.${paper}`)}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={value.autoPrint} onChange={(e) => set('autoPrint', e.target.checked)} /> {t('receipt.autoPrint')}
        </label>
        {inElectron() ? (
          <>
            <label htmlFor="printer-name">{t('receipt.printerName')}</label>
            <input id="printer-name" value={value.printerName} onChange={(e) => set('printerName', e.target.value)} />
          </>
        ) : (
          <p className="field-hint">{t('receipt.printerHint')}</p>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('refund.settingsLegend')}</legend>
        <label className="checkbox">
          <input type="checkbox" checked={value.refundsNeedPin} onChange={(e) => set('refundsNeedPin', e.target.checked)} /> {t('refund.needsPin')}
        </label>
      </fieldset>
    </>
  );
}
