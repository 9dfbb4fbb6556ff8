// catalog's value lists, free of any database code: the tables below, catalog's contract
// (`@fruitables/catalog/contract`), the event catalogue and the browser all use these, so a
// grade or a certification kind is spelled in one place.

export const grades = ['특', '상', '보통', '못난이'] as const;
export type Grade = (typeof grades)[number];

export const stockStates = ['in_stock', 'low', 'sold_out'] as const;
export type StockState = (typeof stockStates)[number];

export const certificationKinds = ['GAP', '무농약', '유기농'] as const;
export type CertificationKind = (typeof certificationKinds)[number];

export const photoSubjects = ['farm', 'product', 'lot'] as const;
export type PhotoSubject = (typeof photoSubjects)[number];

export const holdStatuses = ['held', 'confirmed', 'released', 'expired'] as const;
export type HoldStatus = (typeof holdStatuses)[number];

/** Why confirmed boxes came back: a paid order cancelled before shipping, or a shortage the farm reported. */
export const holdReturnReasons = ['cancelled', 'shortage'] as const;
export type HoldReturnReason = (typeof holdReturnReasons)[number];
