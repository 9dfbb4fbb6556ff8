/** Stream ids are `<ms>-<seq>`; comparing them as strings would put `9-0` after `10-0`. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = 0n, aSeq = 0n] = a.split('-').map((part) => BigInt(part));
  const [bMs = 0n, bSeq = 0n] = b.split('-').map((part) => BigInt(part));
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1;
  return 0;
}

export function minStreamId(ids: readonly string[]): string | undefined {
  return ids.reduce<string | undefined>(
    (min, id) => (min === undefined || compareStreamIds(id, min) < 0 ? id : min),
    undefined,
  );
}
