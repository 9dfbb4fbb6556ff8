export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  /** CPU the load generator is pinned to, so it does not compete with the server's CPU. */
  cpu: number;
  headers?: Record<string, string>;
  /** A wrk Lua script (`-s`), e.g. one that cycles through a mix of request paths on `url`'s host. */
  script?: string;
  /**
   * wrk's `--timeout` (default 2 s): a slower response is counted as an error and left out of
   * the latency percentiles. Saturation runs raise it so the tail shows in p99.
   */
  timeoutSeconds?: number;
}

/** Runs wrk once and reads its summary (requests/s, latency percentiles, socket errors and non-2xx). */
export async function runWrk(options: LoadOptions): Promise<LoadResult> {
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
  const command = [
    'taskset',
    '-c',
    String(options.cpu),
    'wrk',
    '-t1',
    `-c${options.connections}`,
    `-d${options.seconds}s`,
    '--latency',
    ...headerArgs,
    ...(options.script ? ['-s', options.script] : []),
    ...(options.timeoutSeconds ? ['--timeout', `${options.timeoutSeconds}s`] : []),
    options.url,
  ];
  const child = Bun.spawn(command, { stdout: 'pipe', stderr: 'pipe' });
  const output = await new Response(child.stdout).text();
  if ((await child.exited) !== 0) throw new Error(`wrk failed: ${await new Response(child.stderr).text()}`);
  return parseWrk(output);
}

export function parseWrk(output: string): LoadResult {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(output)?.[1];
  if (!rps) throw new Error(`could not read wrk output:\n${output}`);
  const percentile = (p: string) => toMs(new RegExp(`^\\s+${p}%\\s+([\\d.]+\\w+)`, 'm').exec(output)?.[1] ?? '0us');
  const socketErrors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? '0');
  const errors = (socketErrors?.slice(1).reduce((sum, n) => sum + Number(n), 0) ?? 0) + non2xx;
  const requests = Number(/(\d+) requests in/.exec(output)?.[1] ?? '0');
  return { requests, requestsPerSecond: Number(rps), p50Ms: percentile('50'), p99Ms: percentile('99'), errors };
}

function toMs(text: string): number {
  const match = /([\d.]+)(us|ms|s)/.exec(text);
  if (!match?.[1]) return 0;
  const value = Number(match[1]);
  return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
}
