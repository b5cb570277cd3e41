import type { StoreQrPoster } from '../../../shared/bridge/displayContract';
import type { PosterPaper } from '../../../shared/printing/printPapers';
import { VENDORS } from '../../../shared/payments/vendors';
import { translatorFor } from '../../i18n/i18n';

/**
 * The store QR poster: one page, English and Chinese, the code about 12 cm wide (a phone
 * reads it from a metre away). A code made in training says so in large letters: it is
 * payable only in the sandbox.
 */
export function StoreQrPosterView({ poster, paper }: { poster: StoreQrPoster; paper: PosterPaper }) {
  const en = translatorFor('en');
  const zh = translatorFor('zh-CN');
  return (
    <article className={`store-qr-poster poster-${paper}`} data-testid="store-qr-poster">
      {poster.training && <p className="poster-training">{en('displaySettings.posterTraining')} · {zh('displaySettings.posterTraining')}</p>}
      <h1 className="poster-store">{poster.storeName}</h1>
      <p className="poster-title">
        <span lang="zh-CN">{zh('displaySettings.posterTitle')}</span>
        <span lang="en">{en('displaySettings.posterTitle')}</span>
      </p>
      <img className="poster-qr" src={poster.qr.src} alt={poster.qrcode} />
      <p className="poster-wallets">
        <span lang="zh-CN">{VENDORS.map((vendor) => zh(`vendor.${vendor}`)).join(' · ')}</span>
        <span lang="en">{VENDORS.map((vendor) => en(`vendor.${vendor}`)).join(' · ')}</span>
      </p>
      <p className="poster-steps">
        <span lang="zh-CN">{zh('displaySettings.posterSteps', { currency: poster.tradeCurrency })}</span>
        <span lang="en">{en('displaySettings.posterSteps', { currency: poster.tradeCurrency })}</span>
      </p>
      <p className="poster-footer">
        {poster.sellerName} · {en('displaySettings.storeNumber')} {poster.storeNo}
      </p>
    </article>
  );
}
