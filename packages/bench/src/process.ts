/** A server started for a benchmark, pinned to one CPU, with the port it reported. */
export interface BenchProcess {
  pid: number;
  port: number;
  /** Where it serves `/metrics`, if it said so before its `listening` line (kit services do). */
  metricsPort?: number;
  /** Stops it with SIGTERM and returns what it printed after its `listening` line, if kept. */
  stop(): Promise<string>;
}

/**
 * Starts `bun <script>` on `cpu` and waits for its `listening` log line. Its remaining
 * output is drained (kept only with `keepOutput`), so a full pipe never slows it down.
 */
export async function startServer(
  script: string,
  cpu: number | string,
  env: Record<string, string> = {},
  options: { keepOutput?: boolean } = {},
): Promise<BenchProcess> {
  const child = Bun.spawn(['taskset', '-c', String(cpu), process.execPath, script], {
    // Any free ports: kit services also serve /metrics on a port of their own.
    env: { ...process.env, PORT: '0', METRICS_PORT: '0', ...env },
    stdout: 'pipe',
    stderr: 'inherit',
  });
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    // A server that never prints its port must not hang the harness: race each read with the deadline.
    const timeout = Bun.sleep(Math.max(deadline - Date.now(), 0)).then(() => ({
      value: undefined,
      done: false,
      timedOut: true,
    }));
    const next = await Promise.race([reader.read(), timeout]);
    if ('timedOut' in next) break;
    const { value, done } = next;
    if (done) throw new Error(`${script} exited before listening`);
    buffered += decoder.decode(value);
    const port = /"port":(\d+)/.exec(buffered)?.[1];
    const metricsPort = /"metricsPort":(\d+)/.exec(buffered)?.[1];
    if (port) {
      // Keep draining stdout in the background so the server never blocks on a full pipe.
      let kept = '';
      const drained = (async () => {
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          if (options.keepOutput) kept += decoder.decode(chunk.value);
        }
      })();
      return {
        pid: child.pid,
        port: Number(port),
        ...(metricsPort ? { metricsPort: Number(metricsPort) } : {}),
        async stop() {
          child.kill('SIGTERM');
          await child.exited;
          await drained;
          return kept;
        },
      };
    }
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not report a port within 15 s`);
}

/** Resident memory of a process in MB, from /proc (Linux only, like the rest of the harness). */
export async function residentMb(pid: number): Promise<number> {
  const status = await Bun.file(`/proc/${pid}/status`).text();
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await Bun.file(`/proc/${pid}/stat`).text();
  // Fields after the command name (which may contain spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}
