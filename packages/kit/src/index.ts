export { createServiceApp, type ServiceAppOptions } from './app.ts';
export { type AuthenticateOptions, authenticate } from './auth/authenticate.ts';
export { canManageFarm, principalOf, requireFarmAccess, requireRole } from './auth/guards.ts';
export {
  createJwksKeySource,
  type JwksKeySource,
  type JwksKeySourceOptions,
} from './auth/jwks-key-source.ts';
export {
  createServiceTokenProvider,
  type ServiceTokenProvider,
  type ServiceTokenProviderOptions,
  ServiceTokenUnavailable,
} from './auth/service-token.ts';
export { EnvError, exitOnEnvError, parseEnv, type ServiceEnv, serviceEnvShape } from './env.ts';
export { fieldProblems, statusOfKind } from './errors.ts';
export type { ReadinessCheck } from './health.ts';
export { createLifecycle, type Lifecycle } from './lifecycle.ts';
export { createLogger, type Logger, type LoggerOptions } from './logger.ts';
export { createMetricsRegistry } from './metrics.ts';
export { buildProblem, type Problem, problemResponse, problemResponses, problemSchema } from './problem.ts';
export type { UploadLimit } from './request-pipeline.ts';
export { type RunningService, type ServeOptions, serveApp } from './serve.ts';
// The Hono-free token contract and revocation list; also importable alone as @fruitables/kit/tokens.
export * from './tokens.ts';
export type { KitEnv, KitVariables } from './types.ts';
