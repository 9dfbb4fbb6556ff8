import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, farms } from './farms.ts';
import { catalog } from './namespace.ts';
import type { PhotoSubject } from './values.ts';

/** One stored WebP rendition of a photo. */
export interface PhotoVariant {
  width: number;
  height: number;
  /** The storage key (a random name, never derived from the uploaded file name). */
  key: string;
  bytes: number;
}

/**
 * A photo of a farm, a product or a lot. Only the re-encoded WebP variants are stored (the
 * upload itself, with its EXIF/GPS data, never is); `farm_id` scopes every photo to the
 * farm that uploaded it.
 */
export const photos = catalog.table(
  'photos',
  {
    id: uuid('id').primaryKey(),
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    subjectType: text('subject_type').$type<PhotoSubject>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** Width and height of the largest variant. */
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    variants: jsonb('variants').$type<PhotoVariant[]>().notNull(),
    alt: text('alt').notNull().default(''),
    createdAt: createdAt(),
  },
  (table) => [
    index('photos_subject_idx').on(table.subjectType, table.subjectId, table.createdAt),
    check('photos_subject_known', sql`${table.subjectType} in ('farm', 'product', 'lot')`),
    check('photos_size_positive', sql`${table.width} > 0 and ${table.height} > 0`),
  ],
);
