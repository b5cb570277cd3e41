import fs from 'node:fs';
import path from 'node:path';
import { loadBuilderConfig, ROOT, type TargetEntry } from './buildConfig';

const config = loadBuilderConfig();
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; productName: string; main: string };

function targets(entries: TargetEntry[]): Record<string, string[]> {
  return Object.fromEntries(entries.map((entry) => [entry.target, [...entry.arch].sort()]));
}

/** The keys a plist sets to <true/>; the entitlements file uses no other values. */
function trueKeys(plist: string): string[] {
  const withoutComments = plist.replace(/<!--[\s\S]*?-->/g, '');
  return [...withoutComments.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((match) => match[1]!);
}

describe('electron-builder configuration', () => {
  it('names the app once and takes its version from package.json', () => {
    expect(config.appId).toBe('com.counterpay.pos');
    expect(config.productName).toBe('Counterpay');
    expect(config.productName).toBe(packageJson.productName);
    // A version here would override package.json's and drift from it.
    expect(config.version).toBeUndefined();
    expect(config.directories).toEqual({ output: 'release', buildResources: 'build' });
  });

  it("issue 8's fuses: no Node mode, no NODE_OPTIONS, no inspector, app only from an integrity-checked asar", () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
    // The windows load the renderer from file://; taking its privileges away would break them.
    expect(config.electronFuses).not.toHaveProperty('grantFileProtocolExtraPrivileges');
    // onlyLoadAppFromAsar and the integrity check both need the app packed into an asar.
    expect(config.asar).toBe(true);
  });

  it('packs the build output and package.json, without source maps or TypeScript sources', () => {
    expect(config.files.filter((pattern) => !pattern.startsWith('!'))).toEqual(['dist/**/*', 'package.json']);
    expect(config.files).toContain('!**/*.map');
    expect(config.files).toContain('!**/*.{ts,mts,cts,tsx}');
    expect(packageJson.main.startsWith('dist/')).toBe(true);
  });

  it('unpacks the native modules from the asar and rebuilds them for Electron', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**/*.node', '**/node_modules/node-hid/**/*.node']));
    expect(config.npmRebuild).toBe(true);
  });

  it('Windows: a per-user NSIS installer for x64 and arm64 with desktop and Start-menu shortcuts', () => {
    expect(targets(config.win.target)).toEqual({ nsis: ['arm64', 'x64'] });
    expect(config.nsis).toMatchObject({
      // Per user with no install-mode page: an assisted installer would offer "all users" too.
      oneClick: true,
      perMachine: false,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      deleteAppDataOnUninstall: false,
      // One installer carrying both architectures; an ${arch} in its name would add one per architecture.
      buildUniversalInstaller: true,
    });
    expect(config.nsis.artifactName).not.toContain('${arch}');
  });

  it('macOS: DMG and zip for x64 and arm64, hardened runtime, entitlements from build/', () => {
    expect(targets(config.mac.target)).toEqual({ dmg: ['arm64', 'x64'], zip: ['arm64', 'x64'] });
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.entitlements).toBe('build/entitlements.mac.plist');
    expect(config.mac.entitlementsInherit).toBe('build/entitlements.mac.plist');
  });

  it('entitles V8 to JIT, USB, networking and printing, and relaxes nothing else', () => {
    const plist = fs.readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    expect(trueKeys(plist).sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.device.usb',
      'com.apple.security.network.client',
      'com.apple.security.network.server',
      'com.apple.security.print',
    ]);
  });

  it('Linux: an x64 AppImage for kiosks', () => {
    expect(targets(config.linux.target)).toEqual({ AppImage: ['x64'] });
  });

  it('points every platform at icons that exist', () => {
    expect(fs.existsSync(path.join(ROOT, config.win.icon))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, config.mac.icon))).toBe(true);
    expect(fs.statSync(path.join(ROOT, config.linux.icon)).isDirectory()).toBe(true);
  });

  it('notarizes only with credentials in the environment', () => {
    const saved = { ...process.env };
    try {
      for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER', 'APPLE_KEYCHAIN_PROFILE']) {
        delete process.env[name];
      }
      expect(loadBuilderConfig().mac.notarize).toBe(false);
      Object.assign(process.env, { APPLE_ID: 'dev@example.com', APPLE_APP_SPECIFIC_PASSWORD: 'abcd-efgh-ijkl-mnop', APPLE_TEAM_ID: 'TEAM123456' });
      expect(loadBuilderConfig().mac.notarize).toBe(true);
    } finally {
      process.env = saved;
    }
  });
});
