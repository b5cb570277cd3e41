import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Counterpay';

/**
 * Where settings and the journal live: --data-dir, else POS_DATA_DIR, else the OS's
 * app-data folder — the same folder Electron's app.getPath('userData') gives for
 * productName "Counterpay", so browser mode and Electron share one journal.
 */
export function resolveDataDir(options: {
  flag?: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}): string {
  if (options.flag) return path.resolve(options.flag);
  if (options.env.POS_DATA_DIR) return path.resolve(options.env.POS_DATA_DIR);
  const platform = options.platform ?? process.platform;
  const home = options.home ?? os.homedir();
  if (platform === 'win32') return path.join(options.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(options.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER_NAME);
}
