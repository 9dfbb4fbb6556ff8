/** @jsxImportSource hono/jsx */
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { Layout } from './layout.tsx';

// Personal pages are the same static frame for everyone (so the edge may cache them); the
// account island fills in who is signed in, in the browser.

export const NeedsScript = () => (
  <noscript>
    <p>이 기능은 자바스크립트가 필요해요.</p>
  </noscript>
);

export function Field(props: {
  id: string;
  label: string;
  type: string;
  autocomplete: string;
  required?: boolean;
  hint?: string;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.id}
        type={props.type}
        autocomplete={props.autocomplete}
        required={props.required ?? true}
        aria-describedby={`${props.id}-error`}
      />
      {props.hint ? <span class="muted">{props.hint}</span> : null}
      <span class="field-error" id={`${props.id}-error`} data-field-error={props.id} />
    </>
  );
}

/**
 * The admin's second step, hidden until identity answers a password with an MFA challenge:
 * the 6-digit code (or a recovery code), or, the first time, enrolling an authenticator app.
 */
function AdminSecondFactor() {
  return (
    <>
      <form data-mfa method="post" novalidate hidden>
        <p>관리자 계정은 인증 앱의 6자리 코드로 한 번 더 확인해요.</p>
        <Field id="code" label="인증 코드" type="text" autocomplete="one-time-code" required={false} />
        <details>
          <summary>인증 앱을 쓸 수 없나요?</summary>
          <Field id="recoveryCode" label="복구 코드" type="text" autocomplete="off" required={false} />
        </details>
        <p role="alert" data-form-status class="field-error" />
        <button type="submit">확인</button>
      </form>
      <section data-mfa-enrol hidden>
        <h2>인증 앱 등록</h2>
        <p>관리자 계정은 2단계 인증이 필요해요. 인증 앱(Google Authenticator 등)으로 QR 코드를 찍어 주세요.</p>
        <img data-mfa-qr alt="인증 앱 등록용 QR 코드" width="200" height="200" />
        <p>
          QR 코드를 찍을 수 없으면 이 키를 직접 입력하세요: <code data-mfa-secret />
        </p>
        <form data-mfa-confirm method="post" novalidate>
          <Field id="enrolCode" label="앱에 표시된 6자리 코드" type="text" autocomplete="one-time-code" />
          <p role="alert" data-form-status class="field-error" />
          <button type="submit">등록</button>
        </form>
      </section>
      <section data-mfa-recovery hidden>
        <h2>복구 코드</h2>
        <p>
          휴대폰을 잃어버렸을 때 인증 코드 대신 쓰는 코드예요. 지금 한 번만 보여 드려요. 안전한 곳에 적어 두세요.
          코드마다 한 번씩 쓸 수 있어요.
        </p>
        <ol data-mfa-recovery-codes />
        <button type="button" data-mfa-done>
          적어 두었어요
        </button>
      </section>
    </>
  );
}

export function LoginPage({ context }: { context: RenderContext }) {
  return (
    <Layout
      context={context}
      title="로그인"
      description="프루터블즈 로그인"
      path={paths.login}
      script="account"
      noindex
    >
      <h1>로그인</h1>
      <form data-login method="post" novalidate>
        <Field id="email" label="이메일" type="email" autocomplete="email" />
        <Field id="password" label="비밀번호" type="password" autocomplete="current-password" />
        <p role="alert" data-form-status class="field-error" />
        <button type="submit">로그인</button>
      </form>
      <AdminSecondFactor />
      <p>
        처음이세요? <a href={paths.signup}>회원가입</a>
      </p>
      <p>
        <a href={paths.forgotPassword}>비밀번호를 잊으셨나요?</a>
      </p>
      <NeedsScript />
    </Layout>
  );
}

export function SignupPage({ context }: { context: RenderContext }) {
  return (
    <Layout
      context={context}
      title="회원가입"
      description="프루터블즈 회원가입"
      path={paths.signup}
      script="account"
      noindex
    >
      <h1>회원가입</h1>
      <form data-signup method="post" novalidate>
        <Field id="email" label="이메일" type="email" autocomplete="email" />
        <Field id="password" label="비밀번호" type="password" autocomplete="new-password" hint="10자 이상" />
        <Field id="displayName" label="이름" type="text" autocomplete="name" />
        <Field id="mobile" label="휴대폰 번호 (선택)" type="tel" autocomplete="tel" required={false} />
        <p role="alert" data-form-status class="field-error" />
        <button type="submit">가입하기</button>
      </form>
      <p>
        이미 회원이세요? <a href={paths.login}>로그인</a>
      </p>
      <NeedsScript />
    </Layout>
  );
}

export function AccountPage({ context }: { context: RenderContext }) {
  return (
    <Layout context={context} title="내 계정" description="내 계정" path={paths.account} script="account" noindex>
      <h1>내 계정</h1>
      <section data-account hidden>
        <dl class="facts">
          <dt>이름</dt>
          <dd data-profile="displayName" />
          <dt>이메일</dt>
          <dd data-profile="email" />
          <dt>휴대폰</dt>
          <dd data-profile="mobile" />
        </dl>
        <p>
          <a href={paths.orders}>주문 내역</a>
        </p>
        <p>
          <button type="button" data-logout>
            로그아웃
          </button>
        </p>
      </section>
      <NeedsScript />
    </Layout>
  );
}

export function CartPage({ context }: { context: RenderContext }) {
  return (
    <Layout context={context} title="장바구니" description="장바구니" path={paths.cart} script="cart" noindex>
      <h1>장바구니</h1>
      <div data-cart aria-live="polite" />
      <p role="status" data-cart-message class="field-error" />
      <noscript>
        <p>장바구니는 이 브라우저에 저장돼요. 자바스크립트를 켜 주세요.</p>
      </noscript>
    </Layout>
  );
}

export function NotFoundPage({ context }: { context: RenderContext }) {
  return (
    <Layout
      context={context}
      title="페이지를 찾을 수 없어요"
      description="페이지를 찾을 수 없어요"
      path={paths.notFound}
      noindex
    >
      <h1>페이지를 찾을 수 없어요</h1>
      <p>주소가 바뀌었거나 판매가 끝난 상품일 수 있어요.</p>
      <p>
        <a href={paths.home}>홈으로</a> · <a href={paths.fruits}>과일 둘러보기</a> · <a href={paths.search}>검색</a>
      </p>
    </Layout>
  );
}
