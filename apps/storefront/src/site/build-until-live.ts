import type { Logger } from 'pino';
import type { Site } from './site.ts';

/**
 * The first full build, tried until it succeeds: at boot catalog may still be starting (or
 * migrating). Backs off from 1 s to 10 s. Returns false if the process began stopping first.
 */
export async function buildUntilLive(
  site: Site,
  options: { logger: Logger; isStopping: () => boolean; maxDelayMs?: number },
): Promise<boolean> {
  let delay = 1_000;
  while (!options.isStopping()) {
    try {
      await site.fullBuild();
      return true;
    } catch (error) {
      options.logger.warn({ err: error, retryInMs: delay }, 'full build failed; retrying');
      await Bun.sleep(delay);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
  return false;
}
