import { useTranslation } from 'react-i18next';
import { paymentMethodName } from '../payments/paymentMethodName';
import type { ReceiptDocument, ReceiptPaper } from '../../../shared/receipts/receiptModel';
import type { Language } from '../../../shared/settings/settingsView';
import { isCurrencyCode } from '../../../shared/money/currencies';
import { dateTime, money } from '../money/localeMoney';

/** The SVG barcode from main as an image; CSP allows data: images and nothing inline. */
function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(svg)))}`;
}

/**
 * One receipt model, laid out for a paper: the same fields in the same order on an 80 mm
 * or 58 mm roll and on A4 (the CSS decides widths and type sizes). The merchant's name is
 * the heading, once; amounts are written by the app's one money formatter, as on screen.
 */
export function ReceiptView({ document, paper, language }: { document: ReceiptDocument; paper: ReceiptPaper; language: Language }) {
  const { t } = useTranslation();
  const { model } = document;
  const amount = (value: number, currency: string) => (isCurrencyCode(currency) ? money(value, currency, language) : `${value} ${currency}`);
  // OnlinePay's own words for its ids (payment token, payment id), so a customer can quote them to it; NihaoPay's stay as they were.
  const onlinePay = model.gateway === 'onlinepay';
  const transactionIdLabel =
    model.kind === 'refund'
      ? onlinePay ? t('gatewaysBackOffice.refundToken') : t('receipt.refundId')
      : onlinePay ? t('gatewaysBackOffice.paymentToken') : t('receipt.transactionId');
  const rows: Array<[string, string, string | undefined]> = [
    ['store', t('receipt.store'), model.storeName],
    ['terminal', t('receipt.terminal'), model.terminalName],
    ['time', t('receipt.time'), dateTime(model.time, language)],
    ['vendor', t('receipt.vendor'), paymentMethodName(t, model)],
    ['amount', model.kind === 'refund' ? t('receipt.refundAmount') : t('receipt.amount'), amount(model.amount, model.currency)],
    ['rmb-amount', t('receipt.rmbAmount'), model.rmbAmount ? money(model.rmbAmount, 'CNY', language) : undefined],
    ['transaction-id', transactionIdLabel, model.transactionId],
    ['original-transaction-id', t('receipt.originalTransactionId'), model.refund?.originalTransactionId],
    ['reference', t('receipt.reference'), model.reference],
    ['vendor-transaction-id', onlinePay ? t('gatewaysBackOffice.paymentId') : t('receipt.vendorTransactionId'), model.vendorTransactionId],
    ['reason', t('receipt.reason'), model.refund?.reason],
  ];
  return (
    <article className={`receipt-paper paper-${paper}`} data-testid="receipt-paper" data-paper={paper} lang={language}>
      {model.training && (
        <p className="receipt-training" data-field="training">
          {t('receipt.training')}
        </p>
      )}
      <h1 className="receipt-merchant">{model.merchantName}</h1>
      <p className="receipt-kind">{model.kind === 'refund' ? t('receipt.refundTitle') : t('receipt.saleTitle')}</p>
      <dl className="receipt-fields">
        {rows
          .filter(([, , value]) => value !== undefined && value !== '')
          .map(([key, label, value]) => (
            <div key={key} data-field={key}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <img className="receipt-barcode" src={svgDataUrl(document.barcodeSvg)} alt={model.barcodeValue} data-field="barcode" />
      <p className="receipt-barcode-text">{model.barcodeValue}</p>
      {model.training && <p className="receipt-training">{t('receipt.training')}</p>}
      <p className="receipt-thanks">{t('receipt.thanks')}</p>
    </article>
  );
}
