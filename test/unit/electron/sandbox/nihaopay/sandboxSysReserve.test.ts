import { sysReserve } from '../../../../../electron/sandbox/nihaopay/sandboxPayments';
import type { SandboxTransaction } from '../../../../../electron/sandbox/nihaopay/sandboxLedger';
import { vendorIdFromSysReserve } from '../../../../../electron/services/gateway/nihaopay/replySchemas';

/** sys_reserve as NihaoPay writes it, both ways: the sandbox answers each so the client's reading of both is exercised. */
const transaction = (id: string, vendorTransactionId?: string) => ({ id, ...(vendorTransactionId ? { vendorTransactionId } : {}) }) as SandboxTransaction;

describe('the sandbox’s sys_reserve', () => {
  it('is JSON for an id ending in an odd digit and single-quoted for an even one, as NihaoPay’s replies are', () => {
    expect(sysReserve(transaction('20261203000000000001', '4200000117201806013734875340'))).toBe('{"vendor_id":"4200000117201806013734875340"}');
    expect(sysReserve(transaction('20261203000000000002', '2018031421001004970502155891'))).toBe("{'vendor_id':'2018031421001004970502155891'}");
    expect(sysReserve(transaction('20261203000000000004'))).toBe('{}');
  });

  it('is read back to the wallet’s transaction id by the client in either form', () => {
    for (const id of ['20261203000000000001', '20261203000000000002']) {
      expect(vendorIdFromSysReserve(sysReserve(transaction(id, `99${id}`)))).toBe(`99${id}`);
    }
  });
});
