import type { FieldProblem } from '@fruitables/core';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export const problemTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The problem+json body, as documented in every service's OpenAPI. */
export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'https://fruitables.kr/problems/validation_failed' }),
    title: z.string().openapi({ example: 'Bad Request' }),
    status: z.number().int().openapi({ example: 400 }),
    code: z.string().openapi({ example: 'validation_failed', description: 'Stable, machine-readable error code' }),
    detail: z.string().openapi({ example: 'Fix the fields listed in `errors` and send the request again.' }),
    requestId: z.string().openapi({ example: '0193a0c4-5b1e-7c3a-9f00-3c1d2e4f5a6b' }),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .openapi({ example: [{ field: 'email', message: 'Enter an email address like name@example.com.' }] }),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof problemSchema>;

export function buildProblem(
  status: number,
  code: string,
  detail: string,
  requestId: string,
  fields?: FieldProblem[],
): Problem {
  return {
    type: `https://fruitables.kr/problems/${code}`,
    title: problemTitles[status] ?? 'Error',
    status,
    code,
    detail,
    requestId,
    ...(fields && fields.length > 0 ? { errors: fields } : {}),
  };
}

/** Answers with the problem through the context, so headers set earlier (the request id) are kept. */
export function problemResponse(c: Context, problem: Problem, headers: Record<string, string> = {}): Response {
  return c.body(JSON.stringify(problem), problem.status as ContentfulStatusCode, {
    ...headers,
    'content-type': 'application/problem+json',
  });
}

/** OpenAPI response entries for the given statuses, all sharing the problem schema. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemTitles[status] ?? 'Error',
        content: { 'application/problem+json': { schema: problemSchema } },
      },
    ]),
  );
}
