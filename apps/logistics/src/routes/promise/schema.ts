import type { z } from '@hono/zod-openapi';
import { promiseBody, promiseSchema } from '../../contract/promise.ts';
import type { DateOption, PlannedFarmPromise } from '../../domain/promise/plan-farm-promise.ts';
import type { QuotedPromise } from '../../domain/promise/quote-promise.ts';

// The request and answer are logistics' contract with orders and the storefront: defined there, validated here.
export { promiseBody, promiseSchema };

const optionBody = (option: DateOption) => ({
  date: option.date,
  dispatchDate: option.dispatchDate,
  available: option.available,
  label: option.label,
});

const farmBody = (farm: PlannedFarmPromise) => ({
  farmId: farm.farmId,
  area: farm.area,
  deliverable: farm.deliverable,
  reason: farm.reason,
  orderBy: farm.orderBy?.toISOString() ?? null,
  earliest: farm.earliest ? optionBody(farm.earliest) : null,
  headline: farm.headline,
  dates: farm.dates.map(optionBody),
  fee: farm.fee,
});

export const promiseResponse = (quoted: QuotedPromise): z.infer<typeof promiseSchema> => ({
  postcode: quoted.postcode,
  area: quoted.area,
  farms: quoted.farms.map(farmBody),
});
