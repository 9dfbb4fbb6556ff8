/**
 * A keyset-pagination cursor as clients see it: the JSON of where the last page ended,
 * base64url-encoded so it travels in a query string untouched. Opaque to clients, not secret:
 * put nothing in it the client may not read.
 */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/**
 * The JSON inside a cursor, or undefined when `text` is not base64url JSON. The caller
 * checks the shape with its own schema: a cursor is client input like any other.
 */
export function decodeCursor(text: string): unknown {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
