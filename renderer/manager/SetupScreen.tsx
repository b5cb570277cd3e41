import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import { SettingsForm } from './SettingsForm';

/** First run: one screen with everything a merchant needs, or straight into training. */
export function SetupScreen({ snapshot }: { snapshot: AppSnapshot }) {
  const { t } = useTranslation();
  return (
    <section className="screen setup" aria-labelledby="setup-heading">
      <h1 id="setup-heading">{t('setup.title')}</h1>
      <p className="muted">{t('setup.intro')}</p>
      <SettingsForm snapshot={snapshot} setup />
    </section>
  );
}
