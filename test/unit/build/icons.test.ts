import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './buildConfig';

// The icons are rendered from build/icon-source.svg by scripts/make-icons.mjs and committed, so
// packaging needs no image tools. These checks keep them the icons that source makes.
const build = (file: string) => path.join(ROOT, 'build', file);

function pngSize(png: Buffer): { width: number; height: number; rgba: boolean } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), rgba: png[24] === 8 && png[25] === 6 };
}

interface IcoImage {
  size: number;
  data: Buffer;
}

function readIco(ico: Buffer): IcoImage[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
    const entry = 6 + index * 16;
    const length = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { size: ico[entry] || 256, data: ico.subarray(offset, offset + length) };
  });
}

/** RGBA of one pixel of a 32-bit bottom-up BMP icon image. */
function bmpPixel(image: IcoImage, x: number, y: number): [number, number, number, number] {
  const at = 40 + ((image.size - 1 - y) * image.size + x) * 4;
  return [image.data[at + 2]!, image.data[at + 1]!, image.data[at]!, image.data[at + 3]!];
}

describe('application icons', () => {
  it('were rendered from the current build/icon-source.svg (run node scripts/make-icons.mjs after editing it)', () => {
    const recorded = fs.readFileSync(build('icon-source.svg.sha256'), 'utf8').split(/\s+/)[0];
    expect(crypto.createHash('sha256').update(fs.readFileSync(build('icon-source.svg'))).digest('hex')).toBe(recorded);
  });

  it('PNG: 1024 px for electron-builder and the Linux sizes under build/icons', () => {
    expect(pngSize(fs.readFileSync(build('icon.png')))).toEqual({ width: 1024, height: 1024, rgba: true });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(fs.readFileSync(build(`icons/${size}x${size}.png`)))).toEqual({ width: size, height: size, rgba: true });
    }
  });

  it('ICO: 16 to 128 px as 32-bit bitmaps and 256 px as PNG', () => {
    const images = readIco(fs.readFileSync(build('icon.ico')));
    expect(images.map((image) => image.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const image of images) {
      if (image.size === 256) {
        expect(pngSize(image.data)).toEqual({ width: 256, height: 256, rgba: true });
      } else {
        expect(image.data.readUInt32LE(0)).toBe(40);
        expect(image.data.readInt32LE(4)).toBe(image.size);
        expect(image.data.readInt32LE(8)).toBe(image.size * 2);
        expect(image.data.readUInt16LE(14)).toBe(32);
      }
    }
  });

  it('shows the mark, not a blank: transparent margin, teal tile, white C', () => {
    const image = readIco(fs.readFileSync(build('icon.ico'))).find((candidate) => candidate.size === 48)!;
    expect(bmpPixel(image, 0, 0)[3]).toBe(0);
    const [r, g, b, a] = bmpPixel(image, 7, 24);
    expect(a).toBe(255);
    expect(g).toBeGreaterThan(r + 60);
    expect(g).toBeGreaterThan(b);
    expect(bmpPixel(image, 13, 24)).toEqual([255, 255, 255, 255]);
  });

  it('ICNS: PNG entries from 16 to 1024 px, Retina sizes included', () => {
    const icns = fs.readFileSync(build('icon.icns'));
    expect(icns.toString('ascii', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const expected: Record<string, number> = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024, ic11: 32, ic12: 64, ic13: 256, ic14: 512 };
    const found: Record<string, number> = {};
    for (let offset = 8; offset < icns.length; ) {
      const type = icns.toString('ascii', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      const { width, height } = pngSize(icns.subarray(offset + 8, offset + length));
      expect(height).toBe(width);
      found[type] = width;
      offset += length;
    }
    expect(found).toEqual(expected);
  });
});
