/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { PageScript } from '../site/assets.ts';
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { NeedsScript } from './account-pages.tsx';
import { Layout } from './layout.tsx';

// Checkout, the payment page's return and my orders: static frames the same for everyone
// (no shopper's data is ever in the HTML), served no-store and passed by the edge. Their
// islands (client/checkout.ts, payment-return.ts, orders.ts) fill them in.

function PurchaseLayout(props: {
  context: RenderContext;
  title: string;
  path: string;
  script: PageScript;
  children: Child;
}) {
  return (
    <Layout
      context={props.context}
      title={props.title}
      description={props.title}
      path={props.path}
      script={props.script}
      stylesheets={[props.context.assets.purchaseStyle]}
      noindex
    >
      {props.children}
    </Layout>
  );
}

function TextField(props: {
  id: string;
  label: string;
  autocomplete: string;
  type?: string;
  inputmode?: 'tel' | 'numeric';
  required?: boolean;
  maxlength?: number;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        required={props.required ?? true}
        aria-describedby={`${props.id}-error`}
      />
      <span class="field-error" id={`${props.id}-error`} data-field-error={props.id} />
    </>
  );
}

export function CheckoutPage({ context }: { context: RenderContext }) {
  return (
    <PurchaseLayout context={context} title="주문서" path={paths.checkout} script="checkout">
      <h1>주문서</h1>
      <p class="muted" data-checkout-loading>
        장바구니를 불러오는 중이에요…
      </p>
      <form id="checkout-form" data-checkout-form method="post" novalidate hidden>
        <label class="check">
          <input type="checkbox" id="gift-mode" name="gift-mode" data-gift-toggle /> 선물하기 (여러 분께 보내기)
        </label>
        <section data-gift-recipients hidden aria-label="선물 받는 분" />
        <fieldset class="recipient" data-single-recipient>
          <legend>받는 분</legend>
          <div data-address-book hidden>
            <label for="address-book">저장된 배송지</label>
            <select id="address-book" name="address-book" />
          </div>
          <TextField id="recipient-name" label="받는 분 이름" autocomplete="name" maxlength={50} />
          <TextField id="recipient-phone" label="휴대폰 번호" autocomplete="tel" type="tel" inputmode="tel" />
          <TextField
            id="recipient-postcode"
            label="우편번호 (숫자 5자리)"
            autocomplete="postal-code"
            inputmode="numeric"
            maxlength={5}
          />
          <button type="button" class="button-secondary" data-postcode-search hidden>
            우편번호 찾기
          </button>
          <TextField id="recipient-address1" label="주소" autocomplete="address-line1" maxlength={200} />
          <TextField
            id="recipient-address2"
            label="상세 주소 (동·호수)"
            autocomplete="address-line2"
            required={false}
            maxlength={200}
          />
          <TextField
            id="recipient-note"
            label="배송 요청 사항 (선택)"
            autocomplete="off"
            required={false}
            maxlength={300}
          />
          <label class="check" data-save-address hidden>
            <input type="checkbox" id="save-address" name="save-address" /> 이 배송지를 주소록에 저장
          </label>
        </fieldset>
        <div data-checkout-farms />
        <section aria-labelledby="checkout-summary-title">
          <h2 id="checkout-summary-title">결제 금액</h2>
          <dl class="facts" data-checkout-summary />
        </section>
        <div role="alert" data-form-status class="form-status" />
        <button type="submit" data-checkout-submit>
          결제하기
        </button>
      </form>
      <section data-payment-widget hidden aria-labelledby="payment-widget-title">
        <h2 id="payment-widget-title">결제 수단</h2>
        <div id="payment-methods" />
        <div id="payment-agreement" />
        <p role="alert" data-payment-error class="form-status" />
        <button type="button" data-payment-request>
          결제하기
        </button>
      </section>
      <NeedsScript />
    </PurchaseLayout>
  );
}

export function PaymentSuccessPage({ context }: { context: RenderContext }) {
  return (
    <PurchaseLayout context={context} title="결제 확인" path={paths.checkoutSuccess} script="payment-return">
      <h1 data-payment-title tabindex={-1}>
        결제를 확인하고 있어요
      </h1>
      <div data-payment-return="success" aria-live="polite">
        <p class="muted">잠시만 기다려 주세요. 이 페이지를 닫지 마세요.</p>
      </div>
      <NeedsScript />
    </PurchaseLayout>
  );
}

export function PaymentFailPage({ context }: { context: RenderContext }) {
  return (
    <PurchaseLayout context={context} title="결제 실패" path={paths.checkoutFail} script="payment-return">
      <h1 data-payment-title tabindex={-1}>
        결제하지 못했어요
      </h1>
      <div data-payment-return="fail" aria-live="polite" />
      <p>
        <a href={paths.orders}>주문 내역 보기</a> · <a href={paths.cart}>장바구니</a>
      </p>
      <NeedsScript />
    </PurchaseLayout>
  );
}

export function OrdersPage({ context }: { context: RenderContext }) {
  return (
    <PurchaseLayout context={context} title="주문 내역" path={paths.orders} script="orders">
      <h1 data-orders-title tabindex={-1}>
        주문 내역
      </h1>
      <div data-orders aria-live="polite">
        <p class="muted">불러오는 중이에요…</p>
      </div>
      <p role="status" data-orders-status class="form-status" />
      <NeedsScript />
    </PurchaseLayout>
  );
}

/**
 * A gift recipient's page (`?token=` from the buyer's link): who sent what and when, and the
 * form for their own address. Public and the same for everyone; the island reads the token.
 */
export function GiftAddressPage({ context }: { context: RenderContext }) {
  return (
    <PurchaseLayout context={context} title="선물 받을 주소 입력" path={paths.giftAddress} script="gift-address">
      <h1 data-gift-title tabindex={-1}>
        선물 받을 주소를 알려 주세요
      </h1>
      <div data-gift-summary aria-live="polite">
        <p class="muted">선물 정보를 불러오는 중이에요…</p>
      </div>
      <form id="gift-address-form" data-gift-form method="post" novalidate hidden>
        <fieldset class="recipient">
          <legend>받는 분</legend>
          <TextField id="recipient-name" label="받는 분 이름" autocomplete="name" maxlength={40} />
          <TextField id="recipient-phone" label="휴대폰 번호" autocomplete="tel" type="tel" inputmode="tel" />
          <TextField
            id="recipient-postcode"
            label="우편번호 (숫자 5자리)"
            autocomplete="postal-code"
            inputmode="numeric"
            maxlength={5}
          />
          <TextField id="recipient-address1" label="주소" autocomplete="address-line1" maxlength={200} />
          <TextField
            id="recipient-address2"
            label="상세 주소 (동·호수)"
            autocomplete="address-line2"
            required={false}
            maxlength={200}
          />
          <TextField
            id="recipient-note"
            label="배송 요청 사항 (선택)"
            autocomplete="off"
            required={false}
            maxlength={200}
          />
        </fieldset>
        <div role="alert" data-form-status class="form-status" />
        <button type="submit" data-gift-submit>
          이 주소로 받을게요
        </button>
      </form>
      <NeedsScript />
    </PurchaseLayout>
  );
}
