import { carriers } from './purchase-api.ts';

// A farm ships with one courier nearly always: each ship form starts at the last one used.
const KEY = 'fruitables.console.carrier';

export function lastCarrier(): string {
  try {
    const saved = localStorage.getItem(KEY);
    return carriers.some((carrier) => carrier.id === saved) && saved ? saved : carriers[0].id;
  } catch {
    return carriers[0].id;
  }
}

export function rememberCarrier(carrierId: string): void {
  try {
    localStorage.setItem(KEY, carrierId);
  } catch {
    // Private mode: the form just starts at the first courier.
  }
}
