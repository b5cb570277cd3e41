'use strict';
// Where packaging finds Electron's own distribution when it need not be downloaded.
// Shared by the electron-builder config (its `electronDist` hook) and scripts/dist.mjs (which
// must know before packaging whether Electron can be had at all), so the two never disagree.
const fs = require('node:fs');
const path = require('node:path');

/** The file name Electron releases (and electron-builder's electronDist folders) use. */
function electronZipName(version, platform, arch) {
  return `electron-v${version}-${platform}-${arch}.zip`;
}

/** Electron's executable inside an unpacked distribution for that platform. */
function unpackedExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return path.join('Electron.app', 'Contents', 'MacOS', 'Electron');
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * A local Electron for one platform and architecture, or undefined when it must come from
 * electron-builder's download (which @electron/get caches). In order:
 *  1. COUNTERPAY_ELECTRON_DIST: folders (separated like PATH) holding
 *     electron-v<version>-<platform>-<arch>.zip, the first that has it (what a machine without
 *     download access is given; one folder serves every target);
 *  2. ELECTRON_OVERRIDE_DIST_PATH, then node_modules/electron/dist: the unpacked Electron the
 *     electron package runs from, usable only for the host's own platform and architecture.
 * Decides only; `exists` is passed in so tests can describe any machine.
 */
function localElectronDist({ version, platform, arch, env, hostPlatform, hostArch, projectDir, exists = fs.existsSync }) {
  const folders = (env.COUNTERPAY_ELECTRON_DIST ?? '').split(path.delimiter).filter(Boolean);
  const folder = folders.find((candidate) => exists(path.join(candidate, electronZipName(version, platform, arch))));
  if (folder) return { kind: 'zip folder', path: path.resolve(folder) };
  if (platform === hostPlatform && arch === hostArch) {
    const candidates = [env.ELECTRON_OVERRIDE_DIST_PATH, path.join(projectDir, 'node_modules', 'electron', 'dist')];
    for (const dir of candidates) {
      if (dir && exists(path.join(dir, unpackedExecutable(platform)))) return { kind: 'unpacked', path: path.resolve(dir) };
    }
  }
  return undefined;
}

/** What an unpacked Electron brings that a packaged app must not ship (electron-builder only cleans its own downloads). */
function electronLeftovers(platform) {
  if (platform === 'darwin' || platform === 'mas') {
    return ['version', path.join('Electron.app', 'Contents', 'Resources', 'default_app.asar')];
  }
  return ['version', path.join('resources', 'default_app.asar')];
}

module.exports = { electronZipName, unpackedExecutable, localElectronDist, electronLeftovers };
