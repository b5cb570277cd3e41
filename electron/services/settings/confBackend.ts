import Conf from 'conf';
import type { StoredSettings } from './settingsSchema';
import type { SettingsBackend, SettingsBackendFactory } from './settingsStore';

/**
 * Under plain Node the settings use conf, electron-store's own engine, with the same
 * schema; in Electron the shell passes an electron-store factory instead.
 */
export const createConfBackend: SettingsBackendFactory = (options) =>
  new Conf<StoredSettings>(options) as unknown as SettingsBackend;
