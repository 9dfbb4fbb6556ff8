/** @jsxImportSource hono/jsx */
import { paths } from '../site/paths.ts';
import type { RenderContext } from '../site/render-context.ts';
import { Field, NeedsScript } from './account-pages.tsx';
import { Layout } from './layout.tsx';

// The pages identity's mails link to. Static frames like the other account pages: the token
// stays in the address bar and is read by the account island, never rendered into the HTML.

/**
 * What the page says once the link did its work. Hidden until then; the island shows it and
 * moves focus to it (tabindex -1), so a screen reader reads the outcome, not a vanished form.
 */
const Done = ({ children }: { children: string }) => (
  <section data-email-link-done tabindex={-1} hidden>
    <p>{children}</p>
    <p>
      <a href={`${paths.login}?next=${paths.account}`}>로그인하기</a>
    </p>
  </section>
);

export function VerifyEmailPage({ context }: { context: RenderContext }) {
  return (
    <Layout
      context={context}
      title="이메일 확인"
      description="이메일 확인"
      path={paths.verifyEmail}
      script="account"
      noindex
    >
      <h1>이메일 확인</h1>
      <div data-email-link-step>
        <p>
          이메일 주소를 확인하려면 이 계정에서 쓸 비밀번호를 정해 주세요. 확인을 마치면 모든 기기에서 로그아웃됩니다.
        </p>
        <form data-email-link="verify" method="post" novalidate>
          <Field id="newPassword" label="새 비밀번호" type="password" autocomplete="new-password" hint="10자 이상" />
          <p role="alert" data-form-status class="field-error" />
          <button type="submit">확인하고 비밀번호 정하기</button>
        </form>
      </div>
      <Done>이메일 주소를 확인했어요. 모든 기기에서 로그아웃되었으니 새 비밀번호로 다시 로그인해 주세요.</Done>
      <NeedsScript />
    </Layout>
  );
}

export function ResetPasswordPage({ context }: { context: RenderContext }) {
  return (
    <Layout
      context={context}
      title="비밀번호 재설정"
      description="비밀번호 재설정"
      path={paths.resetPassword}
      script="account"
      noindex
    >
      <h1>비밀번호 재설정</h1>
      <div data-email-link-step>
        <p>새 비밀번호를 정하면 모든 기기에서 로그아웃됩니다.</p>
        <form data-email-link="reset" method="post" novalidate>
          <Field id="newPassword" label="새 비밀번호" type="password" autocomplete="new-password" hint="10자 이상" />
          <p role="alert" data-form-status class="field-error" />
          <button type="submit">비밀번호 바꾸기</button>
        </form>
        <p>
          <a href={paths.forgotPassword}>재설정 메일 다시 받기</a>
        </p>
      </div>
      <Done>비밀번호를 바꿨어요. 모든 기기에서 로그아웃되었으니 새 비밀번호로 다시 로그인해 주세요.</Done>
      <NeedsScript />
    </Layout>
  );
}

export function ForgotPasswordPage({ context }: { context: RenderContext }) {
  return (
    <Layout
      context={context}
      title="비밀번호 찾기"
      description="비밀번호 찾기"
      path={paths.forgotPassword}
      script="account"
      noindex
    >
      <h1>비밀번호 찾기</h1>
      <p>가입한 이메일을 알려 주시면 비밀번호를 다시 정할 수 있는 링크를 보내 드려요.</p>
      <form data-forgot method="post" novalidate>
        <Field id="email" label="이메일" type="email" autocomplete="email" />
        <p role="status" data-form-status class="field-error" />
        <button type="submit">재설정 메일 받기</button>
      </form>
      <p>
        <a href={paths.login}>로그인으로 돌아가기</a>
      </p>
      <NeedsScript />
    </Layout>
  );
}
