import fs from 'node:fs';
import path from 'node:path';
import { OWNER_ONLY_FILE_MODE } from './ownerOnly';

/**
 * The merchant token lives here, never in the settings file a window can see.
 * In Electron the shell supplies a safeStorage-backed implementation; in browser mode
 * (and tests) it is a 0600 file in the data folder.
 */
export interface SecretStore {
  getMerchantToken(): string | undefined;
  setMerchantToken(token: string | undefined): void;
  /** OnlinePay's merchant private key (its Bearer credential), kept exactly like the NihaoPay token. */
  getOnlinePayKey(): string | undefined;
  setOnlinePayKey(key: string | undefined): void;
  /** The cash registers' nexo passphrase (their key material is derived from it), kept exactly like the NihaoPay token. */
  getRegisterPassphrase(): string | undefined;
  setRegisterPassphrase(passphrase: string | undefined): void;
  /** Shown to the merchant when the storage is weaker than the OS keychain. */
  readonly warning?: string;
}

const FILE_NAME = 'secrets.json';

export function createFileSecretStore(dataDir: string): SecretStore {
  const file = path.join(dataDir, FILE_NAME);
  const read = (): Record<string, unknown> => {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const get = (name: 'merchantToken' | 'onlinePayKey' | 'registerPassphrase'): string | undefined => {
    const value = read()[name];
    return typeof value === 'string' && value.length > 0 ? value : undefined;
  };
  const set = (name: 'merchantToken' | 'onlinePayKey' | 'registerPassphrase', value: string | undefined): void => {
    const next = { ...read(), [name]: value };
    fs.writeFileSync(file, JSON.stringify(next), { mode: OWNER_ONLY_FILE_MODE });
    fs.chmodSync(file, OWNER_ONLY_FILE_MODE); // writeFileSync's mode applies only when it creates the file
  };
  return {
    warning: `The merchant token is stored in ${file} (readable only by this user), not in the OS keychain.`,
    getMerchantToken: () => get('merchantToken'),
    setMerchantToken: (token) => set('merchantToken', token),
    getOnlinePayKey: () => get('onlinePayKey'),
    setOnlinePayKey: (key) => set('onlinePayKey', key),
    getRegisterPassphrase: () => get('registerPassphrase'),
    setRegisterPassphrase: (passphrase) => set('registerPassphrase', passphrase),
  };
}
