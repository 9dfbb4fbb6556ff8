import { createRefund } from '@fruitables/payments/contract';
import { refunds } from '@fruitables/schema-orders';
import { defineWorkflow } from '@fruitables/workflow';
import { eq } from 'drizzle-orm';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import { recordRefundCompleted } from '../refunds.ts';
import { addTimeline } from '../timeline.ts';
import type { RefundInput } from './follow-ups.ts';
import { refusing } from './refusals.ts';

interface RefundResult {
  id: string;
  status: 'completed' | 'pending';
  refundedTotal: number;
}

/**
 * One refund at payments under the key derived from what it refunds (never the run's own key:
 * two runs for the same cancel must land on one refund). Completed answers are recorded at
 * once; RefundCompleted later finds them done.
 */
export function createRefundWorkflow(ctx: WorkflowContext) {
  return defineWorkflow<RefundInput, { refund: RefundResult }, OrdersTables>({
    kind: 'refund',
    steps: [
      {
        name: 'refund',
        timeoutMs: 15_000,
        retry: { maxAttempts: 10, backoff: (attempt) => Math.min(1_000 * 2 ** attempt, 120_000) },
        async run(step, input) {
          const refund = await refusing(() =>
            ctx.remotes.payments.call(
              createRefund,
              {
                idempotencyKey: input.requestKey,
                body: {
                  orderId: input.orderId,
                  fulfilmentId: input.fulfilmentId,
                  amount: input.amount,
                  reason: input.reason,
                  description: input.description,
                },
              },
              { signal: step.signal },
            ),
          );
          return { id: refund.id, status: refund.status, refundedTotal: refund.refundedTotal };
        },
      },
    ],
    async onCompleted(tx, run) {
      const result = run.results.refund;
      if (!result) return;
      await tx.update(refunds).set({ paymentsRefundId: result.id }).where(eq(refunds.id, run.input.refundId));
      if (result.status !== 'completed') return;
      await recordRefundCompleted(
        tx,
        {
          orderId: run.input.orderId,
          requestKey: run.input.requestKey,
          paymentsRefundId: result.id,
          fulfilmentId: run.input.fulfilmentId,
          amount: run.input.amount,
          refundedTotal: result.refundedTotal,
          reason: run.input.reason,
        },
        ctx.clock.now(),
      );
    },
    async onCompensated(tx, run) {
      ctx.logger.error(
        { orderId: run.input.orderId, error: run.error },
        'payments refused a refund; support must look',
      );
      await addTimeline(tx, ctx.clock.now(), [
        {
          orderId: run.input.orderId,
          fulfilmentId: run.input.fulfilmentId,
          status: 'refund_failed',
          note: '환불 처리에 문제가 생겨 고객센터에서 확인하고 있어요.',
        },
      ]);
    },
  });
}
