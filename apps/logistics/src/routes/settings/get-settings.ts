import { problemResponses } from '@fruitables/kit';
import { createRoute } from '@hono/zod-openapi';
import { readFarmSettings } from '../../domain/farm-settings.ts';
import { farmRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { farmSettingsView, settingsResponse } from './schema.ts';

export const getSettingsRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/settings',
  tags: ['farmer'],
  summary: 'The farm’s shipping settings (the platform’s defaults until it saves its own)',
  ...farmRouteSecurity,
  request: { params: farmParams },
  responses: {
    200: { description: 'The settings', content: { 'application/json': { schema: farmSettingsView } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerGetSettings(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...getSettingsRoute, middleware: deps.farmAccess }, async (c) =>
    c.json(settingsResponse(await readFarmSettings(deps.ctx, c.req.valid('param').farmId)), 200),
  );
}
