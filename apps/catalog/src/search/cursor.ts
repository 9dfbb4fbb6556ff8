import { decodeCursor, encodeCursor } from '@fruitables/db';
import { z } from 'zod';

export const searchSorts = ['relevance', 'price_asc', 'price_desc', 'newest_harvest', 'popularity'] as const;
export type SearchSort = (typeof searchSorts)[number];

/**
 * Where the previous page ended: its sort, the last offer's id and, where the key is public,
 * the key itself (price, harvest date, relevance score). Popularity pages carry only the id
 * and the query reads that offer's boxes sold, so a cursor never reveals a farm's sales.
 */
export type SearchCursor =
  | { sort: 'relevance'; score: number; id: string }
  | { sort: 'price_asc' | 'price_desc'; priceKrw: number; id: string }
  | { sort: 'newest_harvest'; harvestedOn: string | null; id: string }
  | { sort: 'popularity'; id: string };

const cursorSchema = z.discriminatedUnion('s', [
  z.object({ s: z.literal('relevance'), k: z.number().int().min(0).max(1_000_000), i: z.uuid() }),
  z.object({ s: z.enum(['price_asc', 'price_desc']), k: z.number().int().min(0), i: z.uuid() }),
  z.object({ s: z.literal('newest_harvest'), k: z.iso.date().nullable(), i: z.uuid() }),
  z.object({ s: z.literal('popularity'), i: z.uuid() }),
]);

export function encodeSearchCursor(cursor: SearchCursor): string {
  const { sort: s, id: i } = cursor;
  const k =
    cursor.sort === 'relevance'
      ? cursor.score
      : cursor.sort === 'newest_harvest'
        ? cursor.harvestedOn
        : cursor.sort === 'popularity'
          ? undefined
          : cursor.priceKrw;
  return encodeCursor(k === undefined ? { s, i } : { s, k, i });
}

/** The cursor in `text`, or undefined if it is not one this service wrote. */
export function decodeSearchCursor(text: string): SearchCursor | undefined {
  const parsed = cursorSchema.safeParse(decodeCursor(text));
  if (!parsed.success) return undefined;
  const value = parsed.data;
  switch (value.s) {
    case 'relevance':
      return { sort: value.s, score: value.k, id: value.i };
    case 'newest_harvest':
      return { sort: value.s, harvestedOn: value.k, id: value.i };
    case 'popularity':
      return { sort: value.s, id: value.i };
    default:
      return { sort: value.s, priceKrw: value.k, id: value.i };
  }
}
