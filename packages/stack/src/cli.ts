import { runAdmin } from './commands/admin.ts';
import { runBench } from './commands/bench.ts';
import { runDown } from './commands/down.ts';
import { runTest } from './commands/test.ts';
import { runUp } from './commands/up.ts';

const usage = `usage: ./fruitables <command>

  up [--detach]   install what is missing, start PostgreSQL, Redis, every service and the edge
  down            stop what \`up\` started
  test [args]     run every check and test suite on private PostgreSQL and Redis (args go to vitest)
  bench [name]    run the benchmarks and update the Performance table in README.md
  admin create --email <email> --name <name>
                  create an admin account in the local stack (password from ADMIN_PASSWORD or stdin)
`;

const commands: Record<string, (args: string[]) => Promise<number>> = {
  up: runUp,
  down: runDown,
  test: runTest,
  bench: runBench,
  admin: runAdmin,
};

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.error(usage);
  process.exit(name === undefined || name === 'help' || name === '--help' ? 0 : 2);
}
try {
  process.exit(await command(args));
} catch (error) {
  console.error(`fruitables ${name}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
