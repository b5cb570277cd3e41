/**
 * The cash-register endpoint's settings (nexo Terminal API, as Adyen's local integration
 * speaks it), stored as one object (`register`) in settings.json with every field optional,
 * so a file written before it existed stays valid. The passphrase is not here: it is a secret
 * kept like the NihaoPay token (secret store), and never reaches a window or a log.
 */
export interface StoredRegisterSettings {
  /** Off by default: nothing listens until the merchant turns it on. */
  enabled?: boolean;
  /** HTTPS port; Adyen's libraries always use 8443. 0 picks a free one (tests). */
  port?: number;
  /** Listen on every interface (the store's network) instead of loopback only. */
  openToStoreNetwork?: boolean;
  /** Accept messages without NexoBlob/SecurityTrailer, from this computer only. */
  allowUnencryptedOnLoopback?: boolean;
  /** The key's name and version the register's security key carries (KeyIdentifier, KeyVersion). */
  keyIdentifier?: string;
  keyVersion?: number;
}

export const REGISTER_DEFAULT_PORT = 8443;

export const REGISTER_SETTINGS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    enabled: { type: 'boolean' },
    port: { type: 'integer', minimum: 0, maximum: 65535 },
    openToStoreNetwork: { type: 'boolean' },
    allowUnencryptedOnLoopback: { type: 'boolean' },
    keyIdentifier: { type: 'string', maxLength: 128 },
    keyVersion: { type: 'integer', minimum: 0, maximum: 1_000_000 },
  },
  additionalProperties: false,
  default: {},
} as const;

/**
 * What windows see of it. The security key — identifier, version and passphrase — never
 * reaches a window: only whether it is complete. Settings writes it, never reads it back.
 */
export interface RegisterSettingsView {
  enabled: boolean;
  port: number;
  openToStoreNetwork: boolean;
  allowUnencryptedOnLoopback: boolean;
  /** A key identifier is stored (its version always has a value: 1 by default). */
  hasKeyIdentifier: boolean;
  hasPassphrase: boolean;
  /** Where it listens now (the real port when 0 was asked), or why it does not. */
  listening?: { address: string; port: number };
  problem?: string;
}

/** The stored settings with their defaults, for main (the key's identifier and version included). */
export function registerSettingsOf(stored: StoredRegisterSettings | undefined) {
  return {
    enabled: stored?.enabled === true,
    port: stored?.port ?? REGISTER_DEFAULT_PORT,
    openToStoreNetwork: stored?.openToStoreNetwork === true,
    allowUnencryptedOnLoopback: stored?.allowUnencryptedOnLoopback === true,
    keyIdentifier: stored?.keyIdentifier ?? '',
    keyVersion: stored?.keyVersion ?? 1,
  };
}
