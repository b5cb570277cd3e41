import os from 'node:os';

/** This machine's external IPv4 addresses (what the store's network reaches); loopback alone when it has none. */
export function externalIpv4Addresses(interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces()): string[] {
  const found: string[] = [];
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) if (address.family === 'IPv4' && !address.internal) found.push(address.address);
  }
  return found.length > 0 ? found : ['127.0.0.1'];
}

/**
 * NihaoPay's scanqrcode requires client_ip, "the IP of Merchant terminal device".
 * The first external IPv4 address of this machine; loopback when it has none.
 */
export function terminalIp(interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces()): string {
  return externalIpv4Addresses(interfaces)[0]!;
}
