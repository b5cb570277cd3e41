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
  return t(`errors.${error.code}`, { ...error.params, field: error.params?.field ?? '', problem: error.params?.problem ?? '' });
}
