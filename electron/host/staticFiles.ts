import fs from 'node:fs';
import path from 'node:path';

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The page for each app route; everything else must be a built asset. */
export const PAGE_ROUTES: Readonly<Record<string, string>> = {
  '/': 'index.html',
  '/display': 'display.html',
};

/**
 * Resolves a request path to a file inside the built renderer, or undefined.
 * Never leaves `root`: "..", encoded separators and absolute paths all miss.
 */
export function resolveStaticFile(root: string, urlPath: string): { file: string; type: string } | undefined {
  const page = PAGE_ROUTES[urlPath];
  let relative: string;
  if (page) relative = page;
  else {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (!decoded.startsWith('/assets/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
    relative = decoded.slice(1);
  }
  const file = path.resolve(root, relative);
  if (!file.startsWith(path.resolve(root) + path.sep)) return undefined;
  const type = MIME[path.extname(file)];
  if (!type || !fs.existsSync(file) || !fs.statSync(file).isFile()) return undefined;
  return { file, type };
}
