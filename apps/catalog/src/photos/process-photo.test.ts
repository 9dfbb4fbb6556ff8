import { DomainError, type ErrorKind } from '@fruitables/core';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  EXIF_MARKER,
  impostors,
  isWebp,
  jpegWithGps,
  png,
  pngBomb,
  webp,
  webpChunks,
} from '../testing/photo-fixtures.ts';
import { createPhotoProcessor, limitConcurrency, PHOTO_POLICY, processPhoto, variantWidths } from './process-photo.ts';
import { detectImageFormat } from './sniff-image.ts';

async function failure(promise: Promise<unknown>): Promise<{ kind: ErrorKind; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('magic-byte sniffing', () => {
  it('recognises JPEG, PNG and WebP by their first bytes only', async () => {
    expect(detectImageFormat(await jpegWithGps(64, 48))).toBe('jpeg');
    expect(detectImageFormat(await png(8, 8))).toBe('png');
    expect(detectImageFormat(await webp(8, 8))).toBe('webp');
    expect(detectImageFormat(new TextEncoder().encode(impostors.svg))).toBeNull();
    expect(detectImageFormat(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
    expect(detectImageFormat(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });
});

describe('processing a photo', () => {
  it('turns a sideways phone JPEG upright into WebP variants with no EXIF or GPS left', async () => {
    const photo = await processPhoto(await jpegWithGps(1600, 1200), PHOTO_POLICY);
    // Orientation 6: 1600×1200 as stored is 1200 wide and 1600 tall upright.
    expect(photo.variants.map(({ width, height }) => [width, height])).toEqual([
      [320, 427],
      [640, 853],
      [1200, 1600],
    ]);
    expect({ width: photo.width, height: photo.height }).toEqual({ width: 1200, height: 1600 });
    for (const variant of photo.variants) {
      expect(isWebp(variant.bytes)).toBe(true);
      expect(webpChunks(variant.bytes).filter((chunk) => ['EXIF', 'XMP ', 'ICCP'].includes(chunk))).toEqual([]);
      const metadata = await sharp(variant.bytes).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: variant.width, height: variant.height });
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(metadata.orientation).toBeUndefined();
      expect(Buffer.from(variant.bytes).includes(EXIF_MARKER)).toBe(false);
    }
  });

  it('never upscales: a small photo gets one variant at its own width', async () => {
    const photo = await processPhoto(await png(300, 200), PHOTO_POLICY);
    expect(photo.variants.map(({ width, height }) => [width, height])).toEqual([[300, 200]]);
    expect(variantWidths(500, [320, 640, 1280])).toEqual([320, 500]);
    expect(variantWidths(1280, [1280, 320, 640, 640])).toEqual([320, 640, 1280]);
  });

  it('keeps transparency of a PNG and accepts WebP input', async () => {
    const fromPng = await processPhoto(await png(800, 600), PHOTO_POLICY);
    expect((await sharp(fromPng.variants[0]?.bytes).metadata()).hasAlpha).toBe(true);
    const fromWebp = await processPhoto(await webp(500, 500), PHOTO_POLICY);
    expect(fromWebp.variants.map(({ width }) => width)).toEqual([320, 500]);
  });

  it('refuses a header declaring too many pixels before decoding any of them (422)', async () => {
    const started = performance.now();
    const refused = await failure(processPhoto(pngBomb(20_000, 20_000), PHOTO_POLICY));
    // The pixel data is garbage: a decode attempt would have failed as photo_unreadable.
    expect(refused).toMatchObject({ kind: 'unprocessable', code: 'photo_too_many_pixels' });
    expect(refused.message).toContain('40000000');
    expect(performance.now() - started).toBeLessThan(1_000);
    // The same garbage under the cap is attempted, and fails as unreadable: the check above was first.
    expect(await failure(processPhoto(pngBomb(100, 100), PHOTO_POLICY))).toMatchObject({
      kind: 'unprocessable',
      code: 'photo_unreadable',
    });
  });

  it('refuses anything that is not JPEG, PNG or WebP by content (415), naming the accepted types', async () => {
    for (const text of Object.values(impostors)) {
      const refused = await failure(processPhoto(new TextEncoder().encode(text), PHOTO_POLICY));
      expect(refused).toMatchObject({ kind: 'unsupported_type', code: 'unsupported_photo_type' });
      expect(refused.message).toContain('image/jpeg, image/png, image/webp');
    }
    const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
    expect(await failure(processPhoto(gif, PHOTO_POLICY))).toMatchObject({ kind: 'unsupported_type' });
  });

  it('refuses a file with image magic bytes but broken content as unreadable (422)', async () => {
    const jpeg = await jpegWithGps(64, 48);
    expect(await failure(processPhoto(jpeg.slice(0, 40), PHOTO_POLICY))).toMatchObject({
      kind: 'unprocessable',
      code: 'photo_unreadable',
    });
    const html = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(impostors.html)]);
    expect(await failure(processPhoto(html, PHOTO_POLICY))).toMatchObject({ kind: 'unprocessable' });
  });

  it('refuses a file over the byte cap (413)', async () => {
    const policy = { ...PHOTO_POLICY, maxBytes: 1_000 };
    expect(await failure(processPhoto(await png(200, 200), policy))).toMatchObject({
      kind: 'too_large',
      code: 'photo_too_large',
    });
  });

  it('runs at most the configured number of photos at once, the rest in arrival order', async () => {
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const work = async (n: number) => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (n === 2) throw new Error('one fails');
      return n;
    };
    const limited = limitConcurrency(work, 2);
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(limited));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    // A failure frees its slot like a success does.
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const process = createPhotoProcessor(PHOTO_POLICY, 1);
    const [a, b] = await Promise.all([process(await png(64, 64)), process(await webp(32, 32))]);
    expect([a.width, b.width]).toEqual([64, 32]);
  });
});
