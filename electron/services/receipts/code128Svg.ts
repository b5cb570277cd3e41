import bwipjs from 'bwip-js/node';

/**
 * The receipt's Code 128 barcode as an SVG document (bwip-js, the one adapter for it).
 * No human-readable text under the bars: the receipt prints the id itself, in a font the
 * printer has. The quiet zone (ten modules each side) is part of the drawing, so no
 * layout can crop it.
 */
export function code128Svg(text: string): string {
  return bwipjs.toSVG({ bcid: 'code128', text, scale: 2, height: 12, includetext: false, paddingwidth: 10, paddingheight: 2, backgroundcolor: 'FFFFFF' });
}
