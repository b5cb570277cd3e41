'use strict';
// Whether a macOS build is notarized, from the environment alone. electron-builder reads the same
// variables; deciding here makes the rule explicit and testable: a complete set of credentials
// notarizes, no credentials skips (a developer's local, unsigned build), and half a set is a
// mistake in the release setup that scripts/dist.mjs stops on before anything is built (if it
// reached electron-builder, notarize stays on and electron-builder refuses it by name).

/** The credential sets notarytool accepts, as electron-builder reads them. */
const CREDENTIAL_SETS = [
  ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'],
  ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'],
  ['APPLE_KEYCHAIN_PROFILE'],
];

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ notarize: boolean, missing: string[] }} notarize when any set is started; missing
 *   names what a started set still lacks (empty when one set is complete or none is started)
 */
function notarizationFromEnv(env) {
  const present = (name) => typeof env[name] === 'string' && env[name].trim() !== '';
  if (CREDENTIAL_SETS.some((set) => set.every(present))) return { notarize: true, missing: [] };
  const started = CREDENTIAL_SETS.find((set) => set.some(present));
  if (!started) return { notarize: false, missing: [] };
  return { notarize: true, missing: started.filter((name) => !present(name)) };
}

module.exports = { CREDENTIAL_SETS, notarizationFromEnv };
