import crypto from 'node:crypto';
import type { NexoMessageHeader, NexoSecuredRequest } from '../../../shared/register/nexoSchemas';

/**
 * Adyen's local Terminal API message security (AdyenCryptoVersion 1), byte for byte as
 * @adyen/api-library's NexoCrypto and NexoDerivedKeyGenerator do it, so a register that
 * encrypts for an Adyen terminal works here unchanged:
 * PBKDF2-HMAC-SHA1(passphrase, "AdyenNexoV1Salt", 4000) → 80 bytes = HMAC key (32) ‖
 * cipher key (32) ‖ IV (16); the body is AES-256-CBC with IV XOR the message's Nonce, and
 * the HMAC-SHA256 is of the plaintext.
 */

export const ADYEN_CRYPTO_VERSION = 1;

export interface NexoKey {
  keyIdentifier: string;
  keyVersion: number;
  passphrase: string;
}

export interface DerivedKey {
  hmacKey: Buffer;
  cipherKey: Buffer;
  iv: Buffer;
}

const IV_LENGTH = 16;

/** PBKDF2 with 4000 iterations costs milliseconds: derived once per passphrase. */
const derived = new Map<string, DerivedKey>();

export function deriveNexoKey(passphrase: string): DerivedKey {
  const cached = derived.get(passphrase);
  if (cached) return cached;
  // The library reads the passphrase as 'binary' (latin1), so a non-ASCII passphrase derives the same key here.
  const material = crypto.pbkdf2Sync(Buffer.from(passphrase, 'latin1'), Buffer.from('AdyenNexoV1Salt', 'latin1'), 4000, 80, 'sha1');
  const key = { hmacKey: material.subarray(0, 32), cipherKey: material.subarray(32, 64), iv: material.subarray(64, 80) };
  derived.clear(); // one passphrase in use at a time; an old one is not kept in memory
  derived.set(passphrase, key);
  return key;
}

function ivFor(key: DerivedKey, nonce: Buffer): Buffer {
  const iv = Buffer.alloc(IV_LENGTH);
  for (let i = 0; i < IV_LENGTH; i++) iv[i] = key.iv[i]! ^ nonce[i]!;
  return iv;
}

/**
 * Why a secured message was refused, as the number in Adyen's "Nexo Service: crypto error (N)".
 * Adyen does not publish its numbering; these are Counterpay's, stable, and documented in the README.
 */
export const CRYPTO_ERRORS = {
  unsupportedVersion: 1,
  unknownKey: 2,
  badNonce: 3,
  decryption: 4,
  hmac: 5,
  notJson: 6,
  headerMismatch: 7,
} as const;
export type CryptoErrorCode = (typeof CRYPTO_ERRORS)[keyof typeof CRYPTO_ERRORS];

export type NexoDecryption = { ok: true; plaintext: string; key: NexoKey } | { ok: false; code: CryptoErrorCode };

/** Opens a secured request with the one key configured; `key` undefined means none is (every secured message is then refused). */
export function decryptNexoRequest(secured: NexoSecuredRequest, key: NexoKey | undefined): NexoDecryption {
  const trailer = secured.SaleToPOIRequest.SecurityTrailer;
  if (trailer.AdyenCryptoVersion !== ADYEN_CRYPTO_VERSION) return { ok: false, code: CRYPTO_ERRORS.unsupportedVersion };
  if (!key || trailer.KeyIdentifier !== key.keyIdentifier || trailer.KeyVersion !== key.keyVersion) return { ok: false, code: CRYPTO_ERRORS.unknownKey };
  const nonce = Buffer.from(trailer.Nonce, 'base64');
  if (nonce.length !== IV_LENGTH) return { ok: false, code: CRYPTO_ERRORS.badNonce };
  const derivedKey = deriveNexoKey(key.passphrase);
  let plain: Buffer;
  try {
    const decipher = crypto.createDecipheriv('aes-256-cbc', derivedKey.cipherKey, ivFor(derivedKey, nonce));
    plain = Buffer.concat([decipher.update(Buffer.from(secured.SaleToPOIRequest.NexoBlob, 'base64')), decipher.final()]);
  } catch {
    return { ok: false, code: CRYPTO_ERRORS.decryption };
  }
  const expected = crypto.createHmac('sha256', derivedKey.hmacKey).update(plain).digest();
  const received = Buffer.from(trailer.Hmac, 'base64');
  if (received.length !== expected.length || !crypto.timingSafeEqual(received, expected)) return { ok: false, code: CRYPTO_ERRORS.hmac };
  return { ok: true, plaintext: plain.toString('utf8'), key };
}

/** Secures a response the way the request came: same key, a fresh nonce, the header in clear. */
export function encryptNexoResponse(header: NexoMessageHeader, plaintext: string, key: NexoKey, nonce: Buffer = crypto.randomBytes(IV_LENGTH)) {
  const derivedKey = deriveNexoKey(key.passphrase);
  const bytes = Buffer.from(plaintext, 'utf8');
  const cipher = crypto.createCipheriv('aes-256-cbc', derivedKey.cipherKey, ivFor(derivedKey, nonce));
  const blob = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return {
    SaleToPOIResponse: {
      MessageHeader: header,
      NexoBlob: blob.toString('base64'),
      SecurityTrailer: {
        AdyenCryptoVersion: ADYEN_CRYPTO_VERSION,
        KeyIdentifier: key.keyIdentifier,
        KeyVersion: key.keyVersion,
        Nonce: nonce.toString('base64'),
        Hmac: crypto.createHmac('sha256', derivedKey.hmacKey).update(bytes).digest('base64'),
      },
    },
  };
}

/** For tests and the register side: a request secured as the library secures it. */
export function encryptNexoRequest(header: NexoMessageHeader, plaintext: string, key: NexoKey, nonce?: Buffer) {
  const { SaleToPOIResponse } = encryptNexoResponse(header, plaintext, key, nonce);
  return { SaleToPOIRequest: SaleToPOIResponse };
}
