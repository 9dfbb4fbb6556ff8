import { newId } from '@fruitables/core';
import type { Grade } from '@fruitables/schema-catalog';
import { type ExistingOffer, type FarmState, productKeyOf } from './farm-state.ts';
import { createLotCodeGenerator } from './lot-codes.ts';
import { type BatchRowError, cellError, problem } from './row-errors.ts';
import { type BatchRow, offerKeyOf } from './validate-rows.ts';

export interface PlannedProduct {
  key: string;
  fruit: string;
  variety: string;
}

export interface PlannedOffer {
  key: string;
  productKey: string;
  fruit: string;
  variety: string;
  grade: Grade;
  packKg: number;
  countPerBox: number | null;
  priceKrw: number;
}

export interface PlannedPriceChange {
  offer: ExistingOffer;
  fruit: string;
  variety: string;
  grade: Grade;
  packKg: number;
  previousPriceKrw: number;
  priceKrw: number;
}

export interface PlannedLot {
  /** The lot's id, chosen now so the lot rows and their events agree. */
  id: string;
  row: number;
  lotCode: string;
  /** The file left the code empty and this one was made up. */
  generated: boolean;
  offerKey: string;
  fruit: string;
  variety: string;
  grade: Grade;
  packKg: number;
  harvestedOn: string;
  boxes: number;
  brix: number | null;
  note: string;
}

/** What importing the batch does to the farm's catalog: the dry run shows it, the job writes it. */
export interface BatchPlan {
  newProducts: PlannedProduct[];
  newOffers: PlannedOffer[];
  priceChanges: PlannedPriceChange[];
  lots: PlannedLot[];
  /** Existing offers that receive lots, for locking and the stock announcement. */
  existingOffersTouched: ExistingOffer[];
  /** The farm's products by product key, for new offers of products it already has. */
  existingProductIds: Map<string, string>;
}

/**
 * Matches valid rows to the farm's catalog: each row is a lot of the offer (fruit, variety,
 * grade, pack), made if missing, repriced if the row's price differs. Codes the farm already
 * uses are errors; empty codes get generated ones. Products and offers are listed in the
 * order their first row appears. The count per box is taken from the first row of a new
 * offer that gives one; an existing offer keeps its own.
 */
export function planBatch(
  rows: readonly BatchRow[],
  state: FarmState,
  lotCodeColumn: string,
): { plan: BatchPlan; errors: BatchRowError[] } {
  const plan: BatchPlan = {
    newProducts: [],
    newOffers: [],
    priceChanges: [],
    lots: [],
    existingOffersTouched: [],
    existingProductIds: state.products,
  };
  const errors: BatchRowError[] = [];
  const newProducts = new Map<string, PlannedProduct>();
  const newOffers = new Map<string, PlannedOffer>();
  const touched = new Set<string>();
  const taken = new Set(state.takenLotCodes);
  for (const row of rows) if (row.lotCode !== null) taken.add(row.lotCode);
  const generate = createLotCodeGenerator(taken);

  for (const row of rows) {
    if (row.lotCode !== null && state.takenLotCodes.has(row.lotCode)) {
      errors.push(
        cellError(
          row.row,
          lotCodeColumn,
          problem(
            'lot_code_exists',
            `로트번호 '${row.lotCode}'은(는) 이 농장에 이미 있습니다.`,
            `This farm already has a lot with code '${row.lotCode}'.`,
          ),
        ),
      );
      continue;
    }
    const productKey = productKeyOf(row);
    if (!state.products.has(productKey) && !newProducts.has(productKey)) {
      newProducts.set(productKey, { key: productKey, fruit: row.fruit, variety: row.variety });
    }
    const offerKey = offerKeyOf(row);
    const existing = state.offers.get(offerKey);
    if (existing) {
      if (!touched.has(offerKey)) {
        touched.add(offerKey);
        plan.existingOffersTouched.push(existing);
        if (existing.priceKrw !== row.priceKrw) {
          plan.priceChanges.push({
            offer: existing,
            fruit: row.fruit,
            variety: row.variety,
            grade: row.grade,
            packKg: row.packKg,
            previousPriceKrw: existing.priceKrw,
            priceKrw: row.priceKrw,
          });
        }
      }
    } else {
      const planned = newOffers.get(offerKey);
      if (!planned) {
        newOffers.set(offerKey, {
          key: offerKey,
          productKey,
          fruit: row.fruit,
          variety: row.variety,
          grade: row.grade,
          packKg: row.packKg,
          countPerBox: row.countPerBox,
          priceKrw: row.priceKrw,
        });
      } else if (planned.countPerBox === null) {
        planned.countPerBox = row.countPerBox;
      }
    }
    plan.lots.push({
      id: newId(),
      row: row.row,
      lotCode: row.lotCode ?? generate(row.harvestedOn),
      generated: row.lotCode === null,
      offerKey,
      fruit: row.fruit,
      variety: row.variety,
      grade: row.grade,
      packKg: row.packKg,
      harvestedOn: row.harvestedOn,
      boxes: row.boxes,
      brix: row.brix,
      note: row.note,
    });
  }
  plan.newProducts = [...newProducts.values()];
  plan.newOffers = [...newOffers.values()];
  return { plan, errors };
}
