const PLACEHOLDER_ORIGIN = 'https://return-to.invalid';
const MAX_LENGTH = 1024;

/** C0 controls, space is fine; DEL; `\` (browsers read it as `/`); `#` (the fragment is ours: it carries the tokens). */
function hasForbiddenCharacter(value: string): boolean {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || value[index] === '\\' || value[index] === '#') return true;
  }
  return false;
}

/**
 * Where to send the browser after a social sign-in, if `raw` is a path on our own site;
 * undefined otherwise. The callback answers with this path and the tokens in the fragment, so
 * anything that leaves the site (`//evil.example`, `https://…`, `/\evil.example`, a tab that
 * browsers drop, dot segments that collapse into `//`) would hand the session to someone
 * else. The value is parsed against a placeholder origin and returned normalised, so what we
 * checked is exactly what the browser follows.
 */
export function sameSitePath(raw: string): string | undefined {
  if (raw.length === 0 || raw.length > MAX_LENGTH) return undefined;
  if (!raw.startsWith('/') || raw.startsWith('//') || hasForbiddenCharacter(raw)) return undefined;
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
