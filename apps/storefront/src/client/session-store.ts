import { apiBase } from './config.ts';

/** identity's token pair as POST /v1/sessions and /v1/sessions/refresh return it. */
export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

// identity issues bearer tokens, not cookies, so the pair is kept in this browser's storage.
// That is why pages carry a strict Content-Security-Policy (no inline or foreign script):
// a script that could run here could read the tokens.
const KEY = 'fruitables.session.v1';

export function readSession(): Session | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const session = value as Partial<Session>;
    if (typeof session.accessToken !== 'string' || typeof session.refreshToken !== 'string') return null;
    if (Date.parse(session.refreshTokenExpiresAt ?? '') <= Date.now()) return null;
    return session as Session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(
    KEY,
    JSON.stringify({
      accessToken: session.accessToken,
      accessTokenExpiresAt: session.accessTokenExpiresAt,
      refreshToken: session.refreshToken,
      refreshTokenExpiresAt: session.refreshTokenExpiresAt,
    }),
  );
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** A problem+json body, or nothing when the answer was not one. */
export interface Problem {
  status?: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export async function postJson(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${apiBase('identity')}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  return { status: response.status, body: parsed };
}

/** A valid access token, refreshed (and rotated) when it is about to expire; null when signed out. */
export async function accessToken(): Promise<string | null> {
  const session = readSession();
  if (!session) return null;
  if (Date.parse(session.accessTokenExpiresAt) - Date.now() > 30_000) return session.accessToken;
  return refreshSession();
}

/**
 * Trades the refresh token for a new pair now. The console calls it when an API says 401
 * to a token that has not expired: identity revokes an account's access tokens when its
 * roles change (a farmer just verified), and the refreshed token carries the new ones.
 */
export function refreshSession(): Promise<string | null> {
  // One refresh at a time: refresh tokens rotate, and identity treats a second use of the
  // old one as theft and ends the whole session. Calls that overlap share the first's answer.
  refreshing ??= rotate().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

let refreshing: Promise<string | null> | null = null;

async function rotate(): Promise<string | null> {
  const session = readSession();
  if (!session) return null;
  const refreshed = await postJson('/v1/sessions/refresh', { refreshToken: session.refreshToken });
  if (refreshed.status === 409) {
    // Another tab rotated the same token a moment ago (refresh_token_just_used): its new
    // pair is in storage now, and this tab is still signed in.
    const current = readSession();
    if (current && current.refreshToken !== session.refreshToken) return current.accessToken;
  }
  if (refreshed.status !== 200) {
    clearSession();
    return null;
  }
  saveSession(refreshed.body as Session);
  return (refreshed.body as Session).accessToken;
}
