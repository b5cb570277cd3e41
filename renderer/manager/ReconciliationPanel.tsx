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
  const clean = report && report.missingInJournal.length + report.missingAtGateway.length + report.mismatched.length === 0;
  return (
    <fieldset className="reconciliation" data-testid="reconciliation">
      <legend>{t('reconcile.title')}</legend>
      <p className="field-hint">{t('reconcile.hint')}</p>
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
          <ul>
            <li>{t('reconcile.matched', { count: report.matched })}</li>
            <li>{t('reconcile.missingInJournal', { count: report.missingInJournal.length })}</li>
            <li>{t('reconcile.missingAtGateway', { count: report.missingAtGateway.length })}</li>
          </ul>
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
