import { photos } from '@fruitables/schema-catalog';
import { and, eq } from 'drizzle-orm';
import type { DomainContext } from '../domain/context.ts';
import { photoNotFound } from './errors.ts';
import { type PhotoServices, removeFiles } from './upload-photo.ts';

/**
 * Deletes one of the farm's photos: the row first, so no page lists the photo any more,
 * then its files. Another farm's photo answers 404 like a missing one. Copies the edge
 * cached (media is immutable for a year) live on until evicted.
 */
export async function deletePhoto(
  ctx: Pick<DomainContext, 'db' | 'logger'> & Pick<PhotoServices, 'store'>,
  farmId: string,
  photoId: string,
): Promise<void> {
  const [deleted] = await ctx.db
    .delete(photos)
    .where(and(eq(photos.id, photoId), eq(photos.farmId, farmId)))
    .returning({ variants: photos.variants });
  if (!deleted) throw photoNotFound();
  await removeFiles(
    ctx,
    deleted.variants.map((variant) => variant.key),
  );
}
