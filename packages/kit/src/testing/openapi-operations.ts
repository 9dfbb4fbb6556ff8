import { ROLES, type Role } from '../auth/claims.ts';
import { ROLES_EXTENSION } from '../auth/route-security.ts';

/** The parts of an OpenAPI 3.1 document the generated suites read; everything else is ignored. */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
}

interface ParameterObject {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
  example?: unknown;
}

interface OperationObject {
  security?: Record<string, string[]>[];
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  [ROLES_EXTENSION]?: unknown;
}

export interface OpenApiDocument {
  paths?: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** One operation of the document, ready to be called: path filled, a plausible body. */
export interface DocumentedOperation {
  method: string;
  /** The documented path template, e.g. `/v1/farms/{farmId}`. */
  template: string;
  /** The path with every parameter filled with a plausible value (its example, else a value of its type). */
  path: string;
  pathParams: Record<string, string>;
  /** Required query parameters, filled the same way. */
  query: Record<string, string>;
  /** Needs a bearer token (a security requirement naming `bearerAuth`, none of them empty). */
  bearer: boolean;
  /** The roles the route documents with `x-fruitables-roles`; undefined when it documents none. */
  roles: Role[] | undefined;
  /** The first documented request body content type, and a minimal body of it. */
  contentType: string | undefined;
  body: unknown;
  /** The operation's raw request body schema, for generators. */
  bodySchema: JsonSchema | undefined;
  parameters: ParameterObject[];
}

const PLAUSIBLE_UUID = '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b';
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Follows `#/components/schemas/X` references. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  let current = schema;
  for (let depth = 0; current?.$ref !== undefined && depth < 10; depth += 1) {
    const name = current.$ref.replace('#/components/schemas/', '');
    current = document.components?.schemas?.[name];
  }
  return current;
}

/** A minimal value the schema would plausibly accept: examples first, then required members only. */
export function sampleOf(document: OpenApiDocument, raw: JsonSchema | undefined, depth = 0): unknown {
  const schema = resolveSchema(document, raw);
  if (schema === undefined || depth > 8) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.examples?.[0] !== undefined) return schema.examples[0];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.[0] !== undefined) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const variant = schema.anyOf?.[0] ?? schema.oneOf?.[0] ?? schema.allOf?.[0];
  if (variant) return sampleOf(document, variant, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const required = new Set(schema.required ?? []);
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([name]) => required.has(name))
          .map(([name, property]) => [name, sampleOf(document, property, depth + 1)]),
      );
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sampleOf(document, schema.items, depth + 1));
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return true;
    case 'string':
      if (schema.format === 'uuid') return PLAUSIBLE_UUID;
      if (schema.format === 'date') return '2026-11-18';
      if (schema.format === 'date-time') return '2026-11-18T03:00:00.000Z';
      if (schema.format === 'email') return 'someone@example.kr';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    default:
      return null;
  }
}

function paramValue(document: OpenApiDocument, parameter: ParameterObject): string {
  const value = parameter.example ?? sampleOf(document, parameter.schema);
  return typeof value === 'string' ? value : JSON.stringify(value ?? PLAUSIBLE_UUID);
}

function rolesOf(operation: OperationObject): Role[] | undefined {
  const documented = operation[ROLES_EXTENSION];
  if (!Array.isArray(documented)) return undefined;
  return documented.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role));
}

/**
 * Every operation of the document, filled in so a test can call it. `pathValues` overrides
 * the plausible values by parameter name (e.g. a `farmId` that exists).
 */
export function documentedOperations(
  document: OpenApiDocument,
  pathValues: Record<string, string> = {},
): DocumentedOperation[] {
  return Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => {
        const parameters = operation.parameters ?? [];
        const pathParams = Object.fromEntries(
          parameters.filter((p) => p.in === 'path').map((p) => [p.name, pathValues[p.name] ?? paramValue(document, p)]),
        );
        const query = Object.fromEntries(
          parameters.filter((p) => p.in === 'query' && p.required).map((p) => [p.name, paramValue(document, p)]),
        );
        // Template parameters the document forgot to declare still get a plausible id.
        const filled = template.replaceAll(/\{([^}]+)\}/g, (_, name: string) =>
          encodeURIComponent(pathParams[name] ?? PLAUSIBLE_UUID),
        );
        const search = new URLSearchParams(query).toString();
        const security = operation.security ?? [];
        const [contentType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
        return {
          method: method.toUpperCase(),
          template,
          path: search ? `${filled}?${search}` : filled,
          pathParams,
          query,
          bearer:
            security.some((requirement) => 'bearerAuth' in requirement) &&
            !security.some((requirement) => Object.keys(requirement).length === 0),
          roles: rolesOf(operation),
          contentType,
          body: media ? sampleOf(document, media.schema) : undefined,
          bodySchema: media?.schema,
          parameters,
        };
      }),
  );
}
