import { Unprocessable } from '@fruitables/core';
import { bookings, type CarrierId, carrierIds, shipments } from '@fruitables/schema-logistics';
import { eq, sql } from 'drizzle-orm';
import type { DomainContext } from '../context.ts';
import { parseCsv } from './parse-csv.ts';
import { lockFarmShipment, shipLocked } from './ship-shipment.ts';
import { CARRIER_NAMES, normaliseTrackingNumber } from './shipment-status.ts';

/** One problem of the upload, named by its row (1 = the header) and column as the file wrote them. */
export interface UploadRowError {
  row: number;
  column: string;
  code: string;
  message: string;
}

const rowError = (row: number, column: string, code: string, ko: string): UploadRowError => ({
  row,
  column,
  code,
  message: `${row}행 '${column}': ${ko}`,
});

/** The upload has problems: nothing was saved. 422 with every row error, like catalog's harvest uploads. */
export class TrackingUploadRejected extends Unprocessable {
  constructor(readonly rowErrors: UploadRowError[]) {
    super(
      `파일에 오류가 ${rowErrors.length}건 있어 아무것도 등록하지 않았어요. 고친 뒤 다시 올려 주세요. Nothing was saved: fix the ${rowErrors.length} problem(s) in \`errors\`.`,
      'tracking_upload_invalid',
      rowErrors.map((error) => ({ field: `row ${error.row} · ${error.column}`, ...error })),
    );
  }
}

const HEADERS = {
  shipmentId: ['배송id', 'shipmentid', 'shipment_id'],
  orderNumber: ['주문번호', 'ordernumber', 'order_number'],
  carrier: ['택배사', 'carrier', 'carrierid', 'carrier_id'],
  trackingNumber: ['송장번호', '운송장번호', 'trackingnumber', 'tracking_number'],
} as const;

/** Carrier ids and the names couriers' own exports use. */
function carrierOf(raw: string): CarrierId | undefined {
  const text = raw.trim().toLowerCase().replaceAll(/\s/g, '');
  const byId = carrierIds.find((id) => id === text);
  if (byId) return byId;
  const aliases: Record<string, CarrierId> = {
    cj: 'kr.cjlogistics',
    대한통운: 'kr.cjlogistics',
    우체국: 'kr.epost',
    롯데: 'kr.lotte',
    한진: 'kr.hanjin',
    로젠: 'kr.logen',
  };
  for (const [id, name] of Object.entries(CARRIER_NAMES) as [CarrierId, string][]) {
    if (name.replaceAll(/\s/g, '').toLowerCase() === text) return id;
  }
  return Object.entries(aliases).find(([alias]) => text.startsWith(alias))?.[1];
}

interface PlannedRow {
  row: number;
  shipmentId: string;
  carrierId: CarrierId;
  trackingNumber: string;
}

export const MAX_UPLOAD_ROWS = 5_000;

/**
 * The courier's CSV of 송장번호: each row names a shipment (배송ID, or the 주문번호 printed on
 * the label), the 택배사 and the 송장번호. The whole file is checked first; any problem refuses
 * it with every row error and saves nothing. Otherwise every row is shipped in one transaction.
 */
export async function uploadTrackingNumbers(
  ctx: Pick<DomainContext, 'db' | 'clock'>,
  farmId: string,
  csv: string,
): Promise<{ shipped: number; unchanged: number }> {
  const records = parseCsv(csv);
  if (!records)
    throw new TrackingUploadRejected([
      rowError(0, '', 'csv_unreadable', '따옴표가 닫히지 않아 파일을 읽을 수 없어요.'),
    ]);
  const [header, ...rows] = records;
  const names = (header ?? []).map((name) => name.trim().toLowerCase().replaceAll(/\s/g, ''));
  const columnOf = (aliases: readonly string[]) => names.findIndex((name) => aliases.includes(name));
  const columns = {
    shipmentId: columnOf(HEADERS.shipmentId),
    orderNumber: columnOf(HEADERS.orderNumber),
    carrier: columnOf(HEADERS.carrier),
    trackingNumber: columnOf(HEADERS.trackingNumber),
  };
  const errors: UploadRowError[] = [];
  if (columns.shipmentId < 0 && columns.orderNumber < 0) {
    errors.push(rowError(1, '주문번호', 'missing_column', "'주문번호' 또는 '배송ID' 열이 필요해요."));
  }
  if (columns.carrier < 0) errors.push(rowError(1, '택배사', 'missing_column', "'택배사' 열이 필요해요."));
  if (columns.trackingNumber < 0) errors.push(rowError(1, '송장번호', 'missing_column', "'송장번호' 열이 필요해요."));
  if (errors.length > 0) throw new TrackingUploadRejected(errors);
  if (rows.length > MAX_UPLOAD_ROWS) {
    throw new TrackingUploadRejected([
      rowError(0, '', 'too_many_rows', `한 번에 ${MAX_UPLOAD_ROWS}행까지 올릴 수 있어요.`),
    ]);
  }

  const farmShipments = await ctx.db
    .select({ id: shipments.id, orderNumber: sql<string | null>`${bookings.contents}->>'orderNumber'` })
    .from(shipments)
    .innerJoin(bookings, eq(bookings.id, shipments.bookingId))
    .where(eq(shipments.farmId, farmId));
  const byId = new Set(farmShipments.map((shipment) => shipment.id));
  const byOrderNumber = new Map<string, string[]>();
  for (const shipment of farmShipments) {
    if (shipment.orderNumber === null) continue;
    byOrderNumber.set(shipment.orderNumber, [...(byOrderNumber.get(shipment.orderNumber) ?? []), shipment.id]);
  }

  const planned: PlannedRow[] = [];
  const seenNumbers = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    const cell = (column: number) => (column >= 0 ? (cells[column] ?? '').trim() : '');
    if (cells.every((value) => value.trim() === '')) return;
    let shipmentId: string | undefined;
    if (cell(columns.shipmentId) !== '') {
      shipmentId = byId.has(cell(columns.shipmentId)) ? cell(columns.shipmentId) : undefined;
      if (!shipmentId)
        errors.push(
          rowError(
            row,
            '배송ID',
            'unknown_shipment',
            `이 농장의 배송 중에 '${cell(columns.shipmentId)}'이(가) 없어요.`,
          ),
        );
    } else {
      const orderNumber = cell(columns.orderNumber);
      const matches = byOrderNumber.get(orderNumber) ?? [];
      if (orderNumber === '') errors.push(rowError(row, '주문번호', 'missing_value', '주문번호가 비어 있어요.'));
      else if (matches.length === 0)
        errors.push(
          rowError(row, '주문번호', 'unknown_order', `이 농장의 주문 중에 주문번호 '${orderNumber}'이(가) 없어요.`),
        );
      else if (matches.length > 1)
        errors.push(
          rowError(
            row,
            '주문번호',
            'ambiguous_order',
            `주문번호 '${orderNumber}'의 배송이 여러 개예요. '배송ID' 열로 구분해 주세요.`,
          ),
        );
      else shipmentId = matches[0];
    }
    const carrierId = carrierOf(cell(columns.carrier));
    if (!carrierId) {
      errors.push(
        rowError(
          row,
          '택배사',
          'unknown_carrier',
          `'${cell(columns.carrier)}'은(는) 알 수 없는 택배사예요. ${Object.values(CARRIER_NAMES).join(', ')} 중 하나로 적어 주세요.`,
        ),
      );
    }
    const trackingNumber = normaliseTrackingNumber(cell(columns.trackingNumber));
    if (!trackingNumber) {
      errors.push(
        rowError(
          row,
          '송장번호',
          'invalid_tracking_number',
          `'${cell(columns.trackingNumber)}'은(는) 송장번호가 아니에요. 숫자 9~14자리로 적어 주세요.`,
        ),
      );
    } else if (seenNumbers.has(trackingNumber)) {
      errors.push(
        rowError(
          row,
          '송장번호',
          'duplicate_tracking_number',
          `송장번호 ${trackingNumber}이(가) ${seenNumbers.get(trackingNumber)}행에도 있어요.`,
        ),
      );
    } else seenNumbers.set(trackingNumber, row);
    if (shipmentId && carrierId && trackingNumber) planned.push({ row, shipmentId, carrierId, trackingNumber });
  });
  if (errors.length > 0) throw new TrackingUploadRejected(errors);
  if (planned.length === 0) throw new TrackingUploadRejected([rowError(0, '', 'empty', '등록할 행이 없어요.')]);

  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    let shipped = 0;
    let unchanged = 0;
    const problems: UploadRowError[] = [];
    // Id order: two uploads touching the same shipments lock them in the same order.
    for (const plan of [...planned].sort((a, b) => a.shipmentId.localeCompare(b.shipmentId))) {
      const shipment = await lockFarmShipment(tx, farmId, plan.shipmentId);
      if (shipment.carrierId === plan.carrierId && shipment.trackingNumber === plan.trackingNumber) {
        unchanged++;
        continue;
      }
      try {
        await shipLocked(tx, shipment, plan, now);
        shipped++;
      } catch (error) {
        problems.push(
          rowError(plan.row, '송장번호', 'not_shippable', error instanceof Error ? error.message : String(error)),
        );
      }
    }
    // Throwing rolls every row back: the upload is all rows or none.
    if (problems.length > 0) throw new TrackingUploadRejected(problems.sort((a, b) => a.row - b.row));
    return { shipped, unchanged };
  });
}
