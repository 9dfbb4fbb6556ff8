import { z } from '@hono/zod-openapi';

const id = (name: string, example: string) =>
  z.uuid(`${name}가 올바른 ID가 아닙니다. Not a valid id.`).openapi({ param: { name, in: 'path' }, example });

export const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000003';
export const PRODUCT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000010';
export const OFFER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000020';
export const LOT_ID = '0196f0c2-7b3a-7c1e-8f00-000000000030';
export const HOLD_ID = '0196f0c2-7b3a-7c1e-8f00-000000000040';

export const farmParams = z.object({ farmId: id('farmId', FARM_ID) });
export const farmProductParams = z.object({ farmId: id('farmId', FARM_ID), productId: id('productId', PRODUCT_ID) });
export const farmOfferParams = z.object({ farmId: id('farmId', FARM_ID), offerId: id('offerId', OFFER_ID) });
export const farmLotParams = z.object({ farmId: id('farmId', FARM_ID), lotId: id('lotId', LOT_ID) });
export const productParams = z.object({ productId: id('productId', PRODUCT_ID) });
export const holdParams = z.object({ holdId: id('holdId', HOLD_ID) });
