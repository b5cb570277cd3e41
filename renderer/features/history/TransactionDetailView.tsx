import { useCallback, useEffect, useState } from 'react';
import { paymentMethodName } from '../payments/paymentMethodName';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { historyRowLabel, type HistoryRow } from '../../../shared/history/historyTypes';
import { isCurrencyCode } from '../../../shared/money/currencies';
import type { RefundOutcome, TransactionDetail } from '../../../shared/refunds/refundTypes';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';
import { dateTime, money } from '../money/localeMoney';
import { RefundForm } from '../refunds/RefundForm';
import { AutoPrint } from '../receipts/AutoPrint';

/**
 * One payment: what the journal knows, its refunds, the gateway's refund history (the
 * refund query, read each time the screen opens), and the refund form.
 */
export function TransactionDetailView({
  snapshot,
  reference,
  startRefund,
  onBack,
  onReceipt,
}: {
  snapshot: AppSnapshot;
  reference: string;
  startRefund?: boolean;
  onBack: () => void;
  onReceipt: (reference: string) => void;
}) {
  const { t } = useTranslation();
  const { language } = snapshot.settings;
  const [detail, setDetail] = useState<TransactionDetail>();
  const [error, setError] = useState<PosErrorData>();
  const [refunding, setRefunding] = useState(Boolean(startRefund));
  const [outcome, setOutcome] = useState<RefundOutcome>();

  const load = useCallback(async () => {
    const result = await getApi().getTransactionDetail({ reference });
    if (result.ok) setDetail(result.value);
    else setError(result.error);
  }, [reference]);
  useEffect(() => {
    setDetail(undefined);
    setOutcome(undefined);
    setRefunding(Boolean(startRefund));
    void load();
  }, [load, startRefund]);

  if (error) return <p className="error-text">{errorText(t, error)}</p>;
  if (!detail) return <p>{t('history.loading')}</p>;
  const { row } = detail;
  const amount = (value: number, currency = row.currency) => (isCurrencyCode(currency) ? money(value, currency, language) : String(value));
  // OnlinePay's ids are its payment token and numeric payment id: labelled as OnlinePay names them.
  const onlinePay = row.gateway === 'onlinepay';
  const transactionIdLabel =
    row.kind === 'refund'
      ? onlinePay ? t('gatewaysBackOffice.refundToken') : t('history.detail.refundId')
      : onlinePay ? t('gatewaysBackOffice.paymentToken') : t('history.detail.transactionId');
  const fields: Array<[string, string, string | undefined]> = [
    ['kind', t('history.detail.kind'), t(`history.kinds.${row.kind}`)],
    // As the list names it: a refunded sale says so, a refund says "Refund".
    ['state', t('history.detail.state'), t(`history.states.${historyRowLabel({ ...row, ...(detail.balance ? { refunded: detail.balance.refunded } : {}) })}`)],
    ['amount', t('history.detail.amount'), amount(row.amount)],
    ['rmb-amount', t('history.detail.rmbAmount'), row.rmbAmount ? money(row.rmbAmount, 'CNY', language) : undefined],
    ['vendor', t('history.detail.vendor'), paymentMethodName(t, row)],
    ['gateway', t('gatewaysBackOffice.gateway'), t(`gatewaysBackOffice.gateways.${row.gateway}`, { defaultValue: row.gateway })],
    ['method', t('gatewaysBackOffice.method'), t(`gatewaysBackOffice.methods.${row.method}`, { defaultValue: row.method })],
    ['time', t('history.detail.time'), dateTime(row.createdAt, language)],
    ['gateway-time', t('history.detail.gatewayTime'), row.gatewayTime ? dateTime(row.gatewayTime, language) : undefined],
    ['transaction-id', transactionIdLabel, row.transactionId],
    ['original-transaction-id', t('history.detail.originalTransactionId'), row.parentTransactionId],
    ['original-reference', t('history.detail.originalReference'), row.parentReference],
    ['vendor-transaction-id', onlinePay ? t('gatewaysBackOffice.paymentId') : t('history.detail.vendorTransactionId'), row.vendorTransactionId],
    ['reference', t('history.detail.reference'), row.reference],
    ['reason', t('history.detail.reason'), row.reason],
    ['environment', t('gatewaysBackOffice.environment'), t(`app.environment.${row.environment}`, { defaultValue: row.environment })],
    ['error', t('history.detail.error'), row.errorCode ? errorText(t, { code: row.errorCode as PosErrorData['code'], ...(row.errorLabel ? { gateway: { label: row.errorLabel } } : {}) }) : undefined],
  ];
  const balance = detail.balance;
  // Not offered once nothing is left (main's balance check would refuse it anyway).
  const canRefund = row.kind === 'sale' && row.state === 'success' && balance !== undefined && balance.inFlight === 0 && balance.remaining > 0;
  const openRefund = () => {
    setOutcome(undefined);
    setRefunding(true);
  };
  const refundLine = (refund: HistoryRow) => (
    <li key={refund.reference} data-reference={refund.reference}>
      <span>{dateTime(refund.createdAt, language)}</span> <span className="num">{amount(refund.amount)}</span> <span data-field="state">{t(`history.states.${historyRowLabel(refund)}`)}</span>{' '}
      <span className="mono">{refund.transactionId ?? refund.reference}</span>
    </li>
  );

  return (
    <section className="transaction-detail" aria-labelledby="detail-heading" data-testid="transaction-detail">
      <div className="back-office-subheader">
        <h2 id="detail-heading">{t('history.detail.title')}</h2>
        <button type="button" className="button button-secondary" onClick={onBack}>
          {t('history.detail.back')}
        </button>
      </div>
      <div className="detail-columns">
        <div>
          <dl className="detail-fields">
            {fields
              .filter(([, , value]) => value !== undefined)
              .map(([key, label, value]) => (
                <div key={key} data-field={key}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
          <div className="actions">
            {row.state === 'success' && (
              <button type="button" className="button button-secondary button-large" onClick={() => onReceipt(row.reference)}>
                {t('history.detail.receipt')}
              </button>
            )}
            {canRefund && !refunding && (
              <button type="button" className="button button-danger button-large" onClick={openRefund}>
                {t('history.detail.refund')}
              </button>
            )}
          </div>
        </div>
        <div>
          {balance && (
            <div className="detail-block" data-testid="refund-balance">
              <h3>{t('history.detail.balance')}</h3>
              <p>
                {t('history.detail.balanceLine', {
                  remaining: amount(balance.remaining),
                  original: amount(balance.original),
                  refunded: amount(balance.refunded),
                })}
              </p>
              {balance.inFlight > 0 && <p className="warning-text">{t('history.detail.balanceInFlight', { amount: amount(balance.inFlight) })}</p>}
              {balance.inFlight === 0 && balance.remaining === 0 && (
                <p className="field-hint" data-testid="nothing-left">
                  {t('history.detail.nothingLeft')}
                </p>
              )}
            </div>
          )}
          {outcome && (
            <p className={outcome.state === 'success' ? 'ok-text' : 'error-text'} role="status" data-testid="refund-outcome">
              {outcome.state === 'success'
                ? t('refund.done', { amount: amount(detail.refunds.find((r) => r.reference === outcome.reference)?.amount ?? 0) })
                : outcome.state === 'failure'
                  ? `${t('refund.failed')} ${outcome.error ? errorText(t, outcome.error) : ''}`
                  : t('refund.unresolved')}
            </p>
          )}
          {outcome?.state === 'success' && snapshot.settings.autoPrint && (
            <AutoPrint reference={outcome.reference} paper={snapshot.settings.receiptPaper} language={language} />
          )}
          {refunding && canRefund && row.transactionId && balance && (
            <RefundForm
              snapshot={snapshot}
              transactionId={row.transactionId}
              balance={balance}
              {...(detail?.refundBy ? { refundBy: detail.refundBy } : {})}
              onCancel={() => setRefunding(false)}
              onAttempt={() => setOutcome(undefined)}
              onDone={(done) => {
                setOutcome(done);
                setRefunding(false);
                void load();
              }}
            />
          )}
          {row.kind === 'sale' && (
            <div className="detail-block">
              <h3>{t('history.detail.journalRefunds')}</h3>
              {detail.refunds.length === 0 ? <p>{t('history.detail.noRefunds')}</p> : <ul className="refund-list">{detail.refunds.map(refundLine)}</ul>}
            </div>
          )}
          {detail.gateway && (
            <div className="detail-block" data-testid="gateway-refunds">
              <h3>{t('history.detail.gatewayRefunds')}</h3>
              {detail.gateway.ok ? (
                <>
                  <p>{t('history.detail.gatewayRefunded', { amount: amount(detail.gateway.refundedAmount) })}</p>
                  {detail.gateway.refunds.length === 0 ? (
                    <p>{t('history.detail.noRefunds')}</p>
                  ) : (
                    <ul className="refund-list">
                      {detail.gateway.refunds.map((refund) => (
                        <li key={refund.id}>
                          <span>{refund.time ? dateTime(refund.time, language) : '—'}</span> <span className="num">{amount(refund.amount)}</span>{' '}
                          <span>{t(`history.states.${refund.status === 'success' ? 'refund' : refund.status}`)}</span> <span className="mono">{refund.id}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              ) : (
                <p className="error-text">{t('history.detail.gatewayUnavailable', { reason: errorText(t, detail.gateway.error) })}</p>
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
