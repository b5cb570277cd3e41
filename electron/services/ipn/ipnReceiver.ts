import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCapped } from '../network/cappedBody';
import { listenForPosts, reply } from './postReceiver';
import type { GatewayTransaction } from '../../../shared/gateway/nihaopay/nihaopayTypes';
import type { Logger } from '../log/logger';
import { readIpnNotification } from './ipnNotification';
import { verifyIpn, type IpnFields } from './ipnSignature';

/**
 * An optional receiver for NihaoPay's Instant Payment Notifications. It is off by
 * default: a point of sale rarely has a URL the Internet can reach (the document forbids
 * intranet ipn_urls), so payments are settled by looking them up. Where the merchant
 * has one (a reverse proxy, a tunnel), enabling this lets the gateway tell us first.
 *
 * Each post is read up to a size cap, its signature verified with the merchant token,
 * its fields parsed with a schema, and only then handed to `onNotification`. A bad
 * signature or body is refused with 400 and never reaches the callback; a callback that
 * fails answers 500 so that NihaoPay sends the notification again.
 */

export interface IpnReceiverConfig {
  enabled: boolean;
  /** Loopback by default; a reverse proxy in front of it faces the Internet. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  path: string;
  /** An IPN is a dozen short fields; anything larger is not one. */
  maxBodyBytes: number;
}

export const DEFAULT_IPN_RECEIVER_CONFIG: Readonly<IpnReceiverConfig> = {
  enabled: false,
  host: '127.0.0.1',
  port: 0,
  path: '/nihaopay/ipn',
  maxBodyBytes: 16 * 1024,
};

export interface IpnReceiverDeps {
  /** The merchant token, the key of the signature. Never logged. */
  token: string;
  /** Called once per verified notification (duplicates included: the journal makes them harmless). */
  onNotification: (transaction: GatewayTransaction) => void | Promise<void>;
  log?: Logger;
}

export interface IpnReceiver {
  /** e.g. http://127.0.0.1:49152/nihaopay/ipn */
  url: string;
  close(): Promise<void>;
}

/** Starts the receiver when the configuration enables it; otherwise does nothing and returns undefined. */
export async function startIpnReceiverIfEnabled(config: Partial<IpnReceiverConfig>, deps: IpnReceiverDeps): Promise<IpnReceiver | undefined> {
  const resolved = { ...DEFAULT_IPN_RECEIVER_CONFIG, ...config };
  return resolved.enabled ? startIpnReceiver(resolved, deps) : undefined;
}

export async function startIpnReceiver(config: Partial<IpnReceiverConfig>, deps: IpnReceiverDeps): Promise<IpnReceiver> {
  const settings = { ...DEFAULT_IPN_RECEIVER_CONFIG, ...config };
  if (typeof deps.token !== 'string' || deps.token === '') throw new TypeError('the merchant token is required to verify IPNs');
  if (!settings.path.startsWith('/')) throw new TypeError('path must start with /');
  if (!Number.isSafeInteger(settings.maxBodyBytes) || settings.maxBodyBytes <= 0) throw new RangeError('maxBodyBytes must be a positive integer');

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://receiver.invalid').pathname;
    if (path !== settings.path) return reply(response, 404, 'not found');
    if (request.method !== 'POST') return reply(response, 405, 'method not allowed');
    const body = await readCapped(request, settings.maxBodyBytes);
    if (body === undefined) {
      deps.log?.warn('IPN refused: body over the size cap', { cap: settings.maxBodyBytes });
      return reply(response, 413, 'too large', true);
    }
    const fields = parseFields(request.headers['content-type'], body);
    if (fields === undefined) return reply(response, 400, 'unreadable body');
    if (!verifyIpn(fields, deps.token)) {
      deps.log?.warn('IPN refused: signature does not verify', { reference: String(fields['reference'] ?? '') });
      return reply(response, 400, 'invalid signature');
    }
    const reading = readIpnNotification(fields);
    if (!reading.ok) {
      deps.log?.warn('IPN refused: signed, but not a transaction', { problem: reading.problem });
      return reply(response, 400, 'invalid notification');
    }
    try {
      await deps.onNotification(reading.transaction);
    } catch (error) {
      deps.log?.error('IPN handler failed; NihaoPay will send it again', { reference: reading.transaction.reference, error });
      return reply(response, 500, 'try again');
    }
    // "ok", as every public NihaoPay receiver answers (PHP, Java, .NET demos and the plugins).
    reply(response, 200, 'ok');
  }

  return listenForPosts(settings, handle, settings.path);
}

/** Form posts as NihaoPay sends them; JSON too, with scalar values only. */
function parseFields(contentType: string | undefined, body: Buffer): IpnFields | undefined {
  const mime = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const text = body.toString('utf8');
  if (mime === 'application/json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const fields: Record<string, string | number | null> = Object.create(null);
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === 'string' || typeof field === 'number' || field === null) fields[key] = field;
      else return undefined;
    }
    return fields;
  }
  if (mime === 'application/x-www-form-urlencoded' || mime === '') {
    const fields: Record<string, string> = Object.create(null);
    for (const [key, value] of new URLSearchParams(text)) {
      // A repeated key is not something the gateway sends; refusing it keeps the signed value the parsed one.
      if (Object.prototype.hasOwnProperty.call(fields, key)) return undefined;
      fields[key] = value;
    }
    return fields;
  }
  return undefined;
}
