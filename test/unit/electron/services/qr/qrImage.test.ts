import jsQR from 'jsqr';
import { createQrImageCache, QR_QUIET_ZONE_MODULES, qrImage, qrSvg, type QrPurpose } from '../../../../../electron/services/qr/qrImage';

/**
 * The generated SVG is read back the way a camera would: drawn into pixels (it is nothing
 * but a white square and `M x y h n v1 h-n z` rectangles on the module grid) and decoded
 * by jsQR, an independent decoder.
 */

interface Parsed {
  /** Width and height in modules, quiet zone included. */
  size: number;
  /** dark[row][col] on the full grid. */
  dark: boolean[][];
}

function parseSvg(svg: string): Parsed {
  const header = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) (\d+)" shape-rendering="crispEdges"><rect width="(\d+)" height="(\d+)" fill="#fff"\/><path fill="#000" d="([^"]*)"\/><\/svg>$/.exec(svg);
  if (!header) throw new Error(`unexpected SVG shape: ${svg.slice(0, 200)}`);
  const size = Number(header[1]);
  expect([header[2], header[3], header[4]].map(Number)).toEqual([size, size, size]);
  const dark = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const d = header[5]!;
  const rectangle = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/y;
  let consumed = 0;
  for (let match = rectangle.exec(d); match; match = rectangle.exec(d)) {
    const [x, y, width, back] = match.slice(1).map(Number) as [number, number, number, number];
    expect(back).toBe(width);
    expect(width).toBeGreaterThan(0);
    for (let col = x; col < x + width; col += 1) {
      expect(dark[y]![col]).toBe(false); // runs never overlap
      dark[y]![col] = true;
    }
    consumed = rectangle.lastIndex;
  }
  // Everything in the path is a rectangle this parser understood.
  expect(consumed).toBe(d.length);
  return { size, dark };
}

function rasterize({ size, dark }: Parsed, pixelsPerModule: number): { data: Uint8ClampedArray; width: number; height: number } {
  const width = size * pixelsPerModule;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (!dark[Math.floor(y / pixelsPerModule)]![Math.floor(x / pixelsPerModule)]) continue;
      const at = (y * width + x) * 4;
      data[at] = 0;
      data[at + 1] = 0;
      data[at + 2] = 0;
    }
  }
  return { data, width, height: width };
}

function decode(svg: string): string | undefined {
  const { data, width, height } = rasterize(parseSvg(svg), 4);
  return jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.data;
}

const CODE_URL = 'https://sandbox.counterpay.invalid/qr/alipay/20261122100000000001'; // 65 characters, as the sandbox makes them
const WECHAT_URL = 'weixin://wxpay/bizpayurl?pr=Ab3dE5g'; // 35 characters
const MERCHANT_URL = `https://api.nihaopay.com/v1.2/topayment/${'9f3b2c1d'.repeat(8)}?store_no=ST-0001&seller=${encodeURIComponent('Tea House 茶館 & Co.')}`;

describe('qrSvg', () => {
  it.each<[string, string, QrPurpose]>([
    ['a typical code_url', CODE_URL, 'screen'],
    ['a WeChat weixin:// URL', WECHAT_URL, 'screen'],
    ['a long merchant QR URL', MERCHANT_URL, 'screen'],
    ['a long merchant QR URL on a poster', MERCHANT_URL, 'poster'],
    ['a code_url on a poster', CODE_URL, 'poster'],
  ])('draws %s that decodes back to exactly the text', (_name, text, purpose) => {
    expect(decode(qrSvg(text, purpose).svg)).toBe(text);
  });

  it.each<[QrPurpose, string]>([
    ['screen', CODE_URL],
    ['poster', MERCHANT_URL],
  ])('leaves a quiet zone of 4 white modules on every side (%s)', (purpose, text) => {
    const { svg, modules } = qrSvg(text, purpose);
    const { size, dark } = parseSvg(svg);
    expect(size).toBe(modules);
    const q = QR_QUIET_ZONE_MODULES;
    expect(q).toBe(4);
    for (let row = 0; row < size; row += 1) {
      for (let col = 0; col < size; col += 1) {
        const inQuietZone = row < q || col < q || row >= size - q || col >= size - q;
        if (inQuietZone) expect(dark[row]![col], `module ${row},${col}`).toBe(false);
      }
    }
    // …and the symbol starts right after it: the three finder patterns' dark corners sit at the zone's edge.
    expect(dark[q]![q]).toBe(true);
    expect(dark[q]![size - q - 1]).toBe(true);
    expect(dark[size - q - 1]![q]).toBe(true);
    // The fourth corner has no finder pattern: a 7-module finder there would mean a mirrored grid.
    const finder = (row: number, col: number) => [0, 1, 2, 3, 4, 5, 6].every((i) => dark[row]![col + i] && dark[row + i]![col]);
    expect(finder(q, q)).toBe(true);
    expect(finder(size - q - 7, size - q - 7)).toBe(false);
  });

  it.each<[string, string, number, number]>([
    // As the file's comment documents: version 4 (33) at M, 5 (37) at Q; weixin:// 3 (29) at M, 4 (33) at Q. Plus the 8 quiet modules.
    ['a 65-character wallet URL', CODE_URL, 33, 37],
    ['a WeChat weixin:// URL', WECHAT_URL, 29, 33],
  ])('uses error correction M on screens and Q on posters: %s', (_name, text, atM, atQ) => {
    expect(CODE_URL).toHaveLength(65);
    expect(qrSvg(text, 'screen').modules).toBe(atM + 2 * QR_QUIET_ZONE_MODULES);
    expect(qrSvg(text, 'poster').modules).toBe(atQ + 2 * QR_QUIET_ZONE_MODULES);
  });

  it('writes level M (screen) or Q (poster) into the symbol’s format information, and jsQR reads the version to match', () => {
    /** ISO/IEC 18004 format bits, from the copy in column 8 beside the top-left finder (bit i at row i, skipping the timing row 6). */
    const errorCorrection = (svg: string): string => {
      const { size, dark } = parseSvg(svg);
      const q = QR_QUIET_ZONE_MODULES;
      const symbol = size - 2 * q;
      let bits = 0;
      for (let i = 0; i < 15; i += 1) {
        const row = i < 6 ? i : i < 8 ? i + 1 : symbol - 15 + i;
        if (dark[row + q]![8 + q]) bits |= 1 << i;
      }
      // The format is masked with 101010000010010; its top two data bits are the level (L 01, M 00, Q 11, H 10).
      return ['M', 'L', 'H', 'Q'][((bits ^ 0b101010000010010) >> 13) & 0b11]!;
    };
    const version = (svg: string) => {
      const { data, width, height } = rasterize(parseSvg(svg), 4);
      return jsQR(data, width, height, { inversionAttempts: 'dontInvert' })?.version;
    };
    for (const text of [CODE_URL, WECHAT_URL, MERCHANT_URL]) {
      expect(errorCorrection(qrSvg(text, 'screen').svg)).toBe('M');
      expect(errorCorrection(qrSvg(text, 'poster').svg)).toBe('Q');
    }
    expect(version(qrSvg(CODE_URL, 'screen').svg)).toBe(4);
    expect(version(qrSvg(CODE_URL, 'poster').svg)).toBe(5);
  });
});

describe('qrImage', () => {
  it('is the SVG as a base64 data URL, with its width in modules', () => {
    const image = qrImage(CODE_URL, 'screen');
    const prefix = 'data:image/svg+xml;base64,';
    expect(image.src.startsWith(prefix)).toBe(true);
    const svg = Buffer.from(image.src.slice(prefix.length), 'base64').toString('utf8');
    expect(svg).toBe(qrSvg(CODE_URL, 'screen').svg);
    expect(image.modules).toBe(41);
    expect(decode(svg)).toBe(CODE_URL);
  });
});

describe('createQrImageCache', () => {
  it('returns the same object for the same text and purpose', () => {
    const cached = createQrImageCache();
    const first = cached(CODE_URL, 'screen');
    expect(cached(CODE_URL, 'screen')).toBe(first);
    const poster = cached(CODE_URL, 'poster');
    expect(poster).not.toBe(first);
    expect(poster.modules).not.toBe(first.modules);
    expect(cached(WECHAT_URL, 'screen')).not.toBe(first);
  });

  it('keeps no more than its limit, forgetting the oldest', () => {
    const cached = createQrImageCache(2);
    const a = cached('A-text', 'screen');
    const b = cached('B-text', 'screen');
    const c = cached('C-text', 'screen');
    expect(cached('C-text', 'screen')).toBe(c);
    expect(cached('B-text', 'screen')).toBe(b);
    const again = cached('A-text', 'screen');
    expect(again).not.toBe(a); // rendered anew…
    expect(again).toEqual(a); // …to the same image
    // A came back in, so B (now the oldest) went out; C is still there.
    expect(cached('C-text', 'screen')).toBe(c);
    expect(cached('B-text', 'screen')).not.toBe(b);
  });
});
