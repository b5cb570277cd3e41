import { createRequire } from 'node:module';
import path from 'node:path';

/** The repository root and the CommonJS build modules, typed for the tests (they are plain .cjs). */
export const ROOT = path.resolve(import.meta.dirname, '../../..');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));

export interface TargetEntry {
  target: string;
  arch: string[];
}

export interface ElectronBuilderConfig {
  appId: string;
  productName: string;
  version?: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  electronDist: unknown;
  win: { target: TargetEntry[]; icon: string };
  nsis: Record<string, unknown>;
  mac: { target: TargetEntry[]; icon: string; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean };
  linux: { target: TargetEntry[]; icon: string };
  [key: string]: unknown;
}

export function loadBuilderConfig(): ElectronBuilderConfig {
  const file = requireFromRoot.resolve('./build/electron-builder.config.cjs');
  // Fresh each time: the config reads the environment when it is loaded.
  delete requireFromRoot.cache[file];
  return requireFromRoot(file) as ElectronBuilderConfig;
}

export interface LocalElectronDistInput {
  version: string;
  platform: string;
  arch: string;
  env: Record<string, string | undefined>;
  hostPlatform: string;
  hostArch: string;
  projectDir: string;
  exists?: (file: string) => boolean;
}

export const electronDist = requireFromRoot('./build/electronDist.cjs') as {
  electronZipName(version: string, platform: string, arch: string): string;
  unpackedExecutable(platform: string): string;
  localElectronDist(input: LocalElectronDistInput): { kind: 'zip folder' | 'unpacked'; path: string } | undefined;
  electronLeftovers(platform: string): string[];
};

export const notarization = requireFromRoot('./build/notarization.cjs') as {
  CREDENTIAL_SETS: string[][];
  notarizationFromEnv(env: Record<string, string | undefined>): { notarize: boolean; missing: string[] };
};
