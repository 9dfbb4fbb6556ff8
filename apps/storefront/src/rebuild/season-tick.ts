import type { Clock } from '@fruitables/core';
import type { Logger } from 'pino';
import { seoulMonth } from '../pages/home-page.tsx';
import { surrogateKeys } from '../site/paths.ts';
import type { Site } from '../site/site.ts';
import type { EdgePurger } from './edge-purger.ts';

export interface SeasonTick {
  stop(): void;
}

/**
 * The home page says what is in season "now"; no event announces a new month, so this
 * notices it (in Asia/Seoul) and rebuilds and purges the home page once.
 */
export function startSeasonTick(options: {
  site: Site;
  purger: EdgePurger;
  clock: Clock;
  logger: Logger;
  intervalMs?: number;
}): SeasonTick {
  let month = seoulMonth(options.clock.now());
  const timer = setInterval(async () => {
    const now = seoulMonth(options.clock.now());
    if (now === month || !options.site.isBuilt()) return;
    try {
      await options.site.refreshHome();
      await options.purger.purge([surrogateKeys.home]);
      month = now;
      options.logger.info({ month }, 'home page rebuilt for the new month');
    } catch (error) {
      options.logger.warn({ err: error }, 'rebuilding the home page for the new month failed; will retry');
    }
  }, options.intervalMs ?? 600_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
