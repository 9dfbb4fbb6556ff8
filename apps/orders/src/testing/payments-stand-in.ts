import { newId } from '@fruitables/core';
import { type StandInServer, standInRoutes, startStandInServer } from '@fruitables/kit/testing';
import { type Refund, type RefundRequest, refundBody } from '@fruitables/payments/contract';
import { idempotencyKeyOf, problemAnswer, sameBody } from './problem-answer.ts';

/*
 * A STAND-IN for the payments service, for orders' own tests only (the lead's journey tests run
 * the real payments). It honours payments' createRefund contract
 * (apps/payments/src/contract/internal-refunds.ts): keyed by Idempotency-Key (the same key answers
 * the same refund; another body is 409 idempotency_key_reused), never refunding more than was
 * paid (409 refund_exceeds_paid), 404 payment_not_found for an order nobody paid. Tests say
 * what was paid with `paid(orderId, amount)`; refunds complete at once, like a card refund.
 */

export interface PaymentsStandIn {
  url: string;
  server: StandInServer;
  /** Records that the order was paid this much (what the real payments learns from Toss). */
  paid(orderId: string, amount: number): void;
  /** Every refund made, in order. */
  refunds: (Refund & { reason: string; description: string })[];
  stop(): Promise<void>;
}

export function startPaymentsStandIn(): PaymentsStandIn {
  const paidByOrder = new Map<string, number>();
  const refunds: PaymentsStandIn['refunds'] = [];
  const byKey = new Map<string, { body: RefundRequest; refund: Refund }>();
  const server = startStandInServer(
    standInRoutes([
      {
        method: 'POST',
        path: /^\/internal\/v1\/refunds$/,
        async answer(_match, request) {
          const key = idempotencyKeyOf(request);
          if (typeof key !== 'string') return key;
          const parsed = refundBody.safeParse(await request.json().catch(() => null));
          if (!parsed.success) return problemAnswer(400, 'validation_failed', parsed.error.message);
          const body = parsed.data;
          const seen = byKey.get(key);
          if (seen) {
            if (!sameBody(seen.body, body))
              return problemAnswer(409, 'idempotency_key_reused', 'Key used for another refund.');
            return Response.json(seen.refund, { status: 200 });
          }
          const paid = paidByOrder.get(body.orderId);
          if (paid === undefined) return problemAnswer(404, 'payment_not_found', 'No payment for this order.');
          const already = refunds
            .filter((refund) => refund.orderId === body.orderId)
            .reduce((sum, r) => sum + r.amount, 0);
          if (already + body.amount > paid)
            return problemAnswer(409, 'refund_exceeds_paid', '결제 금액보다 많이 환불할 수 없어요.');
          const refund: Refund = {
            id: newId(),
            orderId: body.orderId,
            fulfilmentId: body.fulfilmentId,
            amount: body.amount,
            status: 'completed',
            refundedTotal: already + body.amount,
            requestKey: key,
          };
          refunds.push({ ...refund, reason: body.reason, description: body.description });
          byKey.set(key, { body, refund });
          return Response.json(refund, { status: 201 });
        },
      },
    ]),
  );
  return {
    url: server.url,
    server,
    paid: (orderId, amount) => paidByOrder.set(orderId, amount),
    refunds,
    stop: () => server.stop(),
  };
}
