'use strict';
// electron-builder configuration for Counterpay's installers (`npm run dist:win|mac|linux`,
// see scripts/dist.mjs). JavaScript rather than YAML because part of it is decided, not declared:
// notarization follows the credentials in the environment (build/notarization.cjs), Electron's
// distribution may be a local one (build/electronDist.cjs), and the tests require() this very
// object to check its fuses and file rules. CommonJS (.cjs) because package.json says
// "type": "module" and electron-builder loads its config with require().
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { electronLeftovers, localElectronDist } = require('./electronDist.cjs');
const { notarizationFromEnv } = require('./notarization.cjs');

const projectDir = path.resolve(__dirname, '..');

/**
 * Issue 8's fuses, flipped in the Electron binary at packaging time. Electron cannot be turned
 * back into a plain Node (runAsNode, NODE_OPTIONS, --inspect all off), and it loads the app only
 * from app.asar, whose hash is checked against the one embedded in the executable (macOS and
 * Windows; Electron has no asar integrity on Linux and ignores the fuse there).
 * grantFileProtocolExtraPrivileges stays at Electron's default (on): the windows load the built
 * renderer from file://, and its module scripts need those privileges.
 */
const electronFuses = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
};

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.counterpay.pos',
  productName: 'Counterpay',
  // The version is package.json's; electron-builder reads it from there and nothing repeats it.
  copyright: 'Copyright © Counterpay',
  directories: { output: 'release', buildResources: 'build' },

  // The app is the build output and nothing else: Electron main, preload, both renderer pages,
  // the browser host and the sandbox CLI (training mode starts the built-in sandbox in-process).
  // Production dependencies are added by electron-builder (devDependencies never are); the
  // exclusions below drop what is never loaded at run time. test/e2e/packaging.test.ts checks
  // that every package the Node bundles import is still there.
  files: [
    'dist/**/*',
    'package.json',
    // No source maps, ours or the dependencies': nothing enables them at run time.
    '!**/*.map',
    // TypeScript sources and tests some packages ship beside their JavaScript; nothing loads them.
    '!**/*.{ts,mts,cts,tsx}',
    '!**/node_modules/**/*.{test,spec}.{js,cjs,mjs}',
    '!**/node_modules/**/__tests__/**',
    // The renderer's libraries, which Vite bundles into dist/renderer; the main process imports none.
    '!**/node_modules/{react,react-dom,scheduler,react-i18next,i18next,use-sync-external-store,html-parse-stringify}/**',
    '!**/node_modules/@babel/runtime/**',
    // What the native modules carry only to compile themselves.
    '!**/node_modules/better-sqlite3/{deps,src}/**',
    '!**/node_modules/better-sqlite3/build/{deps,Release/obj,Release/obj.target,Release/.deps}/**',
    '!**/node_modules/better-sqlite3/build/Release/test_extension.node',
    '!**/node_modules/node-hid/{hidapi,src}/**',
    // node-hid ships N-API prebuilds for every OS; keep this platform's (packaging runs on the target OS).
    '!**/node_modules/node-hid/prebuilds/!(HID-${platform}-*|HID_hidraw-${platform}-*)/**',
  ],
  asar: true,
  // Native code cannot be loaded from inside an asar. electron-builder's smart unpack also finds
  // these; naming them keeps it true if that detection ever changes.
  asarUnpack: ['**/node_modules/better-sqlite3/**/*.node', '**/node_modules/node-hid/**/*.node'],

  // better-sqlite3 is built against V8's ABI, so it is rebuilt for Electron's (prebuilt binaries
  // when they can be downloaded, otherwise compiled); node-hid is N-API and works either way.
  npmRebuild: true,
  electronFuses,

  // A local Electron when there is one, otherwise electron-builder's own (cached) download.
  electronDist: (context) =>
    localElectronDist({
      version: context.version,
      platform: context.platformName,
      arch: context.arch,
      env: process.env,
      hostPlatform: process.platform,
      hostArch: os.arch(),
      projectDir,
    })?.path ?? null,
  // electron-builder removes Electron's default app only from distributions it downloaded itself.
  afterExtract: async (context) => {
    for (const leftover of electronLeftovers(context.electronPlatformName)) {
      fs.rmSync(path.join(context.appOutDir, leftover), { force: true });
    }
  },

  win: {
    target: [{ target: 'nsis', arch: ['x64', 'arm64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    // One click, per user: no administrator rights and no questions; the app goes to
    // %LOCALAPPDATA%\Programs\Counterpay and its data to %APPDATA%\Counterpay. (An assisted
    // installer with perMachine false would ask "only me or all users?", and all users needs an
    // administrator.) Running a newer installer replaces the app in place: that is the update.
    oneClick: true,
    perMachine: false,
    createDesktopShortcut: 'always',
    createStartMenuShortcut: true,
    shortcutName: 'Counterpay',
    // The journal and settings are the merchant's records: uninstalling never deletes them.
    deleteAppDataOnUninstall: false,
    // One installer for every Windows PC: it carries the x64 and arm64 apps and installs the
    // one the machine runs, so a merchant never has to know which processor they have.
    buildUniversalInstaller: true,
    artifactName: '${productName}-Setup-${version}.${ext}',
  },

  mac: {
    target: [
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ],
    category: 'public.app-category.business',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    notarize: notarizationFromEnv(process.env).notarize,
  },
  dmg: {
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },

  linux: {
    // An AppImage for kiosks: one file, no installation, runs from wherever it is copied.
    target: [{ target: 'AppImage', arch: ['x64'] }],
    icon: 'build/icons',
    category: 'Office',
    synopsis: 'Point-of-sale for Alipay, WeChat Pay and UnionPay',
    artifactName: '${productName}-${version}-${arch}.${ext}',
  },

  publish: null,
};
