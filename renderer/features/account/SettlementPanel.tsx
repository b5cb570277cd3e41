import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GatewayReading, SettlementResult } from '../../../shared/bridge/accountContract';
import { isDiscrepancy, type SettlementFinding } from '../../../shared/reconciliation/settlementCheck';
import type { Language } from '../../../shared/settings/settingsView';
import { dateTime, money } from '../money/localeMoney';

/** The finding's words: an overdue "not paid out" reads as the discrepancy it is. */
const findingKey = (f: SettlementFinding) => (f.finding === 'notPaidOut' && f.overdue ? 'notPaidOutOverdue' : f.finding);

/**
 * One settlement check's findings (issue 17): a line a movement, the discrepancies marked
 * and counted first, the same as CSV to download. The reading's own "could not be read" is
 * shown by the caller's Reading, so a file that could not be read never shows a finding.
 */
export function SettlementFindings({ result, language, onClose }: { result: SettlementResult; language: Language; onClose: () => void }) {
  const { t } = useTranslation();
  const { report } = result;
  const [csvUrl, setCsvUrl] = useState<string>();
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([result.csv], { type: 'text/csv' }));
    setCsvUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [result.csv]);
  const scope = 'withdrawalId' in report.scope ? t('account.settlement.scopeWithdrawal', { id: report.scope.withdrawalId }) : t('account.settlement.scopeDays', report.scope);
  const fileName = 'withdrawalId' in report.scope ? `settlement-${report.scope.withdrawalId}.csv` : `settlement-${report.scope.from}-${report.scope.to}.csv`;
  // Discrepancies first, then what waits, then what is paid out: what needs a person's eyes is on top.
  const rank = (f: SettlementFinding) => (isDiscrepancy(f) ? 0 : f.finding === 'notPaidOut' ? 1 : 2);
  const findings = [...report.findings].sort((a, b) => rank(a) - rank(b));
  return (
    <div className="settlement" data-testid="settlement" data-discrepancies={report.discrepancies}>
      <div className="account-section-header">
        <p role="status" className="settlement-summary">
          {t('account.settlement.summary', { scope, count: report.findings.length })}{' '}
          <strong className={report.discrepancies > 0 ? 'settlement-bad' : 'settlement-good'}>
            {report.discrepancies > 0 ? t('account.settlement.discrepancies', { count: report.discrepancies }) : t('account.settlement.clean')}
          </strong>
        </p>
        {csvUrl && (
          <a className="button button-secondary" href={csvUrl} download={fileName}>
            {t('account.settlement.exportCsv')}
          </a>
        )}
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('account.settlement.close')}
        </button>
      </div>
      {findings.length === 0 ? (
        <p className="account-muted">{t('account.none')}</p>
      ) : (
        <table className="account-table settlement-table" aria-label={t('account.settlement.table')}>
          <thead>
            <tr>
              <th scope="col">{t('account.settlement.finding')}</th>
              <th scope="col">{t('account.settlement.movement')}</th>
              <th scope="col">{t('account.time')}</th>
              <th scope="col" className="num">{t('account.amount')}</th>
              <th scope="col" className="num">{t('account.settlement.journalAmount')}</th>
              <th scope="col">{t('account.settlement.withdrawalOrAge')}</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => {
              const m = f.movement;
              const journalAmount = f.finding === 'amountDiffers' ? money(f.journalAmount, f.journalCurrency, language) : f.finding === 'notInJournal' ? '—' : money(m.amount, m.currency, language);
              const withdrawal = f.finding === 'paidOut' ? f.withdrawalId : f.finding === 'notPaidOut' ? '' : (f.movement.withdrawalId ?? '');
              return (
                <tr
                  key={`${f.finding} ${m.kind} ${m.transactionId} ${m.refundId}`}
                  data-finding={f.finding}
                  data-discrepancy={isDiscrepancy(f) ? 'true' : 'false'}
                  data-transaction-id={m.transactionId}
                  data-refund-id={m.refundId}
                  className={isDiscrepancy(f) ? 'settlement-discrepancy' : undefined}
                >
                  <td>
                    {t(`account.settlement.findingWord.${findingKey(f)}`)}
                    {f.finding === 'notPaidOut' && !f.atGateway && <span className="settlement-note"> · {t('account.settlement.notAtGateway')}</span>}
                  </td>
                  <td className="settlement-movement">
                    <span>{t(`account.kindWord.${m.kind}`)}</span>
                    <span className="account-id" title={t('account.transactionId')}>{m.transactionId}</span>
                    {m.refundId && <span className="account-id" title={t('account.refundId')}>{t('account.settlement.refundIdValue', { id: m.refundId })}</span>}
                    <span className="account-id settlement-reference" title={t('account.reference')}>{m.reference}</span>
                  </td>
                  <td>{dateTime(m.time, language)}</td>
                  <td className="num" data-field="amount" data-minor={f.finding === 'notPaidOut' ? undefined : m.amount}>
                    {f.finding === 'notPaidOut' ? '—' : money(m.amount, m.currency, language)}
                  </td>
                  <td className="num" data-field="journal-amount">{journalAmount}</td>
                  <td className={f.finding === 'notPaidOut' ? undefined : 'account-id'} data-field={f.finding === 'notPaidOut' ? 'age' : 'withdrawal'}>
                    {f.finding === 'notPaidOut' ? t('account.settlement.ageDays', { count: f.ageDays }) : withdrawal}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

export type SettlementReading = GatewayReading<SettlementResult>;
