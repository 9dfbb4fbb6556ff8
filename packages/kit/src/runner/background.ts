import type { Logger } from 'pino';
import type { Lifecycle } from '../lifecycle.ts';
import type { ServiceParts, Stoppable } from './types.ts';

export interface Background {
  /** Starts the consumers, then the sweeps; nothing once the service began draining. */
  start(): Promise<void>;
}

/**
 * The service's consumers and sweeps, started by the runner after the start-up step and
 * stopped after the HTTP server drained. Each stop hook first waits for the start phase to
 * settle, so a SIGTERM during start-up can never leave a consumer started after its stop ran.
 */
export function manageBackground(
  parts: Pick<ServiceParts, 'consumers' | 'sweeps' | 'jobs'>,
  lifecycle: Lifecycle,
  logger: Logger,
): Background {
  let startPhase: Promise<void> = Promise.resolve();
  const running = new Map<string, Stoppable>();
  const settled = () => startPhase.catch(() => undefined);

  // Registration order is shutdown order: the work in flight first, then what feeds more work.
  for (const [name, job] of Object.entries(parts.jobs ?? {})) {
    lifecycle.onShutdown(name, () => job.drain());
  }
  for (const [name, consumer] of Object.entries(parts.consumers ?? {})) {
    lifecycle.onShutdown(name, async () => {
      await settled();
      await consumer.stop();
    });
  }
  for (const name of Object.keys(parts.sweeps ?? {})) {
    lifecycle.onShutdown(name, async () => {
      await settled();
      await running.get(name)?.stop();
    });
  }

  return {
    start() {
      startPhase = (async () => {
        for (const [name, consumer] of Object.entries(parts.consumers ?? {})) {
          if (lifecycle.draining) return;
          await consumer.start();
          logger.info({ consumer: name }, 'consumer started');
        }
        for (const [name, startSweep] of Object.entries(parts.sweeps ?? {})) {
          if (lifecycle.draining) return;
          running.set(name, startSweep());
        }
      })();
      return startPhase;
    },
  };
}
