/** The services the islands call, each through the edge under /api/<name> unless the build says otherwise. */
export type ApiName = 'identity' | 'catalog' | 'orders' | 'payments' | 'logistics';

/** Where the islands reach the APIs: the build writes these on <body>, from the storefront's env. */
export function apiBase(name: ApiName): string {
  const value = document.body.dataset[`${name}Api`];
  return (value ?? `/api/${name}`).replace(/\/+$/, '');
}

export const formatKrw = (amount: number): string => `${amount.toLocaleString('ko-KR')}원`;
