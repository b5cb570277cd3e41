import * as QRCode from 'qrcode';
import type { QrImage } from '../../../shared/display/customerDisplayView';

/**
 * The one adapter for the `qrcode` library: text in, an SVG data URL out, rendered in
 * main so the windows never need a QR library (and a LAN tablet gets a finished image).
 *
 * Choices for a phone camera 30–60 cm from the screen or poster:
 * - **Quiet zone 4 modules** (the minimum ISO/IEC 18004 asks for). Less, and wallet
 *   scanners lose the finder patterns against a dark display background.
 * - **Error correction M on screens.** A screen shows clean pixels; what goes wrong is
 *   glare and moiré, which M (15 %) absorbs. Each step up can add modules, and at a fixed
 *   drawn size more modules means smaller ones: a 65-character wallet URL is version 4
 *   (33 modules) at M and version 5 (37) at Q; a WeChat `weixin://` URL is version 3 (29)
 *   at M and 4 (33) at Q. With the quiet zone that is ~10–12 % bigger modules at M, which
 *   is what a camera at 60 cm needs most.
 * - **Error correction Q on printed posters.** Paper gets creased, scuffed and stuck behind
 *   tape or a plastic stand for months; Q (25 %) survives a lot more of that, and a
 *   poster is large enough that the extra modules cost nothing.
 * - Dark modules on white, drawn as one path with crisp edges: no anti-aliased grey
 *   between modules for the camera to guess about.
 */
export type QrPurpose = 'screen' | 'poster';

export const QR_QUIET_ZONE_MODULES = 4;
const ERROR_CORRECTION: Readonly<Record<QrPurpose, 'M' | 'Q'>> = { screen: 'M', poster: 'Q' };

/** The SVG markup of `text` as a QR code. */
export function qrSvg(text: string, purpose: QrPurpose): { svg: string; modules: number } {
  const code = QRCode.create(text, { errorCorrectionLevel: ERROR_CORRECTION[purpose] });
  const size = code.modules.size;
  const full = size + 2 * QR_QUIET_ZONE_MODULES;
  let path = '';
  for (let row = 0; row < size; row += 1) {
    let col = 0;
    while (col < size) {
      if (!code.modules.get(row, col)) {
        col += 1;
        continue;
      }
      // One rectangle per horizontal run of dark modules keeps the path short.
      const start = col;
      while (col < size && code.modules.get(row, col)) col += 1;
      path += `M${start + QR_QUIET_ZONE_MODULES} ${row + QR_QUIET_ZONE_MODULES}h${col - start}v1h-${col - start}z`;
    }
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${full} ${full}" shape-rendering="crispEdges">` +
    `<rect width="${full}" height="${full}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
  return { svg, modules: full };
}

/** The QR code as a data URL the pages' CSP allows (`img-src 'self' data:`). */
export function qrImage(text: string, purpose: QrPurpose): QrImage {
  const { svg, modules } = qrSvg(text, purpose);
  return { src: `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`, modules };
}

/**
 * Renders each text once: the snapshot is rebuilt on every change, the QR code in it
 * changes once a sale. Keeps the last few, which is all a display ever needs.
 */
export function createQrImageCache(limit = 4): (text: string, purpose: QrPurpose) => QrImage {
  const cache = new Map<string, QrImage>();
  return (text, purpose) => {
    const key = `${purpose}:${text}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const image = qrImage(text, purpose);
    cache.set(key, image);
    while (cache.size > limit) cache.delete(cache.keys().next().value as string);
    return image;
  };
}
