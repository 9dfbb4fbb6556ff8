// The few run-time checks an answer gets before a page trusts it as its service's contract type.
// The types come from the services' contracts (type-only imports, so no zod reaches a phone);
// these checks only catch an answer that is not that shape at all (an HTML error page from a
// proxy, a wrong route), so a page shows "could not read" instead of breaking halfway through.

export type Fields = Record<string, unknown>;

export const fieldsOf = (value: unknown): Fields | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : null;

/** The answer as `T` when each named field has the JavaScript type given, else null. */
export function answerOf<T>(
  value: unknown,
  fields: Record<string, 'string' | 'number' | 'boolean' | 'array'>,
): T | null {
  const answer = fieldsOf(value);
  if (!answer) return null;
  for (const [name, kind] of Object.entries(fields)) {
    const field = answer[name];
    if (kind === 'array' ? !Array.isArray(field) : typeof field !== kind) return null;
  }
  return answer as T;
}
