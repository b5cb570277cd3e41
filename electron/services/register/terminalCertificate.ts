import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import { OWNER_ONLY_FILE_MODE } from '../settings/ownerOnly';

/**
 * Counterpay's own certificate authority and terminal certificate for the register endpoint,
 * made at first use and kept in the data folder. A register built for Adyen's local
 * integration trusts a CA it was given and then checks the certificate's CN against Adyen's
 * terminal naming (`<model>-<serial>.test|live.terminal.adyen.com`, the library's
 * checkServerIdentity), not against the address it dialled; so the terminal certificate is
 * named that way and the merchant exports the CA for the register.
 */

export const TERMINAL_MODEL = 'Counterpay';

export interface TerminalCertificate {
  /** PEM of the CA, for the register (public). */
  caPem: string;
  /** PEM chain the server presents: terminal certificate, then the CA. */
  certPem: string;
  keyPem: string;
  /** `Counterpay-<serial>.test.terminal.adyen.com`. */
  commonName: string;
  /** The POIID a register addresses this terminal by: `<model>-<serial>`. */
  poiId: string;
}

const FILES = {
  caCert: 'register-ca.pem',
  caKey: 'register-ca-key.pem',
  cert: 'register-terminal.pem',
  key: 'register-terminal-key.pem',
} as const;

/** RSA keys from node:crypto (forge's pure-JS generation takes seconds), signed with forge. */
function rsaKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; privatePem: string } {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privatePem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), privatePem };
}

function serialHex(): string {
  // Positive (high bit clear), 16 bytes: unique without a counter.
  const bytes = crypto.randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function makeCa(now: Date) {
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialHex();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 20 * 365 * 24 * 3600 * 1000);
  const subject = [
    { name: 'commonName', value: 'Counterpay register CA' },
    { name: 'organizationName', value: 'Counterpay' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function makeTerminalCert(caCertPem: string, caKeyPem: string, commonName: string, now: Date) {
  const caCert = forge.pki.certificateFromPem(caCertPem);
  const caKey = forge.pki.privateKeyFromPem(caKeyPem);
  const keys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialHex();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 24 * 3600 * 1000);
  cert.setSubject([
    { name: 'commonName', value: commonName },
    { name: 'organizationName', value: 'Counterpay' },
  ]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // Registers that check the address too (not Adyen's libraries) find this computer's loopback name.
    { name: 'subjectAltName', altNames: [{ type: 2, value: commonName }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  cert.sign(caKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function commonNameOf(certPem: string): string | undefined {
  try {
    const value = forge.pki.certificateFromPem(certPem).subject.getField('CN')?.value;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

function writePrivate(file: string, text: string): void {
  fs.writeFileSync(file, text, { mode: OWNER_ONLY_FILE_MODE });
  fs.chmodSync(file, OWNER_ONLY_FILE_MODE);
}

/**
 * The CA and terminal certificate in `dataDir`, made when missing. `live` picks the naming's
 * environment (training terminals are `.test.`); when it changes only the terminal certificate
 * is made again, under the same CA, so a register that was given the CA keeps trusting it.
 */
export function loadOrCreateTerminalCertificate(dataDir: string, options: { live: boolean; now?: Date }): TerminalCertificate {
  const now = options.now ?? new Date();
  const file = (name: keyof typeof FILES) => path.join(dataDir, FILES[name]);
  const read = (name: keyof typeof FILES) => (fs.existsSync(file(name)) ? fs.readFileSync(file(name), 'utf8') : undefined);
  let caCert = read('caCert');
  let caKey = read('caKey');
  if (!caCert || !caKey) {
    const ca = makeCa(now);
    caCert = ca.certPem;
    caKey = ca.keyPem;
    writePrivate(file('caKey'), caKey);
    writePrivate(file('caCert'), caCert);
    // A new CA voids any terminal certificate signed by an older one.
    fs.rmSync(file('cert'), { force: true });
  }
  const environment = options.live ? 'live' : 'test';
  let cert = read('cert');
  let key = read('key');
  const existingName = cert ? commonNameOf(cert) : undefined;
  const serial = /^Counterpay-([A-Za-z0-9]+)\./.exec(existingName ?? '')?.[1] ?? String(crypto.randomInt(100_000_000, 999_999_999));
  const commonName = `${TERMINAL_MODEL}-${serial}.${environment}.terminal.adyen.com`;
  if (!cert || !key || existingName !== commonName) {
    const made = makeTerminalCert(caCert, caKey, commonName, now);
    cert = made.certPem;
    key = made.keyPem;
    writePrivate(file('key'), key);
    writePrivate(file('cert'), cert);
  }
  return { caPem: caCert, certPem: cert + caCert, keyPem: key, commonName, poiId: `${TERMINAL_MODEL}-${serial}` };
}
