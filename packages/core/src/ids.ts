const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A new UUIDv7: time-ordered, so ids double as a creation order and index well in B-trees. */
export function newId(): string {
  return Bun.randomUUIDv7();
}

export function isUuidV7(value: string): boolean {
  return UUID_V7.test(value);
}

/** The millisecond timestamp embedded in a UUIDv7's first 48 bits. */
export function uuidV7Timestamp(id: string): number {
  if (!isUuidV7(id)) throw new TypeError(`not a UUIDv7: ${id}`);
  return Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
}
