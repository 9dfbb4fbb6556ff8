import type { ServiceTestbed } from '@fruitables/bus/testing';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../auth/claims.ts';
import type { TestSigner } from '../auth/testing.ts';
import { canMalform, type FuzzRequest, malformedRequests } from './fuzz-requests.ts';
import { type DocumentedOperation, documentedOperations, type OpenApiDocument } from './openapi-operations.ts';
import type { RequestClient, TestResponse } from './request-client.ts';

/** The owner connection a service harness carries. */
type OwnerSql = ServiceTestbed<Record<string, unknown>>['owner'];

export interface FuzzTarget {
  client: RequestClient;
  signer: TestSigner;
  /** The database owner, to fingerprint the service's tables before and after. */
  owner: OwnerSql;
}

export interface FuzzSuiteOptions {
  /** The service's PostgreSQL schema: every table in it must be unchanged by malformed requests. */
  schema: string;
  /** Generated requests per operation (at least 200 in the service suites). */
  runsPerOperation: number;
  /** fast-check's seed: a failure names it and the shrunk request, and replays with it. */
  seed: number;
  /** Path values to use instead of the document's examples (a farm that exists). */
  pathValues?: () => Record<string, string>;
  /** Off while the service answers NUL in a path with a 500 (see the service's test for why). */
  withNulInPath: boolean;
  /** The suite fails when the document has fewer operations: fuzzing nothing is not passing. */
  minimumOperations: number;
}

/** Thousands of requests on a shared two-core machine: far beyond the unit tests' default timeout. */
const FUZZ_TIMEOUT_MS = 600_000;

const STACK_TRACE = /\n\s+at |\.(?:ts|js):\d+:\d+|node_modules/;

/** What is wrong with the answer to a malformed request, or undefined when it is a proper refusal. */
function complaintAbout(request: FuzzRequest, response: TestResponse): string | undefined {
  if (response.status >= 500) return `answered ${response.status}: ${response.text.slice(0, 300)}`;
  if (request.mustBeRefused && (response.status < 400 || response.status >= 500)) {
    return `accepted a request that is wrong for certain (${response.status})`;
  }
  if (STACK_TRACE.test(response.text)) return 'the body shows a stack trace';
  if (response.status >= 400) {
    try {
      void response.problem;
    } catch (error) {
      return error instanceof Error ? error.message.slice(0, 300) : 'not a problem document';
    }
  }
  return undefined;
}

const quoted = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** Row counts and content hashes of every table in the schema, to show nothing was written. */
async function fingerprint(owner: OwnerSql, schema: string): Promise<Record<string, string>> {
  const tables = await owner<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = ${schema} and table_type = 'BASE TABLE' order by table_name`;
  const entries = await Promise.all(
    tables.map(async ({ name }) => {
      const [row] = await owner.unsafe<{ rows: number; digest: string | null }[]>(
        `select count(*)::int as rows, md5(string_agg(t::text, '|' order by t::text)) as digest from ${quoted(schema)}.${quoted(name)} t`,
      );
      return [name, `${row?.rows ?? 0}:${row?.digest ?? ''}`] as const;
    }),
  );
  return Object.fromEntries(entries);
}

function tokenFor(signer: TestSigner, operation: DocumentedOperation): Promise<string> | undefined {
  const roles: Role[] = operation.roles ?? [];
  if (!operation.bearer || roles.length === 0) return undefined;
  // Get past the guards, so the malformed parts reach validation and the handler.
  if (roles.includes('farmer') && operation.pathParams.farmId) return signer.farmer([operation.pathParams.farmId]);
  if (roles.includes('admin')) return signer.admin();
  if (roles.includes('service')) return signer.service('fuzz-suite');
  return signer.shopper();
}

/**
 * The malformed-request suite, generated from the service's `/openapi.json` with fast-check:
 * for every operation, `runsPerOperation` requests with wrong types, missing and extra members,
 * odd and huge strings, non-JSON bodies, other content types, bad path ids and bad cursors,
 * sent with a token the route admits. Each must be answered below 500, as problem+json when
 * refused, without a stack trace, and no table of the service may change. Seeded: a failure
 * prints the seed and the shrunk request, and replays exactly.
 */
export function describeFuzzSuite(service: string, target: () => FuzzTarget, options: FuzzSuiteOptions): void {
  let document: OpenApiDocument = {};
  let operations: DocumentedOperation[] = [];

  describe(`${service}: malformed requests to every operation in the OpenAPI document`, () => {
    beforeAll(async () => {
      const response = await target().client.get('/openapi.json');
      expect(response.status).toBe(200);
      document = response.json as OpenApiDocument;
      operations = documentedOperations(document, options.pathValues?.());
    });

    it(`finds at least ${options.minimumOperations} operations`, () => {
      expect(operations.length).toBeGreaterThanOrEqual(options.minimumOperations);
    });

    it(
      `never answers 5xx, a stack trace or anything but problem+json, and writes nothing (${options.runsPerOperation} requests per operation, seed ${options.seed})`,
      async () => {
        const { client, signer, owner } = target();
        const failures: string[] = [];
        for (const operation of operations.filter(canMalform)) {
          const name = `${operation.method} ${operation.template}`;
          const token = await tokenFor(signer, operation);
          const before = await fingerprint(owner, options.schema);
          const outcome = await fc.check(
            fc.asyncProperty(
              malformedRequests(document, operation, { withNulInPath: options.withNulInPath }),
              async (request) => {
                const response = await client.request(operation.method, request.path, {
                  ...request.options,
                  ...(token === undefined ? {} : { token }),
                });
                const complaint = complaintAbout(request, response);
                if (complaint) throw new Error(`${request.kind}: ${complaint}`);
              },
            ),
            { numRuns: options.runsPerOperation, seed: options.seed, endOnFailure: true },
          );
          if (outcome.failed) {
            const example = outcome.counterexample?.[0];
            const reason =
              outcome.errorInstance instanceof Error ? outcome.errorInstance.message : String(outcome.errorInstance);
            failures.push(
              `${name}: ${reason} — ${example ? `${example.path} ${JSON.stringify(example.options).slice(0, 300)}` : ''} (seed ${outcome.seed}, path ${outcome.counterexamplePath})`,
            );
          }
          const after = await fingerprint(owner, options.schema);
          const changed = Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
          if (changed.length > 0) failures.push(`${name}: malformed requests changed ${changed.join(', ')}`);
        }
        expect(failures).toEqual([]);
      },
      FUZZ_TIMEOUT_MS,
    );
  });
}
