import { enabledGatewaysOf, onlinePayWasUsable } from '../../../../shared/settings/storeGateways';

describe('the store’s enabled gateways', () => {
  it('keeps a store set up before the setting as it was: NihaoPay, and OnlinePay where it was usable', () => {
    expect(enabledGatewaysOf(undefined, { onlinePayWasUsable: true })).toEqual(['nihaopay', 'onlinepay']);
    expect(enabledGatewaysOf(undefined, { onlinePayWasUsable: false })).toEqual(['nihaopay']);
  });
  it('counts OnlinePay in use unless it only trains beside a NihaoPay taking real money', () => {
    expect(onlinePayWasUsable(true, true)).toBe(true);
    expect(onlinePayWasUsable(false, false)).toBe(true);
    expect(onlinePayWasUsable(false, true)).toBe(true);
    expect(onlinePayWasUsable(true, false)).toBe(false);
  });
  it('reads what is stored, in one order, without repeats, whatever the older store had', () => {
    for (const onlinePayWasUsable of [true, false]) {
      expect(enabledGatewaysOf(['onlinepay'], { onlinePayWasUsable })).toEqual(['onlinepay']);
      expect(enabledGatewaysOf(['onlinepay', 'nihaopay', 'onlinepay'], { onlinePayWasUsable })).toEqual(['nihaopay', 'onlinepay']);
      expect(enabledGatewaysOf([], { onlinePayWasUsable })).toEqual([]);
    }
  });
});
