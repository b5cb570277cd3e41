import { safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from '../services/settings/secretStore';

const FILE_NAME = 'secrets.safe';

/**
 * The merchant token encrypted with Electron's safeStorage (Keychain on macOS, DPAPI on
 * Windows, libsecret/kwallet on Linux). On Linux's basic_text backend "encryption" is a
 * fixed key, so the token is not stored at all unless the merchant accepted that.
 */
export function createSafeStorageSecretStore(dataDir: string, acceptPlaintextOnLinux: boolean): SecretStore {
  const file = path.join(dataDir, FILE_NAME);
  const weak = process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  return {
    warning: weak ? 'No OS keychain is available; the merchant token is protected only by file permissions.' : undefined,
    getMerchantToken() {
      if (!fs.existsSync(file) || !safeStorage.isEncryptionAvailable()) return undefined;
      try {
        return safeStorage.decryptString(fs.readFileSync(file)) || undefined;
      } catch {
        return undefined;
      }
    },
    setMerchantToken(token) {
      if (!token) {
        fs.rmSync(file, { force: true });
        return;
      }
      if (weak && !acceptPlaintextOnLinux) throw new Error('no OS keychain available: accept plaintext storage in settings first');
      fs.writeFileSync(file, safeStorage.encryptString(token), { mode: 0o600 });
    },
  };
}
