import { unsupportedPhotoType } from './errors.ts';

export type ImageFormat = 'jpeg' | 'png' | 'webp';

const jpeg = [0xff, 0xd8, 0xff];
const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const riff = [0x52, 0x49, 0x46, 0x46];
const webp = [0x57, 0x45, 0x42, 0x50];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, index) => bytes[offset + index] === byte);

/** The image format by its magic bytes, or null. */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, jpeg)) return 'jpeg';
  if (startsWith(bytes, png)) return 'png';
  // RIFF, four bytes of chunk size, then the WEBP form type.
  if (startsWith(bytes, riff) && startsWith(bytes, webp, 8)) return 'webp';
  return null;
}

/**
 * The format an upload really has. The file name and the Content-Type a browser declares
 * are the uploader's claims; an HTML, SVG or PHP file renamed to photo.jpg still starts
 * with text, so it is refused (415) before any decoder sees it.
 */
export function sniffImage(bytes: Uint8Array): ImageFormat {
  const format = detectImageFormat(bytes);
  if (!format) throw unsupportedPhotoType();
  return format;
}
