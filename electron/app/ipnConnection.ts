import { createHash } from 'node:crypto';
import type { GatewayTransaction } from '../../shared/gateway/nihaopay/nihaopayTypes';
import type { DisplaySettings } from '../../shared/settings/displaySettings';
import { startIpnReceiver, type IpnReceiver } from '../services/ipn/ipnReceiver';
import type { Logger } from '../services/log/logger';
import type { GatewayConnection } from './gatewayConnection';

/**
 * The optional IPN receiver, following the settings and the gateway: on when the manager
 * enabled it, keyed with the token of the gateway in use (the merchant's, or the training
 * sandbox's), restarted when either changes. Also decides the `ipn_url` show-QR sends.
 */
export interface IpnConnection {
  /** Starts, stops or re-keys the receiver to match the settings and gateway now. */
  sync(settings: DisplaySettings): Promise<void>;
  /** The receiver's own address while it runs (loopback). */
  localUrl(): string | undefined;
  /** The ipn_url for showqrcode, or undefined when none can be given (show-QR is refused). */
  ipnUrlFor(settings: DisplaySettings): string | undefined;
  /** A receiver is running: notifications can arrive. */
  receiving(): boolean;
  close(): Promise<void>;
}

/**
 * Training without a receiver still has to name an ipn_url (the document requires one);
 * `.invalid` never resolves (RFC 2606), so the sandbox's posts fail at once, harmlessly.
 */
export const TRAINING_PLACEHOLDER_IPN_URL = 'https://ipn.counterpay.invalid/nihaopay/ipn';

export function openIpnConnection(options: {
  connection: GatewayConnection;
  log: Logger;
  /** A verified notification; the caller applies it to the journal. */
  onNotification: (transaction: GatewayTransaction) => void | Promise<void>;
}): IpnConnection {
  let receiver: IpnReceiver | undefined;
  let key = '';
  let syncing: Promise<void> = Promise.resolve();

  /** The token notifications are signed with: whoever the app's requests authenticate as. */
  const signingToken = (): string | undefined => {
    const target = options.connection.target();
    if (target.training) return options.connection.sandbox()?.token;
    return 'token' in target ? target.token : undefined;
  };

  const apply = async (settings: DisplaySettings) => {
    const token = settings.ipnReceiverEnabled ? signingToken() : undefined;
    // The token itself is never kept in a form that could be logged: only whether it changed.
    const nextKey = token ? `${settings.ipnReceiverPort}:${hashOf(token)}` : '';
    if (nextKey === key) return;
    await receiver?.close();
    receiver = undefined;
    key = nextKey;
    if (!token) return;
    try {
      receiver = await startIpnReceiver({ host: '127.0.0.1', port: settings.ipnReceiverPort }, { token, onNotification: options.onNotification, log: options.log });
      options.log.info('IPN receiver listening', { url: receiver.url });
    } catch (error) {
      key = '';
      options.log.warn('IPN receiver could not start', { port: settings.ipnReceiverPort, error });
    }
  };

  return {
    sync(settings) {
      syncing = syncing.then(() => apply(settings)).catch((error: unknown) => options.log.error('IPN receiver sync failed', { error }));
      return syncing;
    },
    localUrl: () => receiver?.url,
    ipnUrlFor(settings) {
      if (settings.ipnPublicUrl) return settings.ipnPublicUrl;
      if (!options.connection.target().training) return undefined;
      // In training the sandbox can post to loopback, so a running receiver gets real IPNs.
      return receiver?.url ?? TRAINING_PLACEHOLDER_IPN_URL;
    },
    receiving: () => receiver !== undefined,
    async close() {
      await syncing;
      await receiver?.close();
      receiver = undefined;
      key = '';
    },
  };
}

/** A non-reversible tag of the token, to notice a change without keeping the token. */
function hashOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64url');
}
