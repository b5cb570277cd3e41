import type { SafeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../services/settings/secretStore';

const FILE_NAME = 'secrets.safe';
/** OnlinePay's private key, in a file of its own so that each secret is replaced without reading the other. */
const ONLINEPAY_FILE_NAME = 'secrets-onlinepay.safe';
/** The cash registers' nexo passphrase, encrypted the same way. */
const REGISTER_FILE_NAME = 'secrets-register.safe';

/** The part of Electron's safeStorage this store uses; tests pass a fake. */
export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

/**
 * How well safeStorage can protect a secret here:
 * - `keychain`: the OS keychain holds the key (Keychain, DPAPI, libsecret, KWallet).
 * - `fixedKey`: Linux's basic_text backend — "encryption" with a key hard-coded in
 *   Chromium, i.e. plaintext to anyone who can read the file.
 * - `unavailable`: safeStorage cannot encrypt at all (e.g. before the app is ready).
 */
export type SecretProtection = 'keychain' | 'fixedKey' | 'unavailable';

export function secretProtection(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretProtection {
  if (!safeStorage.isEncryptionAvailable()) return 'unavailable';
  if (platform !== 'linux') return 'keychain';
  // 'unknown' means "asked before ready": not known to be a keychain, so treated as none.
  const backend = safeStorage.getSelectedStorageBackend();
  return backend === 'basic_text' || backend === 'unknown' ? 'fixedKey' : 'keychain';
}

/** Why the token was not stored. Thrown by setMerchantToken; the token itself is never in it. */
export class SecretStorageRefusedError extends Error {
  readonly code: 'NO_KEYCHAIN' | 'ENCRYPTION_UNAVAILABLE';
  constructor(code: SecretStorageRefusedError['code']) {
    super(
      code === 'NO_KEYCHAIN'
        ? 'No OS keychain is available: the merchant token is not stored unless plaintext storage is accepted in settings.'
        : 'Secret encryption is not available: the merchant token cannot be stored.',
    );
    this.name = 'SecretStorageRefusedError';
    this.code = code;
  }
}

export interface SafeStorageSecretStoreOptions {
  dataDir: string;
  safeStorage: SafeStorageLike;
  /** The merchant explicitly accepted storing the token without a keychain (Linux basic_text). */
  acceptPlaintextOnLinux: boolean;
  platform?: NodeJS.Platform;
}

/**
 * The merchant token encrypted with Electron's safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/KWallet on Linux), in a 0600 file. On Linux's basic_text backend the
 * token is not written at all unless the merchant accepted that.
 */
export function createSafeStorageSecretStore(options: SafeStorageSecretStoreOptions): SecretStore {
  const { safeStorage } = options;
  const files = { merchantToken: path.join(options.dataDir, FILE_NAME), onlinePayKey: path.join(options.dataDir, ONLINEPAY_FILE_NAME), registerPassphrase: path.join(options.dataDir, REGISTER_FILE_NAME) };
  const protection = secretProtection(safeStorage, options.platform ?? process.platform);
  const warning =
    protection === 'unavailable'
      ? 'Secret encryption is not available: the merchant token cannot be stored on this computer.'
      : protection === 'fixedKey'
        ? options.acceptPlaintextOnLinux
          ? 'No OS keychain is available: the merchant token is protected only by file permissions.'
          : 'No OS keychain is available: the merchant token is not stored until plaintext storage is accepted.'
        : undefined;
  const read = (name: keyof typeof files): string | undefined => {
    const file = files[name];
    if (protection === 'unavailable' || !fs.existsSync(file)) return undefined;
    try {
      return safeStorage.decryptString(fs.readFileSync(file)) || undefined;
    } catch {
      // Written under another key (another user, another keychain): unreadable, not fatal.
      return undefined;
    }
  };
  const write = (name: keyof typeof files, secret: string | undefined): void => {
    const file = files[name];
    if (!secret) {
      fs.rmSync(file, { force: true });
      return;
    }
    if (protection === 'unavailable') throw new SecretStorageRefusedError('ENCRYPTION_UNAVAILABLE');
    if (protection === 'fixedKey' && !options.acceptPlaintextOnLinux) throw new SecretStorageRefusedError('NO_KEYCHAIN');
    fs.writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
    fs.chmodSync(file, 0o600); // the mode above applies only when the file is created
  };
  return {
    warning,
    getMerchantToken: () => read('merchantToken'),
    setMerchantToken: (token) => write('merchantToken', token),
    getOnlinePayKey: () => read('onlinePayKey'),
    setOnlinePayKey: (key) => write('onlinePayKey', key),
    getRegisterPassphrase: () => read('registerPassphrase'),
    setRegisterPassphrase: (passphrase) => write('registerPassphrase', passphrase),
  };
}
