/** The only media type we store: every variant is re-encoded to WebP. */
export const PHOTO_CONTENT_TYPE = 'image/webp';

// A random (v4) UUID, then the variant's width: `3f0c…-640.webp`. Nothing of the upload (its
// file name, its farm) is in the name, and the UUID's 122 random bits make names unguessable.
// One segment, no slash or dot before the extension: a key can never climb out of a directory.
const photoKeyPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}-[1-9][0-9]{0,4}\.webp$/;

/** A fresh random name stem; a photo's variants share it and differ by width. */
export function newPhotoStem(): string {
  return crypto.randomUUID();
}

export function photoKey(stem: string, width: number): string {
  const key = `${stem}-${width}.webp`;
  assertPhotoKey(key);
  return key;
}

export function isPhotoKey(key: string): boolean {
  return photoKeyPattern.test(key);
}

/** Thrown by the stores for a key that is not one of our names (a bug or an attack, never user input we pass on). */
export class InvalidPhotoKey extends Error {
  constructor(key: string) {
    super(`not a photo key: ${JSON.stringify(key.slice(0, 80))}`);
    this.name = 'InvalidPhotoKey';
  }
}

export function assertPhotoKey(key: string): void {
  if (!isPhotoKey(key)) throw new InvalidPhotoKey(key);
}

/** Stores hold only WebP; refusing anything else keeps a store from ever serving HTML or SVG. */
export function assertPhotoContentType(contentType: string): void {
  if (contentType !== PHOTO_CONTENT_TYPE)
    throw new Error(`photo stores hold ${PHOTO_CONTENT_TYPE} only, not ${contentType}`);
}
