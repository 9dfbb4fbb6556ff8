import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { listDispatchShipments } from '../../domain/shipments/packing-list.ts';
import { renderLabels } from '../../labels/render-labels.ts';
import { farmRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';
import { dispatchDateQuery } from './schema.ts';

const query = dispatchDateQuery.extend({
  format: z
    .enum(['thermal', 'a4'], '형식은 thermal(100×150mm) 또는 a4예요.')
    .default('thermal')
    .openapi({ example: 'thermal' }),
});

// The page is only markup and inline styles: no script, no request anywhere (the QR codes are inline SVG).
const LABELS_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export const getLabelsRoute = createRoute({
  method: 'get',
  path: '/v1/farms/{farmId}/labels',
  tags: ['farmer'],
  summary: 'Labels for a dispatch date as a print page (100×150 mm thermal or A4 sheets)',
  description:
    'One label per box: recipient, masked phone (010-****-5678), address, order number, contents and a QR code to the lot’s trace page.',
  ...farmRouteSecurity,
  request: { params: farmParams, query },
  responses: {
    200: { description: 'The print page', content: { 'text/html': { schema: z.string() } } },
    ...problemResponses(400, 401, 404),
  },
});

export function registerGetLabels(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...getLabelsRoute, middleware: deps.farmAccess }, async (c) => {
    const { farmId } = c.req.valid('param');
    const { dispatchDate, format } = c.req.valid('query');
    const shipments = await listDispatchShipments(deps.ctx, farmId, dispatchDate);
    const html = await renderLabels({ farmId, dispatchDate, format, shopUrl: deps.shopUrl, shipments });
    c.header('content-security-policy', LABELS_CSP);
    c.header('cache-control', 'private, no-store');
    return c.html(html, 200);
  });
}
