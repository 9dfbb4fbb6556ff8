import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { catalog } from './namespace.ts';
import type { CertificationKind } from './values.ts';

export interface Certification {
  kind: CertificationKind;
  number: string;
}

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A farm profile. The id is the one identity assigned at FarmerVerified, so tokens' farmIds match. */
export const farms = catalog.table(
  'farms',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** 시/도 and 시/군/구; empty until the farmer fills in the profile. */
    regionSido: text('region_sido').notNull().default(''),
    regionSigungu: text('region_sigungu').notNull().default(''),
    story: text('story').notNull().default(''),
    certifications: jsonb('certifications').$type<Certification[]>().notNull().default(sql`'[]'::jsonb`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [index('farms_name_trgm_idx').using('gin', sql`${table.name} gin_trgm_ops`)],
);

/**
 * How many days after harvest a fruit's lots stay on sale. A fruit without a row falls back
 * to the service's default, so a new fruit is sellable before anyone tunes it.
 */
export const fruitMaxAges = catalog.table(
  'fruit_max_ages',
  {
    fruit: text('fruit').primaryKey(),
    maxAgeDays: integer('max_age_days').notNull(),
  },
  (table) => [check('fruit_max_ages_positive', sql`${table.maxAgeDays} > 0`)],
);

export { createdAt, updatedAt };
