import { isAnyOf } from '@fruitables/db';
import { type PhotoSubject, photos } from '@fruitables/schema-catalog';
import { and, asc, eq } from 'drizzle-orm';
import type { CatalogDb } from './context.ts';

/** A stored photo as its row: the subject it belongs to and its variants. */
export type Photo = typeof photos.$inferSelect;

/**
 * The photos of each subject, oldest first (the first upload is the cover); one query for a
 * whole page. The ids go as one array parameter: a farm's inventory can list more lots than
 * PostgreSQL takes bind parameters (65,535) in an `in (...)` list.
 */
export async function photosOf(
  db: CatalogDb,
  type: PhotoSubject,
  subjectIds: readonly string[],
): Promise<Map<string, Photo[]>> {
  const bySubject = new Map<string, Photo[]>(subjectIds.map((id) => [id, []]));
  if (subjectIds.length === 0) return bySubject;
  const rows = await db
    .select()
    .from(photos)
    .where(and(eq(photos.subjectType, type), isAnyOf(photos.subjectId, subjectIds)))
    .orderBy(asc(photos.createdAt), asc(photos.id));
  for (const row of rows) bySubject.get(row.subjectId)?.push(row);
  return bySubject;
}
