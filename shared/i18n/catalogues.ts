import type { Language } from '../settings/settingsView';
import { en, type Translation } from './en';
import { ja } from './ja';
import { zhCN } from './zhCN';
import { zhTW } from './zhTW';

/**
 * Every language's catalogue, keyed by the Language tag the settings store. The one place a
 * new language is registered: the windows' i18next, main's cashier messages and the tests
 * all read this table, and the Record type makes a language without a catalogue a compile error.
 */
export const CATALOGUES: Readonly<Record<Language, Translation>> = { en, 'zh-CN': zhCN, ja, 'zh-TW': zhTW };

/**
 * Each language's name in itself, as the F2 button and the settings' checkboxes show it: a
 * cashier who cannot read the current language must still find their own.
 */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', 'zh-CN': '简体中文', ja: '日本語', 'zh-TW': '繁體中文' };
