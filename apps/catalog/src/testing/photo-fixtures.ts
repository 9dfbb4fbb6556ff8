import sharp from 'sharp';

// Test images, made on the fly with sharp (no binary fixtures in the repository).

const GPS_IFD_POINTER_TAG = Buffer.from([0x25, 0x88, 0x04, 0x00]); // tag 0x8825, type LONG, little-endian
/** Written into the EXIF description; no stored variant may contain it. */
export const EXIF_MARKER = 'orchard-behind-the-house';

/** A gradient, so encoders have some real work and variants differ in size. */
async function gradient(width: number, height: number, channels: 3 | 4) {
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      pixels[at] = (x * 255) / width;
      pixels[at + 1] = (y * 255) / height;
      pixels[at + 2] = 128;
      if (channels === 4) pixels[at + 3] = 200;
    }
  }
  return sharp(pixels, { raw: { width, height, channels } });
}

/**
 * A phone-like JPEG: EXIF with a description and a GPS position, stored sideways with
 * orientation 6 (so upright it is `height` wide and `width` tall).
 */
export async function jpegWithGps(width = 1600, height = 1200): Promise<Uint8Array> {
  const image = await gradient(width, height, 3);
  const bytes = await image
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { ImageDescription: EXIF_MARKER, Make: 'FruitPhone' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '36/1 58/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '127/1 55/1 0/1',
      },
    })
    .toBuffer();
  const { exif } = await sharp(bytes).metadata();
  // Guard the fixture itself: a test of stripping proves nothing if there was nothing to strip.
  if (!exif?.includes(EXIF_MARKER) || !exif.includes(GPS_IFD_POINTER_TAG)) {
    throw new Error('fixture JPEG lacks EXIF/GPS');
  }
  return new Uint8Array(bytes);
}

export async function png(width = 800, height = 600): Promise<Uint8Array> {
  return new Uint8Array(await (await gradient(width, height, 4)).png().toBuffer());
}

export async function webp(width = 500, height = 500): Promise<Uint8Array> {
  return new Uint8Array(await (await gradient(width, height, 3)).webp().toBuffer());
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(Bun.hash.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A PNG of a few dozen bytes whose header declares `width` × `height` (20000² is 400 MP,
 * 1.6 GB decoded). Its pixel data is garbage: if anything tried to decode it, the upload
 * would fail as unreadable instead of being refused for its size, which is how the tests
 * tell "refused from the header" from "refused after decoding".
 */
export function pngBomb(width = 20_000, height = 20_000): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, no filter method quirks, no interlace
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk('IHDR', header),
      pngChunk('IDAT', new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0xff])),
      pngChunk('IEND', new Uint8Array()),
    ]),
  );
}

/** Files that pretend to be photos: right name and declared type, wrong content. */
export const impostors = {
  html: '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>',
  svg: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="10"/></svg>',
  php: '<?php system($_GET["cmd"]); ?>',
} as const;

/** The RIFF chunk ids inside a WebP file (VP8/VP8L/VP8X/ALPH, and EXIF/XMP/ICCP if metadata were kept). */
export function webpChunks(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const chunks: string[] = [];
  let at = 12;
  while (at + 8 <= buffer.length) {
    chunks.push(buffer.toString('ascii', at, at + 4));
    const size = buffer.readUInt32LE(at + 4);
    at += 8 + size + (size % 2);
  }
  return chunks;
}

export function isWebp(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes);
  return buffer.toString('ascii', 0, 4) === 'RIFF' && buffer.toString('ascii', 8, 12) === 'WEBP';
}
