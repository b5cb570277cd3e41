import type { GatewayName, GatewayPayment } from '../../../shared/gateway/paymentGateway';

/**
 * What the neutral core asks of a gateway, whichever it is. Each gateway's folder has the
 * adapter from its own client to these (nihaopay/nihaopayPort.ts, onlinepay/onlinePayPort.ts);
 * the checkout, recovery and refunds see only this.
 */
export interface SaleFinder {
  /**
   * The sale with our reference, as the gateway has it. Throws the gateway's typed error;
   * `not_found` means the gateway has no payment with that reference.
   */
  findSale(reference: string): Promise<GatewayPayment>;
}

export interface GatewayPort extends SaleFinder {
  readonly name: GatewayName;
}

/** The port of each gateway that is configured now; undefined for one that is not. */
export type GatewayPorts = (name: GatewayName) => GatewayPort | undefined;
