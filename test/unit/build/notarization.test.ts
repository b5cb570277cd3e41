import { notarization } from './buildConfig';

const { notarizationFromEnv } = notarization;

const APPLE_ID = { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop', APPLE_TEAM_ID: 'TEAM123456' };
const API_KEY = { APPLE_API_KEY: '/secrets/AuthKey_ABC.p8', APPLE_API_KEY_ID: 'ABC123', APPLE_API_ISSUER: '00000000-0000-0000-0000-000000000000' };

describe('notarizationFromEnv', () => {
  it.each([
    ['no credentials: an unsigned local build', {}, { notarize: false, missing: [] }],
    ['blank values count as absent', { APPLE_ID: '  ', APPLE_TEAM_ID: '' }, { notarize: false, missing: [] }],
    ['Apple ID, app-specific password and team', APPLE_ID, { notarize: true, missing: [] }],
    ['App Store Connect API key', API_KEY, { notarize: true, missing: [] }],
    ['a keychain profile', { APPLE_KEYCHAIN_PROFILE: 'counterpay-notary' }, { notarize: true, missing: [] }],
    ['one complete set beside a stray variable of another', { ...API_KEY, APPLE_TEAM_ID: 'TEAM123456' }, { notarize: true, missing: [] }],
    ['Apple ID without its password', { APPLE_ID: 'dev@example.com', APPLE_TEAM_ID: 'TEAM123456' }, { notarize: true, missing: ['APPLE_APP_SPECIFIC_PASSWORD'] }],
    ['an API key without its id and issuer', { APPLE_API_KEY: '/secrets/AuthKey_ABC.p8' }, { notarize: true, missing: ['APPLE_API_KEY_ID', 'APPLE_API_ISSUER'] }],
  ])('%s', (_title, env, expected) => {
    expect(notarizationFromEnv(env)).toEqual(expected);
  });
});
