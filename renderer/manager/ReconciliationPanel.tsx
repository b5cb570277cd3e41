import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosErrorData } from '../../shared/errors/posErrors';
import type { ReconciliationReport } from '../../shared/reconciliation/reconciliationReport';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';

/** Journal against the gateway for a range of days, with the findings as a CSV download. */
export function ReconciliationPanel({ pin }: { pin: string }) {
  const { t } = useTranslation();
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ report: ReconciliationReport; csv: string }>();
  const [error, setError] = useState<PosErrorData>();
  const [csvUrl, setCsvUrl] = useState<string>();
  useEffect(() => () => (csvUrl ? URL.revokeObjectURL(csvUrl) : undefined), [csvUrl]);

  const run = async () => {
    setBusy(true);
    const answer = await getApi().reconcile({ ...(pin ? { pin } : {}), from, to });
    setBusy(false);
    if (!answer.ok) return setError(answer.error);
    setError(undefined);
    setResult(answer.value);
    setCsvUrl(URL.createObjectURL(new Blob([answer.value.csv], { type: 'text/csv' })));
  };
  const report = result?.report;
  const unread = report?.gateways?.filter((g) => !g.read) ?? [];
  // "Agree" only when every gateway was read: a gateway that was not is never taken as agreeing.
  const clean = report && unread.length === 0 && report.missingInJournal.length + report.missingAtGateway.length + report.mismatched.length === 0;
  const gatewayName = (gateway: string) => t(`gatewaysBackOffice.gateways.${gateway}`, { defaultValue: gateway });
  const findings = report
    ? [
        ...report.missingInJournal.map((r) => ({ finding: 'missingInJournal', gateway: r.gateway, reference: r.reference, detail: `${r.amount} ${r.currency} · ${r.status}${r.journalState ? ` / ${r.journalState}` : ''}` })),
        ...report.missingAtGateway.map((r) => ({ finding: 'missingAtGateway', gateway: r.gateway, reference: r.reference, detail: `${r.amount} ${r.currency} · ${r.state}${r.gatewayStatus ? ` / ${r.gatewayStatus}` : ''}` })),
        ...report.mismatched.map((m) => ({ finding: 'mismatched', gateway: m.gateway, reference: m.reference, detail: `${m.field}: ${m.journal} ≠ ${m.theirs}` })),
      ]
    : [];
  return (
    <fieldset className="reconciliation" data-testid="reconciliation">
      <legend>{t('gatewaysBackOffice.reconcileTitle')}</legend>
      <p className="field-hint">{t('gatewaysBackOffice.reconcileHint')}</p>
      <div className="row">
        <label htmlFor="reconcile-from">{t('reconcile.from')}</label>
        <input id="reconcile-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor="reconcile-to">{t('reconcile.to')}</label>
        <input id="reconcile-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="button" className="button" disabled={busy} onClick={() => void run()}>
          {t('reconcile.run')}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert">
          {errorText(t, error)}
        </p>
      )}
      {report && (
        <div role="status">
          <p className={clean ? 'ok-text' : 'warning-text'}>{clean ? t('reconcile.allGood') : t('reconcile.mismatched', { count: report.mismatched.length })}</p>
          {unread.map((g) => (
            <p key={g.gateway} className="warning-text" data-testid={`reconcile-unread-${g.gateway}`}>
              {t('gatewaysBackOffice.unreadable', { gateway: gatewayName(g.gateway) })} {!g.read && errorText(t, g.error)}
            </p>
          ))}
          <ul>
            <li>{t('reconcile.matched', { count: report.matched })}</li>
            <li>{t('gatewaysBackOffice.missingInJournal', { count: report.missingInJournal.length })}</li>
            <li>{t('gatewaysBackOffice.missingAtGateway', { count: report.missingAtGateway.length })}</li>
          </ul>
          {findings.length > 0 && (
            <table className="report-table" data-testid="reconcile-findings">
              <thead>
                <tr>
                  <th scope="col">{t('gatewaysBackOffice.gateway')}</th>
                  <th scope="col">{t('history.columns.reference')}</th>
                  <th scope="col">{t('history.columns.status')}</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr key={`${f.finding}-${f.gateway}-${f.reference}-${f.detail}`} data-finding={f.finding} data-gateway={f.gateway} data-reference={f.reference}>
                    <td>{gatewayName(f.gateway)}</td>
                    <td className="mono">{f.reference}</td>
                    <td>
                      {t(`gatewaysBackOffice.findings.${f.finding}`)} — {f.detail}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {csvUrl && (
            <a className="button" href={csvUrl} download={`counterpay-reconciliation-${report.from}-${report.to}.csv`}>
              {t('reconcile.download')}
            </a>
          )}
        </div>
      )}
    </fieldset>
  );
}
