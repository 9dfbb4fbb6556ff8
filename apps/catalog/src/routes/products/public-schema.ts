import type { z } from '@hono/zod-openapi';
import type { publicOfferSchema, publicProductSchema } from '../../contract/public-reads.ts';

type PublicProductInput = Omit<z.infer<typeof publicProductSchema>, 'offers'> & {
  offers: (Omit<z.infer<typeof publicOfferSchema>, 'stockState'> & {
    stock: { state: z.infer<typeof publicOfferSchema>['stockState'] };
  })[];
};

/** Stock counts stay inside: shoppers see a state, competitors do not see a farm's inventory. */
export const publicProductBody = (product: PublicProductInput): z.infer<typeof publicProductSchema> => ({
  ...product,
  offers: product.offers.map(({ stock, ...offer }) => ({ ...offer, stockState: stock.state })),
});
