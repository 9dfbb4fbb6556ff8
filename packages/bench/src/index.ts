export { runBenchmarks } from './run.ts';
