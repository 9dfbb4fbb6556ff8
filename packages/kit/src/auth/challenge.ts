import type { TokenRejected } from './verify.ts';

const REALM = 'fruitables';

/**
 * Puts the RFC 6750 challenge on the response this 401 becomes (headers set on the context
 * survive into the kit's error handler), and hands the error back to be thrown. A request that
 * sent no token gets a bare challenge: RFC 6750 §3.1 says to name no error code in that case.
 */
export function withChallenge(c: { header(name: string, value: string): void }, error: TokenRejected): TokenRejected {
  const challenge =
    error.tokenProblem === 'token_missing'
      ? `Bearer realm="${REALM}"`
      : `Bearer realm="${REALM}", error="invalid_token", error_description="${error.message}"`;
  c.header('WWW-Authenticate', challenge);
  return error;
}
