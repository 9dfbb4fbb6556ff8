import { newId } from '@fruitables/core';
import { farms, lots, type PhotoSubject, type PhotoVariant, photos, products } from '@fruitables/schema-catalog';
import { and, eq } from 'drizzle-orm';
import type { CatalogDb, DomainContext } from '../domain/context.ts';
import type { Photo } from '../domain/photo-reads.ts';
import { photoSubjectNotFound } from './errors.ts';
import { newPhotoStem, PHOTO_CONTENT_TYPE, photoKey } from './photo-key.ts';
import type { PhotoStore } from './photo-store.ts';
import type { ProcessPhoto } from './process-photo.ts';

/** What photo operations need besides the database: where files go and how uploads become variants. */
export interface PhotoServices {
  store: PhotoStore;
  process: ProcessPhoto;
}

export interface PhotoUpload {
  subjectType: PhotoSubject;
  subjectId: string;
  alt: string;
  bytes: Uint8Array;
}

/** Whether the subject is the farm itself, or a product or lot of that farm. */
async function subjectBelongsToFarm(db: CatalogDb, farmId: string, type: PhotoSubject, id: string): Promise<boolean> {
  const found =
    type === 'farm'
      ? id === farmId
        ? await db.select({ id: farms.id }).from(farms).where(eq(farms.id, id))
        : []
      : type === 'product'
        ? await db
            .select({ id: products.id })
            .from(products)
            .where(and(eq(products.id, id), eq(products.farmId, farmId)))
        : await db
            .select({ id: lots.id })
            .from(lots)
            .where(and(eq(lots.id, id), eq(lots.farmId, farmId)));
  return found.length > 0;
}

/**
 * Stores a photo of the farm, or of one of its products or lots: checks the subject (404 for
 * anything not the farm's, before spending CPU on the image), re-encodes the upload into
 * WebP variants (see processPhoto), writes each under a fresh random key, then records the
 * row. If any write or the insert fails, the files already written are deleted again, so a
 * failure leaves neither a row pointing at missing files nor files no row knows about.
 */
export async function uploadPhoto(
  ctx: Pick<DomainContext, 'db' | 'clock' | 'logger'> & PhotoServices,
  farmId: string,
  upload: PhotoUpload,
): Promise<Photo> {
  if (!(await subjectBelongsToFarm(ctx.db, farmId, upload.subjectType, upload.subjectId))) {
    throw photoSubjectNotFound();
  }
  const processed = await ctx.process(upload.bytes);
  const stem = newPhotoStem();
  const written: string[] = [];
  try {
    const variants: PhotoVariant[] = [];
    for (const variant of processed.variants) {
      const key = photoKey(stem, variant.width);
      await ctx.store.put(key, variant.bytes, PHOTO_CONTENT_TYPE);
      written.push(key);
      variants.push({ width: variant.width, height: variant.height, key, bytes: variant.bytes.byteLength });
    }
    const [photo] = await ctx.db
      .insert(photos)
      .values({
        id: newId(),
        farmId,
        subjectType: upload.subjectType,
        subjectId: upload.subjectId,
        width: processed.width,
        height: processed.height,
        variants,
        alt: upload.alt,
        createdAt: ctx.clock.now(),
      })
      .returning();
    if (!photo) throw new Error('insert returned no photo');
    return photo;
  } catch (error) {
    await removeFiles(ctx, written);
    throw error;
  }
}

/** Best effort: a file that cannot be removed is only wasted space, so it is logged, not thrown. */
export async function removeFiles(ctx: Pick<DomainContext, 'logger'> & Pick<PhotoServices, 'store'>, keys: string[]) {
  await Promise.all(
    keys.map((key) =>
      ctx.store.delete(key).catch((error: unknown) => {
        ctx.logger.warn({ err: error, key }, 'photo file not removed');
      }),
    ),
  );
}
