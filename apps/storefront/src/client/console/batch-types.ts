/** The catalog's batch import as GET/POST /v1/farms/{farmId}/batch-imports answer it. */
export interface BatchImport {
  id: string;
  status: 'running' | 'succeeded' | 'failed';
  dryRun: boolean;
  fileName: string;
  totalRows: number;
  processedRows: number;
  lotsCreated: number;
  productsCreated: number;
  offersCreated: number;
  pricesChanged: number;
  errors: RowError[];
  createdAt: string;
  plan?: BatchPlan;
}

export interface RowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface BatchPlan {
  newProducts: { fruit: string; variety: string }[];
  newOffers: { fruit: string; variety: string; grade: string; packKg: number; priceKrw: number }[];
  priceChanges: {
    offerId: string;
    fruit: string;
    variety: string;
    grade: string;
    packKg: number;
    previousPriceKrw: number;
    priceKrw: number;
  }[];
  lots: {
    row: number;
    lotCode: string;
    generated: boolean;
    fruit: string;
    variety: string;
    grade: string;
    packKg: number;
    harvestedOn: string;
    boxes: number;
  }[];
}

/** The 422 problem: every row error of a file that imported nothing. */
export interface BatchProblem {
  detail?: string;
  errors?: RowError[];
}
