import Conf from 'conf';
import { OWNER_ONLY_FILE_MODE } from './ownerOnly';
import type { StoredSettings } from './settingsSchema';
import type { SettingsBackend, SettingsBackendFactory } from './settingsStore';

/**
 * Under plain Node the settings use conf, electron-store's own engine, with the same
 * schema; in Electron the shell passes an electron-store factory instead. conf writes
 * atomically (a temporary file renamed over the old one), so the mode applies on every
 * write, not only the first: settings.json is readable by this OS user only.
 */
export const createConfBackend: SettingsBackendFactory = (options) =>
  new Conf<StoredSettings>({ ...options, configFileMode: OWNER_ONLY_FILE_MODE }) as unknown as SettingsBackend;
