import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../../shared/bridge/contract';
import type { DisplayPairingCode, StoreQrPoster } from '../../../shared/bridge/displayContract';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { getApi } from '../../bridge/bridge';
import { errorText } from '../errors/errorText';
import { PrintRoot } from '../printing/PrintRoot';
import { printPage } from '../printing/printPage';
import { StoreQrPosterView } from './StoreQrPosterView';
import type { PosterPaper } from '../../../shared/printing/printPapers';

/**
 * Manager tools of the customer display: the store's static QR (made once with
 * merchantqrcode, then printed as a poster) and pairing a LAN tablet as a display.
 */
export function StoreQrPanel({ snapshot, pin }: { snapshot: AppSnapshot; pin: string }) {
  const { t } = useTranslation();
  const api = getApi();
  const s = snapshot.settings;
  const record = s.display.storeQr;
  const current = record && record.environment === s.environment ? record : undefined;
  const [error, setError] = useState<PosErrorData>();
  const [busy, setBusy] = useState(false);
  const [poster, setPoster] = useState<{ content: StoreQrPoster; paper: PosterPaper }>();
  const [pairing, setPairing] = useState<DisplayPairingCode>();
  const withPin = pin ? { pin } : {};

  const create = async () => {
    setBusy(true);
    const result = await api.createStoreQr(withPin);
    setBusy(false);
    setError(result.ok ? undefined : result.error);
  };
  const print = async (paper: PosterPaper) => {
    const result = await api.getStoreQrPoster({});
    if (!result.ok) return setError(result.error);
    setError(undefined);
    setPoster({ content: result.value, paper });
    // Printed once the poster is in the print root (next frame).
    requestAnimationFrame(() => void printPage(paper).then((outcome) => outcome && !outcome.ok && setError(outcome.error)));
  };
  const pair = async () => {
    const result = await api.createDisplayPairingCode(withPin);
    if (result.ok) setPairing(result.value);
    setError(result.ok ? undefined : result.error);
  };

  return (
    <section className="store-qr-panel" aria-labelledby="store-qr-heading">
      <h2 id="store-qr-heading">{t('displaySettings.storeQrHeading')}</h2>
      <p className="field-hint" data-testid="store-qr-status">
        {current ? t('displaySettings.storeQrMade', { storeNo: current.storeNo, date: current.createdAt.slice(0, 10) }) : t('displaySettings.storeQrNone')}
      </p>
      <div className="actions">
        <button type="button" className="button" disabled={busy} onClick={() => void create()} data-testid="create-store-qr">
          {current ? t('displaySettings.storeQrRemake') : t('displaySettings.storeQrCreate')}
        </button>
        {current && (
          <>
            <button type="button" className="button button-secondary" onClick={() => void print('A4')} data-testid="poster-a4">
              {t('displaySettings.posterA4')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => void print('Letter')} data-testid="poster-letter">
              {t('displaySettings.posterLetter')}
            </button>
          </>
        )}
      </div>
      {s.display.lanDisplayEnabled && (
        <div className="lan-pairing">
          <h2>{t('displaySettings.lanPairingHeading')}</h2>
          <button type="button" className="button" onClick={() => void pair()} data-testid="pair-display">
            {t('displaySettings.lanPairingCreate')}
          </button>
          {pairing && (
            <div className="pairing-code" data-testid="pairing-code">
              <p className="code">{pairing.code}</p>
              <p>{t('displaySettings.lanPairingOpen')}</p>
              <ul>
                {pairing.urls.map((url) => (
                  <li key={url}>
                    <code>{url}</code>
                  </li>
                ))}
              </ul>
              <p className="field-hint">{t('displaySettings.lanPairingExpires', { time: new Date(pairing.expiresAt).toLocaleTimeString(s.language) })}</p>
            </div>
          )}
        </div>
      )}
      <p className="error-text" role="alert">
        {error ? errorText(t, error) : ' '}
      </p>
      {poster && (
        <PrintRoot paper={poster.paper}>
          <StoreQrPosterView poster={poster.content} paper={poster.paper} />
        </PrintRoot>
      )}
    </section>
  );
}
