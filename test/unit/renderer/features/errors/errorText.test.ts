import i18next from 'i18next';
import { errorText } from '../../../../../renderer/features/errors/errorText';
import { money } from '../../../../../renderer/features/money/localeMoney';
import { en } from '../../../../../shared/i18n/en';
import { zhCN } from '../../../../../shared/i18n/zhCN';

describe('error text', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } }, lng: 'en', fallbackLng: 'en', interpolation: { escapeValue: false } });
  });

  it('writes the amounts main sends as decimal strings the way the rest of the app writes money', () => {
    const t = i18n.getFixedT('en');
    expect(errorText(t, { code: 'REFUND_OVER_BALANCE', params: { remaining: '1234.50', currency: 'USD' } })).toBe(
      `That is more than what is left to refund (${money(123450, 'USD', 'en')}). Nothing was sent.`,
    );
    expect(errorText(t, { code: 'REFUND_OVER_BALANCE', params: { remaining: '1234.50', currency: 'USD' } })).toContain('($1,234.50)');
    expect(errorText(t, { code: 'PAYOUT_OVER_AVAILABLE_BALANCE', params: { available: '500', currency: 'JPY' } })).toContain('(JP¥500)');
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
