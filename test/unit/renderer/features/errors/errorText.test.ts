import i18next from 'i18next';
import { errorText } from '../../../../../renderer/features/errors/errorText';
import { money } from '../../../../../renderer/features/money/localeMoney';
import { en } from '../../../../../shared/i18n/en';
import { zhCN } from '../../../../../shared/i18n/zhCN';

/** What a cashier reads, in both languages: never an internal key, money written one way, counts that read naturally. */
describe('error text', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  });

  it('turns a settings problem key into its sentence, never showing the key', () => {
    const t = i18n.getFixedT('en');
    const text = errorText(t, { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'missingToken' } });
    expect(text).toBe(`The payment gateway is not set up. ${en.problems.missingToken} A manager must finish the settings.`);
    expect(text).not.toContain('missingToken');
    // An environment name or an empty problem reads as nothing, not as a word from the code.
    expect(errorText(t, { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'production' } })).toBe('The payment gateway is not set up. A manager must finish the settings.');
    expect(errorText(i18n.getFixedT('zh-CN'), { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'missingToken' } })).toContain(zhCN.problems.missingToken);
  });

  it('counts look-ups naturally', () => {
    const t = i18n.getFixedT('en');
    expect(t('showQr.checks', { count: 1 })).toBe('Checked once');
    expect(t('showQr.checks', { count: 3 })).toBe('Checked 3 times');
    expect(i18n.getFixedT('zh-CN')('showQr.checks', { count: 1 })).toBe('已查询 1 次');
  });

  it('writes the amounts main sends as decimal strings the way the rest of the app writes money', () => {
    const t = i18n.getFixedT('en');
    expect(errorText(t, { code: 'REFUND_OVER_BALANCE', params: { remaining: '1234.50', currency: 'USD' } })).toBe(
      `That is more than what is left to refund (${money(123450, 'USD', 'en')}). Nothing was sent.`,
    );
    expect(errorText(t, { code: 'REFUND_OVER_BALANCE', params: { remaining: '1234.50', currency: 'USD' } })).toContain('($1,234.50)');
    expect(errorText(t, { code: 'PAYOUT_OVER_AVAILABLE_BALANCE', params: { available: '500', currency: 'JPY' } })).toContain('(JP¥500)');
  });

  it('writes the counter’s limit and a possible duplicate the same way', () => {
    const t = i18n.getFixedT('en');
    expect(errorText(t, { code: 'AMOUNT_OVER_MAXIMUM', params: { maximum: '5000.00', currency: 'USD' } })).toBe('The amount is over this terminal’s limit of $5,000.00.');
    expect(errorText(t, { code: 'AMOUNT_OVER_MAXIMUM', params: { maximum: '500000', currency: 'JPY' } })).toBe('The amount is over this terminal’s limit of JP¥500,000.');
    expect(errorText(t, { code: 'POSSIBLE_DUPLICATE', params: { amount: '12.34', currency: 'USD', reference: 'T1', since: '' } })).toContain('A $12.34 sale is still unresolved.');
  });

  it('writes them in the translator’s language', () => {
    const t = i18n.getFixedT('zh-CN');
    expect(errorText(t, { code: 'REFUND_OVER_BALANCE', params: { remaining: '12.00', currency: 'CNY' } })).toBe('超过可退余额（¥12.00），未发送任何请求。');
    expect(errorText(t, { code: 'PAYOUT_OVER_AVAILABLE_BALANCE', params: { available: '5.00', currency: 'USD' } })).toContain(money(500, 'USD', 'zh-CN'));
  });

  it('leaves counts alone: a PIN’s tries left are not money', () => {
    const t = i18n.getFixedT('en');
    expect(errorText(t, { code: 'PIN_WRONG', params: { remaining: 4, count: 4 } })).toBe('Wrong PIN. 4 tries left before the keypad locks.');
  });
});
