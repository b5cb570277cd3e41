import { availableMethods, gatewayOfMethod, gatewayRefusal, methodRefusal, storeGatewaysProblem, type StoreMethodsInput } from '../../../../shared/gateway/availableMethods';
import type { GatewayName } from '../../../../shared/gateway/paymentGateway';
import type { StoreCurrency } from '../../../../shared/money/currencies';

const both: GatewayName[] = ['nihaopay', 'onlinepay'];
const ready = { nihaopay: true, onlinepay: true };
const store = (currency: StoreCurrency, enabled: GatewayName[] = both, isReady: StoreMethodsInput['ready'] = ready): StoreMethodsInput => ({ currency, enabled, ready: isReady });

describe('which methods a store offers', () => {
  it('names the gateway of each method', () => {
    expect(gatewayOfMethod('scanqrcode')).toBe('nihaopay');
    expect(gatewayOfMethod('showqrcode')).toBe('nihaopay');
    expect(gatewayOfMethod('hostedqr')).toBe('onlinepay');
  });

  it.each([
    // currency, enabled, ready, methods
    ['USD', both, ready, ['scanqrcode', 'showqrcode', 'hostedqr']],
    ['JPY', both, ready, ['scanqrcode', 'showqrcode', 'hostedqr']],
    ['USD', ['nihaopay'], ready, ['scanqrcode', 'showqrcode']],
    ['JPY', ['onlinepay'], ready, ['hostedqr']],
    // NihaoPay takes USD and JPY only in store: a CNY or EUR store is OnlinePay's alone.
    ['CNY', both, ready, ['hostedqr']],
    ['EUR', both, ready, ['hostedqr']],
    ['CNY', ['nihaopay'], ready, []],
    // Credentials: a gateway that cannot be called offers nothing.
    ['USD', both, { nihaopay: true, onlinepay: false }, ['scanqrcode', 'showqrcode']],
    ['USD', both, { nihaopay: false, onlinepay: true }, ['hostedqr']],
    ['CNY', both, { nihaopay: true, onlinepay: false }, []],
  ] as const)('%s with %j (ready %j) offers %j', (currency, enabled, isReady, methods) => {
    expect(availableMethods(store(currency, [...enabled], isReady))).toEqual(methods);
  });

  it('refuses in cashier words, the first reason first', () => {
    expect(methodRefusal(store('USD'), 'scanqrcode')).toBeUndefined();
    expect(methodRefusal(store('CNY'), 'scanqrcode')).toEqual({ code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: 'NihaoPay', currency: 'CNY' } });
    expect(methodRefusal(store('EUR'), 'showqrcode')).toEqual({ code: 'GATEWAY_CURRENCY_NOT_TAKEN', params: { gateway: 'NihaoPay', currency: 'EUR' } });
    // Turned off says so, even where the currency would not do either.
    expect(methodRefusal(store('CNY', ['onlinepay']), 'scanqrcode')).toEqual({ code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'NihaoPay' } });
    expect(methodRefusal(store('USD', ['nihaopay']), 'hostedqr')).toEqual({ code: 'GATEWAY_NOT_ENABLED', params: { gateway: 'OnlinePay' } });
    expect(methodRefusal(store('USD', both, { nihaopay: true, onlinepay: false }), 'hostedqr')).toEqual({ code: 'ONLINEPAY_NOT_CONFIGURED' });
    expect(methodRefusal(store('USD', both, { nihaopay: false, onlinepay: true }), 'scanqrcode')).toMatchObject({ code: 'GATEWAY_NOT_CONFIGURED' });
    expect(gatewayRefusal(store('JPY'), 'nihaopay')).toBeUndefined();
    expect(gatewayRefusal(store('CNY'), 'nihaopay')).toMatchObject({ code: 'GATEWAY_CURRENCY_NOT_TAKEN' });
  });

  it('lets a store save only a choice that can take its currency', () => {
    expect(storeGatewaysProblem('USD', both)).toBeUndefined();
    expect(storeGatewaysProblem('CNY', ['onlinepay'])).toBeUndefined();
    expect(storeGatewaysProblem('USD', [])).toEqual({ code: 'NO_GATEWAY_ENABLED' });
    expect(storeGatewaysProblem('CNY', ['nihaopay'])).toEqual({ code: 'NO_GATEWAY_FOR_CURRENCY', params: { currency: 'CNY', gateways: 'NihaoPay' } });
    expect(storeGatewaysProblem('EUR', ['nihaopay'])).toMatchObject({ code: 'NO_GATEWAY_FOR_CURRENCY' });
  });
});
