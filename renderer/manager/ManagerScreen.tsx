import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import type { PosErrorData } from '../../shared/errors/posErrors';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';
import { useHotkeys } from '../features/keyboard/useHotkeys';
import { ReconciliationPanel } from './ReconciliationPanel';
import { PinChangeForm } from './PinChangeForm';
import { SettingsForm } from './SettingsForm';
import { StoreQrPanel } from '../features/showQr/StoreQrPanel';
import { RegisterPanel } from '../features/register/RegisterPanel';

/**
 * Settings behind the manager PIN. The PIN stays in this component's memory only while
 * the screen is open, and goes with each change (main checks it every time).
 */
export function ManagerScreen({ snapshot, onClose }: { snapshot: AppSnapshot; onClose: () => void }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [unlocked, setUnlocked] = useState(!snapshot.settings.hasManagerPin);
  const [error, setError] = useState<PosErrorData>();
  useHotkeys({ Escape: onClose });

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    const result = await getApi().checkManagerPin({ pin });
    if (result.ok) {
      setUnlocked(true);
      setError(undefined);
    } else {
      setError(result.error);
      setPin('');
    }
  };

  return (
    <section className="screen manager" aria-labelledby="manager-heading">
      <div className="manager-header">
        <h1 id="manager-heading">{t('manager.title')}</h1>
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('manager.close')} <kbd>Esc</kbd>
        </button>
      </div>
      {unlocked ? (
        <>
          <SettingsForm snapshot={snapshot} pin={pin} />
          {/* A new PIN replaces the one this screen was opened with for the calls that follow. */}
          <PinChangeForm snapshot={snapshot} onChanged={setPin} />
          <StoreQrPanel snapshot={snapshot} pin={pin} />
          <RegisterPanel snapshot={snapshot} pin={pin} />
          <ReconciliationPanel pin={pin} />
        </>
      ) : (
        <form className="pin-form" onSubmit={(e) => void unlock(e)}>
          <label htmlFor="manager-pin">{t('manager.pinPrompt')}</label>
          <input id="manager-pin" type="password" inputMode="numeric" autoComplete="off" autoFocus value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} />
          <p className="error-text" role="alert">
            {error ? errorText(t, error) : ' '}
          </p>
          <button type="submit" className="button button-primary button-large">
            {t('manager.unlock')}
          </button>
        </form>
      )}
    </section>
  );
}
