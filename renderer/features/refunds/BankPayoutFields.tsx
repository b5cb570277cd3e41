import { useTranslation } from 'react-i18next';
import { ONLINEPAY_BANKS, ONLINEPAY_STATES, citiesOfState } from '../../../shared/gateway/onlinepay/onlinePayDictionaries';
import type { OnlinePayBankCode } from '../../../shared/gateway/onlinepay/onlinePayApi';
import type { BankPayout, PayoutField } from '../../../shared/refunds/payoutDestination';

/** The bank form as typed: every field a string, empty until filled. */
export interface BankPayoutDraft {
  accountHolder: string;
  accountNumber: string;
  bankCode: OnlinePayBankCode | '';
  state: string;
  city: string;
  countryCode: string;
  zip: string;
  street: string;
  phone: string;
}

/** The customer is paid in China by a Chinese bank (the text's dictionaries are China's): CN by default. */
export const EMPTY_BANK_PAYOUT: BankPayoutDraft = { accountHolder: '', accountNumber: '', bankCode: '', state: '', city: '', countryCode: 'CN', zip: '', street: '', phone: '' };

/** The first required field left empty, so the form can point at it before asking main. */
export function missingBankField(draft: BankPayoutDraft): PayoutField | undefined {
  const required: PayoutField[] = ['accountHolder', 'accountNumber', 'bankCode', 'state', 'city', 'countryCode'];
  return required.find((field) => draft[field].trim() === '');
}

/** What the refund call sends: spaces a cashier types into a long account number dropped, optional fields left out when empty. */
export function bankPayoutOf(draft: BankPayoutDraft): BankPayout {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const zip = optional(draft.zip);
  const street = optional(draft.street);
  const phone = optional(draft.phone);
  return {
    bankAccount: { accountHolder: draft.accountHolder.trim(), accountNumber: draft.accountNumber.replace(/\s/g, ''), bankCode: draft.bankCode as OnlinePayBankCode },
    billing: { state: draft.state, city: draft.city, countryCode: draft.countryCode.trim().toUpperCase(), ...(zip ? { zip } : {}), ...(street ? { street } : {}), ...(phone ? { phone } : {}) },
  };
}

/**
 * The customer's bank account for paying an OnlinePay sale back when OnlinePay does not
 * know their wallet. Bank, province and city are chosen from the text's dictionaries (the
 * city list follows the province), so nothing outside them can be picked; main checks it
 * all again. The wrong field, when main names one, is marked and described at the field.
 */
export function BankPayoutFields({ draft, onChange, invalid }: { draft: BankPayoutDraft; onChange: (draft: BankPayoutDraft) => void; invalid?: PayoutField }) {
  const { t } = useTranslation();
  const set = (field: keyof BankPayoutDraft, value: string) => onChange({ ...draft, [field]: value, ...(field === 'state' ? { city: '' } : {}) });
  const cities = draft.state ? citiesOfState(draft.state) : [];
  const mark = (field: PayoutField) => (invalid === field ? { 'aria-invalid': true as const, 'aria-describedby': `payout-${field}-error` } : {});
  const note = (field: PayoutField) =>
    invalid === field ? (
      <p className="error-text field-error" id={`payout-${field}-error`}>
        {t(`payout.invalid.${field}`)}
      </p>
    ) : null;
  const text = (field: 'accountHolder' | 'accountNumber' | 'countryCode' | 'zip' | 'street' | 'phone', props: { inputMode?: 'numeric' | 'tel'; maxLength: number }) => (
    <div className="field">
      <label htmlFor={`payout-${field}`}>{t(`payout.${field}`)}</label>
      <input id={`payout-${field}`} autoComplete="off" value={draft[field]} onChange={(e) => set(field, e.target.value)} {...props} {...mark(field)} />
      {note(field)}
    </div>
  );
  return (
    <fieldset className="bank-payout" data-testid="bank-payout">
      <legend>{t('payout.bankLegend')}</legend>
      <p className="field-hint">{t('payout.bankHint')}</p>
      {text('accountHolder', { maxLength: 100 })}
      {text('accountNumber', { inputMode: 'numeric', maxLength: 40 })}
      <div className="field">
        <label htmlFor="payout-bankCode">{t('payout.bankCode')}</label>
        <select id="payout-bankCode" value={draft.bankCode} onChange={(e) => set('bankCode', e.target.value)} {...mark('bankCode')}>
          <option value="">{t('payout.choose')}</option>
          {ONLINEPAY_BANKS.map((bank) => (
            <option key={bank.code} value={bank.code}>
              {bank.name} ({bank.code})
            </option>
          ))}
        </select>
        {note('bankCode')}
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="payout-state">{t('payout.state')}</label>
          <select id="payout-state" value={draft.state} onChange={(e) => set('state', e.target.value)} {...mark('state')}>
            <option value="">{t('payout.choose')}</option>
            {ONLINEPAY_STATES.map((state) => (
              <option key={state.code} value={state.code}>
                {state.name}
              </option>
            ))}
          </select>
          {note('state')}
        </div>
        <div className="field">
          <label htmlFor="payout-city">{t('payout.city')}</label>
          <select id="payout-city" value={draft.city} disabled={cities.length === 0} onChange={(e) => set('city', e.target.value)} {...mark('city')}>
            <option value="">{draft.state ? t('payout.choose') : t('payout.cityAfterState')}</option>
            {cities.map((city) => (
              <option key={city.code} value={city.code}>
                {city.name}
              </option>
            ))}
          </select>
          {note('city')}
        </div>
      </div>
      <div className="row">
        {text('countryCode', { maxLength: 3 })}
        {text('zip', { maxLength: 10 })}
      </div>
      {text('street', { maxLength: 200 })}
      {text('phone', { inputMode: 'tel', maxLength: 20 })}
    </fieldset>
  );
}
