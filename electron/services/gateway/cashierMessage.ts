import { MONEY_PARAMS } from '../../../shared/errors/moneyParams';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { CATALOGUES } from '../../../shared/i18n/catalogues';
import type { Language } from '../../../shared/settings/settingsView';

/**
 * The words a cashier reads for a gateway error, in any of the catalogue's languages: the label's own
 * message when the locale has one ("already refunded in full" says more than "invalid
 * request"), else the message of the error's code. The same rule the windows apply
 * (renderer/features/errors/errorText.ts), for main-process callers such as a log
 * viewer or a printed report that have no i18next.
 */
export function cashierMessage(error: PosErrorData, language: Language): string {
  const locale = CATALOGUES[language];
  const label = error.gateway?.label;
  const byLabel = label === undefined ? undefined : (locale.gatewayLabels as Readonly<Record<string, string>>)[label];
  if (byLabel) return byLabel;
  const template = locale.errors[error.code];
  const problems = locale.problems as Readonly<Record<string, string>>;
  // As in the windows: a settings problem travels as its key and is read as its sentence; an unknown one reads as nothing.
  const value = (name: string): string => {
    const param = error.params?.[name];
    const currency = error.params?.['currency'];
    if (MONEY_PARAMS[error.code]?.includes(name) && typeof param === 'string' && typeof currency === 'string') return `${param} ${currency}`;
    if (name !== 'problem') return String(param ?? '');
    return typeof param === 'string' ? param.split(/,\s*/).map((key) => problems[key] ?? '').filter(Boolean).join(' ') : '';
  };
  return template.replace(/{{(\w+)}}/g, (_match, name: string) => value(name)).replace(/ {2,}/g, ' ');
}
