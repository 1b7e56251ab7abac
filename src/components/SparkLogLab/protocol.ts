import type {EventLogAnalysis, SampleScenario, TaskMetricDistributions, TaskPoint} from '@site/playground';

/** What the page asks the event log worker. */
export type WorkerRequest =
  | {kind: 'files'; files: {name: string; bytes: ArrayBuffer}[]}
  | {kind: 'sample'; scenario: SampleScenario}
  | {kind: 'stage'; stageId: number; attemptId: number};

/** What the worker answers; the parsed log stays in the worker, only the analysis crosses. */
export type WorkerResponse =
  | {kind: 'progress'; fraction: number}
  | {kind: 'analysis'; analysis: EventLogAnalysis; elapsedMs: number}
  | {kind: 'stage'; stageId: number; attemptId: number; summary: TaskMetricDistributions | null; tasks: TaskPoint[]}
  | {kind: 'error'; message: string};
