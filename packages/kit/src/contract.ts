// What a service's contract file may import from the kit: operation definitions as data, no
// server code. Callers import the contract; the client that calls it is `@fruitables/kit/client`.
export {
  defineOperation,
  type HttpMethod,
  type OperationDefinition,
  type OperationInput,
  type OperationOutput,
  type OperationProblemCode,
} from './client/operation.ts';
