import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** A process and all its descendants (varnishd's manager forks the worker that serves). */
function processTree(pid: number): number[] {
  const tasks = `/proc/${pid}/task`;
  if (!existsSync(tasks)) return [pid];
  const children = readdirSync(tasks).flatMap((task) =>
    readFileSync(`${tasks}/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  );
  return [pid, ...children.flatMap(processTree)];
}

/** Pins every thread of a process tree to one CPU, like the harness's `taskset` for servers it starts. */
export async function pinProcessTree(pid: number, cpu: number): Promise<void> {
  for (const member of processTree(pid)) {
    const child = Bun.spawn(['taskset', '-a', '-p', '-c', String(cpu), String(member)], {
      stdout: 'ignore',
      stderr: 'pipe',
    });
    if ((await child.exited) !== 0) throw new Error(`taskset failed: ${await new Response(child.stderr).text()}`);
  }
}
