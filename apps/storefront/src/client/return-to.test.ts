import { describe, expect, it } from 'vitest';
import { returnToAfterLogin } from './return-to.ts';

const login = (next: string) => `https://fruitables.kr/login/?next=${encodeURIComponent(next)}`;

describe('where the login page sends the shopper next', () => {
  it.each([
    ['/account/', '/account/'],
    ['/farmer/lots/?page=2', '/farmer/lots/?page=2'],
    ['/fruits/사과/', '/fruits/%EC%82%AC%EA%B3%BC/'],
  ])('follows a path on the shop: %j', (next, expected) => {
    expect(returnToAfterLogin(login(next))).toBe(expected);
  });

  it.each([
    '/\\evil.example',
    '/\\\\evil.example',
    '//evil.example',
    '/%5Cevil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/a/../..//evil.example',
    'https://evil.example',
    'javascript:alert(1)',
  ])('goes to the account page instead of %j', (next) => {
    expect(returnToAfterLogin(login(next))).toBe('/account/');
  });

  it('goes to the account page without a next', () => {
    expect(returnToAfterLogin('https://fruitables.kr/login/')).toBe('/account/');
    // A raw, unencoded `\` in the query arrives as it is.
    expect(returnToAfterLogin('https://fruitables.kr/login/?next=/\\evil.example')).toBe('/account/');
  });
});
