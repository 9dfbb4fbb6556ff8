/** One stream entry as the bus sees it, whatever shape the client's RESP version produced. */
export interface StreamEntry {
  stream: string;
  id: string;
  fields: Record<string, string>;
}

function toFields(message: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  const pairs = message instanceof Map ? [...message.entries()] : Object.entries(message ?? {});
  for (const [key, value] of pairs) {
    if (typeof value === 'string' || Buffer.isBuffer(value)) fields[String(key)] = value.toString();
  }
  return fields;
}

function toEntry(stream: string, message: unknown): StreamEntry | null {
  // XAUTOCLAIM and XCLAIM answer null for entries deleted from the stream while pending.
  if (typeof message !== 'object' || message === null) return null;
  const { id, message: body } = message as { id?: unknown; message?: unknown };
  if (typeof id !== 'string') return null;
  return { stream, id, fields: toFields(body) };
}

/** Entries of one stream from XRANGE / XCLAIM / XAUTOCLAIM replies. */
export function entriesOf(stream: string, messages: readonly unknown[]): StreamEntry[] {
  return messages.map((message) => toEntry(stream, message)).filter((entry) => entry !== null);
}

/** Entries of every stream in an XREADGROUP reply (null when BLOCK timed out). */
export function entriesOfRead(reply: readonly { name: unknown; messages: unknown }[] | null): StreamEntry[] {
  if (!reply) return [];
  return reply.flatMap(({ name, messages }) => (Array.isArray(messages) ? entriesOf(String(name), messages) : []));
}
