import type {EventLogExercise} from './exercise';
import type {CheckResult} from './problems';

/** One stage of a sample event log, as the exercise shows it. */
export interface StageSummaryRow {
  stageId: number;
  attemptId: number;
  tasks: number;
  medianTaskMs: number;
  maxTaskMs: number;
  medianReadBytes: number;
  maxReadBytes: number;
}

/** What the event-log analysis says about a sample log: its stages, and the stages each finding kind names. */
export interface EventLogSummary {
  stages: StageSummaryRow[];
  findings: {kind: string; stageId: number}[];
}

/**
 * The event-log analysis, injected: `playground/tutorial-checks.ts` generates the sample log and runs the
 * sparklog capability's `parseEventLog` and `analyzeEventLog`, which this folder may not import.
 */
export type EventLogChecker = (log: EventLogExercise['log']) => EventLogSummary;

/** Checks a stage id: it is a stage of the log, and the analysis reports the exercise's finding for it. */
export function checkEventLogAnswer(exercise: EventLogExercise, answer: string, analyze: EventLogChecker): CheckResult {
  const text = answer.trim();
  if (text === '') return {passed: false, problems: [{kind: 'empty-answer'}]};
  if (!/^\d{1,6}$/.test(text)) return {passed: false, problems: [{kind: 'stage-syntax', text}]};
  const stageId = Number(text);
  const summary = analyze(exercise.log);
  const stage = summary.stages.find((candidate) => candidate.stageId === stageId);
  if (!stage) {
    return {passed: false, problems: [{kind: 'stage-unknown', stageId, stages: [...new Set(summary.stages.map((candidate) => candidate.stageId))]}]};
  }
  if (!summary.findings.some((finding) => finding.kind === exercise.finding && finding.stageId === stageId)) {
    return {passed: false, problems: [{kind: 'stage-without-finding', stageId, finding: exercise.finding, medianTaskMs: stage.medianTaskMs, maxTaskMs: stage.maxTaskMs}]};
  }
  return {passed: true, problems: []};
}
