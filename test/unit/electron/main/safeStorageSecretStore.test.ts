import fs from 'node:fs';
import path from 'node:path';
import { createSafeStorageSecretStore, secretProtection, SecretStorageRefusedError, type SafeStorageLike } from '../../../../electron/main/safeStorageSecretStore';
import { makeTempDir } from '../../../fixtures/tempDir';

type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** A stand-in for Electron's safeStorage: reversible, visibly not plaintext. */
function fakeSafeStorage(backend: Backend, available = true): SafeStorageLike & { encrypted: number } {
  return {
    encrypted: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text: string) {
      this.encrypted += 1;
      return Buffer.from(`enc:${Buffer.from(text).toString('base64')}`);
    },
    decryptString(buffer: Buffer) {
      const text = buffer.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(text.slice(4), 'base64').toString();
    },
  };
}

const TOKEN = 'merchant-token-4b1d9c0e7a5f3e2d';

describe('safeStorage secret store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => (temp = makeTempDir()));
  afterEach(() => temp.cleanup());
  const filesIn = () => fs.readdirSync(temp.dir);
  const everything = () => filesIn().map((f) => fs.readFileSync(path.join(temp.dir, f), 'utf8')).join('\n');

  it.each<[NodeJS.Platform, Backend, ReturnType<typeof secretProtection>]>([
    ['darwin', 'unknown', 'keychain'],
    ['win32', 'unknown', 'keychain'],
    ['linux', 'gnome_libsecret', 'keychain'],
    ['linux', 'kwallet6', 'keychain'],
    ['linux', 'basic_text', 'fixedKey'],
    ['linux', 'unknown', 'fixedKey'],
  ])('on %s with backend %s the protection is %s', (platform, backend, expected) => {
    expect(secretProtection(fakeSafeStorage(backend), platform)).toBe(expected);
  });

  it('is unavailable when safeStorage cannot encrypt', () => {
    expect(secretProtection(fakeSafeStorage('gnome_libsecret', false), 'linux')).toBe('unavailable');
  });

  it('stores the token encrypted, 0600, when a keychain is there', () => {
    const safe = fakeSafeStorage('gnome_libsecret');
    const store = createSafeStorageSecretStore({ dataDir: temp.dir, safeStorage: safe, acceptPlaintextOnLinux: false, platform: 'linux' });
    expect(store.warning).toBeUndefined();
    store.setMerchantToken(TOKEN);
    expect(safe.encrypted).toBe(1);
    expect(everything()).not.toContain(TOKEN);
    expect(fs.statSync(path.join(temp.dir, 'secrets.safe')).mode & 0o777).toBe(0o600);
    expect(store.getMerchantToken()).toBe(TOKEN);
    store.setMerchantToken(undefined);
    expect(filesIn()).toEqual([]);
    expect(store.getMerchantToken()).toBeUndefined();
  });

  it('refuses to write the token on Linux basic_text unless the merchant accepted it', () => {
    const safe = fakeSafeStorage('basic_text');
    const store = createSafeStorageSecretStore({ dataDir: temp.dir, safeStorage: safe, acceptPlaintextOnLinux: false, platform: 'linux' });
    expect(store.warning).toMatch(/not stored until plaintext storage is accepted/);
    let thrown: unknown;
    try {
      store.setMerchantToken(TOKEN);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SecretStorageRefusedError);
    expect((thrown as SecretStorageRefusedError).code).toBe('NO_KEYCHAIN');
    expect(String((thrown as Error).message)).not.toContain(TOKEN);
    expect(safe.encrypted).toBe(0);
    expect(filesIn()).toEqual([]);
  });

  it('writes it on basic_text once accepted, with a warning', () => {
    const store = createSafeStorageSecretStore({ dataDir: temp.dir, safeStorage: fakeSafeStorage('basic_text'), acceptPlaintextOnLinux: true, platform: 'linux' });
    expect(store.warning).toMatch(/protected only by file permissions/);
    store.setMerchantToken(TOKEN);
    expect(store.getMerchantToken()).toBe(TOKEN);
  });

  it('refuses to write when encryption is unavailable, and reads nothing', () => {
    fs.writeFileSync(path.join(temp.dir, 'secrets.safe'), 'enc:' + Buffer.from(TOKEN).toString('base64'));
    const store = createSafeStorageSecretStore({ dataDir: temp.dir, safeStorage: fakeSafeStorage('gnome_libsecret', false), acceptPlaintextOnLinux: true, platform: 'linux' });
    expect(() => store.setMerchantToken(TOKEN)).toThrow(SecretStorageRefusedError);
    expect(store.getMerchantToken()).toBeUndefined();
  });

  it('treats an undecryptable file as no token', () => {
    fs.writeFileSync(path.join(temp.dir, 'secrets.safe'), 'written under another key');
    const store = createSafeStorageSecretStore({ dataDir: temp.dir, safeStorage: fakeSafeStorage('kwallet5'), acceptPlaintextOnLinux: false, platform: 'linux' });
    expect(store.getMerchantToken()).toBeUndefined();
  });

  it('tightens a pre-existing file to 0600', () => {
    const file = path.join(temp.dir, 'secrets.safe');
    fs.writeFileSync(file, 'old', { mode: 0o644 });
    createSafeStorageSecretStore({ dataDir: temp.dir, safeStorage: fakeSafeStorage('unknown'), acceptPlaintextOnLinux: false, platform: 'darwin' }).setMerchantToken(TOKEN);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
