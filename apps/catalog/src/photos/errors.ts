import { NotFound, TooLarge, Unprocessable, UnsupportedType } from '@fruitables/core';

// Photo errors with stable codes; the kit turns them into problem+json. Korean first (the
// farmer console), English after, as in domain/errors.ts.

export const ACCEPTED_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Decided by the file's first bytes, never by its name or declared type. */
export const unsupportedPhotoType = () =>
  new UnsupportedType(
    `사진은 JPEG, PNG, WebP 파일만 올릴 수 있습니다. Send a photo as ${ACCEPTED_PHOTO_TYPES.join(', ')}.`,
    'unsupported_photo_type',
  );

export const photoTooLarge = (maxBytes: number) =>
  new TooLarge(
    `사진 파일이 너무 큽니다(최대 ${Math.floor(maxBytes / 1_048_576)}MB). Send a photo of at most ${maxBytes} bytes.`,
    'photo_too_large',
  );

/**
 * Unprocessable, not too large: the request is within the byte limit and well-formed; it is
 * the image's declared dimensions we refuse to decode. Clients can tell "compress it" from
 * "downscale it".
 */
export const photoTooManyPixels = (maxPixels: number) =>
  new Unprocessable(
    `사진 해상도가 너무 큽니다(최대 ${maxPixels / 1_000_000}백만 화소). Send a photo of at most ${maxPixels} pixels (width × height).`,
    'photo_too_many_pixels',
  );

export const photoUnreadable = () =>
  new Unprocessable(
    '사진 파일이 손상되었거나 읽을 수 없습니다. The image could not be read; it may be truncated or corrupt.',
    'photo_unreadable',
  );

export const photoNotFound = () => new NotFound('사진을 찾을 수 없습니다. No photo with this id.', 'photo_not_found');

/** The farm itself, one of its products or one of its lots; anything else looks missing. */
export const photoSubjectNotFound = () =>
  new NotFound(
    '사진을 붙일 농장·상품·로트를 찾을 수 없습니다. No farm, product or lot of this farm with this id.',
    'photo_subject_not_found',
  );

export const mediaNotFound = () => new NotFound('No media file at this address.', 'media_not_found');
