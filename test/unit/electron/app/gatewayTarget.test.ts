import { resolveGatewayTarget } from '../../../../electron/app/gatewayTarget';
import { SETTINGS_DEFAULTS } from '../../../../electron/services/settings/settingsSchema';

describe('resolveGatewayTarget', () => {
  const settings = SETTINGS_DEFAULTS;
  it('trains while no merchant token is set', () => {
    expect(resolveGatewayTarget(settings, {}, undefined)).toEqual({ environment: 'training', training: true });
  });
  it('goes to production once a token exists and nothing else was chosen', () => {
    expect(resolveGatewayTarget(settings, {}, 'tok_live_123456')).toEqual({ environment: 'production', training: false, baseUrl: 'https://api.nihaopay.com', token: 'tok_live_123456' });
  });
  it('lets the environment override the settings (kiosks, tests)', () => {
    expect(resolveGatewayTarget({ ...settings, gatewayEnvironment: 'production' }, { POS_GATEWAY: 'testing', POS_NIHAOPAY_TOKEN: 'tok_env_123456' }, 'tok_stored')).toEqual({
      environment: 'testing',
      training: false,
      baseUrl: 'https://apitest.nihaopay.com',
      token: 'tok_env_123456',
    });
    expect(resolveGatewayTarget(settings, { POS_GATEWAY: 'training', POS_NIHAOPAY_TOKEN: 'x' }, undefined)).toMatchObject({ training: true });
  });
  it('reports a real environment without a token instead of falling back to training', () => {
    expect(resolveGatewayTarget({ ...settings, gatewayEnvironment: 'production' }, {}, undefined)).toEqual({ environment: 'production', training: false, problem: 'missingToken' });
  });
  it('checks a custom base URL', () => {
    expect(resolveGatewayTarget(settings, { POS_GATEWAY: 'custom', POS_GATEWAY_URL: 'http://127.0.0.1:9000/' }, 't')).toMatchObject({ baseUrl: 'http://127.0.0.1:9000' });
    expect(resolveGatewayTarget(settings, { POS_GATEWAY: 'custom', POS_GATEWAY_URL: 'ftp://x' }, 't')).toMatchObject({ problem: 'invalidCustomUrl' });
    expect(resolveGatewayTarget(settings, { POS_GATEWAY: 'custom', POS_GATEWAY_URL: 'https://user:pw@x.test' }, 't')).toMatchObject({ problem: 'invalidCustomUrl' });
  });
  it('takes plain http only to this computer, from the environment as from the settings file', () => {
    // The owner sets POS_GATEWAY_URL, but http to another host would put the token on the network in the clear.
    expect(resolveGatewayTarget(settings, { POS_GATEWAY: 'custom', POS_GATEWAY_URL: 'http://gateway.example' }, 't')).toMatchObject({ problem: 'invalidCustomUrl' });
    expect(resolveGatewayTarget({ ...settings, gatewayEnvironment: 'custom', gatewayCustomUrl: 'http://192.168.1.20:9000' }, {}, 't')).toMatchObject({ problem: 'invalidCustomUrl' });
    expect(resolveGatewayTarget({ ...settings, gatewayEnvironment: 'custom', gatewayCustomUrl: 'http://localhost:9000/' }, {}, 't')).toMatchObject({ baseUrl: 'http://localhost:9000' });
    expect(resolveGatewayTarget(settings, { POS_GATEWAY: 'custom', POS_GATEWAY_URL: 'https://gateway.example/v1.2/' }, 't')).toMatchObject({ baseUrl: 'https://gateway.example/v1.2' });
  });
  it('ignores an unknown POS_GATEWAY value', () => {
    expect(resolveGatewayTarget(settings, { POS_GATEWAY: 'live' }, undefined)).toMatchObject({ environment: 'training' });
  });
});
