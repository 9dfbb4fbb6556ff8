export { createServiceApp, type ServiceAppOptions } from './app.ts';
export { type AuthenticateOptions, authenticate } from './auth/authenticate.ts';
export {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_LIFETIME_SECONDS,
  ACCESS_TOKEN_TYPE,
  type AccessTokenClaims,
  accessTokenClaimsSchema,
  CLOCK_TOLERANCE_SECONDS,
  DEFAULT_AUDIENCE,
  DEFAULT_ISSUER,
  type Principal,
  ROLES,
  type Role,
  serviceSubject,
} from './auth/claims.ts';
export { canManageFarm, farmNotFound, principalOf, requireFarmAccess, requireRole } from './auth/guards.ts';
export {
  createJwksKeySource,
  type JwksKeySource,
  type JwksKeySourceOptions,
} from './auth/jwks-key-source.ts';
export { createStaticKeySource, type KeySource, KeysUnavailable } from './auth/key-source.ts';
export {
  isRevoked,
  type RevocationRedis,
  RevocationUnavailable,
  revokedBeforeKey,
  revokedTokenKey,
  revokeSubjectBefore,
  revokeToken,
} from './auth/revocation.ts';
export { bearerSecurity, ROLES_EXTENSION } from './auth/route-security.ts';
export {
  createServiceTokenProvider,
  type ServiceTokenProvider,
  type ServiceTokenProviderOptions,
  ServiceTokenUnavailable,
} from './auth/service-token.ts';
export {
  type TokenProblemCode,
  TokenRejected,
  type VerifyAccessTokenOptions,
  verifyAccessToken,
} from './auth/verify.ts';
export { EnvError, exitOnEnvError, parseEnv, type ServiceEnv, serviceEnvShape } from './env.ts';
export { fieldProblems } from './errors.ts';
export type { ReadinessCheck } from './health.ts';
export { createLifecycle, type Lifecycle } from './lifecycle.ts';
export { createLogger, type Logger, type LoggerOptions } from './logger.ts';
export { createMetricsRegistry } from './metrics.ts';
export {
  buildProblem,
  Conflict,
  DomainError,
  type FieldProblem,
  Forbidden,
  NotFound,
  type Problem,
  problemResponse,
  problemResponses,
  problemSchema,
  TooManyRequests,
  Unauthorized,
  ValidationFailed,
} from './problem.ts';
export type { UploadLimit } from './request-pipeline.ts';
export { type RunningService, type ServeOptions, serveApp } from './serve.ts';
export type { KitEnv, KitVariables } from './types.ts';
