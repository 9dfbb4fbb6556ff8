import { describe, expect, it } from 'vitest';
import { sameSitePath } from './social-return-to.ts';

describe('sameSitePath', () => {
  it.each([
    ['/', '/'],
    ['/orders', '/orders'],
    ['/orders?tab=recent&page=2', '/orders?tab=recent&page=2'],
    ['/products/../cart', '/cart'],
    ['/a b', '/a%20b'],
    ['/상품/사과', '/%EC%83%81%ED%92%88/%EC%82%AC%EA%B3%BC'],
  ])('keeps %j as %j', (raw, expected) => {
    expect(sameSitePath(raw)).toBe(expected);
  });

  it.each([
    '',
    'orders',
    'https://evil.example',
    'HTTPS://evil.example',
    '//evil.example',
    '/\\evil.example',
    '/\\/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/a/../..//evil.example',
    '/./\u0000/evil.example',
    'javascript:alert(1)',
    'data:text/html,hi',
    '/orders#section',
    `/${'a'.repeat(1024)}`,
  ])('refuses %j', (raw) => {
    expect(sameSitePath(raw)).toBeUndefined();
  });
});
