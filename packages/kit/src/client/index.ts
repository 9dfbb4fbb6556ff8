export { type ServiceClientEnv, serviceClientEnvShape, tokenUrlOf } from './env.ts';
export {
  CalleeProblem,
  type CalleeProblemDetails,
  CalleeResponseInvalid,
  CalleeUnavailable,
  isCalleeProblem,
  ServiceCallError,
  type UnavailableReason,
} from './errors.ts';
export {
  defineOperation,
  type HttpMethod,
  type OperationDefinition,
  type OperationInput,
  type OperationOutput,
  type OperationProblemCode,
} from './operation.ts';
export {
  type CallOptions,
  type CircuitStateName,
  createServiceClient,
  type ServiceClient,
  type ServiceClientOptions,
} from './service-client.ts';
