/**
 * Which URLs the app's windows may show or load. Pure decisions over a URL string and the
 * built renderer's folder, so they are table-tested under plain Node; windowSecurity.ts
 * applies them to Electron's navigation and request events.
 *
 * Every decision parses with the WHATWG URL parser (the one Chromium uses) and compares
 * file paths after `fileURLToPath` + `path.relative`, never by string prefix: a prefix test
 * lets `file:///app/renderer-evil/x.html` pass for `/app/renderer`, and string checks miss
 * percent-encoded dot segments that the parser resolves.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The app's own pages, relative to the built renderer folder. Nothing else is ever shown. */
export const APP_PAGES = ['index.html', 'display.html'] as const;
export type AppPage = (typeof APP_PAGES)[number];

/**
 * Schemes a page may load without the network: `data:` images (the CSP allows them),
 * `blob:` URLs the page made itself, and the DevTools front-end when it is enabled.
 */
const LOCAL_SCHEMES: ReadonlySet<string> = new Set(['data:', 'blob:', 'devtools:']);

/**
 * The path of the file a `file:` URL names, relative to `rendererDir` with `/` separators,
 * when that file is inside `rendererDir`; undefined for anything else (other schemes, a
 * host part, encoded separators, paths that climb out, the folder itself, NUL bytes).
 */
export function rendererFileOf(url: string, rendererDir: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'file:') return undefined;
  // file://server/share/... is a UNC path on Windows: a network share, never our files.
  if (parsed.host !== '') return undefined;
  // A directory, or a file name with a trailing slash that path.relative would drop.
  if (parsed.pathname.endsWith('/')) return undefined;
  let file: string;
  try {
    // Throws on percent-encoded path separators, which would otherwise smuggle a '/'.
    file = fileURLToPath(parsed);
  } catch {
    return undefined;
  }
  if (file.includes('\0')) return undefined;
  const relative = path.relative(path.resolve(rendererDir), file);
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** True when `url` is one of the app's own pages (query and fragment are ignored). */
export function isAppPage(url: string, rendererDir: string): boolean {
  const file = rendererFileOf(url, rendererDir);
  return file !== undefined && (APP_PAGES as readonly string[]).includes(file);
}

/**
 * Whether a request made by a window may proceed: files of the built renderer and local
 * schemes only. Everything else — http(s), ws(s), ftp, file:// outside the renderer,
 * chrome:// — is refused, so no remote content can be loaded even if a page is subverted.
 */
export function isAllowedRendererRequest(url: string, rendererDir: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (LOCAL_SCHEMES.has(parsed.protocol)) return true;
  return rendererFileOf(url, rendererDir) !== undefined;
}
