import fs from 'node:fs';
import path from 'node:path';
import { LAN_DISPLAY_MARKER } from '../../shared/display/lanDisplayWire';
import { resolveStaticFile } from './staticFiles';

/**
 * What the LAN display host may serve: the built display page and the assets it loads,
 * nothing of the cashier window. The set is found by following file names from
 * display.html through the files it names (Vite's hashed names are unique), so a new
 * chunk or font the display page starts using is served without a list to keep up.
 */
export interface LanDisplayFiles {
  /** display.html marked as served by the LAN host (see LAN_DISPLAY_META); undefined when the renderer is not built. */
  readonly page: string | undefined;
  /** A built asset the display page uses, for a request path like `/assets/x.js`; undefined otherwise. */
  asset(pathname: string): { file: string; type: string } | undefined;
}

/**
 * The page tells the LAN host from the loopback browser host by this tag (LAN_DISPLAY_MARKER),
 * which only the LAN host adds: it then shows the pairing form instead of calling the
 * cashier contract.
 */
export const LAN_DISPLAY_META = `<meta name="${LAN_DISPLAY_MARKER.name}" content="${LAN_DISPLAY_MARKER.content}" />`;

/** Paths that answer with the display page: the address the pairing screen gives, and the bare host. */
export const LAN_DISPLAY_PAGE_PATHS: ReadonlySet<string> = new Set(['/', '/display']);

const TEXT_ASSET = /\.(?:html|js|css|svg|json)$/;

/** File names in `assets/` reached from display.html, directly or through other assets. */
export function displayPageAssets(rendererDir: string): Set<string> {
  let names: string[];
  try {
    names = fs.readdirSync(path.join(rendererDir, 'assets'));
  } catch {
    return new Set();
  }
  const reached = new Set<string>();
  const read = (file: string) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const queue = [read(path.join(rendererDir, 'display.html'))];
  while (queue.length > 0) {
    const text = queue.pop()!;
    for (const name of names) {
      if (reached.has(name) || !text.includes(name)) continue;
      reached.add(name);
      if (TEXT_ASSET.test(name)) queue.push(read(path.join(rendererDir, 'assets', name)));
    }
  }
  return reached;
}

/** Inserts the LAN marker right after `<head>` (or first, for a page without one). */
export function markAsLanDisplay(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return LAN_DISPLAY_META + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + LAN_DISPLAY_META + html.slice(at);
}

export function lanDisplayFilesOf(rendererDir: string): LanDisplayFiles {
  let page: string | undefined;
  try {
    page = markAsLanDisplay(fs.readFileSync(path.join(rendererDir, 'display.html'), 'utf8'));
  } catch {
    page = undefined;
  }
  const assets = displayPageAssets(rendererDir);
  return {
    page,
    asset(pathname) {
      if (!pathname.startsWith('/assets/')) return undefined;
      const name = pathname.slice('/assets/'.length);
      // Only names read off the display page's own files: anything encoded, nested or of the cashier misses.
      if (!assets.has(name)) return undefined;
      return resolveStaticFile(rendererDir, `/assets/${name}`);
    },
  };
}
