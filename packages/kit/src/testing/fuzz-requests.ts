import fc from 'fast-check';
import {
  type DocumentedOperation,
  type JsonSchema,
  type OpenApiDocument,
  resolveSchema,
} from './openapi-operations.ts';
import type { RequestOptions } from './request-client.ts';

/** One generated request: what to send, and what kind of wrong it is (for the failure report). */
export interface FuzzRequest {
  kind: string;
  path: string;
  options: RequestOptions;
  /** True when the request is wrong for certain, so only a 4xx is an acceptable answer. */
  mustBeRefused: boolean;
}

/**
 * Strings that break naive code: control characters, bidi overrides, lone surrogates,
 * combining marks, full-width forms, emoji, and sizes beyond any body limit.
 */
function oddStrings(withNul: boolean): fc.Arbitrary<string> {
  const odd = [
    '\u202e\u0644\u0627',
    '\ud800',
    '\udfff\ud800',
    'e\u0301\u0301\u0301',
    'ｆｕｌｌｗｉｄｔｈ',
    '\ufeff',
    '😀'.repeat(50),
    "'; drop table x; --",
    '../../etc/passwd',
    '%00%ff%2e%2e',
    '\r\n\t\u000b',
    ...(withNul ? ['a\u0000b', '\u0000'] : []),
  ];
  return fc.oneof(
    fc.constantFrom(...odd),
    fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => withNul || !s.includes('\u0000')),
    fc.constant('x'.repeat(70_000)),
  );
}

const jsonTypeOf = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/** A value of any JSON type except the ones the schema accepts. */
function wrongValueFor(document: OpenApiDocument, raw: JsonSchema | undefined): fc.Arbitrary<unknown> | undefined {
  const schema = resolveSchema(document, raw);
  if (schema === undefined || schema.type === undefined) return undefined;
  const accepted = new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
  if (accepted.has('number')) accepted.add('integer');
  const candidates: [string, fc.Arbitrary<unknown>][] = [
    ['string', oddStrings(true)],
    ['integer', fc.oneof(fc.integer(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(-1))],
    ['number', fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n))],
    ['boolean', fc.boolean()],
    ['null', fc.constant(null)],
    ['array', fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 })],
    ['object', fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 })],
  ];
  const wrong = candidates.filter(([type]) => !accepted.has(type)).map(([, arbitrary]) => arbitrary);
  return wrong.length === 0 ? undefined : fc.oneof(...wrong);
}

/** The body's JSON object schema (resolved), when the operation takes one. */
function objectSchemaOf(document: OpenApiDocument, operation: DocumentedOperation): JsonSchema | undefined {
  const schema = resolveSchema(document, operation.bodySchema);
  return schema?.type === 'object' ? schema : undefined;
}

function bodyMutations(document: OpenApiDocument, operation: DocumentedOperation, withNul: boolean) {
  const sample = operation.body !== null && typeof operation.body === 'object' ? operation.body : {};
  const schema = objectSchemaOf(document, operation);
  const required = schema?.required ?? [];
  const properties = Object.entries(schema?.properties ?? {});
  const asJson = (kind: string, json: unknown) => ({ kind, options: { json }, mustBeRefused: true });
  const mutations: fc.Arbitrary<{ kind: string; options: RequestOptions; mustBeRefused: boolean }>[] = [
    // Anything ending in `{` is not JSON, whatever comes before it.
    fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({
      kind: 'not JSON',
      options: { body: `${text}{`, headers: { 'content-type': 'application/json' } },
      mustBeRefused: true,
    })),
    fc
      .oneof(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }), fc.integer(), fc.string(), fc.boolean())
      .map((json) => asJson('not an object', json)),
    fc
      .constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'text/csv', 'image/png')
      .map((type) => ({
        kind: `content type ${type}`,
        options: { body: JSON.stringify(sample), headers: { 'content-type': type } },
        mustBeRefused: true,
      })),
  ];
  if (required.length > 0) {
    // A required member missing, every string member odd and some unknown members on top:
    // wrong for certain, while the odd strings and the extras still go through validation.
    const strings = properties.filter(([, p]) => resolveSchema(document, p)?.type === 'string').map(([name]) => name);
    mutations.push(
      fc
        .record({
          drop: fc.constantFrom(...required),
          odd: fc.array(oddStrings(withNul), { minLength: strings.length, maxLength: strings.length }),
          extra: fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
        })
        .map(({ drop, odd, extra }) => {
          const body: Record<string, unknown> = { ...extra, ...sample };
          strings.forEach((name, index) => {
            body[name] = odd[index];
          });
          delete body[drop];
          return asJson(`missing ${drop}, odd strings`, body);
        }),
    );
  }
  for (const [name, property] of properties) {
    const wrong = wrongValueFor(document, property);
    if (wrong)
      mutations.push(wrong.map((value) => asJson(`${name}: ${jsonTypeOf(value)}`, { ...sample, [name]: value })));
  }
  return fc.oneof(...mutations);
}

function queryMutations(operation: DocumentedOperation, withNul: boolean) {
  const names = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const value = fc.oneof(
    oddStrings(withNul),
    fc.constantFrom('-1', '0', '1e309', 'NaN', '9'.repeat(40), 'null', '[]', '{}', ''),
    // Cursors that look almost right: base64 of nonsense, truncated, or of another shape.
    fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  );
  return fc.dictionary(fc.constantFrom(...names, 'cursor', 'limit', 'x'), value, { minKeys: 1, maxKeys: 3 });
}

/** A URL cannot carry a lone surrogate (no client can send one); it becomes U+FFFD, as a browser would make it. */
const wellFormed = (value: string): string =>
  value.replaceAll(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Whether generated requests can be wrong for certain: a write needs a body or a path id to break. */
export function canMalform(operation: DocumentedOperation): boolean {
  return (
    operation.method === 'GET' || operation.contentType !== undefined || Object.keys(operation.pathParams).length > 0
  );
}

/**
 * Malformed requests for one documented operation: wrong types, missing and extra members,
 * odd and huge strings, bodies that are not JSON or have another content type, bad path ids,
 * bad cursors and limits. `withNulInPath` is off while a service still answers NUL in a path
 * with a 500 (catalog, being fixed separately).
 */
export function malformedRequests(
  document: OpenApiDocument,
  operation: DocumentedOperation,
  options: { withNulInPath: boolean },
): fc.Arbitrary<FuzzRequest> {
  const pathNames = Object.keys(operation.pathParams);
  const badPath =
    pathNames.length === 0
      ? fc.constant(undefined)
      : fc.option(fc.record({ name: fc.constantFrom(...pathNames), value: oddStrings(options.withNulInPath) }), {
          freq: 3,
        });
  const hasBody = operation.contentType !== undefined;
  const body = hasBody
    ? bodyMutations(document, operation, true)
    : fc.constant({ kind: 'no body', options: {}, mustBeRefused: false });
  return fc
    .record({ badPath, body, query: fc.option(queryMutations(operation, options.withNulInPath), { freq: 2 }) })
    .map(({ badPath: bad, body: mutated, query }) => {
      const params = { ...operation.pathParams, ...(bad ? { [bad.name]: bad.value } : {}) };
      const filled = operation.template.replaceAll(/\{([^}]+)\}/g, (_, name: string) =>
        encodeURIComponent(wellFormed(params[name] ?? '')),
      );
      const search = new URLSearchParams({ ...operation.query, ...(query ?? {}) }).toString();
      return {
        kind: [bad ? `path ${bad.name} odd` : '', mutated.kind, query ? 'odd query' : ''].filter(Boolean).join(', '),
        path: search ? `${filled}?${search}` : filled,
        options: mutated.options,
        // A bad path id names nothing; a wrong body is refused whatever the path.
        mustBeRefused: mutated.mustBeRefused || (bad !== undefined && bad !== null),
      };
    });
}
