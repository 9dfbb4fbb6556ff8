import { carriers } from './carriers.ts';

// A farm ships with one courier nearly always: each ship form starts at the last one used.
const KEY = 'fruitables.console.carrier';
const FIRST = 'kr.cjlogistics';

export function lastCarrier(): string {
  try {
    const saved = localStorage.getItem(KEY);
    return carriers.find((carrier) => carrier.id === saved)?.id ?? FIRST;
  } catch {
    return FIRST;
  }
}

export function rememberCarrier(carrierId: string): void {
  try {
    localStorage.setItem(KEY, carrierId);
  } catch {
    // Private mode: the form just starts at the first courier.
  }
}
