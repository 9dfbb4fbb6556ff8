import type { Logger } from 'pino';

/**
 * Work a request starts but does not wait for: looking up an account and mailing it. Doing it
 * after the answer is what keeps "is there an account for this email?" out of the response
 * time, not only out of the body. A task that fails is logged (it has nobody to answer to);
 * the person can ask for the mail again. Tasks live in this process only: one lost in a crash
 * is a mail not sent, never a state change half made (each task is one transaction, then a send).
 */
export interface BackgroundTasks {
  run(name: string, task: () => Promise<void>): void;
  /** Resolves once every task started so far has finished (shutdown, tests). */
  idle(): Promise<void>;
}

export function createBackgroundTasks(logger: Logger): BackgroundTasks {
  const running = new Set<Promise<void>>();
  return {
    run(name, task) {
      const done = (async () => {
        try {
          await task();
        } catch (error) {
          logger.error({ err: error, task: name }, 'background task failed');
        }
      })();
      running.add(done);
      void done.finally(() => running.delete(done));
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
