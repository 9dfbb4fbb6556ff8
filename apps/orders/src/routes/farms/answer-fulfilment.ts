import { fulfilmentNotFound } from '../../domain/errors.ts';
import { listFarmFulfilments } from '../../domain/farm-fulfilments.ts';
import type { RouteDeps } from '../deps.ts';

/** One fulfilment as the farmer's list shows it, after a change to it. */
export async function farmFulfilmentView(deps: RouteDeps, farmId: string, fulfilmentId: string) {
  const [found] = await listFarmFulfilments(deps.ctx.db, farmId, { fulfilmentId });
  if (!found) throw fulfilmentNotFound();
  return found;
}
