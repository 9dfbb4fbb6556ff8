import type { Certification, Grade } from '@fruitables/schema-catalog';

/**
 * The demo catalog as plain data. Farms carry fixed ids (UUIDv7 literals) because they stand
 * in for farmers identity would have verified; everything below a farm is found again by its
 * natural key (fruit + variety, grade + pack, lot code), so loading twice adds nothing.
 */
export interface DemoFarm {
  id: string;
  /** Short prefix of the farm's lot codes, e.g. `CJ` → `CJ-FUJI-T50-261118`. */
  code: string;
  name: string;
  regionSido: string;
  regionSigungu: string;
  story: string;
  certifications: Certification[];
  products: DemoProduct[];
}

export interface DemoProduct {
  /** Middle part of the lot codes of this product's offers. */
  code: string;
  fruit: string;
  variety: string;
  description: string;
  seasonMonths: number[];
  storageAdvice: string;
  offers: DemoOffer[];
}

export interface DemoOffer {
  grade: Grade;
  packKg: number;
  countPerBox: number | null;
  priceKrw: number;
  perOrderLimit: number | null;
  lots: DemoLot[];
}

/** A harvest, dated relative to today so the demo is always fresh (and inside the fruit's max age). */
export interface DemoLot {
  daysAgo: number;
  boxes: number;
  brix: number | null;
  note?: string;
}

/** Compact constructors: the data files read like a price list instead of a wall of keys. */
export function offer(
  grade: Grade,
  packKg: number,
  countPerBox: number | null,
  priceKrw: number,
  lots: DemoLot[],
  perOrderLimit: number | null = null,
): DemoOffer {
  return { grade, packKg, countPerBox, priceKrw, perOrderLimit, lots };
}

export function lot(daysAgo: number, boxes: number, brix: number | null, note?: string): DemoLot {
  return note === undefined ? { daysAgo, boxes, brix } : { daysAgo, boxes, brix, note };
}
