#!/usr/bin/env node
// `node scripts/make-icons.mjs`: renders build/icon-source.svg, the one source image, into every
// icon the installers use, and records the source's hash so a test can tell when they are stale:
//   build/icon.png           1024 px (electron-builder's fallback, and the DMG's)
//   build/icons/NxN.png      16–512 px (Linux / AppImage)
//   build/icon.ico           Windows: 16–128 px as 32-bit BMP (what NSIS and old shell code read), 256 px as PNG
//   build/icon.icns          macOS: PNG entries 16–1024 px, @2x included
// Chromium rasterizes the SVG (Debian's /usr/bin/chromium, or CHROMIUM_PATH, through playwright-core,
// both already used by the end-to-end tests); the PNG, ICO and ICNS containers are written here with
// node:zlib alone, so no image tool is needed. The outputs are committed: packaging never runs this.
import { chromium } from 'playwright-core';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(root, 'build');
const sourcePath = path.join(buildDir, 'icon-source.svg');

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entry types and the pixel size each holds (icp4–icp6 and ic07–ic10 at 1x, ic11–ic14 are @2x). */
const ICNS_ENTRIES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];
const ALL_SIZES = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_ENTRIES.map(([, size]) => size), 1024])].sort((a, b) => a - b);

/** Each size drawn by Chromium from the vector source (not scaled down from one bitmap), as straight RGBA. */
async function rasterize(svg, sizes) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    const pixels = await page.evaluate(
      async ({ svg, sizes }) => {
        const url = `data:image/svg+xml;base64,${btoa(svg)}`;
        const image = new Image();
        image.src = url;
        await image.decode();
        const out = {};
        for (const size of sizes) {
          const canvas = document.createElement('canvas');
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext('2d', { colorSpace: 'srgb' });
          context.imageSmoothingQuality = 'high';
          context.drawImage(image, 0, 0, size, size);
          const data = context.getImageData(0, 0, size, size).data;
          let binary = '';
          for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
          out[size] = btoa(binary);
        }
        return out;
      },
      { svg, sizes },
    );
    return new Map(sizes.map((size) => [size, Buffer.from(pixels[size], 'base64')]));
  } finally {
    await browser.close();
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG; each row takes the filter with the smallest residue (the usual heuristic). */
export function encodePng(rgba, size) {
  const stride = size * 4;
  const rows = [];
  const paeth = (a, b, c) => {
    const p = a + b - c;
    const pa = Math.abs(p - a);
    const pb = Math.abs(p - b);
    const pc = Math.abs(p - c);
    return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
  };
  for (let y = 0; y < size; y += 1) {
    const row = rgba.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? rgba.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    let best;
    let bestScore = Infinity;
    for (let filter = 0; filter <= 4; filter += 1) {
      const out = Buffer.alloc(stride + 1);
      out[0] = filter;
      let score = 0;
      for (let x = 0; x < stride; x += 1) {
        const left = x >= 4 ? row[x - 4] : 0;
        const up = above[x];
        const upLeft = x >= 4 ? above[x - 4] : 0;
        const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter];
        const value = (row[x] - predictor) & 0xff;
        out[x + 1] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        best = out;
      }
    }
    rows.push(best);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BMP icon image: bottom-up BGRA, double height for the (empty) AND mask that follows. */
function encodeIcoBitmap(rgba, size) {
  const header = Buffer.alloc(40);
  const maskStride = Math.ceil(size / 32) * 4;
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2];
      pixels[to + 1] = rgba[from + 1];
      pixels[to + 2] = rgba[from];
      pixels[to + 3] = rgba[from + 3];
    }
  }
  return Buffer.concat([header, pixels, Buffer.alloc(maskStride * size)]);
}

function encodeIco(images) {
  const directory = Buffer.alloc(6 + 16 * images.length);
  directory.writeUInt16LE(0, 0);
  directory.writeUInt16LE(1, 2); // 1 = icon
  directory.writeUInt16LE(images.length, 4);
  let offset = directory.length;
  images.forEach(({ size, data }, index) => {
    const entry = 6 + index * 16;
    directory[entry] = size >= 256 ? 0 : size;
    directory[entry + 1] = size >= 256 ? 0 : size;
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(data.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([directory, ...images.map((image) => image.data)]);
}

function encodeIcns(entries) {
  const parts = entries.map(({ type, data }) => {
    const header = Buffer.alloc(8);
    header.write(type, 0, 'ascii');
    header.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([header, data]);
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.write('icns', 0, 'ascii');
  header.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([header, body]);
}

async function main() {
  const svg = fs.readFileSync(sourcePath, 'utf8');
  const pixels = await rasterize(svg, ALL_SIZES);
  const png = new Map(ALL_SIZES.map((size) => [size, encodePng(pixels.get(size), size)]));

  const written = [];
  const write = (relative, data) => {
    const file = path.join(buildDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, data);
    written.push(`${path.relative(root, file)} (${data.length} bytes)`);
  };
  write('icon.png', png.get(1024));
  for (const size of LINUX_SIZES) write(path.join('icons', `${size}x${size}.png`), png.get(size));
  write(
    'icon.ico',
    encodeIco(ICO_SIZES.map((size) => ({ size, data: size >= 256 ? png.get(size) : encodeIcoBitmap(pixels.get(size), size) }))),
  );
  write('icon.icns', encodeIcns(ICNS_ENTRIES.map(([type, size]) => ({ type, data: png.get(size) }))));
  write('icon-source.svg.sha256', `${crypto.createHash('sha256').update(fs.readFileSync(sourcePath)).digest('hex')}  icon-source.svg\n`);
  console.log(`icons rendered from build/icon-source.svg:\n  ${written.join('\n  ')}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
