import { IN_STORE_CURRENCIES } from '../../money/currencies';
import type { GatewayProfile } from '../paymentGateway';
import { GATEWAY_ENVIRONMENTS } from './nihaopayTypes';

/**
 * NihaoPay v1.2 as Counterpay uses it at the counter: the customer's wallet code scanned
 * (`scanqrcode`) or a wallet QR on the customer display (`showqrcode`), in the in-store
 * currencies; refunds by NihaoPay's own refund call; the transaction file for
 * reconciliation; accounts for balances.
 */
export const NIHAOPAY_PROFILE: GatewayProfile = {
  name: 'nihaopay',
  displayName: 'NihaoPay',
  environments: GATEWAY_ENVIRONMENTS,
  credential: 'merchantToken',
  currencies: IN_STORE_CURRENCIES,
  methods: [
    { method: 'scanqrcode', flow: 'scan' },
    { method: 'showqrcode', flow: 'displayedCode' },
  ],
  refunds: ['gatewayRefund'],
  lookUpByReference: true,
  listing: 'transactionFile',
  balance: true,
};
