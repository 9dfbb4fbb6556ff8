/**
 * A stand-in for a remote service a workflow step calls (stock, slot, payment): a real HTTP
 * server that honours `Idempotency-Key` the way the platform's services must.
 *
 * - `POST /apply` with a key applies the effect once; the same key again gets the first
 *   answer (success or refusal) and no second effect. A body `{ "refuse": true }` makes it
 *   refuse (409), and that refusal is remembered for the key too.
 * - `POST /undo` with `{ key }` undoes that key's effect once. Undoing a key it never saw
 *   leaves a tombstone, so the original call arriving late is refused instead of applied.
 *
 * It counts effects per key, so a test can tell "exactly once" from "twice under two keys".
 */
export interface StandIn {
  url: string;
  /** Effects applied for keys starting with `prefix` (each key at most once by construction). */
  applied(prefix: string): number;
  /** Of those, how many are undone. */
  undone(prefix: string): number;
  /** Apply and undo calls that arrived for keys starting with `prefix` (retries and replays included). */
  calls(prefix: string): number;
  close(): Promise<void>;
}

type KeyState =
  | { status: 'applied'; effectId: string; undone: boolean }
  | { status: 'refused' }
  | { status: 'cancelled' };

export function startStandIn(name: string): StandIn {
  const keys = new Map<string, KeyState>();
  const callsByKey = new Map<string, number>();
  let effects = 0;

  const count = (key: string) => callsByKey.set(key, (callsByKey.get(key) ?? 0) + 1);
  const json = (status: number, body: unknown) => Response.json(body, { status });

  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(request) {
      const url = new URL(request.url);
      const idempotencyKey = request.headers.get('idempotency-key');
      if (request.method !== 'POST' || !idempotencyKey) return json(400, { code: 'bad_request' });
      const body = (await request.json().catch(() => ({}))) as { refuse?: boolean; key?: string };

      if (url.pathname === '/apply') {
        count(idempotencyKey);
        const known = keys.get(idempotencyKey) ?? (body.refuse ? { status: 'refused' as const } : undefined);
        if (known?.status === 'applied') return json(200, { effectId: known.effectId });
        if (known) {
          keys.set(idempotencyKey, known);
          return json(409, { code: known.status === 'refused' ? 'refused' : 'cancelled' });
        }
        effects += 1;
        const effectId = `${name}-${effects}`;
        keys.set(idempotencyKey, { status: 'applied', effectId, undone: false });
        return json(201, { effectId });
      }

      if (url.pathname === '/undo' && body.key) {
        count(body.key);
        const known = keys.get(body.key);
        if (!known) keys.set(body.key, { status: 'cancelled' });
        else if (known.status === 'applied') known.undone = true;
        return json(200, { undone: true });
      }
      return json(404, { code: 'not_found' });
    },
  });

  const matching = (prefix: string) => [...keys.entries()].filter(([key]) => key.startsWith(prefix));
  return {
    url: `http://127.0.0.1:${server.port}`,
    applied: (prefix) => matching(prefix).filter(([, state]) => state.status === 'applied').length,
    undone: (prefix) => matching(prefix).filter(([, state]) => state.status === 'applied' && state.undone).length,
    calls: (prefix) =>
      [...callsByKey.entries()].filter(([key]) => key.startsWith(prefix)).reduce((sum, [, n]) => sum + n, 0),
    close: () => server.stop(true),
  };
}
