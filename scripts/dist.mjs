#!/usr/bin/env node
// `npm run dist:win|dist:mac|dist:linux [-- electron-builder options]`: the installers, in release/.
//  1. `npm run build` (always, so the app builds even where it cannot be packaged);
//  2. stops with ONE line when this machine cannot package the target: the wrong OS, half a set of
//     notarization credentials, or no Electron distribution for one of the target's architectures;
//  3. runs electron-builder with build/electron-builder.config.cjs, which rebuilds better-sqlite3
//     for Electron's ABI. That rebuild happens in node_modules, so the Node builds the tests use
//     are put back afterwards.
// Electron comes from a local distribution (build/electronDist.cjs) or from @electron/get's cache,
// which this script fills before packaging and checks against the checksums the electron package
// pins; electron-builder is then pointed at that folder and never downloads Electron itself.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const configPath = path.join(root, 'build', 'electron-builder.config.cjs');
const { electronZipName, localElectronDist } = require('../build/electronDist.cjs');
const { notarizationFromEnv } = require('../build/notarization.cjs');

/** Each command's electron-builder platform; architectures come from the config's targets. */
const TARGETS = {
  win: { platform: 'win32', flag: '--win', configKey: 'win', os: 'Windows' },
  mac: { platform: 'darwin', flag: '--mac', configKey: 'mac', os: 'macOS' },
  linux: { platform: 'linux', flag: '--linux', configKey: 'linux', os: 'Linux' },
};
/** Native modules whose node_modules build electron-builder replaces with Electron's. */
const NATIVE_MODULES = ['better-sqlite3', 'node-hid'];

function stop(line, code = 1) {
  console.error(`counterpay dist: ${line}`);
  process.exit(code);
}

function errorText(error) {
  const cause = error?.cause;
  const detail = cause?.code ? ` (${cause.code}${cause.hostname ? ` ${cause.hostname}` : ''})` : '';
  return `${error?.message ?? String(error)}${detail}`.replace(/\s+/g, ' ');
}

const [name, ...builderArgs] = process.argv.slice(2);
const target = TARGETS[name];
if (!target) stop(`say which installers to build: node scripts/dist.mjs win|mac|linux (got ${name ?? 'nothing'})`, 2);

const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) stop('npm run build failed; nothing was packaged', build.status ?? 1);

if (process.platform !== target.platform) {
  stop(
    `${target.os} installers are packaged on ${target.os} (native modules are compiled for the target OS; this machine runs ${process.platform}). CI packages all three: .github/workflows/release.yml`,
    2,
  );
}
if (name === 'mac') {
  const { missing } = notarizationFromEnv(process.env);
  if (missing.length > 0) stop(`notarization credentials are incomplete: set ${missing.join(', ')}, or unset the others to build without notarizing`, 2);
}

const config = require(configPath);
const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
// The config's architectures, unless electron-builder is told fewer (e.g. `-- --x64 --dir`).
const ARCH_FLAGS = ['x64', 'arm64', 'ia32', 'armv7l'];
const asked = ARCH_FLAGS.filter((arch) => builderArgs.includes(`--${arch}`));
const arches = asked.length > 0 ? asked : [...new Set(config[target.configKey].target.flatMap((entry) => entry.arch))];

/** Puts the Electron zip in @electron/get's cache (or finds it there), verified offline against electron's checksums.json. */
async function fetchElectronZip(arch) {
  // @electron/get is the electron package's own downloader, resolved from there rather than
  // being a dependency of ours. It honours ELECTRON_MIRROR, electron_config_cache and, with
  // ELECTRON_GET_USE_PROXY, the usual proxy variables.
  const electronRequire = createRequire(path.join(root, 'node_modules', 'electron', 'package.json'));
  const { downloadArtifact } = await import(pathToFileURL(electronRequire.resolve('@electron/get')).href);
  return downloadArtifact({
    version,
    platform: target.platform,
    arch,
    artifactName: 'electron',
    checksums: electronRequire('./checksums.json'),
  });
}

const zipFolders = new Set();
for (const arch of arches) {
  const local = localElectronDist({ version, platform: target.platform, arch, env: process.env, hostPlatform: process.platform, hostArch: os.arch(), projectDir: root });
  if (local) {
    console.log(`Electron ${version} ${target.platform}-${arch}: ${local.kind} ${local.path}`);
    continue;
  }
  try {
    const zip = await fetchElectronZip(arch);
    console.log(`Electron ${version} ${target.platform}-${arch}: ${zip}`);
    zipFolders.add(path.dirname(zip));
  } catch (error) {
    stop(
      `Electron ${version} for ${target.platform}-${arch} could not be downloaded (${errorText(error)}); nothing was packaged. Provide it offline: put ${electronZipName(version, target.platform, arch)} in a folder and set COUNTERPAY_ELECTRON_DIST to that folder (or set ELECTRON_MIRROR to a reachable mirror), then run again.`,
    );
  }
}

// The config's electronDist hook picks the zips up from COUNTERPAY_ELECTRON_DIST's folders.
const env = { ...process.env };
// A configured nodedir (an npmrc setting for offline Node builds) points node-gyp at Node's own
// headers; the rebuild would then compile better-sqlite3 for Node's ABI, label it Electron's, and
// the packaged app would fail at start. The rebuild must use Electron's headers.
for (const key of Object.keys(env)) if (key.toLowerCase() === 'npm_config_nodedir') delete env[key];
env.COUNTERPAY_ELECTRON_DIST = [...(env.COUNTERPAY_ELECTRON_DIST ?? '').split(path.delimiter).filter(Boolean), ...zipFolders].join(path.delimiter);

/** Copies the native modules' Node builds aside; the returned function puts them back. */
function keepNodeBuilds() {
  const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'counterpay-native-'));
  const builds = NATIVE_MODULES.map((module) => {
    const dir = path.join(root, 'node_modules', module, 'build');
    const existed = fs.existsSync(dir);
    if (existed) fs.cpSync(dir, path.join(saved, module), { recursive: true });
    return { module, dir, existed };
  });
  return () => {
    for (const { module, dir, existed } of builds) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (existed) fs.cpSync(path.join(saved, module), dir, { recursive: true });
    }
    fs.rmSync(saved, { recursive: true, force: true });
  };
}

const [nodeMajor, nodeMinor] = process.versions.node.split('.').map(Number);
if (nodeMajor < 22 || (nodeMajor === 22 && nodeMinor < 12)) {
  console.warn(`counterpay dist: note: electron-builder's native rebuild (@electron/rebuild) declares Node 22.12 or newer; this is Node ${process.versions.node}`);
}
const restore = keepNodeBuilds();
// Ctrl-C reaches electron-builder too; this process stays to put the Node builds back.
const ignore = () => {};
process.on('SIGINT', ignore);
process.on('SIGTERM', ignore);
const builder = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), target.flag, '--config', configPath, '--publish', 'never', ...builderArgs],
  { cwd: root, stdio: 'inherit', env },
);
restore();
process.off('SIGINT', ignore);
process.off('SIGTERM', ignore);
if (builder.status !== 0) stop(`electron-builder failed (exit ${builder.status ?? builder.signal}); see its output above`, builder.status ?? 1);
console.log(`Installers are in ${path.relative(process.cwd(), path.join(root, config.directories.output)) || '.'}/`);
