import { defineService } from '@fruitables/kit';
import { storefrontTables } from '@fruitables/schema-storefront';
import { createApp } from './app.ts';
import { storefrontEnvShape } from './env.ts';
import { createEdgePurger } from './rebuild/edge-purger.ts';
import { createRebuilder } from './rebuild/rebuilder.ts';
import { startSeasonTick } from './rebuild/season-tick.ts';
import { buildUntilLive } from './site/build-until-live.ts';
import { createSiteFromEnv } from './site/create-site-from-env.ts';

/** The storefront as the runner starts it: its settings, its tables, and how its parts are built. */
export const storefrontService = defineService({
  name: 'storefront',
  env: storefrontEnvShape,
  tables: storefrontTables,
  async build({ env, db, logger, clock, registry, lifecycle, readiness, http, ...platform }) {
    const { site, store, source } = await createSiteFromEnv(env, { clock, logger });
    const purger = createEdgePurger({ url: env.STOREFRONT_EDGE_PURGE_URL, secret: env.STOREFRONT_EDGE_PURGE_SECRET });
    const { redisConnection: redis, busMetrics: metrics, consumerName } = platform;
    return {
      // Ready once the start-up step below (the first full build) is done and the rebuilder runs.
      app: createApp({ logger, registry, lifecycle, site, store, source, readiness, ...http }),
      // After serving: catalog boots beside us and may not answer yet, so the build is retried.
      async onStart() {
        if (!(await buildUntilLive(site, { logger, isStopping: () => lifecycle.draining }))) return;
        // A new build may come from new templates (a deploy): the edge's copies of every page go.
        await purger
          .purge(['site'])
          .catch((error: unknown) => logger.warn({ err: error }, 'could not purge the edge after the full build'));
      },
      consumers: { rebuilder: createRebuilder({ redis, db, site, purger, logger, metrics, registry, consumerName }) },
      sweeps: { 'season tick': () => startSeasonTick({ site, purger, clock, logger }) },
    };
  },
});
