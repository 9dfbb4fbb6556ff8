import { problemSchema } from '../problem.ts';
import { CalleeProblem, CalleeResponseInvalid } from './errors.ts';
import type { OperationDefinition } from './operation.ts';

/**
 * Turns the callee's answer into the operation's output or a typed error. The callee is not
 * trusted blindly: a success must match the contract's response schema, and a failure must be
 * problem+json to become a `CalleeProblem` the caller can branch on.
 */
export async function readResponse(
  response: Response,
  operation: OperationDefinition,
  callee: string,
  label: string,
): Promise<unknown> {
  const json = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = operation.response.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)').join(', ');
      throw new CalleeResponseInvalid(
        callee,
        label,
        `response does not match the contract at ${where}`,
        response.status,
      );
    }
    return parsed.data;
  }
  const problem = problemSchema.safeParse(json);
  if (!problem.success) {
    throw new CalleeResponseInvalid(
      callee,
      label,
      `answered ${response.status} without a problem document`,
      response.status,
    );
  }
  throw new CalleeProblem(callee, label, {
    status: response.status,
    code: problem.data.code,
    detail: problem.data.detail,
    fields: problem.data.errors ?? [],
    requestId: problem.data.requestId,
  });
}
