const levelColour: Record<string, string> = {
  fatal: '\x1b[41m',
  error: '\x1b[31m',
  warn: '\x1b[33m',
  info: '\x1b[32m',
  debug: '\x1b[90m',
  trace: '\x1b[90m',
};
const reset = '\x1b[0m';
const skipped = new Set(['level', 'time', 'service', 'msg', 'pid', 'hostname']);

/**
 * One JSON log line as a person reads it: `21:31:04 identity INFO request finished status=200`.
 * Lines that are not JSON (a crash before the logger exists) pass through unchanged.
 */
export function formatLogLine(line: string, fallbackService: string, colour: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `${fallbackService.padEnd(10)} ${line}`;
  }
  const time = typeof record.time === 'string' ? record.time.slice(11, 19) : '--:--:--';
  const level = String(record.level ?? 'info');
  const service = String(record.service ?? fallbackService).padEnd(10);
  const fields = Object.entries(record)
    .filter(([key]) => !skipped.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  const label = level.toUpperCase().padEnd(5);
  const shownLevel = colour ? `${levelColour[level] ?? ''}${label}${reset}` : label;
  return `${time} ${service} ${shownLevel} ${String(record.msg ?? '')}${fields ? ` ${fields}` : ''}`;
}

/**
 * A passing health check: the edge probes the storefront every second, so following the
 * logs would otherwise be mostly these. The files keep them; the terminal does not.
 */
export function isPassingHealthCheck(line: string): boolean {
  if (!line.includes('"/healthz"')) return false;
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    return record.msg === 'request finished' && record.path === '/healthz' && record.status === 200;
  } catch {
    return false;
  }
}
