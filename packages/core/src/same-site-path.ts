const PLACEHOLDER_ORIGIN = 'https://return-to.invalid';
const MAX_LENGTH = 1024;

/**
 * C0 controls (browsers drop tabs and newlines from URLs, so `/\t/evil` is `//evil`), space is
 * fine; DEL; `\` (browsers read it as `/`); `#` (identity's callback puts the tokens in the
 * fragment).
 */
function hasForbiddenCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || value[index] === '\\' || value[index] === '#') return true;
  }
  return false;
}

/**
 * Percent-encoded `/`, `\`, `.`, `%` or a control character in the path: a server or a proxy that
 * decodes once more reads another path than the one checked here (the edge refuses them too).
 */
const ENCODED_SEPARATOR = /%(2f|5c|2e|25|[01][0-9a-f]|7f)/i;

/**
 * `raw` as a path on our own site, normalised; undefined if it is anything else. For every
 * "where to go next" a URL carries: identity's social sign-in `returnTo` (the callback answers
 * with this path and the tokens in the fragment) and the shop's login `next=`. Anything that
 * leaves the site (`//evil.example`, `https://…`, `javascript:…`, `/\evil.example`, a tab that
 * browsers drop, dot segments that collapse into `//`) would hand a fresh session to someone
 * else. The value is parsed against a placeholder origin and returned normalised, so what was
 * checked is exactly what the browser follows. Browser-safe: only the URL API.
 */
export function sameSitePath(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > MAX_LENGTH) return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//') || hasForbiddenCharacter(raw)) return undefined;
  if (ENCODED_SEPARATOR.test(raw.split('?', 1)[0] ?? raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER_ORIGIN);
  } catch {
    return undefined;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return undefined;
  const path = `${url.pathname}${url.search}`;
  // `/a/../..//evil.example` normalises to `//evil.example`, a scheme-relative URL to another host.
  if (path.startsWith('//')) return undefined;
  return path;
}
