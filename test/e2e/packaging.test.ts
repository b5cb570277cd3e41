import { extractFile, getRawHeader } from '@electron/asar';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from '../fixtures/tempDir';
import { loadBuilderConfig, ROOT } from '../unit/build/buildConfig';

/**
 * The packaging configuration, checked offline. electron-builder packages the built app (this
 * project runs after `npm run build`) for Linux `--dir` against a local stand-in for Electron's
 * distribution, since Electron itself cannot be downloaded here. The stand-in is what
 * electron-builder needs from a real one: an `electron` executable carrying Electron's fuse wire
 * (the sentinel and the fuse bytes @electron/fuses rewrites), resources/ with Electron's default
 * app, locales/, LICENSE and version. npmRebuild is off for this run only: rebuilding native
 * modules for Electron's ABI needs Electron's headers, which cannot be downloaded here either (CI
 * packaging rebuilds them; see .github/workflows/release.yml).
 */

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse wire v1 in the order Electron defines it, each as '0' (off) or '1' (on). */
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;
/** How Electron ships: the fuses packaging must flip start in these states. */
const ELECTRON_DEFAULT_FUSES = '10110001';

/** Above this the app has picked up something it should not ship (today about 21 MB, 60% of it bwip-js and zod). */
const ASAR_SIZE_LIMIT = 32 * 1024 * 1024;

const execFileAsync = promisify(execFile);

function readFuses(executable: string): Record<string, boolean> {
  const binary = fs.readFileSync(executable);
  const at = binary.indexOf(FUSE_SENTINEL);
  expect(at, 'fuse sentinel').toBeGreaterThanOrEqual(0);
  const wire = at + FUSE_SENTINEL.length;
  expect(binary[wire], 'fuse wire version').toBe(1);
  const states = binary.subarray(wire + 2, wire + 2 + binary[wire + 1]!).toString('latin1');
  return Object.fromEntries(FUSES.map((name, index) => [name, states[index] === '1']));
}

function makeElectronStandIn(dir: string): void {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'locales'));
  const wire = Buffer.concat([Buffer.from([1, FUSES.length]), Buffer.from(ELECTRON_DEFAULT_FUSES, 'latin1')]);
  const executable = Buffer.concat([Buffer.from(`#!/bin/sh\necho "Electron stand-in"\nexit 0\n# ${FUSE_SENTINEL}`, 'latin1'), wire, Buffer.from('\n')]);
  fs.writeFileSync(path.join(dir, 'electron'), executable, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'resources', 'default_app.asar'), 'Electron default app');
  fs.writeFileSync(path.join(dir, 'locales', 'en-US.pak'), 'locale');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT');
  fs.writeFileSync(path.join(dir, 'version'), '42.11.18');
}

interface AsarFile {
  size: number;
  unpacked: boolean;
}

/** Every file in the archive by its path inside it ("/dist/main/main.js"), packed or unpacked. */
function asarFiles(archive: string): Map<string, AsarFile> {
  const files = new Map<string, AsarFile>();
  const walk = (node: unknown, at: string) => {
    const entry = node as { files?: Record<string, unknown>; size?: number; unpacked?: boolean };
    if (entry.files) for (const [name, child] of Object.entries(entry.files)) walk(child, `${at}/${name}`);
    else if (typeof entry.size === 'number') files.set(at, { size: entry.size, unpacked: entry.unpacked === true });
  };
  walk(getRawHeader(archive).header, '');
  return files;
}

/** The package a specifier names ("@scope/name/sub" → "@scope/name"), or undefined for builtins and paths. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('node:') || specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name) || builtinModules.includes(name) || name === 'electron') return undefined;
  return name;
}

/** Packages the Node-side bundles load at run time (their dependencies are left external by vite.node.config.ts). */
function bareImports(source: string): string[] {
  const found = new Set<string>();
  for (const match of source.matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\s*["']([^"']+)["']/g)) {
    const name = packageOf(match[1] ?? match[2] ?? match[3] ?? match[4]!);
    if (name) found.add(name);
  }
  return [...found];
}

/** Node's lookup of a package from a directory inside the archive: node_modules folders upwards. */
function resolvesFrom(files: Map<string, AsarFile>, fromDir: string, name: string): boolean {
  for (let dir = fromDir; ; dir = path.posix.dirname(dir)) {
    if (files.has(`${dir === '/' ? '' : dir}/node_modules/${name}/package.json`)) return true;
    if (dir === '/') return false;
  }
}

describe('packaging (electron-builder, offline, Linux --dir against an Electron stand-in)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let appOutDir: string;
  let archive: string;
  let files: Map<string, AsarFile>;
  let seconds: number;

  beforeAll(async () => {
    temp = makeTempDir('counterpay-packaging-');
    const standIn = path.join(temp.dir, 'electron-dist');
    makeElectronStandIn(standIn);
    const output = path.join(temp.dir, 'release');
    const configFile = path.join(temp.dir, 'electron-builder.test.cjs');
    fs.writeFileSync(
      configFile,
      `const base = require(${JSON.stringify(path.join(ROOT, 'build', 'electron-builder.config.cjs'))});
module.exports = { ...base, electronDist: ${JSON.stringify(standIn)}, npmRebuild: false, directories: { ...base.directories, output: ${JSON.stringify(output)} } };
`,
    );
    const started = Date.now();
    try {
      await execFileAsync(process.execPath, [path.join(ROOT, 'node_modules', 'electron-builder', 'cli.js'), '--linux', 'dir', '--x64', '--config', configFile, '--publish', 'never'], {
        cwd: ROOT,
        env: { ...process.env, COUNTERPAY_ELECTRON_DIST: '', ELECTRON_OVERRIDE_DIST_PATH: '', ELECTRON_BUILDER_CACHE: path.join(temp.dir, 'cache') },
        maxBuffer: 16 * 1024 * 1024,
      });
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`electron-builder failed: ${failure.message}\n${failure.stdout ?? ''}\n${failure.stderr ?? ''}`);
    }
    seconds = (Date.now() - started) / 1000;
    appOutDir = path.join(output, 'linux-unpacked');
    archive = path.join(appOutDir, 'resources', 'app.asar');
    files = asarFiles(archive);
  }, 180_000);

  afterAll(() => temp?.cleanup());

  it('packs the app into resources/app.asar beside the renamed Electron, without Electron’s default app', () => {
    expect(fs.existsSync(archive)).toBe(true);
    expect(fs.existsSync(path.join(appOutDir, 'counterpay'))).toBe(true);
    expect(fs.existsSync(path.join(appOutDir, 'electron'))).toBe(false);
    expect(fs.existsSync(path.join(appOutDir, 'resources', 'default_app.asar'))).toBe(false);
    expect(fs.existsSync(path.join(appOutDir, 'version'))).toBe(false);
  });

  it('holds the main process, preload, both renderer pages, the browser host and the sandbox', () => {
    for (const file of ['/package.json', '/dist/main/main.js', '/dist/preload/preload.cjs', '/dist/renderer/index.html', '/dist/renderer/display.html', '/dist/host/browserMain.js', '/dist/sandbox/sandboxCli.js']) {
      expect(files.has(file), file).toBe(true);
    }
    // Everything the build produced (but its source maps) is in, so no chunk or asset is left behind.
    const built = fs.readdirSync(path.join(ROOT, 'dist'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && !entry.name.endsWith('.map'))
      .map((entry) => `/${path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`);
    expect(built.filter((file) => !files.has(file))).toEqual([]);
  });

  it('ships package.json as the app manifest, without scripts or devDependencies', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; version: string };
    expect(files.get('/package.json')?.unpacked).toBe(false);
    const inside = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(inside.main).toBe(manifest.main);
    expect(inside.version).toBe(manifest.version);
    expect(inside).not.toHaveProperty('devDependencies');
    expect(inside).not.toHaveProperty('scripts');
  });

  it('has every package the Node bundles import, and every dependency of those, resolvable inside the asar', () => {
    const bundles = [...files.keys()].filter((file) => /^\/dist\/(main|host|sandbox|chunks|preload)\/.*\.(c?js|mjs)$/.test(file));
    const imported = new Set<string>();
    for (const bundle of bundles) for (const name of bareImports(fs.readFileSync(path.join(ROOT, bundle), 'utf8'))) imported.add(name);
    expect([...imported]).toEqual(expect.arrayContaining(['axios', 'better-sqlite3', 'zod', 'ws', 'node-hid']));
    expect([...imported].filter((name) => !resolvesFrom(files, '/dist/main', name))).toEqual([]);

    const unresolved: string[] = [];
    for (const file of files.keys()) {
      const root = /^(.*\/node_modules\/(?:@[^/]+\/)?[^/@][^/]*)\/package\.json$/.exec(file);
      if (!root) continue;
      const manifest = JSON.parse(extractFile(archive, file.slice(1)).toString('utf8')) as { dependencies?: Record<string, string> };
      for (const dependency of Object.keys(manifest.dependencies ?? {})) {
        if (!resolvesFrom(files, root[1]!, dependency)) unresolved.push(`${root[1]} → ${dependency}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('unpacks the native modules, with only this platform’s node-hid prebuilds', () => {
    const unpackedRoot = path.join(appOutDir, 'resources', 'app.asar.unpacked');
    expect(files.get('/node_modules/better-sqlite3/build/Release/better_sqlite3.node')?.unpacked).toBe(true);
    expect(fs.existsSync(path.join(unpackedRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    const nativeFiles = [...files.entries()].filter(([file]) => file.endsWith('.node'));
    expect(nativeFiles.filter(([, entry]) => !entry.unpacked)).toEqual([]);
    const prebuilds = nativeFiles.map(([file]) => file).filter((file) => file.includes('/node-hid/prebuilds/'));
    expect(prebuilds.length).toBeGreaterThan(0);
    expect(prebuilds.filter((file) => !/\/HID(_hidraw)?-linux-/.test(file))).toEqual([]);
    // better-sqlite3's SQLite sources and object files are for compiling it, not for running it.
    expect([...files.keys()].filter((file) => /\/better-sqlite3\/(deps|src)\/|\/obj(\.target)?\/|\.(o|a|mk)$/.test(file))).toEqual([]);
    expect(files.has('/node_modules/better-sqlite3/build/Release/test_extension.node')).toBe(false);
  });

  it('leaves out tests, sources, source maps and development tooling', () => {
    const all = [...files.keys()];
    expect(all.filter((file) => /^\/(test|electron|renderer|shared|scripts|build|test-results|release|\.tsbuild)\//.test(file))).toEqual([]);
    expect(all.filter((file) => /\.(ts|tsx|mts|cts|map)$/.test(file))).toEqual([]);
    expect(all.filter((file) => /\/(__tests__|tests?)\/|\.(test|spec)\.[cm]?js$/.test(file))).toEqual([]);
    // The renderer's libraries are bundled by Vite; the main process never loads them.
    expect(all.filter((file) => /^\/node_modules\/(react|react-dom|scheduler|react-i18next|i18next)\//.test(file))).toEqual([]);
    const { devDependencies } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(devDependencies)).toEqual(expect.arrayContaining(['vitest', 'vite', 'playwright-core', 'typescript', 'electron-builder', 'electron']));
    expect(Object.keys(devDependencies).filter((name) => files.has(`/node_modules/${name}/package.json`))).toEqual([]);
  });

  it('stays a sane size', () => {
    const asarBytes = fs.statSync(archive).size;
    const entries = [...files.values()];
    const unpackedBytes = entries.filter((entry) => entry.unpacked).reduce((sum, entry) => sum + entry.size, 0);
    console.log(
      `app.asar: ${(asarBytes / 1024 / 1024).toFixed(1)} MB, ${entries.length} files (${entries.filter((entry) => entry.unpacked).length} unpacked, ${(unpackedBytes / 1024 / 1024).toFixed(1)} MB); electron-builder took ${seconds.toFixed(1)} s`,
    );
    expect(asarBytes).toBeGreaterThan(1024 * 1024);
    expect(asarBytes).toBeLessThan(ASAR_SIZE_LIMIT);
  });

  it("flips issue 8's fuses in the packaged executable", () => {
    // The stand-in starts with Electron's defaults, so each of these was written by packaging.
    expect(readFuses(path.join(temp.dir, 'electron-dist', 'electron'))).toMatchObject({ runAsNode: true, enableNodeOptionsEnvironmentVariable: true, onlyLoadAppFromAsar: false });
    expect(readFuses(path.join(appOutDir, 'counterpay'))).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: true,
    });
    // And they are the configuration's, not a second copy of it.
    for (const [name, value] of Object.entries(loadBuilderConfig().electronFuses)) expect(readFuses(path.join(appOutDir, 'counterpay'))[name], name).toBe(value);
  });
});
