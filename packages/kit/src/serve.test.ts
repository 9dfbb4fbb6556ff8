import { describe, expect, it } from 'vitest';

interface LogLine {
  msg: string;
  port?: number;
  hook?: string;
}

/** Starts the fixture service and resolves once it logs the port it listens on. */
async function startFixture() {
  const child = Bun.spawn([process.execPath, new URL('./serve.fixture.ts', import.meta.url).pathname], {
    stdout: 'pipe',
    stderr: 'inherit',
  });
  const lines: LogLine[] = [];
  const decoder = new TextDecoder();
  let buffered = '';
  let resolvePort: (port: number) => void = () => {};
  const port = new Promise<number>((resolve) => {
    resolvePort = resolve;
  });
  const reading = (async () => {
    const reader = child.stdout.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      buffered += decoder.decode(chunk.value);
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as LogLine;
        lines.push(line);
        if (line.msg === 'listening' && line.port) resolvePort(line.port);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
    }
  })();
  return { child, lines, port: await port, reading };
}

async function canConnect(port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname: '127.0.0.1', port, socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
}

describe('graceful shutdown', () => {
  it('lets a slow request finish after SIGTERM while refusing new connections', async () => {
    const { child, lines, port, reading } = await startFixture();
    const slow = fetch(`http://127.0.0.1:${port}/slow?ms=1500`);
    await Bun.sleep(300);
    child.kill('SIGTERM');
    // Wait for the service to have begun its shutdown rather than a fixed time, so a
    // loaded machine cannot make the check race the signal.
    const deadline = Date.now() + 5_000;
    while (!lines.some((line) => line.msg === 'shutting down') && Date.now() < deadline) await Bun.sleep(20);
    await Bun.sleep(50);

    expect(await canConnect(port)).toBe(false);
    const response = await slow;
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('finished');
    expect(await child.exited).toBe(0);
    await reading;

    const messages = lines.map((line) => line.msg);
    expect(messages).toEqual(expect.arrayContaining(['shutting down', 'shutdown hook done', 'stopped']));
    expect(messages.indexOf('request finished')).toBeLessThan(messages.indexOf('shutdown hook done'));
  });

  it('cuts requests that outlive the shutdown deadline and exits non-zero', async () => {
    const { child, port, reading } = await startFixture();
    const stuck = fetch(`http://127.0.0.1:${port}/slow?ms=9000`).catch((error: unknown) => error);
    await Bun.sleep(200);
    child.kill('SIGTERM');
    expect(await child.exited).toBe(1);
    await reading;
    expect(await stuck).toBeInstanceOf(Error);
  }, 15_000);
});
