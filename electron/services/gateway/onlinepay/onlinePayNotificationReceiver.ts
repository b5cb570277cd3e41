import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../log/logger';
import { listenForPosts, reply, type PostReceiver } from '../../ipn/postReceiver';
import { readCapped } from '../../network/cappedBody';
import { readOnlinePayNotification, type OnlinePayNotification } from './onlinePayNotification';

/**
 * An optional receiver for OnlinePay's status callbacks, off by default like NihaoPay's
 * IPN receiver: a point of sale rarely has an address the Internet can reach. The callback
 * URL is set in OnlinePay's back office (the text has no request field for it). Each post
 * is read up to a cap and parsed; the callback must then confirm it by a look-up before it
 * believes anything. The reply is 200 once it is read (a confirmation that fails is logged
 * and left to the look-ups that run anyway), 400 for what is not a notification.
 */
export interface OnlinePayReceiverConfig {
  host: string;
  /** 0 picks a free port. */
  port: number;
  path: string;
  maxBodyBytes: number;
}

export const DEFAULT_ONLINEPAY_RECEIVER_CONFIG: Readonly<OnlinePayReceiverConfig> = {
  host: '127.0.0.1',
  port: 0,
  path: '/onlinepay/notify',
  maxBodyBytes: 16 * 1024,
};

export async function startOnlinePayNotificationReceiver(
  config: Partial<OnlinePayReceiverConfig>,
  deps: { onNotification: (notification: OnlinePayNotification) => Promise<void>; log?: Logger },
): Promise<PostReceiver> {
  const settings = { ...DEFAULT_ONLINEPAY_RECEIVER_CONFIG, ...config };
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://receiver.invalid').pathname;
    if (path !== settings.path) return reply(response, 404, 'not found');
    if (request.method !== 'POST') return reply(response, 405, 'method not allowed');
    const body = await readCapped(request, settings.maxBodyBytes);
    if (body === undefined) return reply(response, 413, 'too large', true);
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return reply(response, 400, 'not JSON');
    }
    const reading = readOnlinePayNotification(value);
    if (!reading.ok) {
      deps.log?.warn('OnlinePay notification refused: not a notification', { problem: reading.problem });
      return reply(response, 400, 'invalid notification');
    }
    reply(response, 200, 'ok');
    // Confirmed after the answer: OnlinePay is not kept waiting on our look-up.
    await deps.onNotification(reading.value).catch((error: unknown) => deps.log?.warn('OnlinePay notification not confirmed', { token: reading.value.token, error }));
  }
  return listenForPosts(settings, handle, settings.path);
}
