import { writeServerCartCount } from './cart-store.ts';
import { apiBase } from './config.ts';
import { mergeAfterSignIn } from './purchase/server-cart.ts';
import { returnToAfterLogin } from './return-to.ts';
import {
  accessToken,
  clearSession,
  type Problem,
  postJson,
  readSession,
  type Session,
  saveSession,
} from './session-store.ts';

// Sign up, log in, my account and log out: small forms that talk to identity through the
// edge. The pages themselves are the same for everyone; only this script knows who you are.

function summaryOf(problem: Problem | null, fallback: string): string {
  if (problem?.code === 'account_disabled') return '이용이 정지된 계정이에요. 고객센터에 문의해 주세요.';
  if (problem?.status === 429) return '시도가 너무 많아요. 잠시 후 다시 시도해 주세요.';
  return fallback;
}

function showErrors(form: HTMLFormElement, problem: Problem | null, fallback: string): void {
  const summary = form.querySelector<HTMLElement>('[data-form-status]');
  for (const hint of form.querySelectorAll<HTMLElement>('[data-field-error]')) hint.textContent = '';
  for (const error of problem?.errors ?? []) {
    const field = error.field.replace(/^body\./, '');
    const hint = form.querySelector<HTMLElement>(`[data-field-error="${CSS.escape(field)}"]`);
    if (hint) hint.textContent = error.message;
  }
  // identity's details are English; the shopper gets Korean, the field hints as identity wrote them.
  if (summary) summary.textContent = summaryOf(problem, fallback);
}

function fields(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (String(value) !== '') values[name] = String(value);
  return values;
}

/** What a correct admin password answers instead of a session. */
interface MfaChallenge {
  mfa: 'required' | 'enrolment_required';
  challenge: string;
}

type LoginResult = { ok: true; mfa: null } | { ok: true; mfa: MfaChallenge } | { ok: false; problem: Problem | null };

async function logIn(email: string, password: string): Promise<LoginResult> {
  const answer = await postJson('/v1/sessions', { email, password });
  if (answer.status === 200) {
    const body = answer.body as Partial<MfaChallenge> | null;
    if (body?.challenge && (body.mfa === 'required' || body.mfa === 'enrolment_required')) {
      return { ok: true, mfa: { mfa: body.mfa, challenge: body.challenge } };
    }
    saveSession(answer.body as Session);
    return { ok: true, mfa: null };
  }
  return { ok: false, problem: answer.body as Problem | null };
}

function mfaSummary(problem: Problem | null, fallback: string): string {
  if (problem?.code === 'invalid_mfa_challenge') return '시간이 지났어요. 처음부터 다시 로그인해 주세요.';
  if (problem?.code === 'invalid_mfa_code') return '코드가 맞지 않아요. 앱에 지금 표시된 코드를 입력해 주세요.';
  if (problem?.status === 429) return '시도가 너무 많아요. 잠시 후 다시 시도해 주세요.';
  return fallback;
}

function showMfaError(form: HTMLFormElement, problem: Problem | null): void {
  const summary = form.querySelector<HTMLElement>('[data-form-status]');
  if (summary) summary.textContent = mfaSummary(problem, '확인하지 못했어요. 다시 시도해 주세요.');
}

/** Asks for the 6-digit code (or a recovery code) and finishes the log-in. */
function askForCode(loginForm: HTMLFormElement, challenge: string): void {
  const form = document.querySelector<HTMLFormElement>('form[data-mfa]');
  if (!form) return;
  loginForm.hidden = true;
  form.hidden = false;
  form.querySelector<HTMLInputElement>('input[name="code"]')?.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = fields(form);
    const proof = values.recoveryCode ? { recoveryCode: values.recoveryCode } : { code: (values.code ?? '').trim() };
    busy(form, true);
    const answer = await postJson('/v1/sessions/mfa', { challenge, ...proof }).catch(() => null);
    busy(form, false);
    if (answer?.status === 200) {
      saveSession(answer.body as Session);
      await mergeAfterSignIn();
      location.assign(returnToAfterLogin(location.href));
    } else showMfaError(form, (answer?.body ?? null) as Problem | null);
  });
}

/**
 * An admin's first log-in: enrol an authenticator. identity asks for the password again; the
 * page still holds what was just typed, so the admin is not asked twice. The QR code arrives as
 * SVG text and is shown as an image (a data: URL), never inserted as markup.
 */
async function enrolAuthenticator(loginForm: HTMLFormElement, challenge: string, password: string): Promise<void> {
  const section = document.querySelector<HTMLElement>('[data-mfa-enrol]');
  const form = section?.querySelector<HTMLFormElement>('form[data-mfa-confirm]');
  if (!section || !form) return;
  const begun = await postJson('/v1/me/mfa/totp', { challenge, password });
  if (begun.status !== 200) {
    showErrors(loginForm, begun.body as Problem | null, '인증 앱 등록을 시작하지 못했어요. 다시 로그인해 주세요.');
    return;
  }
  const pending = begun.body as { qrSvg: string; secret: string };
  const qr = section.querySelector<HTMLImageElement>('[data-mfa-qr]');
  if (qr) qr.src = `data:image/svg+xml;base64,${btoa(pending.qrSvg)}`;
  const secret = section.querySelector<HTMLElement>('[data-mfa-secret]');
  if (secret) secret.textContent = pending.secret.replace(/(.{4})/g, '$1 ').trim();
  loginForm.hidden = true;
  section.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    busy(form, true);
    const code = (fields(form).enrolCode ?? '').trim();
    const answer = await postJson('/v1/me/mfa/totp/confirm', { challenge, code }).catch(() => null);
    busy(form, false);
    if (answer?.status !== 200) {
      showMfaError(form, (answer?.body ?? null) as Problem | null);
      return;
    }
    const confirmed = answer.body as { recoveryCodes: string[]; session: Session };
    section.hidden = true;
    showRecoveryCodes(confirmed.recoveryCodes, confirmed.session);
  });
}

/** The recovery codes, once; the session is kept only when the admin moves on. */
function showRecoveryCodes(codes: string[], session: Session): void {
  const section = document.querySelector<HTMLElement>('[data-mfa-recovery]');
  const list = section?.querySelector<HTMLElement>('[data-mfa-recovery-codes]');
  if (!section || !list) return;
  for (const code of codes) {
    const item = document.createElement('li');
    item.textContent = code;
    list.append(item);
  }
  section.hidden = false;
  saveSession(session);
  section.querySelector<HTMLButtonElement>('[data-mfa-done]')?.addEventListener('click', async () => {
    await mergeAfterSignIn();
    location.assign(returnToAfterLogin(location.href));
  });
}

function busy(form: HTMLFormElement, on: boolean): void {
  for (const button of form.querySelectorAll('button')) button.disabled = on;
}

document.querySelector<HTMLFormElement>('form[data-login]')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const values = fields(form);
  busy(form, true);
  const result = await logIn(values.email ?? '', values.password ?? '').catch(
    (): LoginResult => ({ ok: false, problem: null }),
  );
  busy(form, false);
  if (!result.ok) showErrors(form, result.problem, '이메일 또는 비밀번호를 확인해 주세요.');
  else if (result.mfa?.mfa === 'required') askForCode(form, result.mfa.challenge);
  else if (result.mfa) await enrolAuthenticator(form, result.mfa.challenge, values.password ?? '');
  else {
    // The guest cart joins the account's before the next page (checkout, often) opens.
    await mergeAfterSignIn();
    location.assign(returnToAfterLogin(location.href));
  }
});

document.querySelector<HTMLFormElement>('form[data-signup]')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const values = fields(form);
  busy(form, true);
  try {
    const answer = await postJson('/v1/accounts', values);
    if (answer.status !== 202 && answer.status !== 201) {
      showErrors(form, answer.body as Problem | null, '가입하지 못했어요. 입력한 내용을 확인해 주세요.');
      return;
    }
    // identity never says whether an email was already taken; logging in tells us privately.
    const result = await logIn(values.email ?? '', values.password ?? '');
    if (result.ok && !result.mfa) {
      await mergeAfterSignIn();
      location.assign(returnToAfterLogin(location.href));
    } else showErrors(form, null, '가입 요청을 받았어요. 로그인해 주세요.');
  } catch {
    showErrors(form, null, '연결이 원활하지 않아요. 잠시 후 다시 시도해 주세요.');
  } finally {
    busy(form, false);
  }
});

async function showAccount(root: HTMLElement): Promise<void> {
  const token = await accessToken().catch(() => null);
  if (!token) {
    location.replace('/login/?next=/account/');
    return;
  }
  const response = await fetch(`${apiBase('identity')}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401) {
    clearSession();
    location.replace('/login/?next=/account/');
    return;
  }
  const profile = (await response.json()) as { displayName?: string; email?: string; mobile?: string | null };
  const set = (name: string, value: string) => {
    const element = root.querySelector<HTMLElement>(`[data-profile="${name}"]`);
    if (element) element.textContent = value;
  };
  set('displayName', profile.displayName ?? '');
  set('email', profile.email ?? '');
  set('mobile', profile.mobile ?? '등록하지 않음');
  root.hidden = false;
}

const accountRoot = document.querySelector<HTMLElement>('[data-account]');
if (accountRoot) void showAccount(accountRoot);

document.querySelector<HTMLButtonElement>('button[data-logout]')?.addEventListener('click', async () => {
  const session = readSession();
  // Revoke on the server first; the local copy goes either way, so "log out" always logs out here.
  if (session) await postJson('/v1/sessions/logout', { refreshToken: session.refreshToken }).catch(() => null);
  clearSession();
  // The server cart stays with the account; this browser forgets its count.
  writeServerCartCount(null);
  location.assign('/');
});

/** Swaps a mail-link page's form for its outcome (see pages/email-link-pages.tsx). */
function showDone(form: HTMLFormElement): void {
  const step = form.closest<HTMLElement>('[data-email-link-step]');
  const done = document.querySelector<HTMLElement>('[data-email-link-done]');
  if (!step || !done) {
    location.assign('/login/?next=/account/');
    return;
  }
  step.hidden = true;
  done.hidden = false;
  done.focus();
}

// The pages our mails link to: the token comes from the address bar, the new password from the form.
document.querySelector<HTMLFormElement>('form[data-email-link]')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const endpoint =
    form.dataset.emailLink === 'verify' ? '/v1/email-verifications/confirm' : '/v1/password-resets/confirm';
  const token = new URL(location.href).searchParams.get('token') ?? '';
  busy(form, true);
  try {
    const answer = await postJson(endpoint, { token, newPassword: fields(form).newPassword ?? '' });
    if (answer.status === 204) {
      // Every session ended, this browser's too: say so, and offer to sign in with the new password.
      clearSession();
      showDone(form);
      return;
    }
    const problem = answer.body as Problem | null;
    const expired = problem?.errors?.some((error) => error.field.endsWith('token'));
    showErrors(
      form,
      problem,
      expired ? '링크가 만료되었거나 이미 사용되었어요. 메일을 다시 요청해 주세요.' : '입력한 내용을 확인해 주세요.',
    );
  } catch {
    showErrors(form, null, '연결이 원활하지 않아요. 잠시 후 다시 시도해 주세요.');
  } finally {
    busy(form, false);
  }
});

document.querySelector<HTMLFormElement>('form[data-forgot]')?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  busy(form, true);
  try {
    const answer = await postJson('/v1/password-resets', { email: fields(form).email ?? '' });
    // identity answers the same whether or not the email has an account, and so do we.
    if (answer.status === 202)
      showErrors(form, null, '가입된 이메일이라면 재설정 메일을 보냈어요. 메일함을 확인해 주세요.');
    else showErrors(form, answer.body as Problem | null, '이메일을 확인해 주세요.');
  } catch {
    showErrors(form, null, '연결이 원활하지 않아요. 잠시 후 다시 시도해 주세요.');
  } finally {
    busy(form, false);
  }
});

// Signing up from the log-in page keeps where the shopper was going (checkout, often).
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href="/signup/"], a[href="/login/"]')) {
  if (new URL(location.href).searchParams.has('next')) link.search = location.search;
}
