import { UnsupportedType } from '@fruitables/core';
import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { trackingUploadResultSchema } from '../../contract/shipments.ts';
import { uploadTrackingNumbers } from '../../domain/shipments/tracking-upload.ts';
import { farmRouteSecurity, type LogisticsApp, type RouteDeps } from '../deps.ts';
import { farmParams } from '../params.ts';

export const uploadTrackingRoute = createRoute({
  method: 'post',
  path: '/v1/farms/{farmId}/shipments/tracking-upload',
  tags: ['farmer'],
  summary: 'Upload the courier’s CSV of 송장번호 (columns 주문번호 or 배송ID, 택배사, 송장번호)',
  description:
    'UTF-8 CSV (`text/csv`). The whole file is checked first: any problem answers 422 `tracking_upload_invalid` with every row error (row, column, Korean message) and saves nothing. A row already saved with the same number counts as `unchanged`.',
  ...farmRouteSecurity,
  request: {
    params: farmParams,
    body: {
      required: true,
      content: {
        'text/csv': {
          schema: z.string().openapi({ example: '주문번호,택배사,송장번호\n20261208-0001,CJ대한통운,640123456789\n' }),
        },
      },
    },
  },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: trackingUploadResultSchema } } },
    ...problemResponses(400, 401, 404, 413, 415, 422),
  },
});

export function registerUploadTracking(app: LogisticsApp, deps: RouteDeps): void {
  app.openapi({ ...uploadTrackingRoute, middleware: deps.farmAccess }, async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('text/csv')) {
      throw new UnsupportedType('text/csv로 보내 주세요. Send the file as text/csv.', 'unsupported_media_type');
    }
    const result = await uploadTrackingNumbers(deps.ctx, c.req.valid('param').farmId, await c.req.text());
    return c.json(result, 200);
  });
}
