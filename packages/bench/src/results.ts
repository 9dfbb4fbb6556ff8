import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One measured figure, with what it is compared to and the target it must meet. */
export interface BenchResult {
  id: string;
  title: string;
  value: number;
  unit: string;
  /** For ratio targets: the baseline measured in the same run. */
  baseline?: { title: string; value: number; unit: string };
  ratio?: number;
  target: string;
  met: boolean;
  detail?: string;
}

export interface BenchRun {
  startedAt: string;
  machine: { cpus: number; memoryGb: number; bun: string };
  results: BenchResult[];
}

/** Keeps every run by its time; `latest.json` only for complete runs, so a partial run never hides the full table's source. */
export function writeResults(resultsDir: string, run: BenchRun, complete: boolean): string {
  const stamp = run.startedAt.replaceAll(':', '-').slice(0, 19);
  const json = `${JSON.stringify(run, null, 2)}\n`;
  if (complete) writeFileSync(join(resultsDir, 'latest.json'), json);
  const file = join(resultsDir, `${stamp}.json`);
  writeFileSync(file, json);
  return file;
}

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

const format = (value: number) =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The Performance table in README.md, between its markers, rewritten from the latest run. */
export function renderTable(run: BenchRun): string {
  const rows = run.results.map((result) => {
    const baseline = result.baseline
      ? `${format(result.baseline.value)} ${result.baseline.unit} (${result.baseline.title})`
      : '—';
    const ratio = result.ratio === undefined ? '—' : `${result.ratio.toFixed(2)}×`;
    return `| ${result.title} | ${format(result.value)} ${result.unit} | ${baseline} | ${ratio} | ${result.target} | ${result.met ? 'met' : '**missed**'} |`;
  });
  const details = run.results.filter((result) => result.detail).map((result) => `- ${result.title}: ${result.detail}`);
  return [
    `Measured ${run.startedAt.slice(0, 16).replace('T', ' ')} UTC on ${run.machine.cpus} CPUs / ${run.machine.memoryGb} GiB, Bun ${run.machine.bun}, by \`./fruitables bench\`.`,
    '',
    '| benchmark | measured | baseline (same run) | ratio | target | |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...(details.length > 0 ? ['', 'How each was measured, in the same run:', '', ...details] : []),
  ].join('\n');
}

export function updateReadme(readmePath: string, run: BenchRun): void {
  const readme = readFileSync(readmePath, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${START} … ${END} markers for the Performance table`);
  writeFileSync(readmePath, `${readme.slice(0, start + START.length)}\n${renderTable(run)}\n${readme.slice(end)}`);
}
