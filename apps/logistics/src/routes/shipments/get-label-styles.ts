import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { labelsCss } from '../../labels/render-labels.ts';
import type { LogisticsApp, RouteDeps } from '../deps.ts';

const params = z.object({
  format: z
    .enum(['thermal', 'a4'], '형식은 thermal(100×150mm) 또는 a4예요.')
    .openapi({ param: { name: 'format', in: 'path' }, example: 'thermal' }),
});

export const getLabelStylesRoute = createRoute({
  method: 'get',
  path: '/v1/labels/styles/{format}',
  tags: ['farmer'],
  summary: "The label page's stylesheet (the same rules the page carries inline)",
  description:
    'No sign-in: only layout. The farmer console writes the label page into a window that keeps the console’s CSP (no inline styles) and links this instead.',
  request: { params },
  responses: {
    200: { description: 'The stylesheet', content: { 'text/css': { schema: z.string() } } },
    ...problemResponses(400),
  },
});

export function registerGetLabelStyles(app: LogisticsApp, _deps: RouteDeps): void {
  app.openapi(getLabelStylesRoute, (c) => {
    c.header('content-type', 'text/css; charset=utf-8');
    // Short: a deploy that changes the layout reaches the next print within minutes.
    c.header('cache-control', 'public, max-age=300');
    return c.body(labelsCss(c.req.valid('param').format), 200);
  });
}
