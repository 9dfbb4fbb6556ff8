import { DomainError } from '@fruitables/core';
import sharp from 'sharp';
import { photoTooLarge, photoTooManyPixels, photoUnreadable, unsupportedPhotoType } from './errors.ts';
import { sniffImage } from './sniff-image.ts';

/** What an upload may be and what we make of it. */
export interface PhotoPolicy {
  /** Bytes of the uploaded file itself (the request may be a little larger: multipart framing). */
  maxBytes: number;
  /** Width × height as the file's header declares it, checked before anything is decoded. */
  maxPixels: number;
  /** Variant widths; a photo narrower than one gets it at its own width instead (never upscaled). */
  widths: readonly number[];
  /** WebP quality, 1-100. */
  quality: number;
}

export const PHOTO_POLICY: PhotoPolicy = {
  maxBytes: 10 * 1024 * 1024,
  // 40 MP covers every phone camera; decoding it takes ~160 MB (RGBA), which bounds memory.
  maxPixels: 40_000_000,
  // Phone list cells, product cards, a full-width hero.
  widths: [320, 640, 1280],
  quality: 80,
};

export interface ProcessedVariant {
  width: number;
  height: number;
  /** WebP, without any metadata. */
  bytes: Uint8Array;
}

export interface ProcessedPhoto {
  /** The largest variant's size. */
  width: number;
  height: number;
  /** Narrowest first. */
  variants: ProcessedVariant[];
}

export type ProcessPhoto = (input: Uint8Array) => Promise<ProcessedPhoto>;

/** The distinct widths to make for an image this wide, narrowest first. */
export function variantWidths(imageWidth: number, widths: readonly number[]): number[] {
  return [...new Set(widths.map((width) => Math.min(width, imageWidth)))].sort((a, b) => a - b);
}

/** sharp's own refusal when the data holds more pixels than `limitInputPixels` allows. */
const overPixelLimit = (error: unknown) => error instanceof Error && /pixel limit/i.test(error.message);

/**
 * Checks an upload and turns it into WebP variants:
 * 1. size cap, then the magic bytes (JPEG, PNG, WebP only; 415 otherwise);
 * 2. the header alone (sharp's metadata() decodes no pixels): the format must agree with the
 *    magic bytes and width × height must be within the pixel cap (422), so a small file
 *    declaring 20000×20000 is refused without allocating 1.6 GB. `limitInputPixels` is set
 *    too, as a second lock should the header and the data ever disagree;
 * 3. one decode, rotated upright by its EXIF orientation and reduced to the largest variant
 *    (JPEG and WebP shrink while decoding), into plain sRGB pixels;
 * 4. each variant encoded from those pixels. Nothing of the original's metadata survives:
 *    sharp writes none unless asked (no withMetadata/keepExif here), and the raw pixel step
 *    in between carries none anyway. EXIF (camera, time, GPS position of the farm) is gone.
 */
export async function processPhoto(input: Uint8Array, policy: PhotoPolicy): Promise<ProcessedPhoto> {
  if (input.byteLength > policy.maxBytes) throw photoTooLarge(policy.maxBytes);
  const format = sniffImage(input);
  const unreadable = (error: unknown) => {
    if (error instanceof DomainError) return error;
    return overPixelLimit(error) ? photoTooManyPixels(policy.maxPixels) : photoUnreadable();
  };
  // The header read runs without sharp's pixel limit so that our own check below gives the
  // readable answer; metadata() parses headers only and allocates no pixel buffer.
  const header = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((error: unknown) => {
      throw unreadable(error);
    });
  if (header.format !== format) throw unsupportedPhotoType();
  // Orientations 5-8 swap width and height; the pixel count is the same either way.
  const { width, height } = header.autoOrient;
  if (!(width > 0 && height > 0)) throw photoUnreadable();
  if (width * height > policy.maxPixels) throw photoTooManyPixels(policy.maxPixels);

  const widths = variantWidths(width, policy.widths);
  const largest = widths.at(-1) ?? width;
  try {
    const upright = await sharp(input, { limitInputPixels: policy.maxPixels })
      .autoOrient()
      .resize({ width: largest, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    const raw = { width: upright.info.width, height: upright.info.height, channels: upright.info.channels };
    const variants: ProcessedVariant[] = [];
    for (const variantWidth of widths) {
      const { data, info } = await sharp(upright.data, { raw })
        .resize({ width: variantWidth, withoutEnlargement: true })
        .webp({ quality: policy.quality })
        .toBuffer({ resolveWithObject: true });
      variants.push({ width: info.width, height: info.height, bytes: new Uint8Array(data) });
    }
    const biggest = variants.at(-1);
    if (!biggest) throw photoUnreadable();
    return { width: biggest.width, height: biggest.height, variants };
  } catch (error) {
    throw unreadable(error);
  }
}

/**
 * processPhoto with at most `maxConcurrent` photos decoding at once in this process: a
 * 40 MP decode holds ~160 MB, and a pod's memory limit must cover the worst case. Later
 * uploads wait their turn (the request timeout still applies to them).
 */
export function createPhotoProcessor(policy: PhotoPolicy, maxConcurrent: number): ProcessPhoto {
  return limitConcurrency((input: Uint8Array) => processPhoto(input, policy), maxConcurrent);
}

/** `work`, with at most `maxConcurrent` calls running at once; the rest wait in arrival order. */
export function limitConcurrency<I, O>(work: (input: I) => Promise<O>, maxConcurrent: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const acquire = async () => {
    if (running < maxConcurrent) {
      running++;
      return;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A finished call hands its slot straight to the next waiter, so a newcomer arriving in
  // between cannot slip past the queue and push the count over the limit.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return async (input: I): Promise<O> => {
    await acquire();
    try {
      return await work(input);
    } finally {
      release();
    }
  };
}
