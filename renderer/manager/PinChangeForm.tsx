import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppSnapshot } from '../../shared/bridge/contract';
import { isValidPin } from '../../shared/auth/pinFormat';
import { getApi } from '../bridge/bridge';
import { errorText } from '../features/errors/errorText';
import { NewPinFields } from './NewPinFields';
import { pinEntryProblem } from './pinEntry';

/**
 * Settings → Manager PIN: set the first one, or change it with the current one and the new
 * one twice. The current PIN is asked again (not taken from the unlock): whoever finds the
 * screen left open cannot change it. A wrong one counts towards the lock like any other.
 */
export function PinChangeForm({ snapshot, onChanged }: { snapshot: AppSnapshot; onChanged: (newPin: string) => void }) {
  const { t } = useTranslation();
  const hasPin = snapshot.settings.hasManagerPin;
  const [currentPin, setCurrentPin] = useState('');
  const [newPin, setNewPin] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [currentError, setCurrentError] = useState<string>();
  const [newError, setNewError] = useState<string>();
  const [done, setDone] = useState(false);
  const [sending, setSending] = useState(false);
  const currentRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setDone(false);
    if (hasPin && !isValidPin(currentPin)) {
      setNewError(undefined);
      setCurrentError(t(currentPin === '' ? 'errors.PIN_REQUIRED' : 'errors.PIN_FORMAT'));
      return currentRef.current?.focus();
    }
    const problem = pinEntryProblem(newPin, confirmation);
    setCurrentError(undefined);
    if (problem) {
      setNewError(t(problem));
      return newRef.current?.focus();
    }
    setNewError(undefined);
    setSending(true);
    const result = await getApi().setManagerPin({ ...(hasPin ? { pin: currentPin } : {}), newPin });
    setSending(false);
    setCurrentPin('');
    if (!result.ok) {
      // The format of the new one was checked here: what main refuses is about the current one.
      if (result.error.code === 'PIN_FORMAT') setNewError(errorText(t, result.error));
      else setCurrentError(errorText(t, result.error));
      return;
    }
    setNewPin('');
    setConfirmation('');
    setDone(true);
    onChanged(newPin);
  };

  return (
    <form className="settings-form pin-change-form" onSubmit={(e) => void submit(e)} noValidate data-testid="pin-change">
      <fieldset>
        <legend>{t('manager.pin')}</legend>
        {hasPin && (
          <>
            <label htmlFor="change-current-pin">{t('manager.currentPin')}</label>
            <input
              ref={currentRef}
              id="change-current-pin"
              type="password"
              inputMode="numeric"
              autoComplete="current-password"
              maxLength={12}
              value={currentPin}
              onChange={(e) => setCurrentPin(e.target.value)}
              {...(currentError ? { 'aria-invalid': true, 'aria-describedby': 'change-current-pin-error' } : {})}
            />
            <p className="error-text" id="change-current-pin-error" role="alert" data-testid="change-current-pin-error">
              {currentError ?? ' '}
            </p>
          </>
        )}
        <NewPinFields idPrefix="change" newPin={newPin} confirmation={confirmation} onNewPin={setNewPin} onConfirmation={setConfirmation} inputRef={newRef} {...(newError ? { error: newError } : {})} />
        <p className="field-hint">{t('manager.pinHint')}</p>
        <p className="field-hint">{t('manager.pinLockHint')}</p>
        <p className="ok-text" role="status">
          {done ? t('manager.pinSet') : ' '}
        </p>
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={sending}>
            {hasPin ? t('manager.changePin') : t('manager.setPin')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
