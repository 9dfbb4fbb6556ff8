import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, farms, updatedAt } from './farms.ts';
import { catalog } from './namespace.ts';
import type { Grade, StockState } from './values.ts';

/** A fruit and variety one farm grows (사과 · 부사). */
export const products = catalog.table(
  'products',
  {
    id: uuid('id').primaryKey(),
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    fruit: text('fruit').notNull(),
    variety: text('variety').notNull(),
    description: text('description').notNull().default(''),
    seasonMonths: integer('season_months').array().notNull().default(sql`'{}'::integer[]`),
    storageAdvice: text('storage_advice').notNull().default(''),
    published: boolean('published').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('products_farm_fruit_variety_key').on(table.farmId, table.fruit, table.variety),
    index('products_fruit_idx').on(table.fruit),
    // Korean-friendly search: trigrams of "사과 부사" match partial words and typos.
    index('products_name_trgm_idx').using('gin', sql`(${table.fruit} || ' ' || ${table.variety}) gin_trgm_ops`),
    check('products_season_months_valid', sql`${table.seasonMonths} <@ array[1,2,3,4,5,6,7,8,9,10,11,12]`),
  ],
);

/** A product in one grade and pack, at one price: what a shopper puts in the cart. */
export const offers = catalog.table(
  'offers',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id),
    /** Copied from the product so farm scoping and lot-code uniqueness need no join. */
    farmId: uuid('farm_id')
      .notNull()
      .references(() => farms.id),
    grade: text('grade').$type<Grade>().notNull(),
    packKg: numeric('pack_kg', { precision: 6, scale: 2 }).notNull(),
    countPerBox: integer('count_per_box'),
    priceKrw: integer('price_krw').notNull(),
    perOrderLimit: integer('per_order_limit'),
    published: boolean('published').notNull().default(false),
    /** The stock state last announced in StockLevelChanged; only a change of it is published. */
    stockState: text('stock_state').$type<StockState>().notNull().default('sold_out'),
    /** Kept by a trigger on lots (see the migration): the newest harvest date, for "newest harvest" sorting. */
    newestHarvestOn: date('newest_harvest_on', { mode: 'string' }),
    /** Kept by a trigger on lots: boxes ever sold, the "popularity" sort. */
    soldBoxes: integer('sold_boxes').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    uniqueIndex('offers_product_grade_pack_key').on(table.productId, table.grade, table.packKg),
    index('offers_farm_idx').on(table.farmId),
    check('offers_grade_known', sql`${table.grade} in ('특', '상', '보통', '못난이')`),
    check('offers_pack_kg_positive', sql`${table.packKg} > 0`),
    check('offers_count_per_box_positive', sql`${table.countPerBox} is null or ${table.countPerBox} > 0`),
    check('offers_price_positive', sql`${table.priceKrw} > 0`),
    check('offers_per_order_limit_positive', sql`${table.perOrderLimit} is null or ${table.perOrderLimit} > 0`),
    // The search sort indexes (price, newest harvest, popularity; published offers only) are
    // in drizzle/0002_search_sort_indexes.sql: drizzle-kit cannot express one of them.
    check('offers_sold_boxes_nonnegative', sql`${table.soldBoxes} >= 0`),
    check('offers_stock_state_known', sql`${table.stockState} in ('in_stock', 'low', 'sold_out')`),
  ],
);
