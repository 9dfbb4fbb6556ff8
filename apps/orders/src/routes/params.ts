import { z } from '@hono/zod-openapi';
import { FULFILMENT_ID, ORDER_ID } from '../contract/examples.ts';

const id = (name: string, example: string) =>
  z.uuid(`${name}가 올바른 ID가 아니에요.`).openapi({ param: { name, in: 'path' }, example });

const OFFER_ID = '0196f0c2-7b3a-7c1e-8f00-000000000010';
const FARM_ID = '0196f0c2-7b3a-7c1e-8f00-000000000003';
const REQUEST_ID = '0196f0c2-7b3a-7c1e-8f00-000000000110';

export const offerParams = z.object({ offerId: id('offerId', OFFER_ID) });
export const orderParams = z.object({ orderId: id('orderId', ORDER_ID) });
export const orderFulfilmentParams = z.object({
  orderId: id('orderId', ORDER_ID),
  fulfilmentId: id('fulfilmentId', FULFILMENT_ID),
});
export const farmParams = z.object({ farmId: id('farmId', FARM_ID) });
export const farmFulfilmentParams = z.object({
  farmId: id('farmId', FARM_ID),
  fulfilmentId: id('fulfilmentId', FULFILMENT_ID),
});
export const farmRequestParams = z.object({
  farmId: id('farmId', FARM_ID),
  requestId: id('requestId', REQUEST_ID),
});
