import { TooLarge, Unprocessable } from '@fruitables/core';
import { problemResponses } from '@fruitables/kit';
import { createRoute, z } from '@hono/zod-openapi';
import { recipientListSchema } from '../../contract/gifts.ts';
import { MAX_GIFT_RECIPIENTS, readGiftRecipients } from '../../domain/gift-recipients.ts';
import { MAX_RECIPIENT_FILE_BYTES, readTable } from '../../gifts/read-table.ts';
import { type OrdersApp, type RouteDeps, shopperRouteSecurity } from '../deps.ts';

export const recipientFileForm = z
  .object({
    file: z.instanceof(File, { message: 'file 필드에 받는 분 목록 파일을 첨부해 주세요.' }).openapi({
      type: 'string',
      format: 'binary',
      description: `CSV (UTF-8, or CP949 as Korean Excel saves it) or XLSX (first sheet): 이름, 휴대폰, 우편번호, 주소, 상세주소, 배송메모, 카드메시지, 배송일; at most ${MAX_GIFT_RECIPIENTS} rows.`,
    }),
  })
  .openapi('GiftRecipientFile');

export const readRecipientsRoute = createRoute({
  method: 'post',
  path: '/v1/gift-checkouts/recipients',
  tags: ['checkout'],
  summary: 'Read a gift recipient list (CSV or XLSX): the recipients, or every row error',
  description:
    'Nothing is stored. Any broken row answers 422 problem+json `recipients_invalid` whose `errors` name every row and column (`rows[3].phone`, the header being row 1), so the whole list is fixed and sent again.',
  ...shopperRouteSecurity,
  request: {
    body: { required: true, content: { 'multipart/form-data': { schema: recipientFileForm } } },
  },
  responses: {
    200: {
      description: 'The recipients, or the row errors',
      content: { 'application/json': { schema: recipientListSchema } },
    },
    ...problemResponses(400, 401, 403, 413, 422),
  },
});

export function registerReadRecipients(app: OrdersApp, deps: RouteDeps): void {
  app.openapi({ ...readRecipientsRoute, middleware: deps.shopper }, async (c) => {
    const { file } = c.req.valid('form');
    if (file.size > MAX_RECIPIENT_FILE_BYTES) {
      throw new TooLarge(`받는 분 목록 파일은 ${MAX_RECIPIENT_FILE_BYTES / 1024}KB까지예요.`, 'file_too_large');
    }
    const rows = await readTable(new Uint8Array(await file.arrayBuffer()));
    const { recipients, errors } = readGiftRecipients(rows, deps.ctx.clock.now());
    if (errors.length > 0) {
      throw new Unprocessable(
        `받는 분 목록에 고칠 곳이 ${errors.length}군데 있어요. 표시한 줄을 고쳐 다시 올려 주세요.`,
        'recipients_invalid',
        errors.map((error) => ({ field: `rows[${error.row}].${error.field}`, message: error.message })),
      );
    }
    return c.json({ recipients }, 200);
  });
}
