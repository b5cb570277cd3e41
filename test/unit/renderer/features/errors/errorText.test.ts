import i18next from 'i18next';
import { errorText } from '../../../../../renderer/features/errors/errorText';
import { en } from '../../../../../shared/i18n/en';
import { zhCN } from '../../../../../shared/i18n/zhCN';

/** What a cashier reads, in both languages: never an internal key, counts that read naturally. */
describe('the cashier’s words', () => {
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
    expect(errorText(t, { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'production' } })).toBe('The payment gateway is not set up.  A manager must finish the settings.'.replace('  ', ' '));
    expect(errorText(i18n.getFixedT('zh-CN'), { code: 'GATEWAY_NOT_CONFIGURED', params: { problem: 'missingToken' } })).toContain(zhCN.problems.missingToken);
  });

  it('counts look-ups naturally', () => {
    const t = i18n.getFixedT('en');
    expect(t('showQr.checks', { count: 1 })).toBe('Checked once');
    expect(t('showQr.checks', { count: 3 })).toBe('Checked 3 times');
    expect(i18n.getFixedT('zh-CN')('showQr.checks', { count: 1 })).toBe('已查询 1 次');
  });
});
