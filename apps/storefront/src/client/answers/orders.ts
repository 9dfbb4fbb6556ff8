import type {
  CartView,
  FarmFulfilment,
  FarmFulfilmentList,
  GiftAddressView,
  GiftRecipientList,
  OrderPage,
  OrderView,
} from '@fruitables/orders/contract';
import { answerOf } from './shape.ts';

// orders' answers, read by the shop and the console alike (types: orders' contract).

export type { CartView, FarmFulfilment, GiftAddressView, GiftRecipientList, OrderPage, OrderView };
export type CartItem = CartView['items'][number];
export type CartFarm = CartView['farms'][number];
export type Fulfilment = OrderView['fulfilments'][number];
export type OrderLine = Fulfilment['lines'][number];
export type FarmFulfilmentLine = FarmFulfilment['lines'][number];
export type CancelRequest = FarmFulfilment['cancelRequests'][number];

/** `POST /cart/price`, `GET|PUT|DELETE /cart…`, `POST /cart/merge`. */
export const readCartView = (body: unknown): CartView | null =>
  answerOf(body, { items: 'array', farms: 'array', problems: 'array', total: 'number' });

/** `GET /orders/{id}`, `POST /checkouts`, a cancel or 구매확정, `GET /admin/orders/{id}` and an admin refund. */
export const readOrder = (body: unknown): OrderView | null =>
  answerOf(body, { id: 'string', status: 'string', amount: 'number', fulfilments: 'array', refunds: 'array' });

/** `GET /orders` and `GET /admin/orders`: a page of summaries. */
export const readOrderPage = (body: unknown): OrderPage | null => answerOf(body, { items: 'array' });

/** `GET /farms/{farmId}/fulfilments`. */
export const readFarmFulfilments = (body: unknown): FarmFulfilment[] | null =>
  answerOf<FarmFulfilmentList>(body, { items: 'array' })?.items ?? null;

/** `GET|PUT /gift-addresses/{token}`: a gift recipient's page. */
export const readGiftAddress = (body: unknown): GiftAddressView | null =>
  answerOf(body, {
    recipientName: 'string',
    farmName: 'string',
    products: 'array',
    deliveryDate: 'string',
    addressDueAt: 'string',
  });

/** `POST /gift-checkouts/recipients`: the recipients read from the buyer's CSV or XLSX. */
export const readGiftRecipientList = (body: unknown): GiftRecipientList | null =>
  answerOf(body, { recipients: 'array' });
