import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

export interface NewPinFieldsProps {
  /** Distinguishes the fields' ids where two forms could be on one page. */
  idPrefix: string;
  newPin: string;
  confirmation: string;
  onNewPin: (value: string) => void;
  onConfirmation: (value: string) => void;
  /** Already translated; shown right under the fields, where the eye is. */
  error?: string;
  /** The first field, focused when the PIN is what stops the form. */
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * A new manager PIN, typed twice. Letters are kept as typed (not silently dropped), so the
 * format message can say what is wrong.
 */
export function NewPinFields({ idPrefix, newPin, confirmation, onNewPin, onConfirmation, error, inputRef }: NewPinFieldsProps) {
  const { t } = useTranslation();
  const errorId = `${idPrefix}-pin-error`;
  const invalid = error ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  return (
    <>
      <label htmlFor={`${idPrefix}-new-pin`}>{t('manager.newPin')}</label>
      <input ref={inputRef} id={`${idPrefix}-new-pin`} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12} value={newPin} onChange={(e) => onNewPin(e.target.value)} {...invalid} />
      <label htmlFor={`${idPrefix}-confirm-pin`}>{t('manager.confirmPin')}</label>
      <input id={`${idPrefix}-confirm-pin`} type="password" inputMode="numeric" autoComplete="new-password" maxLength={12} value={confirmation} onChange={(e) => onConfirmation(e.target.value)} {...invalid} />
      <p className="error-text" id={errorId} role="alert" data-testid={`${idPrefix}-pin-error`}>
        {error ?? ' '}
      </p>
    </>
  );
}
