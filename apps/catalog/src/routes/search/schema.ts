import { certificationKinds, grades, stockStates } from '@fruitables/schema-catalog';
import { z } from '@hono/zod-openapi';
import { FARM_ID, OFFER_ID, PRODUCT_ID } from '../../contract/examples.ts';
import { decodeSearchCursor, searchSorts } from '../../search/cursor.ts';
import { parseRegion } from '../../search/regions.ts';
import { effectiveSort } from '../../search/search-offers.ts';
import { parseSearchText } from '../../search/search-text.ts';

export const MAX_QUERY_LENGTH = 100;
export const MAX_PAGE_SIZE = 50;

const gradeMessage = '등급은 특, 상, 보통, 못난이 중 하나입니다. Grade is one of 특, 상, 보통, 못난이.';
const certificationMessage = '인증은 GAP, 무농약, 유기농 중 하나입니다. Certification is one of GAP, 무농약, 유기농.';

/** A repeatable parameter: `grade=특&grade=못난이` arrives as a list, `grade=특` as one value. */
const oneOrMore = <T extends z.ZodType>(item: T, max: number, message: string) =>
  z.union([item, z.array(item).max(max, message)], message);

const price = (name: string) =>
  z.coerce
    .number(`${name}: 숫자(원)를 입력하세요. Enter a whole number of KRW.`)
    .int(`${name}: 정수(원)여야 합니다. Use a whole number of KRW.`)
    .min(0, `${name}: 0원 이상이어야 합니다. Must be 0 KRW or more.`)
    .max(100_000_000, `${name}: 1억원 이하여야 합니다. At most 100,000,000 KRW.`);

export const searchQuery = z
  .object({
    q: z
      .string()
      .max(MAX_QUERY_LENGTH, `검색어는 ${MAX_QUERY_LENGTH}자 이하입니다. Keep q to ${MAX_QUERY_LENGTH} characters.`)
      .optional()
      .openapi({
        example: '샤인',
        description:
          'Words to find in fruit, variety, farm name or region, each at least once ("충주 사과"). Parts and near misses match: 한라 → 한라봉, 샤인머스켓 → 샤인머스캣. 못난이 (or 흠과, 파치, B급) filters by grade.',
      }),
    fruit: z.string().trim().min(1).max(40).optional().openapi({ example: '포도', description: 'Exactly this fruit' }),
    variety: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .optional()
      .openapi({ example: '샤인머스캣', description: 'Exactly this variety' }),
    region: z
      .string()
      .max(40)
      .refine(
        (value) => parseRegion(value) !== undefined,
        '지역은 시/도로 시작합니다(예: 경상북도, 경북 청송군, 제주 서귀포). region starts with a province: 경상북도, 경북 청송군, 제주 서귀포.',
      )
      .optional()
      .openapi({
        example: '경북 청송',
        description: '시/도 (any usual spelling: 경상북도, 경북), optionally followed by the start of a 시/군/구',
      }),
    grade: oneOrMore(z.enum(grades, gradeMessage), grades.length, gradeMessage)
      .optional()
      .openapi({ example: '못난이', description: 'Repeat for any of several grades: `grade=상&grade=못난이`' }),
    minPrice: price('minPrice').optional().openapi({ example: 20000, description: 'Lowest box price in KRW' }),
    maxPrice: price('maxPrice').optional().openapi({ example: 50000, description: 'Highest box price in KRW' }),
    inStock: z
      .enum(['true', 'false'], 'inStock은 true 또는 false입니다. inStock is true or false.')
      .optional()
      .openapi({ example: 'true', description: 'true: only offers with a box on sale now (in_stock or low)' }),
    certification: oneOrMore(
      z.enum(certificationKinds, certificationMessage),
      certificationKinds.length,
      certificationMessage,
    )
      .optional()
      .openapi({ example: '무농약', description: 'Farms with this certificate; repeat for any of several' }),
    sort: z
      .enum(
        searchSorts,
        '정렬은 relevance, price_asc, price_desc, newest_harvest, popularity 중 하나입니다. sort is one of relevance, price_asc, price_desc, newest_harvest, popularity.',
      )
      .optional()
      .openapi({
        example: 'price_asc',
        description:
          'Default: relevance when `q` has words to match, else newest_harvest. popularity is boxes sold (never shown as a number).',
      }),
    cursor: z
      .string()
      .max(300)
      .refine(
        (value) => decodeSearchCursor(value) !== undefined,
        '다음 페이지 커서가 올바르지 않습니다. Pass `nextCursor` from the previous page unchanged.',
      )
      .optional()
      .openapi({ description: '`nextCursor` of the previous page, with the same parameters' }),
    limit: z.coerce
      .number('limit: 숫자를 입력하세요. Enter a number.')
      .int('limit: 정수여야 합니다. Use a whole number.')
      .min(1, 'limit은 1 이상입니다. At least 1.')
      .max(MAX_PAGE_SIZE, `한 페이지는 최대 ${MAX_PAGE_SIZE}개입니다. At most ${MAX_PAGE_SIZE} per page.`)
      .default(20)
      .openapi({ example: 20 }),
  })
  .superRefine((query, ctx) => {
    if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxPrice'],
        message: '최고가가 최저가보다 낮습니다. maxPrice must be at least minPrice.',
      });
    }
    const cursor = query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor);
    const sort = effectiveSort(query.sort, parseSearchText(query.q).words.length > 0);
    if (cursor && cursor.sort !== sort) {
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: `이 커서는 다른 정렬(${cursor.sort})의 것입니다. This cursor belongs to sort=${cursor.sort}, not ${sort}.`,
      });
    }
  });

export const searchHitSchema = z
  .object({
    offerId: z.uuid().openapi({ example: OFFER_ID }),
    productId: z.uuid().openapi({ example: PRODUCT_ID }),
    farmId: z.uuid().openapi({ example: FARM_ID }),
    farmName: z.string().openapi({ example: '영동 포도마을' }),
    region: z.object({
      sido: z.string().openapi({ example: '충청북도' }),
      sigungu: z.string().openapi({ example: '영동군' }),
    }),
    fruit: z.string().openapi({ example: '포도' }),
    variety: z.string().openapi({ example: '샤인머스캣' }),
    grade: z.enum(grades).openapi({ example: '특' }),
    packKg: z.number().openapi({ example: 2 }),
    countPerBox: z.number().int().nullable().openapi({ example: 3 }),
    priceKrw: z.number().int().openapi({ example: 35000 }),
    stockState: z.enum(stockStates).openapi({
      example: 'in_stock',
      description: 'sold_out: no sellable box; low: at most 5 boxes or 10% of the sellable harvest; else in_stock',
    }),
    newestHarvestOn: z.iso.date().nullable().openapi({
      example: '2026-11-18',
      description: "The offer's most recent harvest, lots ended early not counted; null before its first lot",
    }),
    certifications: z.array(z.enum(certificationKinds)).openapi({ example: ['GAP', '무농약'] }),
  })
  .openapi('SearchHit');

export const searchPageSchema = z
  .object({
    items: z.array(searchHitSchema),
    sort: z.enum(searchSorts).openapi({ example: 'relevance', description: 'The sort applied' }),
    nextCursor: z.string().nullable().openapi({
      example: null,
      description: 'Pass as `cursor` (with the same parameters) for the next page; null on the last',
    }),
  })
  .openapi('SearchPage');
