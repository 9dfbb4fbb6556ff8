/**
 * What a service must do when it is told to stop, and whether it is stopping. Shared by
 * the app (readiness turns 503 while draining, so the load balancer stops sending) and by
 * `serveApp` (which runs the hooks in order after in-flight requests finish).
 */
export interface Lifecycle {
  readonly draining: boolean;
  /** Registers a hook run at shutdown, after the HTTP server stopped: stop consumers, then close pools. */
  onShutdown(name: string, hook: () => Promise<void>): void;
  beginDrain(): void;
  runShutdownHooks(log: (name: string, error?: unknown) => void): Promise<void>;
}

export function createLifecycle(): Lifecycle {
  const hooks: { name: string; hook: () => Promise<void> }[] = [];
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    onShutdown(name, hook) {
      hooks.push({ name, hook });
    },
    beginDrain() {
      draining = true;
    },
    async runShutdownHooks(log) {
      // In registration order: consumers were registered before the pools they use.
      for (const { name, hook } of hooks) {
        try {
          await hook();
          log(name);
        } catch (error) {
          log(name, error);
        }
      }
    },
  };
}
