import { Conflict, type FieldProblem, Forbidden, NotFound, ValidationFailed } from '@fruitables/core';

// Domain errors with stable codes; the kit maps their kinds to problem+json. The shopper reads
// the Korean message (the storefront shows it as it is); developers read the code and fields.

/** Another shopper's order answers exactly like a missing one. */
export const orderNotFound = () => new NotFound('주문을 찾을 수 없어요.', 'order_not_found');
export const fulfilmentNotFound = () => new NotFound('배송 묶음을 찾을 수 없어요.', 'fulfilment_not_found');
export const cancelRequestNotFound = () => new NotFound('취소 요청을 찾을 수 없어요.', 'cancel_request_not_found');

export const emailNotVerified = () =>
  new Forbidden('이메일 인증을 마친 뒤에 주문할 수 있어요. 받은 메일의 인증 링크를 눌러 주세요.', 'email_not_verified');

export const soldOut = (titles: readonly string[]) =>
  new Conflict(`품절된 상품이 있어요: ${titles.join(', ')}`, 'sold_out');

export const priceChanged = (fields: FieldProblem[]) =>
  new Conflict('가격이 바뀐 상품이 있어요. 장바구니에서 새 가격을 확인해 주세요.', 'price_changed', fields);

export const offerUnavailable = (fields: FieldProblem[]) =>
  new Conflict('더 이상 판매하지 않는 상품이 있어요. 장바구니에서 빼 주세요.', 'offer_unavailable', fields);

export const overPerOrderLimit = (fields: FieldProblem[]) =>
  new ValidationFailed('1회 주문 한도를 넘은 상품이 있어요.', fields);

export const idempotencyKeyReused = () =>
  new Conflict('같은 Idempotency-Key로 다른 주문을 보냈어요. 새 주문에는 새 키를 써 주세요.', 'idempotency_key_reused');

export const dateFull = (farmName: string) =>
  new Conflict(`${farmName}의 선택한 배송일이 마감됐어요. 다른 날짜를 골라 주세요.`, 'date_full');

export const dateUnavailable = (deliveryDate: string) =>
  new Conflict(
    `${deliveryDate} 배송은 받는 분이 주소를 입력할 시간이 부족해요. 더 늦은 날짜를 골라 주세요.`,
    'date_unavailable',
  );
export const areaUnserved = (farmName: string, reason: string | null) =>
  new Conflict(`${farmName}의 상품은 이 주소로 배송할 수 없어요.${reason ? ` ${reason}` : ''}`, 'area_unserved');

export const checkoutFailed = () =>
  new Conflict('주문을 만들지 못했어요. 잠시 뒤 다시 시도해 주세요.', 'checkout_failed');

export const notCancellable = (message = '이미 처리된 주문이라 취소할 수 없어요.') =>
  new Conflict(message, 'not_cancellable');

export const invalidTransition = (from: string, to: string) =>
  new Conflict(`지금 상태(${from})에서는 ${to}(으)로 바꿀 수 없어요.`, 'invalid_status');
