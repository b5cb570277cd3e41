import type { GatewayProfile } from '../paymentGateway';
import { ONLINEPAY_CURRENCIES } from './onlinePayApi';

/** Where an OnlinePay call goes: the built-in sandbox (training), OnlinePay's sandbox, production, or a custom URL. */
export const ONLINEPAY_ENVIRONMENTS = ['training', 'sandbox', 'production', 'custom'] as const;
export type OnlinePayEnvironment = (typeof ONLINEPAY_ENVIRONMENTS)[number];

/**
 * The OnlinePay Business API as Counterpay uses it at the counter: the hosted payment
 * page's address as a QR on the customer display (`hostedqr`), paid on the customer's
 * phone by card or OnlinePay wallet, in the four currencies the text lists. OnlinePay has
 * no refund call: money goes back by payout, to the payer's wallet (its token comes with
 * the payment's notification) or to a bank account. The payments list serves
 * reconciliation; the balance call, the balance.
 */
export const ONLINEPAY_PROFILE: GatewayProfile = {
  name: 'onlinepay',
  displayName: 'OnlinePay',
  environments: ONLINEPAY_ENVIRONMENTS,
  credential: 'privateKey',
  currencies: ONLINEPAY_CURRENCIES,
  methods: [{ method: 'hostedqr', flow: 'displayedCode' }],
  refunds: ['walletPayout', 'bankPayout'],
  lookUpByReference: true,
  listing: 'paymentsList',
  balance: true,
};
