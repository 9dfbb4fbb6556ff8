export { createServiceApp, type ServiceAppOptions } from './app.ts';
export { type AuthenticateOptions, authenticate } from './auth/authenticate.ts';
export { canManageFarm, principalOf, requireFarmAccess, requireRole } from './auth/guards.ts';
export {
  guardInternalRoutes,
  type InternalRoutesOptions,
  SERVICE_TOKEN_SCHEME,
  SERVICE_TOKEN_URL,
  serviceTokenSecurity,
} from './auth/internal-routes.ts';
export {
  createJwksKeySource,
  type JwksKeySource,
  type JwksKeySourceOptions,
} from './auth/jwks-key-source.ts';
export { bearerSecurity, ROLES_EXTENSION } from './auth/route-security.ts';
export {
  requireServiceScope,
  type ServiceAccessProblemCode,
  type ServiceScopeRequirement,
  serviceAccessProblem,
} from './auth/service-scope.ts';
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
export { type MetricsServerOptions, metricsHandler, serveMetrics } from './metrics-endpoint.ts';
export { buildProblem, type Problem, problemResponse, problemResponses, problemSchema } from './problem.ts';
export type { UploadLimit } from './request-pipeline.ts';
export { defineService } from './runner/define-service.ts';
export { redisReadiness, runningReadiness } from './runner/readiness.ts';
export { type RunOptions, runService, type StartedService } from './runner/run-service.ts';
export { jwksEnvShape, serviceClientEnvShape, tokenClaimsEnvShape } from './runner/shared-env.ts';
export { type Sweep, type SweepOptions, startSweep } from './runner/sweep.ts';
export type {
  Drainable,
  ProducerSettings,
  RunnableConsumer,
  RunnerEnv,
  ServiceDefinition,
  ServiceParts,
  ServicePlatform,
  SharedEnv,
  Stoppable,
} from './runner/types.ts';
export { type RunningService, type ServeOptions, serveApp } from './serve.ts';
// The Hono-free token contract and revocation list; also importable alone as @fruitables/kit/tokens.
export * from './tokens.ts';
export type { KitEnv, KitVariables } from './types.ts';
