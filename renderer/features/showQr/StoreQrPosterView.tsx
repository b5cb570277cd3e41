import type { StoreQrPoster } from '../../../shared/bridge/displayContract';
import type { PosterPaper } from '../../../shared/printing/printPapers';
import { VENDORS } from '../../../shared/payments/vendors';
import { translatorFor } from '../../i18n/i18n';

/**
 * The store QR poster: one page in the customer display's languages (primary first), the
 * code about 12 cm wide (a phone reads it from a metre away). Each language is its own
 * `lang` block, so Japanese prints with Japanese glyphs and Chinese with Chinese ones. A code
 * made in training says so in large letters: it is payable only in the sandbox.
 */
export function StoreQrPosterView({ poster, paper }: { poster: StoreQrPoster; paper: PosterPaper }) {
  const languages = poster.languages.length > 0 ? poster.languages : (['en', 'zh-CN'] as const);
  const primary = translatorFor(languages[0]);
  const each = (render: (t: ReturnType<typeof translatorFor>) => string) =>
    languages.map((language) => (
      <span key={language} lang={language}>
        {render(translatorFor(language))}
      </span>
    ));
  // The wallets under their own names once each ("WeChat Pay" reads the same in English and Japanese).
  const wallets = (t: ReturnType<typeof translatorFor>) => VENDORS.map((vendor) => t(`vendor.${vendor}`)).join(' · ');
  const lines = languages.map((language) => [wallets(translatorFor(language)), language] as const);
  const walletLines = lines.filter(([line], index) => lines.findIndex(([other]) => other === line) === index);
  return (
    <article className={`store-qr-poster poster-${paper}`} data-testid="store-qr-poster" lang={languages[0]}>
      {poster.training && <p className="poster-training">{languages.map((language) => translatorFor(language)('displaySettings.posterTraining')).join(' · ')}</p>}
      <h1 className="poster-store">{poster.storeName}</h1>
      <p className="poster-title">{each((t) => t('displaySettings.posterTitle'))}</p>
      <img className="poster-qr" src={poster.qr.src} alt={poster.qrcode} />
      <p className="poster-wallets">
        {walletLines.map(([line, language]) => (
          <span key={language} lang={language}>
            {line}
          </span>
        ))}
      </p>
      <p className="poster-steps">{each((t) => t('displaySettings.posterSteps', { currency: poster.tradeCurrency }))}</p>
      <p className="poster-footer">
        {poster.sellerName} · {primary('displaySettings.storeNumber')} {poster.storeNo}
      </p>
    </article>
  );
}
