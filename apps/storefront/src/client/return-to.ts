import { sameSitePath } from '@fruitables/core';

const ACCOUNT = '/account/';

/**
 * Where the login page sends the browser after a login: the `next` path of `href` if it is a
 * path on the shop (the rule identity applies to its own `returnTo`), the account page
 * otherwise. An open redirect would let any link send a freshly signed-in shopper anywhere.
 */
export function returnToAfterLogin(href: string): string {
  const next = new URL(href).searchParams.get('next');
  return (next === null ? undefined : sameSitePath(next)) ?? ACCOUNT;
}
