export {
  type CompensationContext,
  DEFAULT_COMPENSATION_RETRY,
  DEFAULT_RETRY,
  defineWorkflow,
  type RetryPolicy,
  type SettledRun,
  type StepContext,
  type WorkflowDefinition,
  type WorkflowStep,
} from './definition.ts';
export type { WorkflowPoint } from './drive-run.ts';
export {
  createWorkflowEngine,
  type StartOptions,
  type Sweeper,
  type SweeperOptions,
  type WorkflowEngine,
  type WorkflowEngineDeps,
} from './engine.ts';
export { isStepRefused, type RefusalClassifier, StepRefused, StepTimedOut } from './errors.ts';
export { createWorkflowMetrics, type WorkflowMetrics } from './metrics.ts';
export {
  createWorkflowRunsTable,
  RUN_STATES,
  type RunState,
  type WorkflowRun,
  type WorkflowRunsTable,
} from './tables.ts';
