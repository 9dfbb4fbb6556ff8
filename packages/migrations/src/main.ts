import { z } from 'zod';
import { runMigrations } from './run.ts';

// The migrate Job's entry point: one run per deploy, safe to start twice (advisory lock).
const env = z.object({ DATABASE_URL: z.string().url() }).safeParse(process.env);
if (!env.success) {
  console.error(
    JSON.stringify({
      level: 'fatal',
      msg: 'invalid environment',
      issues: env.error.issues.map((i) => i.path.join('.')),
    }),
  );
  process.exit(1);
}
await runMigrations(env.data.DATABASE_URL, process.env, [], (msg, fields) =>
  console.log(JSON.stringify({ level: 'info', time: new Date().toISOString(), service: 'migrations', msg, ...fields })),
);
