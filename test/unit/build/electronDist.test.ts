import path from 'node:path';
import { electronDist, type LocalElectronDistInput } from './buildConfig';

const { electronZipName, localElectronDist, electronLeftovers } = electronDist;

const project = path.resolve('/project');
const version = '42.11.18';

/** A machine described by the files it has. */
function on(files: string[]): (file: string) => boolean {
  const present = new Set(files.map((file) => path.resolve(file)));
  return (file) => present.has(path.resolve(file));
}

function find(input: Partial<LocalElectronDistInput> & { files: string[] }) {
  const { files, ...rest } = input;
  return localElectronDist({ version, platform: 'linux', arch: 'x64', env: {}, hostPlatform: 'linux', hostArch: 'x64', projectDir: project, exists: on(files), ...rest });
}

describe('localElectronDist', () => {
  it('names zips the way Electron releases do', () => {
    expect(electronZipName(version, 'win32', 'arm64')).toBe('electron-v42.11.18-win32-arm64.zip');
  });

  it('finds nothing on a machine with no Electron: packaging must download it', () => {
    expect(find({ files: [] })).toBeUndefined();
  });

  it("uses the electron package's own download for the host's platform and architecture", () => {
    const files = [path.join(project, 'node_modules/electron/dist/electron')];
    expect(find({ files })).toEqual({ kind: 'unpacked', path: path.join(project, 'node_modules/electron/dist') });
    // It is one platform and one architecture; every other target still needs its own.
    expect(find({ files, arch: 'arm64' })).toBeUndefined();
    expect(find({ files, platform: 'win32' })).toBeUndefined();
  });

  it('looks for the executable each platform has', () => {
    const dist = path.join(project, 'node_modules/electron/dist');
    expect(find({ platform: 'darwin', hostPlatform: 'darwin', arch: 'arm64', hostArch: 'arm64', files: [path.join(dist, 'Electron.app/Contents/MacOS/Electron')] })?.kind).toBe('unpacked');
    expect(find({ platform: 'win32', hostPlatform: 'win32', files: [path.join(dist, 'electron.exe')] })?.kind).toBe('unpacked');
    // An empty dist folder (an interrupted download) is not an Electron.
    expect(find({ files: [path.join(dist, 'version')] })).toBeUndefined();
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH to the package download, as the electron package does', () => {
    const files = ['/opt/electron/electron', path.join(project, 'node_modules/electron/dist/electron')];
    expect(find({ env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, files })?.path).toBe(path.resolve('/opt/electron'));
  });

  it('takes zips from COUNTERPAY_ELECTRON_DIST folders for any platform, before anything else', () => {
    const delimiter = path.delimiter;
    const env = { COUNTERPAY_ELECTRON_DIST: ['/offline/a', '/offline/b'].join(delimiter) };
    const files = ['/offline/b/electron-v42.11.18-win32-arm64.zip', '/offline/a/electron-v42.11.18-linux-x64.zip', path.join(project, 'node_modules/electron/dist/electron')];
    expect(find({ env, platform: 'win32', arch: 'arm64', files })).toEqual({ kind: 'zip folder', path: path.resolve('/offline/b') });
    expect(find({ env, files })).toEqual({ kind: 'zip folder', path: path.resolve('/offline/a') });
    // A zip of another version is not this Electron.
    expect(find({ env, files: ['/offline/a/electron-v41.0.0-linux-x64.zip'] })).toBeUndefined();
  });
});

describe('electronLeftovers', () => {
  it("removes Electron's default app and version file, wherever the platform keeps them", () => {
    expect(electronLeftovers('linux')).toEqual(['version', path.join('resources', 'default_app.asar')]);
    expect(electronLeftovers('win32')).toEqual(['version', path.join('resources', 'default_app.asar')]);
    expect(electronLeftovers('darwin')).toEqual(['version', path.join('Electron.app', 'Contents', 'Resources', 'default_app.asar')]);
  });
});
