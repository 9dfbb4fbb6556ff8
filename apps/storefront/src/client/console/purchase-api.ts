import * as z from 'zod/mini';
import { ApiError } from './api.ts';

// The orders, payments and logistics answers the console reads, as the purchase journey's
// public API describes them (field names exactly; services may add fields). They are
// written while these services are, so every answer is parsed here instead of trusted: a
// missing field falls back to an empty value, an item without an id is left out, and a
// few plausible alternative names are accepted (noted where they are). The value lists
// mirror @fruitables/schema-{orders,payments,logistics}/values, which the storefront does
// not depend on yet; statuses are kept as strings so a new one shows instead of breaking.

const text = z.catch(z.string(), '');
const maybeText = z.catch(z.nullable(z.string()), null);
const amount = z.catch(z.number(), 0);
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** The first of several names the field may have (a service wrote `byProduct`, not `products`). */
const either = (value: unknown, ...names: string[]): unknown => {
  const fields = record(value);
  for (const name of names) if (fields[name] !== undefined && fields[name] !== null) return fields[name];
  return undefined;
};

/** Items that parse; the others are dropped (and logged), so one odd row does not empty a page. */
function listOf<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.catch(z.array(z.unknown()), []),
    z.transform((items: unknown[]) =>
      items.flatMap((value) => {
        const parsed = item.safeParse(value);
        if (!parsed.success) console.warn('console: an item the page cannot read was left out', value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    ),
  );
}

/** A list answer: `{ items: [...] }` or a bare array. */
const itemsOf = (body: unknown): unknown => (Array.isArray(body) ? body : either(body, 'items'));

/** An answer the console could not read: shown like a server fault, never as a blank page. */
export function unreadable(): ApiError {
  return new ApiError(
    502,
    null,
    '서버의 답을 읽지 못했어요. 잠시 후 다시 시도해 주세요. 계속되면 고객센터에 알려 주세요.',
  );
}

function parseWith<T extends z.ZodMiniType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw unreadable();
  return parsed.data as z.output<T>;
}

export const cropFailurePolicies = ['refund', 'substitute', 'wait'] as const;
export type CropFailurePolicy = (typeof cropFailurePolicies)[number];

export const carriers = [
  { id: 'kr.cjlogistics', name: 'CJ대한통운' },
  { id: 'kr.epost', name: '우체국택배' },
  { id: 'kr.lotte', name: '롯데택배' },
  { id: 'kr.hanjin', name: '한진택배' },
  { id: 'kr.logen', name: '로젠택배' },
] as const;

const lot = z.object({ lotId: text, lotCode: text, quantity: amount });

const line = z.object({
  id: z.string(),
  offerId: text,
  productId: text,
  title: text,
  quantity: amount,
  unitPrice: amount,
  lineTotal: amount,
  cropFailurePolicy: text,
  status: text,
  lots: listOf(lot),
});
export type FulfilmentLine = z.output<typeof line>;

const cancelRequest = z.object({
  id: z.string(),
  status: z.catch(z.string(), 'pending'),
  reason: text,
  lineIds: z.catch(z.nullable(z.array(z.string())), null),
  requestedAt: maybeText,
});
export type CancelRequest = z.output<typeof cancelRequest>;

const farmFulfilment = z.object({
  id: z.string(),
  orderId: text,
  orderNumber: text,
  status: text,
  dispatchDate: maybeText,
  deliveryDate: maybeText,
  recipientName: maybeText,
  goodsAmount: amount,
  lines: listOf(line),
  cancelRequests: listOf(cancelRequest),
});
export type FarmFulfilment = z.output<typeof farmFulfilment>;

/** GET /farms/{farmId}/fulfilments. Also reads `recipient.name` and a single `cancelRequest`. */
export function parseFarmFulfilments(body: unknown): FarmFulfilment[] {
  const items = itemsOf(body);
  if (!Array.isArray(items)) throw unreadable();
  return parseWith(
    listOf(farmFulfilment),
    items.map((item) => {
      const fields = record(item);
      const single = fields.cancelRequest;
      return {
        ...fields,
        recipientName: fields.recipientName ?? either(fields.recipient, 'name') ?? null,
        cancelRequests: fields.cancelRequests ?? (single ? [single] : []),
      };
    }),
  );
}

const packingProduct = z.object({
  title: text,
  quantity: amount,
  lots: listOf(lot),
});
const packingShipment = z.object({
  shipmentId: z.string(),
  fulfilmentId: text,
  orderNumber: text,
  recipientName: maybeText,
  status: text,
  carrierId: maybeText,
  trackingNumber: maybeText,
  lines: listOf(z.object({ title: text, quantity: amount, lots: listOf(lot) })),
});
export type PackingShipment = z.output<typeof packingShipment>;
const packingList = z.object({
  dispatchDate: text,
  products: listOf(packingProduct),
  shipments: listOf(packingShipment),
});
export type PackingList = z.output<typeof packingList>;

/** GET /farms/{farmId}/packing-list. Also reads `byProduct`, `byOrder`/`orders` and a shipment's `id`. */
export function parsePackingList(body: unknown): PackingList {
  const shipments = either(body, 'shipments', 'byOrder', 'orders');
  return parseWith(packingList, {
    ...record(body),
    products: either(body, 'products', 'byProduct'),
    shipments: Array.isArray(shipments)
      ? shipments.map((shipment) => ({
          ...record(shipment),
          shipmentId: either(shipment, 'shipmentId', 'id'),
          recipientName: either(shipment, 'recipientName') ?? either(either(shipment, 'recipient'), 'name') ?? null,
        }))
      : [],
  });
}

const rowError = z.object({ row: amount, column: text, code: text, message: text });

/** POST /farms/{farmId}/shipments/tracking-upload: how many shipped, or the rows to fix. */
export function parseTrackingUpload(body: unknown): { shipped: number; errors: z.output<typeof rowError>[] } {
  return parseWith(z.object({ shipped: amount, errors: listOf(rowError) }), {
    shipped: either(body, 'shipped', 'updated', 'shippedCount'),
    errors: either(body, 'errors'),
  });
}

const payout = z.object({
  amount: amount,
  scheduledFor: maybeText,
  status: text,
});
const balance = z.object({
  available: amount,
  pending: amount,
  onHold: amount,
  upcomingPayout: z.catch(z.nullable(payout), null),
});
export type Balance = z.output<typeof balance>;

/**
 * GET /farms/{farmId}/balance. payments answers `balance`, the next payout as an amount
 * (`upcomingPayout: 34200`) and the hold as a flag (`onHold: true`); an object for the next
 * payout (`nextPayout`, with `payoutDate`) and `available`/`payable` are read too.
 */
export function parseBalance(body: unknown): Balance {
  const next = either(body, 'upcomingPayout', 'nextPayout');
  const available = either(body, 'available', 'payable', 'balance');
  const held = either(body, 'onHold', 'held');
  const upcoming =
    typeof next === 'number'
      ? next > 0
        ? { amount: next, scheduledFor: null, status: 'scheduled' }
        : null
      : next
        ? { ...record(next), scheduledFor: either(next, 'scheduledFor', 'payoutDate', 'scheduledOn') ?? null }
        : null;
  return parseWith(balance, {
    available,
    pending: either(body, 'pending'),
    // A farm on hold keeps its whole balance back.
    onHold: typeof held === 'boolean' ? (held ? available : 0) : held,
    upcomingPayout: upcoming,
  });
}

const statementLine = z.object({
  entryId: z.string(),
  kind: text,
  description: text,
  postedAt: text,
  grossAmount: z.catch(z.nullable(z.number()), null),
  commission: z.catch(z.nullable(z.number()), null),
  amount: amount,
  balanceAfter: amount,
});
export type StatementLine = z.output<typeof statementLine>;

/**
 * GET /farms/{farmId}/statements as payments answers it: the ledger's lines for the period
 * (each sale made payable at 구매확정, each payout), oldest first, with the running balance.
 */
export function parseStatementLines(body: unknown): StatementLine[] {
  const lines = either(body, 'lines');
  if (!Array.isArray(lines)) throw unreadable();
  return parseWith(listOf(statementLine), lines);
}

const orderFulfilment = z.object({
  id: z.string(),
  farmId: text,
  farmName: text,
  status: text,
  deliveryDate: maybeText,
  goodsAmount: amount,
  deliveryFee: amount,
  lines: listOf(line),
  shipment: z.catch(z.nullable(z.object({ carrierId: maybeText, trackingNumber: maybeText, status: text })), null),
});
const order = z.object({
  id: z.string(),
  orderNumber: text,
  status: text,
  amount: amount,
  goodsTotal: amount,
  deliveryTotal: amount,
  refundedTotal: amount,
  orderName: text,
  placedAt: maybeText,
  paidAt: maybeText,
  shopperEmail: maybeText,
  fulfilments: listOf(orderFulfilment),
  refunds: listOf(z.object({ id: z.string(), amount: amount, reason: text, fulfilmentId: maybeText, at: maybeText })),
});
export type AdminOrder = z.output<typeof order>;

const withShopper = (item: unknown) => ({
  ...record(item),
  shopperEmail: either(item, 'shopperEmail') ?? either(either(item, 'shopper'), 'email') ?? null,
});

/** GET /admin/orders: the orders found, and the cursor of the next page. */
export function parseAdminOrders(body: unknown): { items: AdminOrder[]; nextCursor: string | null } {
  const items = itemsOf(body);
  if (!Array.isArray(items)) throw unreadable();
  const nextCursor = either(body, 'nextCursor');
  return {
    items: parseWith(listOf(order), items.map(withShopper)),
    nextCursor: typeof nextCursor === 'string' ? nextCursor : null,
  };
}

/** One Order (an admin refund's answer, the order's own page). */
export const parseAdminOrder = (body: unknown): AdminOrder => parseWith(order, withShopper(body));

const closure = z.object({ id: z.string(), date: z.string(), reason: text });
export type Closure = z.output<typeof closure>;

/** GET /admin/closures. Also reads `startsOn`/`from` for the date. */
export function parseClosures(body: unknown): Closure[] {
  const items = itemsOf(body);
  if (!Array.isArray(items)) throw unreadable();
  return parseWith(
    listOf(closure),
    items.map((item) => ({ ...record(item), date: either(item, 'date', 'startsOn', 'from', 'on') })),
  );
}
