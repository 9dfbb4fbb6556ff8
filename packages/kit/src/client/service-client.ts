import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import type { Logger } from 'pino';
import type { ServiceTokenProvider } from '../auth/service-token.ts';
import { buildRequest } from './build-request.ts';
import { CalleeProblem, CalleeResponseInvalid, CalleeUnavailable, ServiceCallError } from './errors.ts';
import type { OperationDefinition, OperationInput, OperationOutput } from './operation.ts';
import { readResponse } from './read-response.ts';

export interface ServiceClientOptions {
  /** The callee's name (`catalog`), for errors and logs. */
  callee: string;
  /** Where the callee listens, e.g. `http://catalog:7102` (a path prefix is kept). */
  baseUrl: string;
  /** This service's token for the callee; leave out for the callee's public routes. */
  tokens?: ServiceTokenProvider;
  /** Per attempt, response body included. */
  timeoutMs?: number;
  /** Attempts in all for a call that may be retried (idempotent, GET, or with an Idempotency-Key). */
  maxAttempts?: number;
  retryInitialDelayMs?: number;
  /** Consecutive failures (unreachable, timeout, 5xx) that open the circuit. */
  breakerThreshold?: number;
  /** How long an open circuit fails fast before letting one trial call through. */
  halfOpenAfterMs?: number;
  fetch?: typeof fetch;
  logger?: Logger;
}

export interface CallOptions {
  /** The request id of the request being served: forwarded as `x-request-id` so logs join up. */
  requestId?: string;
  /** Aborts the call (every attempt) when the caller gives up. */
  signal?: AbortSignal;
}

export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';

export interface ServiceClient {
  /** Calls `operation` on the callee; resolves with its validated output or throws a `ServiceCallError`. */
  call<O extends OperationDefinition>(
    operation: O,
    input: OperationInput<O>,
    options?: CallOptions,
  ): Promise<OperationOutput<O>>;
  /** The callee's circuit, for readiness and metrics. */
  circuitState(): CircuitStateName;
}

const circuitStateNames: Record<CircuitState, CircuitStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** The callee is in trouble (not our request): counts against its circuit. */
const isCalleeFailure = (error: unknown): boolean =>
  (error instanceof CalleeUnavailable && error.reason !== 'circuit_open') ||
  (error instanceof CalleeProblem && error.problem.status >= 500) ||
  (error instanceof CalleeResponseInvalid && error.calleeStatus >= 500);

/** Worth another attempt: it may well work in a moment. A 4xx or a contract mismatch will not. */
const isTransient = (error: unknown): boolean =>
  (error instanceof CalleeUnavailable && error.reason !== 'circuit_open') ||
  (error instanceof CalleeProblem && [502, 503, 504].includes(error.problem.status)) ||
  (error instanceof CalleeResponseInvalid && [502, 503, 504].includes(error.calleeStatus));

/** A 401 about the token itself: ours expired or was revoked under us; a fresh one may pass. */
const isTokenRefused = (error: unknown): boolean =>
  error instanceof CalleeProblem && error.problem.status === 401 && error.problem.code.startsWith('token_');

/**
 * A typed client for one callee service, built from the operations in the callee's contract.
 * Every call carries the service token (cached, refreshed once for all concurrent callers),
 * the caller's request id, and an Idempotency-Key when given. Each attempt has a timeout; a
 * call is retried only when repeating it is safe (GET, an operation marked idempotent, or one
 * carrying an Idempotency-Key), with exponential backoff. One circuit breaker per callee fails
 * calls fast while the callee keeps failing, and lets one trial through after `halfOpenAfterMs`.
 * The policies are cockatiel's; this file only decides what counts as a failure.
 */
export function createServiceClient(options: ServiceClientOptions): ServiceClient {
  const fetchImpl = options.fetch ?? fetch;
  const { callee } = options;
  const breaker = circuitBreaker(handleWhen(isCalleeFailure), {
    halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
  });
  breaker.onBreak(() => options.logger?.warn({ callee }, 'circuit to callee opened'));
  breaker.onReset(() => options.logger?.info({ callee }, 'circuit to callee closed'));
  const perAttempt = timeout(options.timeoutMs ?? 2_000, TimeoutStrategy.Aggressive);
  const retrying = retry(handleWhen(isTransient), {
    // cockatiel counts retries, not attempts.
    maxAttempts: (options.maxAttempts ?? 3) - 1,
    backoff: new ExponentialBackoff({ initialDelay: options.retryInitialDelayMs ?? 50, maxDelay: 1_000 }),
  });
  const once = wrap(breaker, perAttempt);
  const withRetries = wrap(retrying, breaker, perAttempt);

  async function attempt(
    operation: OperationDefinition,
    label: string,
    request: { url: string; body: string | undefined; headers: Record<string, string> },
    signal: AbortSignal,
  ): Promise<unknown> {
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: operation.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
      });
    } catch (error) {
      // An abort is the timeout policy's (it reports the timeout) or the caller's own signal.
      if (signal.aborted) throw error;
      throw new CalleeUnavailable(callee, label, 'network', { cause: error });
    }
    return readResponse(response, operation, callee, label);
  }

  async function callOnce(
    operation: OperationDefinition,
    input: { params?: unknown; query?: unknown; body?: unknown; idempotencyKey?: string },
    options_: CallOptions,
  ): Promise<unknown> {
    const label = `${operation.method} ${operation.path}`;
    const built = buildRequest(options.baseUrl, operation, input);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (built.body !== undefined) headers['content-type'] = 'application/json';
    if (options_.requestId) headers['x-request-id'] = options_.requestId;
    if (input.idempotencyKey) headers['idempotency-key'] = input.idempotencyKey;
    // Outside the policies: identity being down must not open the callee's circuit.
    if (options.tokens) headers.authorization = `Bearer ${await options.tokens.getToken()}`;

    const retriable = operation.method === 'GET' || operation.idempotent || input.idempotencyKey !== undefined;
    const policy = retriable ? withRetries : once;
    try {
      return await policy.execute(
        ({ signal }) => attempt(operation, label, { ...built, headers }, signal),
        options_.signal,
      );
    } catch (error) {
      if (error instanceof ServiceCallError) throw error;
      if (error instanceof BrokenCircuitError) throw new CalleeUnavailable(callee, label, 'circuit_open');
      if (error instanceof TaskCancelledError && !options_.signal?.aborted) {
        throw new CalleeUnavailable(callee, label, 'timeout', { cause: error });
      }
      throw error;
    }
  }

  return {
    async call(operation, input, callOptions = {}) {
      const loose = input as { params?: unknown; query?: unknown; body?: unknown; idempotencyKey?: string };
      try {
        return (await callOnce(operation, loose, callOptions)) as OperationOutput<typeof operation>;
      } catch (error) {
        // The callee refused our token before doing anything, so one more try is safe for any call.
        if (!(options.tokens && isTokenRefused(error))) throw error;
        options.tokens.invalidate();
        return (await callOnce(operation, loose, callOptions)) as OperationOutput<typeof operation>;
      }
    },
    circuitState: () => circuitStateNames[breaker.state],
  };
}
