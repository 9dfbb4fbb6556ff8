export * from '../auth/testing.ts';
export type { Problem } from '../problem.ts';
export { type CapturedLogger, captureLogger } from './captured-logger.ts';
export { canMalform, type FuzzRequest, malformedRequests } from './fuzz-requests.ts';
export { describeFuzzSuite, type FuzzSuiteOptions, type FuzzTarget } from './fuzz-suite.ts';
export { describeInternalSecuritySuite, type InternalSecuritySuiteOptions } from './internal-security-suite.ts';
export {
  type DocumentedOperation,
  documentedOperations,
  type JsonSchema,
  type OpenApiDocument,
  resolveSchema,
  sampleOf,
} from './openapi-operations.ts';
export {
  createRequestClient,
  httpTarget,
  type RequestClient,
  type RequestClientOptions,
  type RequestOptions,
  type RequestTarget,
  type ResponseSchemaOf,
  readProblem,
  readResponse,
  responseSchema,
  type TestResponse,
  withId,
} from './request-client.ts';
export {
  describeSecuritySuite,
  type SecuritySuite,
  type SecuritySuiteOptions,
  type SecurityTarget,
} from './security-suite.ts';
export {
  createServiceHarness,
  type HarnessInfrastructure,
  type ServiceHarness,
  type ServiceHarnessOptions,
} from './service-harness.ts';
export {
  type FetchHandler,
  type StandInRoute,
  type StandInServer,
  standInRoutes,
  startStandInServer,
} from './stand-in-server.ts';
export { createTestServiceApp } from './test-service-app.ts';
