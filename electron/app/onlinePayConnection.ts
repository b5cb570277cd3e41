import crypto from 'node:crypto';
import type { OnlinePayApi } from '../../shared/gateway/onlinepay/onlinePayApi';
import { createOnlinePayClient } from '../services/gateway/onlinepay/onlinePayClient';
import type { Logger } from '../services/log/logger';
import type { SecretStore } from '../services/settings/secretStore';
import type { SettingsStore } from '../services/settings/settingsStore';
import { startOnlinePaySandbox, type OnlinePaySandbox } from '../sandbox/onlinepay/onlinePaySandboxServer';
import { resolveOnlinePayTarget, type OnlinePayTarget } from './onlinePayTarget';
import type { OnlinePayNotification } from '../services/gateway/onlinepay/onlinePayNotification';
import { startOnlinePayNotificationReceiver } from '../services/gateway/onlinepay/onlinePayNotificationReceiver';
import type { PostReceiver } from '../services/ipn/postReceiver';

export interface OnlinePayConnection {
  target(): OnlinePayTarget;
  /** The client for the chosen environment; undefined while it is not configured. */
  client(): OnlinePayApi | undefined;
  /** The built-in OnlinePay sandbox while training. */
  sandbox(): OnlinePaySandbox | undefined;
  hasPrivateKey(): boolean;
  /** The callback receiver's address while it runs. */
  receiverUrl(): string | undefined;
  /** Re-reads settings, environment and the stored key; starts or stops the training sandbox. */
  reconfigure(): Promise<void>;
  close(): Promise<void>;
}

export interface OnlinePayConnectionOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Registers a secret for log redaction. */
  addSecret: (secret: string) => void;
  /** Where the training sandbox keeps its books between runs (in the data folder); in memory only without it. */
  trainingStateFile?: string;
  /** A callback arrived at the receiver (when enabled): a hint, to be confirmed by a look-up. */
  onNotification?: (notification: OnlinePayNotification) => Promise<void>;
}

/**
 * OnlinePay's peer of gatewayConnection.ts (NihaoPay): training starts the built-in
 * OnlinePay sandbox on loopback with a fresh private key per run, so training traffic
 * never carries the merchant's key; a real environment gets the client with the stored key.
 */
export async function openOnlinePayConnection(options: OnlinePayConnectionOptions): Promise<OnlinePayConnection> {
  const { settings, secrets, env, log } = options;
  let target: OnlinePayTarget = { environment: 'training', training: true };
  let client: OnlinePayApi | undefined;
  let sandbox: OnlinePaySandbox | undefined;
  let key: string | undefined;
  let receiver: PostReceiver | undefined;
  let receiverPort: number | undefined;

  /** The callback receiver follows its setting; in training the sandbox posts to it. */
  const syncReceiver = async () => {
    const s = settings.get().onlinePay;
    const wanted = s.notificationReceiverEnabled === true && options.onNotification !== undefined;
    const port = s.notificationReceiverPort ?? 0;
    if (receiver && (!wanted || port !== receiverPort)) {
      await receiver.close();
      receiver = undefined;
    }
    if (wanted && !receiver) {
      try {
        receiver = await startOnlinePayNotificationReceiver({ port }, { onNotification: options.onNotification!, log });
        receiverPort = port;
        log.info('OnlinePay notification receiver running', { url: receiver.url });
      } catch (error) {
        log.warn('OnlinePay notification receiver could not start; look-ups settle payments without it', { port, error });
      }
    }
    sandbox?.setCallbackUrl(receiver?.url ?? null);
  };

  const reconfigure = async () => {
    key = env.POS_ONLINEPAY_KEY || secrets.getOnlinePayKey();
    if (key) options.addSecret(key);
    target = resolveOnlinePayTarget(settings.get(), env, key);
    if (target.training) {
      if (!sandbox) {
        const sandboxKey = `training${crypto.randomBytes(12).toString('hex')}`;
        options.addSecret(sandboxKey);
        sandbox = await startOnlinePaySandbox({ port: 0, host: '127.0.0.1', privateKey: sandboxKey, ...(options.trainingStateFile ? { stateFile: options.trainingStateFile } : {}) });
        log.info('training mode: built-in OnlinePay sandbox running', { url: sandbox.url });
      }
      client = createOnlinePayClient({ baseUrl: sandbox.url, privateKey: sandbox.privateKey });
      await syncReceiver();
      return;
    }
    if (sandbox) {
      await sandbox.close();
      sandbox = undefined;
    }
    if ('baseUrl' in target) {
      client = createOnlinePayClient({ baseUrl: target.baseUrl, privateKey: target.privateKey });
      log.info('OnlinePay configured', { environment: target.environment, url: target.baseUrl });
    } else {
      client = undefined;
      log.warn('OnlinePay not configured', { environment: target.environment, problem: target.problem });
    }
    await syncReceiver();
  };
  await reconfigure();

  return {
    target: () => target,
    client: () => client,
    sandbox: () => sandbox,
    hasPrivateKey: () => Boolean(key),
    reconfigure,
    receiverUrl: () => receiver?.url,
    async close() {
      await receiver?.close();
      receiver = undefined;
      await sandbox?.close();
      sandbox = undefined;
    },
  };
}
