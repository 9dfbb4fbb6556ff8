import { createMetricsRegistry } from '@fruitables/kit';
import { createWorkflowMetrics, type WorkflowPoint } from '@fruitables/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutOf, heldBoxes, offerOnSale } from '../testing/fixtures.ts';
import { createHarness, type OrdersHarness } from '../testing/harness.ts';
import { createOrdersDomain } from './build.ts';
import { placeOrder } from './place-order.ts';

let h: OrdersHarness;

beforeAll(async () => {
  h = await createHarness('checkout-crash');
});
afterAll(async () => {
  await h.close();
});

class Crash extends Error {}

/** A second process on the same database and services, whose driver stops dead at `at`. */
function crashingDomain(at: Omit<WorkflowPoint, 'kind' | 'runId'>) {
  return createOrdersDomain({
    db: h.db,
    clock: h.clock,
    logger: h.logs.logger,
    policy: h.domain.policy,
    remotes: h.domain.remotes,
    workflowMetrics: createWorkflowMetrics(createMetricsRegistry('orders-crashing')),
    owner: 'crashing-process',
    checkpoint: (point) => {
      if (point.kind === 'checkout' && point.step === at.step && point.phase === at.phase && point.at === at.at) {
        throw new Crash(`stopped at ${at.step} ${at.at}`);
      }
    },
  });
}

const points: Omit<WorkflowPoint, 'kind' | 'runId'>[] = [
  { step: 'bookings', phase: 'run', at: 'after-call' },
  { step: 'bookings', phase: 'run', at: 'before-commit' },
  { step: 'stock', phase: 'run', at: 'before-call' },
  { step: 'stock', phase: 'run', at: 'after-call' },
  { step: 'stock', phase: 'run', at: 'before-commit' },
];

describe('checkout survives its process dying at a step boundary', () => {
  it.each(points)('stopped at $step $at: another process resumes it; one booking, one hold, one order', async (at) => {
    const offer = await offerOnSale(h, { boxes: 10 });
    const shopperId = crypto.randomUUID();
    const crashing = crashingDomain(at);
    await expect(
      placeOrder(
        crashing,
        { shopperId, emailVerified: true },
        `crash-${crypto.randomUUID()}`,
        checkoutOf([{ offer, quantity: 2 }]),
      ),
    ).rejects.toThrow(Crash);
    // The dead process's lease runs out (as its leaseMs would, in real time).
    await h.owner`update orders.workflow_runs set lease_expires_at = now() - interval '1 second' where lease_owner = 'crashing-process'`;
    while ((await h.domain.engine.sweepOnce(10)) > 0) {
      // the healthy process sweeps until nothing is due
    }
    const [order] = await h.owner<{ id: string; checkout_state: string }[]>`
      select id, checkout_state from orders.orders where shopper_id = ${shopperId}`;
    expect(order?.checkout_state).toBe('placed');
    expect(await heldBoxes(h, offer.offerId)).toBe(2);
    const bookings = [...h.logistics.bookings.values()].filter((booking) => booking.orderId === order?.id);
    expect(bookings.map((booking) => booking.status)).toEqual(['held']);
    const [mine] = await h.owner<{ n: number }[]>`
      select count(*)::int as n from orders.outbox where type = 'OrderPlaced' and envelope->>'aggregateId' = ${order?.id ?? ''}`;
    expect(mine?.n).toBe(1);
  });
});
