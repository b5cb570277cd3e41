import fs from 'node:fs';
import path from 'node:path';
import { createConfBackend } from '../../../../../electron/services/settings/confBackend';
import { openSettingsStore } from '../../../../../electron/services/settings/settingsStore';
import { SETTINGS_DEFAULTS } from '../../../../../electron/services/settings/settingsSchema';
import { createFileSecretStore } from '../../../../../electron/services/settings/secretStore';
import { makeTempDir } from '../../../../fixtures/tempDir';

describe('settings store (conf, the engine of electron-store)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());

  it('starts from defaults and persists changes in the data folder', () => {
    const store = openSettingsStore(temp.dir, createConfBackend);
    expect(store.get()).toEqual(SETTINGS_DEFAULTS);
    store.set('language', 'zh-CN');
    expect(store.filePath).toBe(path.join(temp.dir, 'settings.json'));
    expect(openSettingsStore(temp.dir, createConfBackend).get().language).toBe('zh-CN');
    expect(store.problem).toBeUndefined();
  });

  it('refuses values outside the schema', () => {
    const store = openSettingsStore(temp.dir, createConfBackend);
    expect(() => store.set('currency', 'GBP' as 'USD')).toThrow();
    expect(() => store.set('maxAmount', 12.5)).toThrow();
  });

  it.each([
    ['malformed JSON', '{"currency": "USD",'],
    ['a value the schema refuses', JSON.stringify({ currency: 'XYZ', maxAmount: -1 })],
  ])('keeps a corrupt file aside and reports it (%s), never silently resetting', (_name, content) => {
    fs.writeFileSync(path.join(temp.dir, 'settings.json'), content);
    const now = new Date('2026-11-22T10:00:00.000Z');
    const store = openSettingsStore(temp.dir, createConfBackend, () => now);
    expect(store.problem?.keptAt).toBe(path.join(temp.dir, 'settings.corrupt-2026-11-22T10-00-00-000Z.json'));
    expect(fs.readFileSync(store.problem!.keptAt, 'utf8')).toBe(content);
    expect(store.get()).toEqual(SETTINGS_DEFAULTS);
  });
});

describe('file secret store (browser mode)', () => {
  it('keeps the token in a file only its owner can read', () => {
    const temp = makeTempDir();
    const secrets = createFileSecretStore(temp.dir);
    expect(secrets.getMerchantToken()).toBeUndefined();
    secrets.setMerchantToken('tok_abcdefghijklmnop');
    expect(secrets.getMerchantToken()).toBe('tok_abcdefghijklmnop');
    expect(fs.statSync(path.join(temp.dir, 'secrets.json')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(temp.dir, 'settings.json'), { flag: 'a+' }).toString()).not.toContain('tok_');
    temp.cleanup();
  });
});
