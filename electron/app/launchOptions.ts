/** Command-line options shared by the Electron shell and browser mode. */
export interface LaunchOptions {
  browser: boolean;
  port?: number;
  dataDir?: string;
  /** Forget the manager PIN and its lock at start (audited); first-run setup asks for a new one. */
  resetManagerPin?: boolean;
}

export const DEFAULT_BROWSER_PORT = 8420;

export type LaunchParse = { ok: true; options: LaunchOptions } | { ok: false; message: string };

/** Parses `--browser`, `--port N`, `--data-dir DIR` (also `--port=N`) and `--reset-manager-pin`; unknown flags are errors. */
export function parseLaunchOptions(argv: readonly string[]): LaunchParse {
  const options: LaunchOptions = { browser: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] ?? '').split(/=(.*)/s, 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--browser') options.browser = true;
    else if (flag === '--reset-manager-pin') options.resetManagerPin = true;
    else if (flag === '--port') {
      const text = value();
      const port = Number(text);
      if (!text || !Number.isInteger(port) || port < 0 || port > 65535) return { ok: false, message: `--port needs a number from 0 to 65535, got "${text ?? ''}"` };
      options.port = port;
    } else if (flag === '--data-dir') {
      const dir = value();
      if (!dir) return { ok: false, message: '--data-dir needs a folder' };
      options.dataDir = dir;
    } else if (flag.startsWith('--') && !flag.startsWith('--inspect')) {
      return { ok: false, message: `unknown option ${flag} (known: --browser, --port N, --data-dir DIR, --reset-manager-pin)` };
    }
  }
  return { ok: true, options };
}
