import { confirmHold, createHold, getPublicProduct, releaseHold } from '@fruitables/catalog/contract';
import { grades } from '@fruitables/catalog/contract/values';
import { defineWorkflow, StepRefused } from '@fruitables/workflow';
import type { OrdersTables, WorkflowContext } from '../context.ts';
import { offerTitle } from '../pricing.ts';
import { applySubstitution, refundUnsubstitutable, type SubstituteInput, type Substitution } from '../substitution.ts';
import type { FollowUps } from './follow-ups.ts';
import { refusalCode, refusing } from './refusals.ts';

const RETRY = { maxAttempts: 6, backoff: (attempt: number) => Math.min(500 * 2 ** attempt, 30_000) };

/**
 * A shortage on a `substitute` line: find the next grade of the same product that is on sale
 * (the same box size first), hold and confirm its boxes at catalog, then the substitute line
 * joins the fulfilment and any price difference goes back to the shopper (never charged
 * extra). When there is no next grade, or it sells out meanwhile, the short boxes are refunded.
 */
export function createSubstituteWorkflow(ctx: WorkflowContext, followUps: FollowUps) {
  const { catalog } = ctx.remotes;
  const holdFor = (key: string, results: { find?: Substitution }, signal: AbortSignal, input: SubstituteInput) => {
    const offerId = results.find?.offerId;
    if (!offerId) throw new StepRefused('no_substitute', 'no substitute was chosen');
    return catalog.call(
      createHold,
      { idempotencyKey: key, body: { lines: [{ offerId, quantity: input.quantity }] } },
      { signal },
    );
  };
  return defineWorkflow<
    SubstituteInput,
    { find: Substitution; hold: { holdId: string }; confirm: Substitution['lots'] },
    OrdersTables
  >({
    kind: 'substitute',
    steps: [
      {
        name: 'find',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, input) {
          const product = await refusing(() =>
            catalog.call(getPublicProduct, { params: { productId: input.productId } }, { signal: step.signal }),
          );
          const rank = (grade: string) => grades.indexOf(grade as (typeof grades)[number]);
          const packKg = product.offers.find((offer) => offer.id === input.offerId)?.packKg ?? 0;
          const candidates = product.offers
            .filter((offer) => rank(offer.grade) > rank(input.grade) && offer.stockState !== 'sold_out')
            .sort((a, b) => rank(a.grade) - rank(b.grade) || Math.abs(a.packKg - packKg) - Math.abs(b.packKg - packKg));
          const next = candidates[0];
          if (!next) throw new StepRefused('no_substitute', '다음 등급 상품이 없어요.');
          return {
            offerId: next.id,
            title: offerTitle({
              fruit: product.fruit,
              variety: product.variety,
              grade: next.grade,
              packKg: next.packKg,
            }),
            grade: next.grade,
            priceKrw: next.priceKrw,
            lots: [],
          };
        },
      },
      {
        name: 'hold',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, input, results) {
          const hold = await refusing(() => holdFor(step.idempotencyKey, results, step.signal, input));
          return { holdId: hold.id };
        },
        async compensate(step, _input, result) {
          // Outcome unknown (a timeout): without the offer chosen we cannot ask again under the
          // key, so such a hold is left to expire at catalog by its TTL (15 minutes).
          if (!result) return;
          try {
            await catalog.call(releaseHold, { params: { holdId: result.holdId } }, { signal: step.signal });
          } catch (error) {
            if (!['hold_confirmed', 'hold_not_found'].includes(refusalCode(error) ?? '')) throw error;
          }
        },
      },
      {
        name: 'confirm',
        timeoutMs: 8_000,
        retry: RETRY,
        async run(step, _input, results) {
          const holdId = results.hold?.holdId;
          if (!holdId) throw new StepRefused('no_hold', 'nothing was held');
          const hold = await refusing(() => catalog.call(confirmHold, { params: { holdId } }, { signal: step.signal }));
          return hold.lines.map(({ lotId, lotCode, quantity }) => ({ lotId, lotCode, quantity }));
        },
      },
    ],
    async onCompleted(tx, run) {
      const found = run.results.find;
      if (!found) return;
      await applySubstitution(
        tx,
        { followUps },
        run.runId,
        run.input,
        {
          ...found,
          lots: run.results.confirm ?? [],
          ...(run.results.hold ? { holdId: run.results.hold.holdId } : {}),
        },
        ctx.clock.now(),
      );
    },
    onCompensated: (tx, run) => refundUnsubstitutable(tx, { followUps }, run.runId, run.input, ctx.clock.now()),
    onFailed: (tx, run) => refundUnsubstitutable(tx, { followUps }, run.runId, run.input, ctx.clock.now()),
  });
}
