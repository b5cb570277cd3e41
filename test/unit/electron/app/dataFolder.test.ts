import fs from 'node:fs';
import path from 'node:path';
import { createPosApp } from '../../../../electron/app/posApp';
import { ensureWritableDataFolder, restrictDataFolderToOwner } from '../../../../electron/app/dataFolder';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { createFileSecretStore } from '../../../../electron/services/settings/secretStore';
import { makeTempDir } from '../../../fixtures/tempDir';

const modeOf = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);

/**
 * Another OS user of the computer must not read the journal, the settings or the token
 * file: the folder 0700, its files 0600, whoever writes them. The parent here is 0755, as
 * a home folder often is, and the process umask the usual 022, so nothing is private by luck.
 */
describe.skipIf(process.platform === 'win32')('the data folder is private to this OS user', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let dataDir: string;
  beforeEach(() => {
    temp = makeTempDir('counterpay-modes-');
    fs.chmodSync(temp.dir, 0o755);
    dataDir = path.join(temp.dir, 'Counterpay');
  });
  afterEach(() => temp.cleanup());

  it('a fresh folder: 0700, and every file the app writes there 0600 (journal, -wal, -shm, settings, token file)', async () => {
    expect(process.umask() & 0o077).toBe(0o022 & 0o077);
    const app = await createPosApp({ dataDir, env: {}, settingsBackend: createConfBackend, hidBackend: null, logSink: () => undefined });
    try {
      // A sale and a settings change write the journal and settings.json again.
      expect((await app.call('startSale', { amount: 1234 })).ok).toBe(true);
      expect((await app.call('setLanguage', { language: 'zh-CN' })).ok).toBe(true);
      createFileSecretStore(dataDir).setMerchantToken('merchant-token-for-the-mode-test');
      expect(modeOf(dataDir)).toBe('700');
      const files = fs.readdirSync(dataDir);
      expect(files).toEqual(expect.arrayContaining(['journal.sqlite', 'journal.sqlite-wal', 'journal.sqlite-shm', 'settings.json', 'secrets.json']));
      for (const file of files) expect([file, modeOf(path.join(dataDir, file))]).toEqual([file, '600']);
    } finally {
      await app.close();
    }
  });

  it('a folder an earlier version left open: made 0700 with its files 0600 at start, links and subfolders left alone', () => {
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    for (const name of ['settings.json', 'secrets.json', 'displayWindow.json', 'journal.sqlite', 'journal.sqlite-wal', 'settings.corrupt-2024.json']) {
      fs.writeFileSync(path.join(dataDir, name), '{}', { mode: 0o644 });
    }
    const outside = path.join(temp.dir, 'outside.txt');
    fs.writeFileSync(outside, 'not ours', { mode: 0o644 });
    fs.symlinkSync(outside, path.join(dataDir, 'link'));
    fs.mkdirSync(path.join(dataDir, 'Cache'), { mode: 0o755 });
    fs.chmodSync(path.join(dataDir, 'Cache'), 0o755);

    expect(ensureWritableDataFolder(dataDir)).toEqual({ notOwnerOnly: [] });
    expect(modeOf(dataDir)).toBe('700');
    for (const name of ['settings.json', 'secrets.json', 'displayWindow.json', 'journal.sqlite', 'journal.sqlite-wal', 'settings.corrupt-2024.json']) {
      expect([name, modeOf(path.join(dataDir, name))]).toEqual([name, '600']);
    }
    // chmod through a link would change a file elsewhere; a subfolder is already behind the 0700 folder.
    expect(modeOf(outside)).toBe('644');
    expect(modeOf(path.join(dataDir, 'Cache'))).toBe('755');
    expect(fs.readdirSync(dataDir).filter((name) => name.startsWith('.write-check'))).toEqual([]);
  });

  it('reports nothing on Windows, where the bits mean nothing', () => {
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    expect(restrictDataFolderToOwner(dataDir, 'win32')).toEqual([]);
    expect(modeOf(dataDir)).toBe('755');
  });
});
