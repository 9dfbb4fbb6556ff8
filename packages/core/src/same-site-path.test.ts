import { describe, expect, it } from 'vitest';
import { sameSitePath } from './index.ts';

describe('sameSitePath', () => {
  it.each([
    ['/', '/'],
    ['/orders', '/orders'],
    ['/orders?tab=recent&page=2', '/orders?tab=recent&page=2'],
    ['/products/../cart', '/cart'],
    ['/a b', '/a%20b'],
    ['/상품/사과', '/%EC%83%81%ED%92%88/%EC%82%AC%EA%B3%BC'],
    ['/fruits/%EC%82%AC%EA%B3%BC/', '/fruits/%EC%82%AC%EA%B3%BC/'],
    ['/search/?q=%2F%5C%2e', '/search/?q=%2F%5C%2e'],
    ['/javascript:alert(1)', '/javascript:alert(1)'],
    ['/account/', '/account/'],
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
    '/\\\\evil.example',
    '\\/evil.example',
    '/%5Cevil.example',
    '/%5cevil.example',
    '/%2F/evil.example',
    '/%2f%2fevil.example',
    '/%2e%2e/%2e%2e//evil.example',
    '/%252F/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    ' //evil.example',
    '/./\t/evil.example',
    '/.//evil.example',
    '/a/..//evil.example',
    '/%09/evil.example',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'http:/evil.example',
    'https:evil.example',
    `/${'a'.repeat(1024)}`,
  ])('refuses %j', (raw) => {
    expect(sameSitePath(raw)).toBeUndefined();
  });
});
