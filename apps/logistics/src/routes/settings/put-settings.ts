import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { saveFarmSettings } from '../../domain/farm-settings.ts';
import { farmRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { farmSettingsSchema, farmSettingsView, minutesOf, settingsResponse } from './schema.ts';

export const putSettingsRoute = createRoute({
  method: 'put',
  path: '/v1/farms/{farmId}/settings',
  tags: ['farmer'],
  summary: 'Save the farm’s shipping settings: pick-up weekdays, cut-off, packing capacity, fees',
  description: 'The next promise uses them. Bookings already held keep their dates.',
  ...farmRouteSecurity,
  request: {
    params: farmParams,
    body: { required: true, content: { 'application/json': { schema: farmSettingsSchema } } },
  },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: farmSettingsView } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerPutSettings(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...putSettingsRoute, middleware: deps.farmAccess }, async (c) => {
    const { cutoff, ...rules } = c.req.valid('json');
    const saved = await saveFarmSettings(deps.ctx, {
      farmId: c.req.valid('param').farmId,
      ...rules,
      cutoffMinutes: minutesOf(cutoff),
    });
    return c.json(settingsResponse(saved), 200);
  });
}
