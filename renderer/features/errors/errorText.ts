import type { TFunction } from 'i18next';
import type { PosErrorData } from '../../../shared/errors/posErrors';

/**
 * The cashier's words for an error: the gateway label's own message when we have one
 * ("insufficient funds" says more than "declined"), else the code's message.
 */
export function errorText(t: TFunction, error: PosErrorData): string {
  const label = error.gateway?.label;
  if (label) {
    const byLabel = t(`gatewayLabels.${label}`, { defaultValue: '' });
    if (byLabel) return byLabel;
  }
  // A settings problem travels as its key ("missingToken"): the cashier reads its sentence, never the key.
  const problem = error.params?.problem;
  // (Several travel joined by commas; an environment name or anything unknown reads as nothing.)
  const problemText =
    typeof problem === 'string'
      ? problem
          .split(/,\s*/)
          .map((key) => (key ? t(`problems.${key}`, { defaultValue: '' }) : ''))
          .filter(Boolean)
          .join(' ')
      : '';
  // A placeholder left empty leaves no double space behind.
  return t(`errors.${error.code}`, { ...error.params, field: error.params?.field ?? '', problem: problemText }).replace(/ {2,}/g, ' ');
}
