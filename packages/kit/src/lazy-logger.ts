import type { Bindings, Logger } from 'pino';

interface Pending {
  parent: Logger;
  bindings: Bindings;
  child?: Logger;
}

const real = (pending: Pending): Logger => {
  pending.child ??= pending.parent.child(pending.bindings);
  return pending.child;
};

// One handler for every request's logger; the per-request state lives in the proxy's target.
const handler: ProxyHandler<Pending> = {
  get(pending, property) {
    const logger = real(pending);
    const value: unknown = Reflect.get(logger, property, logger);
    // Bound, so a method read off the proxy (`const { info } = logger`) still logs through the child.
    return typeof value === 'function' ? value.bind(logger) : value;
  },
  set: (pending, property, value) => Reflect.set(real(pending), property, value),
  has: (pending, property) => Reflect.has(real(pending), property),
  getPrototypeOf: (pending) => Reflect.getPrototypeOf(real(pending)),
};

/**
 * A logger that becomes `parent.child(bindings)` the first time it is used. Every request
 * gets a request-scoped logger, but most handlers never log (the request line is written
 * separately), so pino's child (~0.5 µs per request) is made only when asked for.
 */
export function lazyChildLogger(parent: Logger, bindings: Bindings): Logger {
  return new Proxy<Pending>({ parent, bindings }, handler) as unknown as Logger;
}
