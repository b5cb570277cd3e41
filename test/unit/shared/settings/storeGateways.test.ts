import { enabledGatewaysOf } from '../../../../shared/settings/storeGateways';

describe('the store’s enabled gateways', () => {
  it('keeps a store set up before the setting as it was: both gateways', () => {
    expect(enabledGatewaysOf(undefined)).toEqual(['nihaopay', 'onlinepay']);
  });
  it('reads what is stored, in one order, without repeats', () => {
    expect(enabledGatewaysOf(['onlinepay'])).toEqual(['onlinepay']);
    expect(enabledGatewaysOf(['onlinepay', 'nihaopay', 'onlinepay'])).toEqual(['nihaopay', 'onlinepay']);
    expect(enabledGatewaysOf([])).toEqual([]);
  });
});
