import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DayReportDocument } from '../../../shared/bridge/backOfficeContract';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';
import { PrintRoot } from '../printing/PrintRoot';
import { printPage } from '../printing/printPage';
import { DayReportView } from './DayReportView';

/** Offers text as a file download: a Blob URL on an <a download> (no server round trip, nothing inline for CSP). */
function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** X report (the day so far), Z report (closes the day, manager PIN), printable on the receipt printer and exportable as CSV. */
export function ReportScreen({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  const { language, receiptPaper, hasManagerPin } = snapshot.settings;
  const [report, setReport] = useState<DayReportDocument>();
  const [error, setError] = useState<PosErrorData>();
  const [closing, setClosing] = useState(false);
  const [pin, setPin] = useState('');
  // Before the first Z there is no last Z: that is news, not an error.
  const [noZYet, setNoZYet] = useState(false);

  const show = async (kind: 'x' | 'z') => {
    setClosing(false);
    const result = await getApi().getDayReport({ kind });
    setNoZYet(false);
    if (result.ok) {
      setReport(result.value);
      setError(undefined);
    } else if (kind === 'z' && result.error.code === 'DAY_CLOSE_NOT_FOUND') {
      setReport(undefined);
      setError(undefined);
      setNoZYet(true);
    } else setError(result.error);
  };
  useEffect(() => {
    void show('x');
  }, []);

  const close = async (event: FormEvent) => {
    event.preventDefault();
    const result = await getApi().closeDay(hasManagerPin ? { pin } : {});
    setPin('');
    if (!result.ok) return setError(result.error);
    setClosing(false);
    setError(undefined);
    setNoZYet(false);
    setReport(result.value);
  };
  const fileName = (doc: DayReportDocument) =>
    doc.report.kind === 'z' ? `z-report-${doc.report.closeId}.csv` : `x-report-${doc.report.toAt.slice(0, 19).replace(/\D/g, '')}.csv`;

  return (
    <section className="report-screen" aria-labelledby="report-heading">
      <h2 id="report-heading" className="visually-hidden">
        {t('report.title')}
      </h2>
      <div className="report-controls">
        <button type="button" className="button button-secondary" onClick={() => void show('x')}>
          {t('report.x')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void show('z')}>
          {t('report.lastZ')}
        </button>
        <button type="button" className="button button-danger" onClick={() => setClosing(true)}>
          {t('report.z')}
        </button>
        <span className="spacer" />
        <button type="button" className="button button-primary" disabled={!report} onClick={() => void printPage(receiptPaper)}>
          {t('report.print')}
        </button>
        <button type="button" className="button button-secondary" disabled={!report} onClick={() => report && download(report.csv, fileName(report))}>
          {t('report.exportCsv')}
        </button>
      </div>
      {closing && (
        <form className="pin-form report-close" onSubmit={(e) => void close(e)}>
          <p>{t('report.confirmZ')}</p>
          {hasManagerPin && (
            <>
              <label htmlFor="close-pin">{t('report.pin')}</label>
              <input id="close-pin" type="password" inputMode="numeric" autoComplete="off" autoFocus value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
            </>
          )}
          <div className="actions">
            <button type="button" className="button button-secondary" onClick={() => setClosing(false)}>
              {t('report.cancel')}
            </button>
            <button type="submit" className="button button-danger">
              {t('report.closeNow')}
            </button>
          </div>
        </form>
      )}
      <p className="error-text" role="alert">
        {error ? errorText(t, error) : ' '}
      </p>
      {noZYet && (
        <p className="report-none" role="status" data-testid="no-z-yet">
          {t('report.noZYet')}
        </p>
      )}
      {report && (
        <>
          <div className="report-preview">
            <DayReportView report={report.report} language={language} paper="A4" />
          </div>
          <PrintRoot paper={receiptPaper}>
            <DayReportView report={report.report} language={language} paper={receiptPaper} />
          </PrintRoot>
        </>
      )}
    </section>
  );
}
