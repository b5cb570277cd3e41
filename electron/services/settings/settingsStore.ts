import fs from 'node:fs';
import path from 'node:path';
import { SETTINGS_DEFAULTS, SETTINGS_JSON_SCHEMA, type StoredSettings } from './settingsSchema';

/** The part of conf / electron-store the app uses. Both implement it with the same schema. */
export interface SettingsBackend {
  readonly store: Partial<StoredSettings>;
  set<K extends keyof StoredSettings>(key: K, value: StoredSettings[K]): void;
  delete(key: keyof StoredSettings): void;
  readonly path: string;
}

export interface SettingsBackendOptions {
  cwd: string;
  configName: string;
  schema: typeof SETTINGS_JSON_SCHEMA;
  defaults: StoredSettings;
  clearInvalidConfig: false;
}

export type SettingsBackendFactory = (options: SettingsBackendOptions) => SettingsBackend;

/** What happened to an unreadable settings file, for the cashier's banner and the log. */
export interface SettingsProblem {
  /** Where the unreadable file was moved, for inspection. */
  keptAt: string;
  reason: string;
}

export interface SettingsStore {
  get(): StoredSettings;
  set<K extends keyof StoredSettings>(key: K, value: StoredSettings[K]): void;
  /** Removes an optional setting (back to its automatic value). */
  delete(key: 'gatewayEnvironment' | 'gatewayCustomUrl' | 'managerPinHash'): void;
  readonly problem?: SettingsProblem;
  readonly filePath: string;
}

export const SETTINGS_FILE_NAME = 'settings';

/**
 * Opens the settings file. A corrupt or schema-invalid file is never silently reset:
 * it is moved aside as settings.corrupt-<time>.json, defaults are used, and the problem
 * is reported so the cashier sees it. (conf's clearInvalidConfig would delete it.)
 */
export function openSettingsStore(dataDir: string, createBackend: SettingsBackendFactory, now: () => Date = () => new Date()): SettingsStore {
  const options: SettingsBackendOptions = {
    cwd: dataDir,
    configName: SETTINGS_FILE_NAME,
    schema: SETTINGS_JSON_SCHEMA,
    defaults: SETTINGS_DEFAULTS,
    clearInvalidConfig: false,
  };
  let problem: SettingsProblem | undefined;
  let backend: SettingsBackend;
  try {
    backend = createBackend(options);
  } catch (error) {
    const file = path.join(dataDir, `${SETTINGS_FILE_NAME}.json`);
    if (!fs.existsSync(file)) throw error; // not a content problem (permissions, disk): let the caller report it
    const keptAt = path.join(dataDir, `${SETTINGS_FILE_NAME}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`);
    fs.renameSync(file, keptAt);
    problem = { keptAt, reason: error instanceof Error ? error.message.slice(0, 300) : String(error) };
    backend = createBackend(options);
  }
  return {
    get: () => ({ ...SETTINGS_DEFAULTS, ...backend.store }),
    set: (key, value) => backend.set(key, value),
    delete: (key) => backend.delete(key),
    problem,
    filePath: backend.path,
  };
}
