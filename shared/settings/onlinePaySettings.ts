import { ONLINEPAY_ENVIRONMENTS, type OnlinePayEnvironment } from '../gateway/onlinepay/onlinePayProfile';

/**
 * OnlinePay's settings, stored as one object (`onlinePay`) in settings.json with every
 * field optional, so a file written before OnlinePay existed stays valid.
 * The private key is not here: it is kept like the NihaoPay token (secret store).
 */
export interface StoredOnlinePaySettings {
  /** Absent: training until a private key is stored, then production (NihaoPay's rule). */
  environment?: OnlinePayEnvironment;
  /** For `custom`: https, or http to this computer (the same rule as NihaoPay's custom URL). */
  customUrl?: string;
  /**
   * How long a hosted-payment QR stays on the display. The text gives a payment no
   * lifetime, so Counterpay sets one; the payment is still watched after the code is hidden.
   */
  paymentMinutes?: number;
  /**
   * Run a receiver for OnlinePay's status callbacks (behind the merchant's reverse proxy or
   * tunnel; the callback URL itself is set in OnlinePay's back office). Off by default:
   * look-ups settle every payment without it. In training it receives the built-in sandbox's.
   */
  notificationReceiverEnabled?: boolean;
  /** Port the receiver listens on (127.0.0.1). 0 picks a free one. */
  notificationReceiverPort?: number;
}

/** What Settings may change of OnlinePay's ('auto' clears the explicit environment choice). */
export type OnlinePaySettingsChange = Omit<StoredOnlinePaySettings, 'environment'> & { environment?: OnlinePayEnvironment | 'auto' };

export const ONLINEPAY_PAYMENT_MINUTES = { default: 10, min: 1, max: 60 } as const;

export const ONLINEPAY_SETTINGS_JSON_SCHEMA = {
  type: 'object',
  properties: {
    environment: { type: 'string', enum: [...ONLINEPAY_ENVIRONMENTS] },
    customUrl: { type: 'string', maxLength: 2048 },
    paymentMinutes: { type: 'integer', minimum: ONLINEPAY_PAYMENT_MINUTES.min, maximum: ONLINEPAY_PAYMENT_MINUTES.max },
    notificationReceiverEnabled: { type: 'boolean' },
    notificationReceiverPort: { type: 'integer', minimum: 0, maximum: 65535 },
  },
  additionalProperties: false,
  default: {},
} as const;
