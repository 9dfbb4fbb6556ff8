/**
 * A sleep that can be cut short. A wake that arrives while nobody sleeps is remembered, so
 * a NOTIFY that lands while the relay is mid-batch still triggers one more pass.
 */
export interface Wakeup {
  wake(): void;
  /** Forgets a remembered wake, for a caller about to look at everything it could announce. */
  clear(): void;
  sleep(ms: number): Promise<void>;
}

export function createWakeup(): Wakeup {
  let pending = false;
  let resolveSleep: (() => void) | undefined;
  return {
    wake() {
      pending = true;
      resolveSleep?.();
    },
    clear() {
      pending = false;
    },
    sleep(ms) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          resolveSleep = undefined;
          pending = false;
          resolve();
        }
        resolveSleep = done;
      });
    },
  };
}
