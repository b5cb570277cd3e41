import NexoCrypto from '@adyen/api-library/lib/src/security/nexoCrypto';
import { decryptNexoRequest, encryptNexoRequest, encryptNexoResponse, CRYPTO_ERRORS, type NexoKey } from '../../../../../electron/services/register/nexoCrypto';
import { securedRequestSchema, type NexoMessageHeader } from '../../../../../shared/register/nexoSchemas';

const key: NexoKey = { keyIdentifier: 'CryptoKeyIdentifier12345', keyVersion: 1, passphrase: 'p@ssw0rd123456' };
const libraryKey = { KeyIdentifier: key.keyIdentifier, KeyVersion: key.keyVersion, Passphrase: key.passphrase, AdyenCryptoVersion: 1 };
const header: NexoMessageHeader = { ProtocolVersion: '3.0', MessageClass: 'Service', MessageCategory: 'Payment', MessageType: 'Request', SaleID: 'REG1', ServiceID: '0001', POIID: 'Counterpay-0001' };
const message = JSON.stringify({ SaleToPOIRequest: { MessageHeader: header, PaymentRequest: { note: 'añ 支付' } } });

describe('nexo message security (AdyenCryptoVersion 1)', () => {
  it('opens what the Adyen library secures', () => {
    const secured = NexoCrypto.encrypt(header as never, message, libraryKey as never);
    const parsed = securedRequestSchema.parse({ SaleToPOIRequest: JSON.parse(JSON.stringify(secured)) });
    const opened = decryptNexoRequest(parsed, key);
    expect(opened).toEqual({ ok: true, plaintext: message, key });
  });

  it('secures what the Adyen library opens', () => {
    const response = encryptNexoResponse({ ...header, MessageType: 'Response' }, message, key);
    expect(new NexoCrypto().decrypt(response.SaleToPOIResponse as never, libraryKey as never)).toBe(message);
  });

  it('refuses a wrong HMAC, an unknown key, another version and a bad nonce with their numbers', () => {
    const secured = securedRequestSchema.parse(encryptNexoRequest(header, message, key));
    const trailer = secured.SaleToPOIRequest.SecurityTrailer;
    const flipped = Buffer.from(trailer.Hmac, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    const withTrailer = (change: Partial<typeof trailer>) => ({ SaleToPOIRequest: { ...secured.SaleToPOIRequest, SecurityTrailer: { ...trailer, ...change } } });
    expect(decryptNexoRequest(withTrailer({ Hmac: flipped.toString('base64') }), key)).toEqual({ ok: false, code: CRYPTO_ERRORS.hmac });
    expect(decryptNexoRequest(withTrailer({ KeyIdentifier: 'other' }), key)).toEqual({ ok: false, code: CRYPTO_ERRORS.unknownKey });
    expect(decryptNexoRequest(withTrailer({ KeyVersion: 2 }), key)).toEqual({ ok: false, code: CRYPTO_ERRORS.unknownKey });
    expect(decryptNexoRequest(secured, undefined)).toEqual({ ok: false, code: CRYPTO_ERRORS.unknownKey });
    expect(decryptNexoRequest(withTrailer({ AdyenCryptoVersion: 2 }), key)).toEqual({ ok: false, code: CRYPTO_ERRORS.unsupportedVersion });
    expect(decryptNexoRequest(withTrailer({ Nonce: 'AAAA' }), key)).toEqual({ ok: false, code: CRYPTO_ERRORS.badNonce });
    // Another passphrase under the same identifier: padding or HMAC fails, never a plaintext.
    const wrong = decryptNexoRequest(secured, { ...key, passphrase: 'another' });
    expect(wrong.ok).toBe(false);
  });
});
