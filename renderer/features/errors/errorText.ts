import i18next, { type TFunction } from 'i18next';
import { MONEY_PARAMS } from '../../../shared/errors/moneyParams';
import type { PosErrorData } from '../../../shared/errors/posErrors';
import { parseAmountInput } from '../../../shared/money/amount';
import { isCurrencyCode } from '../../../shared/money/currencies';
import { LANGUAGES, type Language } from '../../../shared/settings/settingsView';
import { money } from '../money/localeMoney';


/** The language t writes in: a fixed translator's own, else the window's. */
function languageOf(t: TFunction): Language {
  const lng = (t as TFunction & { lng?: string | null }).lng || i18next.resolvedLanguage || i18next.language || 'en';
  if ((LANGUAGES as readonly string[]).includes(lng)) return lng as Language;
  return lng.startsWith('zh') ? 'zh-CN' : 'en';
}

function withMoney(error: PosErrorData, language: Language): Record<string, unknown> {
  const params: Record<string, unknown> = { ...error.params };
  const currency = error.params?.currency;
  if (typeof currency !== 'string' || !isCurrencyCode(currency)) return params;
  for (const key of MONEY_PARAMS[error.code] ?? []) {
    const text = params[key];
    if (typeof text !== 'string') continue;
    const parsed = parseAmountInput(text, currency, Number.MAX_SAFE_INTEGER);
    // A value that does not parse is shown as main sent it rather than hidden.
    if (parsed.ok) params[key] = money(parsed.amount, currency, language);
  }
  return params;
}

/**
 * The cashier's words for an error: the gateway label's own message when we have one
 * ("insufficient funds" says more than "declined"), else the code's message.
 */
export function errorText(t: TFunction, error: PosErrorData, language: Language = languageOf(t)): string {
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
  return t(`errors.${error.code}`, { ...withMoney(error, language), field: error.params?.field ?? '', problem: problemText }).replace(/ {2,}/g, ' ');
}
