// The public API shapes of orders, payments and logistics that the shop's islands read, in
// one place. They are written from the agreed API (see apps/orders, apps/payments and
// apps/logistics README sections) rather than imported from the services' contracts, which
// pull zod into a phone's download; when a contract is published the types can be checked
// against it. Every answer is parsed defensively: a field missing or of the wrong type
// becomes a safe default (or the whole answer is refused), never a crash halfway through a
// page a shopper is paying on.

export const stockStates = ['in_stock', 'low', 'sold_out'] as const;
export type StockState = (typeof stockStates)[number];

/** orders' value list (`@fruitables/schema-orders/values`). */
export const cropFailurePolicies = ['refund', 'substitute', 'wait'] as const;
export type CropFailurePolicy = (typeof cropFailurePolicies)[number];

export interface DeliveryDateOption {
  date: string;
  dispatchDate: string;
  available: boolean;
  label: string;
}

/** logistics' FarmPromise (apps/logistics/src/contract/promise.ts). */
export interface FarmPromise {
  farmId: string;
  area: string;
  deliverable: boolean;
  reason: string | null;
  orderBy: string | null;
  earliest: DeliveryDateOption | null;
  headline: string;
  dates: DeliveryDateOption[];
  fee: { baseFee: number; freeFrom: number | null; surcharge: number };
}

export interface DeliveryPromise {
  postcode: string | null;
  area: string;
  farms: FarmPromise[];
}

export interface CartItem {
  offerId: string;
  productId: string;
  farmId: string;
  farmName: string;
  title: string;
  grade: string;
  packKg: number;
  quantity: number;
  unitPrice: number;
  addedUnitPrice: number | null;
  priceChanged: boolean;
  stockState: StockState;
  perOrderLimit: number | null;
  lineTotal: number;
  productUrl: string;
}

export interface CartFarm {
  farmId: string;
  farmName: string;
  goodsTotal: number;
  deliveryFee: number;
  promise: FarmPromise | null;
}

export interface CartView {
  items: CartItem[];
  farms: CartFarm[];
  goodsTotal: number;
  deliveryTotal: number;
  total: number;
  problems: { offerId: string; code: string; message: string }[];
}

export interface OrderLine {
  id: string;
  offerId: string;
  productId: string;
  title: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  cropFailurePolicy: string;
  status: string;
  lots: { lotId: string; lotCode: string; quantity: number }[];
}

export interface Fulfilment {
  id: string;
  farmId: string;
  farmName: string;
  status: string;
  deliveryDate: string | null;
  goodsAmount: number;
  deliveryFee: number;
  cancellable: boolean;
  lines: OrderLine[];
  timeline: { status: string; at: string; note: string | null }[];
  shipment: { carrierId: string | null; trackingNumber: string | null; status: string } | null;
}

export interface Order {
  id: string;
  orderNumber: string;
  status: string;
  amount: number;
  goodsTotal: number;
  deliveryTotal: number;
  refundedTotal: number;
  orderName: string;
  placedAt: string;
  expiresAt: string | null;
  paidAt: string | null;
  fulfilments: Fulfilment[];
  refunds: { id: string; amount: number; reason: string; fulfilmentId: string | null; at: string }[];
}

export interface OrderSummary {
  id: string;
  orderNumber: string;
  status: string;
  amount: number;
  orderName: string;
  placedAt: string;
}

export interface OrderPage {
  items: OrderSummary[];
  nextCursor: string | null;
}

export interface CheckoutSession {
  orderId: string;
  orderName: string;
  amount: number;
  customerKey: string;
  provider: 'toss' | 'stand-in';
  clientKey: string;
  paymentPageUrl: string | null;
}

export interface PaymentConfirmation {
  orderId: string;
  paymentKey: string;
  status: string;
  method: string;
  amount: number;
  virtualAccount: { bankName: string; accountNumber: string; dueDate: string } | null;
}

export interface ShipmentEvent {
  status: string;
  description: string;
  location: string | null;
  at: string;
}

export interface TrackedShipment {
  shipmentId: string;
  fulfilmentId: string;
  farmId: string;
  status: string;
  carrierId: string | null;
  trackingNumber: string | null;
  promisedBy: string | null;
  events: ShipmentEvent[];
}

/** identity's address book entry (apps/identity/src/routes/addresses/schema.ts). */
export interface SavedAddress {
  id: string;
  recipient: string;
  phone: string;
  roadAddress: string;
  addressDetail: string;
  zoneCode: string;
  deliveryNotes: string | null;
  isDefault: boolean;
}

// ---- readers: each takes anything and returns the shape, a default, or null ----

type Fields = Record<string, unknown>;

const record = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;
const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const won = (value: unknown, fallback = 0): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const wonOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const flag = (value: unknown): boolean => value === true;
const oneOf = <T extends string>(value: unknown, values: readonly T[], fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

/** Items that fail to read are dropped, not the whole list. */
function listOf<T>(value: unknown, read: (item: unknown) => T | null): T[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    const parsed = read(item);
    return parsed === null ? [] : [parsed];
  });
}

function readDateOption(value: unknown): DeliveryDateOption | null {
  const v = record(value);
  if (!v || typeof v.date !== 'string') return null;
  return {
    date: v.date,
    dispatchDate: text(v.dispatchDate),
    available: flag(v.available),
    label: text(v.label, v.date),
  };
}

export function readFarmPromise(value: unknown): FarmPromise | null {
  const v = record(value);
  if (!v || typeof v.farmId !== 'string') return null;
  const fee = record(v.fee);
  return {
    farmId: v.farmId,
    area: text(v.area),
    deliverable: v.deliverable !== false,
    reason: textOrNull(v.reason),
    orderBy: textOrNull(v.orderBy),
    earliest: readDateOption(v.earliest),
    headline: text(v.headline),
    dates: listOf(v.dates, readDateOption),
    fee: { baseFee: won(fee?.baseFee), freeFrom: wonOrNull(fee?.freeFrom), surcharge: won(fee?.surcharge) },
  };
}

export function readDeliveryPromise(value: unknown): DeliveryPromise | null {
  const v = record(value);
  if (!v || !Array.isArray(v.farms)) return null;
  return { postcode: textOrNull(v.postcode), area: text(v.area), farms: listOf(v.farms, readFarmPromise) };
}

function readCartItem(value: unknown): CartItem | null {
  const v = record(value);
  if (!v || typeof v.offerId !== 'string' || typeof v.quantity !== 'number') return null;
  const unitPrice = won(v.unitPrice);
  return {
    offerId: v.offerId,
    productId: text(v.productId),
    farmId: text(v.farmId),
    farmName: text(v.farmName),
    title: text(v.title),
    grade: text(v.grade),
    packKg: won(v.packKg),
    quantity: v.quantity,
    unitPrice,
    addedUnitPrice: wonOrNull(v.addedUnitPrice),
    priceChanged: flag(v.priceChanged),
    stockState: oneOf(v.stockState, stockStates, 'in_stock'),
    perOrderLimit: wonOrNull(v.perOrderLimit),
    lineTotal: won(v.lineTotal, unitPrice * v.quantity),
    productUrl: text(v.productUrl, `/products/${encodeURIComponent(text(v.productId))}/`),
  };
}

function readCartFarm(value: unknown): CartFarm | null {
  const v = record(value);
  if (!v || typeof v.farmId !== 'string') return null;
  return {
    farmId: v.farmId,
    farmName: text(v.farmName),
    goodsTotal: won(v.goodsTotal),
    deliveryFee: won(v.deliveryFee),
    promise: readFarmPromise(v.promise),
  };
}

export function readCartView(value: unknown): CartView | null {
  const v = record(value);
  if (!v || !Array.isArray(v.items)) return null;
  const items = listOf(v.items, readCartItem);
  const goodsTotal = won(
    v.goodsTotal,
    items.reduce((sum, item) => sum + item.lineTotal, 0),
  );
  const deliveryTotal = won(v.deliveryTotal);
  return {
    items,
    farms: listOf(v.farms, readCartFarm),
    goodsTotal,
    deliveryTotal,
    total: won(v.total, goodsTotal + deliveryTotal),
    problems: listOf(v.problems, (problem) => {
      const p = record(problem);
      return p ? { offerId: text(p.offerId), code: text(p.code), message: text(p.message) } : null;
    }),
  };
}

function readLine(value: unknown): OrderLine | null {
  const v = record(value);
  if (!v || typeof v.id !== 'string') return null;
  return {
    id: v.id,
    offerId: text(v.offerId),
    productId: text(v.productId),
    title: text(v.title),
    quantity: won(v.quantity),
    unitPrice: won(v.unitPrice),
    lineTotal: won(v.lineTotal),
    cropFailurePolicy: text(v.cropFailurePolicy),
    status: text(v.status),
    lots: listOf(v.lots, (lot) => {
      const l = record(lot);
      return l && typeof l.lotCode === 'string'
        ? { lotId: text(l.lotId), lotCode: l.lotCode, quantity: won(l.quantity) }
        : null;
    }),
  };
}

function readFulfilment(value: unknown): Fulfilment | null {
  const v = record(value);
  if (!v || typeof v.id !== 'string') return null;
  const shipment = record(v.shipment);
  return {
    id: v.id,
    farmId: text(v.farmId),
    farmName: text(v.farmName),
    status: text(v.status),
    deliveryDate: textOrNull(v.deliveryDate),
    goodsAmount: won(v.goodsAmount),
    deliveryFee: won(v.deliveryFee),
    cancellable: flag(v.cancellable),
    lines: listOf(v.lines, readLine),
    timeline: listOf(v.timeline, (entry) => {
      const e = record(entry);
      return e && typeof e.at === 'string' ? { status: text(e.status), at: e.at, note: textOrNull(e.note) } : null;
    }),
    shipment: shipment
      ? {
          carrierId: textOrNull(shipment.carrierId),
          trackingNumber: textOrNull(shipment.trackingNumber),
          status: text(shipment.status),
        }
      : null,
  };
}

export function readOrder(value: unknown): Order | null {
  const v = record(value);
  if (!v || typeof v.id !== 'string' || typeof v.amount !== 'number') return null;
  return {
    id: v.id,
    orderNumber: text(v.orderNumber, v.id),
    status: text(v.status),
    amount: v.amount,
    goodsTotal: won(v.goodsTotal),
    deliveryTotal: won(v.deliveryTotal),
    refundedTotal: won(v.refundedTotal),
    orderName: text(v.orderName),
    placedAt: text(v.placedAt),
    expiresAt: textOrNull(v.expiresAt),
    paidAt: textOrNull(v.paidAt),
    fulfilments: listOf(v.fulfilments, readFulfilment),
    refunds: listOf(v.refunds, (refund) => {
      const r = record(refund);
      return r && typeof r.amount === 'number'
        ? {
            id: text(r.id),
            amount: r.amount,
            reason: text(r.reason),
            fulfilmentId: textOrNull(r.fulfilmentId),
            at: text(r.at),
          }
        : null;
    }),
  };
}

export function readOrderPage(value: unknown): OrderPage | null {
  const v = record(value);
  if (!v || !Array.isArray(v.items)) return null;
  return {
    items: listOf(v.items, (item) => {
      const o = record(item);
      return o && typeof o.id === 'string'
        ? {
            id: o.id,
            orderNumber: text(o.orderNumber, o.id),
            status: text(o.status),
            amount: won(o.amount),
            orderName: text(o.orderName),
            placedAt: text(o.placedAt),
          }
        : null;
    }),
    nextCursor: textOrNull(v.nextCursor),
  };
}

export function readCheckoutSession(value: unknown): CheckoutSession | null {
  const v = record(value);
  if (!v || typeof v.orderId !== 'string' || typeof v.amount !== 'number') return null;
  const provider = v.provider === 'toss' ? 'toss' : v.provider === 'stand-in' ? 'stand-in' : null;
  if (provider === null) return null;
  return {
    orderId: v.orderId,
    orderName: text(v.orderName),
    amount: v.amount,
    customerKey: text(v.customerKey),
    provider,
    clientKey: text(v.clientKey),
    paymentPageUrl: textOrNull(v.paymentPageUrl),
  };
}

export function readPaymentConfirmation(value: unknown): PaymentConfirmation | null {
  const v = record(value);
  if (!v || typeof v.orderId !== 'string') return null;
  const account = record(v.virtualAccount);
  return {
    orderId: v.orderId,
    paymentKey: text(v.paymentKey),
    status: text(v.status),
    method: text(v.method),
    amount: won(v.amount),
    virtualAccount:
      account && typeof account.accountNumber === 'string'
        ? { bankName: text(account.bankName), accountNumber: account.accountNumber, dueDate: text(account.dueDate) }
        : null,
  };
}

export function readShipment(value: unknown): TrackedShipment | null {
  const v = record(value);
  if (!v || typeof v.shipmentId !== 'string') return null;
  return {
    shipmentId: v.shipmentId,
    fulfilmentId: text(v.fulfilmentId),
    farmId: text(v.farmId),
    status: text(v.status),
    carrierId: textOrNull(v.carrierId),
    trackingNumber: textOrNull(v.trackingNumber),
    promisedBy: textOrNull(v.promisedBy),
    events: listOf(v.events, (event) => {
      const e = record(event);
      return e && typeof e.at === 'string'
        ? { status: text(e.status), description: text(e.description), location: textOrNull(e.location), at: e.at }
        : null;
    }),
  };
}

export function readTracking(value: unknown): TrackedShipment[] | null {
  const v = record(value);
  return v && Array.isArray(v.shipments) ? listOf(v.shipments, readShipment) : null;
}

export function readAddressBook(value: unknown): SavedAddress[] {
  return listOf(record(value)?.items, (item) => {
    const a = record(item);
    return a && typeof a.id === 'string' && typeof a.zoneCode === 'string'
      ? {
          id: a.id,
          recipient: text(a.recipient),
          phone: text(a.phone),
          roadAddress: text(a.roadAddress),
          addressDetail: text(a.addressDetail),
          zoneCode: a.zoneCode,
          deliveryNotes: textOrNull(a.deliveryNotes),
          isDefault: flag(a.isDefault),
        }
      : null;
  });
}
