import os from 'node:os';

/**
 * NihaoPay's scanqrcode requires client_ip, "the IP of Merchant terminal device".
 * The first external IPv4 address of this machine; loopback when it has none.
 */
export function terminalIp(interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces()): string {
  for (const addresses of Object.values(interfaces)) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}
