import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { formatLogLine, isPassingHealthCheck } from './log-format.ts';

/** Prints new lines of every service log, human-readable, until `until` settles. */
export async function followLogs(logsDir: string, services: string[], until: Promise<void>): Promise<void> {
  const offsets = new Map(services.map((name) => [name, sizeOf(join(logsDir, `${name}.log`))]));
  const partial = new Map<string, string>();
  const colour = process.stdout.isTTY === true;
  let stopped = false;
  void until.then(() => {
    stopped = true;
  });
  while (!stopped) {
    for (const name of services) {
      const file = join(logsDir, `${name}.log`);
      const size = sizeOf(file);
      const offset = offsets.get(name) ?? 0;
      if (size <= offset) continue;
      const text = (partial.get(name) ?? '') + readRange(file, offset, size - offset);
      offsets.set(name, size);
      const lines = text.split('\n');
      partial.set(name, lines.pop() ?? '');
      for (const line of lines) {
        if (line.trim() && !isPassingHealthCheck(line)) console.log(formatLogLine(line, name, colour));
      }
    }
    await Promise.race([until, Bun.sleep(250)]);
  }
}

const sizeOf = (file: string): number => (existsSync(file) ? statSync(file).size : 0);

function readRange(file: string, offset: number, length: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, offset);
    return buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
