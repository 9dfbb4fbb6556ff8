import { z } from 'zod';

/** Every bad variable at once, so an operator fixes the deployment in one go, not one restart per typo. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/**
 * Parses the environment once, at boot. Nothing else in a service reads `process.env`:
 * main.ts calls this and passes the typed result down.
 */
export function parseEnv<TShape extends z.ZodRawShape>(
  shape: TShape,
  source: Record<string, string | undefined>,
): z.infer<z.ZodObject<TShape>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return source[name] === undefined ? `${name} is required (${issue.message})` : `${name}: ${issue.message}`;
    }),
  );
}

// 0 asks the OS for any free port (tests and benchmarks start many copies).
const port = z.coerce.number().int().min(0).max(65_535);
const milliseconds = z.coerce.number().int().min(0);

/** The variables every kit-built service takes; a service spreads these into its own shape. */
export const serviceEnvShape = {
  PORT: port.default(8080),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }),
  SHUTDOWN_TIMEOUT_MS: milliseconds.default(20_000),
  REQUEST_TIMEOUT_MS: milliseconds.default(10_000),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** `/metrics` is served here, never on PORT, so nothing the edge routes can reach it. */
  METRICS_PORT: port.default(9090),
  /** PostgreSQL connections in the service's pool. */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * Unique per process: Redis tracks pending entries per consumer name (the pod name in
   * K3s). Defaults to `<service>-<pid>`.
   */
  CONSUMER_NAME: z.string().min(1).optional(),
  /** How often a producing service trims its stream behind the slowest consumer group. */
  STREAM_TRIM_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
};

export type ServiceEnv = z.infer<z.ZodObject<typeof serviceEnvShape>>;

/**
 * Runs a service's environment parsing at boot; on an EnvError prints one fatal JSON line
 * naming every bad variable (never a value: several hold keys) and exits 1. Every main.ts
 * fails the same way, which is what an operator reading `kubectl logs` wants.
 */
export function exitOnEnvError<T>(service: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(JSON.stringify({ level: 'fatal', service, msg: 'invalid environment', problems: error.problems }));
    process.exit(1);
  }
}
