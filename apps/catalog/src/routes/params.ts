import { z } from '@hono/zod-openapi';
import { FARM_ID, HOLD_ID, LOT_ID, OFFER_ID, PRODUCT_ID } from '../contract/examples.ts';

const id = (name: string, example: string) =>
  z.uuid(`${name}가 올바른 ID가 아닙니다. Not a valid id.`).openapi({ param: { name, in: 'path' }, example });

export const farmParams = z.object({ farmId: id('farmId', FARM_ID) });
export const farmProductParams = z.object({ farmId: id('farmId', FARM_ID), productId: id('productId', PRODUCT_ID) });
export const farmOfferParams = z.object({ farmId: id('farmId', FARM_ID), offerId: id('offerId', OFFER_ID) });
export const farmLotParams = z.object({ farmId: id('farmId', FARM_ID), lotId: id('lotId', LOT_ID) });
export const productParams = z.object({ productId: id('productId', PRODUCT_ID) });
export const holdParams = z.object({ holdId: id('holdId', HOLD_ID) });
