import { z } from '@hono/zod-openapi';
import { cartViewSchema } from '../../contract/public-shapes.ts';
import { MAX_CART_ITEMS } from '../../domain/cart.ts';

const OFFER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000010';

export const quantity = z
  .number('수량은 숫자로 보내 주세요.')
  .int('수량은 정수로 보내 주세요.')
  .min(1, '수량은 1 이상이어야 해요.')
  .max(1000, '수량은 1,000개를 넘을 수 없어요.')
  .openapi({ example: 2 });

const addedUnitPrice = z
  .number()
  .int()
  .min(0)
  .max(100_000_000)
  .optional()
  .openapi({ example: 39_000, description: 'The unit price the shopper saw when adding it' });

export const cartLineSchema = z
  .object({
    offerId: z.uuid('offerId가 올바른 ID가 아니에요.').openapi({ example: OFFER_ID }),
    quantity,
    addedUnitPrice,
  })
  .strict();

const cartLines = z.array(cartLineSchema).max(MAX_CART_ITEMS, `장바구니에는 ${MAX_CART_ITEMS}가지까지 담을 수 있어요.`);

export const priceCartBody = z
  .object({
    items: cartLines,
    postcode: z
      .string()
      .regex(/^\d{5}$/, '우편번호는 숫자 5자리예요.')
      .optional()
      .openapi({ example: '06236' }),
  })
  .strict()
  .openapi('CartPriceRequest');

export const mergeCartBody = z.object({ items: cartLines }).strict().openapi('CartMergeRequest');

export const putCartItemBody = z.object({ quantity, addedUnitPrice }).strict().openapi('CartItemRequest');

export const cartQuery = z.object({
  postcode: z
    .string()
    .regex(/^\d{5}$/, '우편번호는 숫자 5자리예요.')
    .optional()
    .openapi({ param: { name: 'postcode', in: 'query' }, example: '06236' }),
});

export const cartResponses = {
  200: { description: 'The cart, priced live', content: { 'application/json': { schema: cartViewSchema } } },
};

/** A line as the domain keeps it: a price never seen is null. */
export const toCartLine = (line: { offerId: string; quantity: number; addedUnitPrice?: number | undefined }) => ({
  offerId: line.offerId,
  quantity: line.quantity,
  addedUnitPrice: line.addedUnitPrice ?? null,
});
