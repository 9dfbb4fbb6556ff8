import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The workflow engine's Prometheus series, registered once per process on the service's registry. */
export interface WorkflowMetrics {
  runsStarted: Counter<'kind'>;
  runsSettled: Counter<'kind' | 'state'>;
  runsLive: Gauge<'kind' | 'state'>;
  oldestLiveRunSeconds: Gauge<'kind'>;
  stepDuration: Histogram<'kind' | 'step' | 'phase' | 'outcome'>;
  runsResumed: Counter<'kind'>;
}

export function createWorkflowMetrics(registry: Registry): WorkflowMetrics {
  const registers = [registry];
  return {
    runsStarted: new Counter({
      name: 'workflow_runs_started_total',
      help: 'Workflow runs created (counted when the creating transaction is handed to the engine, not at commit).',
      labelNames: ['kind'],
      registers,
    }),
    runsSettled: new Counter({
      name: 'workflow_runs_settled_total',
      help: 'Runs that reached a final state: completed, compensated or failed (a compensation gave up).',
      labelNames: ['kind', 'state'],
      registers,
    }),
    runsLive: new Gauge({
      name: 'workflow_runs_live',
      help: 'Runs still running or compensating, as the last sweep counted them.',
      labelNames: ['kind', 'state'],
      registers,
    }),
    oldestLiveRunSeconds: new Gauge({
      name: 'workflow_oldest_live_run_age_seconds',
      help: 'Age of the oldest run not yet settled (0 when none): a stuck workflow shows here.',
      labelNames: ['kind'],
      registers,
    }),
    stepDuration: new Histogram({
      name: 'workflow_step_duration_seconds',
      help: 'One attempt of a step (phase run) or of its compensation (phase compensate), by outcome.',
      labelNames: ['kind', 'step', 'phase', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    runsResumed: new Counter({
      name: 'workflow_runs_resumed_total',
      help: 'Runs claimed after their lease expired: the process running them died or stalled.',
      labelNames: ['kind'],
      registers,
    }),
  };
}
