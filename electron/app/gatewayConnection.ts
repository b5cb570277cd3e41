import crypto from 'node:crypto';
import type { NihaoPayApi } from '../../shared/gateway/nihaopay/nihaopayApi';
import { createNihaoPayClient } from '../services/gateway/nihaopay/nihaopayClient';
import type { Logger } from '../services/log/logger';
import type { SecretStore } from '../services/settings/secretStore';
import type { SettingsStore } from '../services/settings/settingsStore';
import { startSandbox, type Sandbox } from '../sandbox/nihaopay/sandboxServer';
import { resolveGatewayTarget, type GatewayTarget } from './gatewayTarget';

export interface GatewayConnection {
  target(): GatewayTarget;
  /** The client for the chosen environment; undefined while it is not configured. */
  gateway(): NihaoPayApi | undefined;
  /** The built-in sandbox while training. */
  sandbox(): Sandbox | undefined;
  hasMerchantToken(): boolean;
  /** Re-reads settings, environment and stored token; starts or stops the training sandbox. */
  reconfigure(): Promise<void>;
  close(): Promise<void>;
}

export interface GatewayConnectionOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  env: NodeJS.ProcessEnv;
  log: Logger;
  /** Registers a secret for log redaction. */
  addSecret: (secret: string) => void;
  /** Where the training sandbox keeps its books between runs (in the data folder); in memory only without it. */
  trainingStateFile?: string;
  /**
   * The training sandbox's clock (a test's, to let a day's sales settle so that a withdrawal
   * has something to pay out: money settles at the end of the sandbox's UTC day). The real clock without it.
   */
  trainingSandboxNow?: () => Date;
}

/**
 * Which gateway the app talks to, and the client for it. Training starts the built-in
 * sandbox on loopback with a fresh token per run, so training traffic never carries the
 * merchant's token; a real environment gets the client with the merchant's token.
 */
export async function openGatewayConnection(options: GatewayConnectionOptions): Promise<GatewayConnection> {
  const { settings, secrets, env, log } = options;
  let target: GatewayTarget = { environment: 'training', training: true };
  let client: NihaoPayApi | undefined;
  let sandbox: Sandbox | undefined;
  let token: string | undefined;

  const reconfigure = async () => {
    token = env.POS_NIHAOPAY_TOKEN || secrets.getMerchantToken();
    if (token) options.addSecret(token);
    target = resolveGatewayTarget(settings.get(), env, token);
    if (target.training) {
      if (!sandbox) {
        const sandboxToken = `training${crypto.randomBytes(12).toString('hex')}`;
        options.addSecret(sandboxToken);
        sandbox = await startSandbox({ port: 0, host: '127.0.0.1', token: sandboxToken, ...(options.trainingStateFile ? { stateFile: options.trainingStateFile } : {}), ...(options.trainingSandboxNow ? { now: options.trainingSandboxNow } : {}) });
        log.info('training mode: built-in NihaoPay sandbox running', { url: sandbox.url });
      }
      client = createNihaoPayClient({ baseUrl: sandbox.url, token: sandbox.token });
      return;
    }
    if (sandbox) {
      await sandbox.close();
      sandbox = undefined;
    }
    if ('baseUrl' in target) {
      client = createNihaoPayClient({ baseUrl: target.baseUrl, token: target.token });
      log.info('gateway configured', { environment: target.environment, url: target.baseUrl });
    } else {
      client = undefined;
      log.warn('gateway not configured', { environment: target.environment, problem: target.problem });
    }
  };
  await reconfigure();

  return {
    target: () => target,
    gateway: () => client,
    sandbox: () => sandbox,
    hasMerchantToken: () => Boolean(token),
    reconfigure,
    async close() {
      await sandbox?.close();
      sandbox = undefined;
    },
  };
}
