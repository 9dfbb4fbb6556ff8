import { defineWorkflow } from '../definition.ts';
import { StepRefused } from '../errors.ts';
import { type FixtureTables, settleOrder } from './harness.ts';

export interface CheckoutInput {
  /** The payment stand-in refuses this checkout's card. */
  declineCard: boolean;
}
export interface EffectResult {
  effectId: string;
}
type CheckoutResults = { stock: EffectResult; slot: EffectResult; payment: EffectResult };

export interface CheckoutServices {
  stockUrl: string;
  slotUrl: string;
  paymentUrl: string;
}

async function apply(baseUrl: string, key: string, signal: AbortSignal, refuse = false): Promise<EffectResult> {
  const response = await fetch(`${baseUrl}/apply`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ refuse }),
    signal,
  });
  if (response.status === 409) throw new StepRefused('refused', `${baseUrl} refused ${key}`);
  if (!response.ok) throw new Error(`${baseUrl} answered ${response.status}`);
  return (await response.json()) as EffectResult;
}

async function undo(baseUrl: string, undoKey: string, stepKey: string, signal: AbortSignal): Promise<void> {
  const response = await fetch(`${baseUrl}/undo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': undoKey },
    body: JSON.stringify({ key: stepKey }),
    signal,
  });
  if (!response.ok) throw new Error(`${baseUrl} answered ${response.status} to an undo`);
}

/**
 * Checkout as orders will run it, against stand-ins: hold stock, hold a delivery slot,
 * take the payment; each undone through its service's undo endpoint under its own key.
 * `kind` lets concurrent tests keep their sweepers to their own runs.
 */
export function createCheckoutWorkflow(services: CheckoutServices, kind = 'fixture-checkout') {
  const remoteStep = <K extends keyof CheckoutResults>(name: K, baseUrl: string) => ({
    name,
    // Generous: the stand-ins share a busy 2-core machine with the tests' other processes.
    timeoutMs: 2_000,
    retry: { maxAttempts: 5, backoff: () => 100 },
    compensationRetry: { maxAttempts: 10, backoff: () => 100 },
    run: (ctx: { idempotencyKey: string; signal: AbortSignal }, input: CheckoutInput) =>
      apply(baseUrl, ctx.idempotencyKey, ctx.signal, name === 'payment' && input.declineCard),
    compensate: (ctx: { idempotencyKey: string; stepKey: string; signal: AbortSignal }) =>
      undo(baseUrl, ctx.idempotencyKey, ctx.stepKey, ctx.signal),
  });
  return defineWorkflow<CheckoutInput, CheckoutResults, FixtureTables>({
    kind,
    steps: [
      remoteStep('stock', services.stockUrl),
      remoteStep('slot', services.slotUrl),
      remoteStep('payment', services.paymentUrl),
    ],
    onCompleted: (tx, run) => settleOrder(tx, run.runId, 'completed'),
    onCompensated: (tx, run) => settleOrder(tx, run.runId, 'compensated'),
    onFailed: (tx, run) => settleOrder(tx, run.runId, 'failed'),
  });
}
