/**
 * Splits items into at most `parts` lists such that all items sharing a key land in the
 * same list, each list keeping the items' original order. A key is placed, when first seen,
 * in the list with the fewest items so far, which balances lists well enough when keys are
 * many and small (one aggregate's events in one read batch).
 */
export function splitByKey<T>(items: readonly T[], parts: number, keyOf: (item: T) => string): T[][] {
  const lists: T[][] = [];
  const listOfKey = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    let list = listOfKey.get(key);
    if (!list) {
      list = lists.length < parts ? undefined : shortest(lists);
      if (!list) {
        list = [];
        lists.push(list);
      }
      listOfKey.set(key, list);
    }
    list.push(item);
  }
  return lists;
}

function shortest<T>(lists: readonly T[][]): T[] | undefined {
  let best: T[] | undefined;
  for (const list of lists) if (!best || list.length < best.length) best = list;
  return best;
}
