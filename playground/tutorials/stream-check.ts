import type {SqlEngine} from '../sql/engine';
import type {StreamExercise} from './exercise';
import type {CheckProblem, CheckResult} from './problems';

/** What a simulated stream did with the chosen watermark. */
export type StreamVerdict = {ran: false; errorClass: string | null; message: string} | {ran: true; lateRowsByPlant: Record<string, number>};

/**
 * The stream simulation, injected: `playground/tutorial-checks.ts` runs the streaming capability's
 * `simulateStream` on the exercise's spec with the chosen `watermarkDelayMs`.
 */
export type StreamChecker = (engine: SqlEngine, spec: Readonly<Record<string, unknown>>, watermarkDelayMs: number) => Promise<StreamVerdict>;

const unitMs: Record<string, number> = {second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000};

/**
 * A delay as `withWatermark` takes it (Spark's interval string: a number and a unit, plural or not,
 * optionally after `interval`), in milliseconds; null when it is not one.
 */
export function parseDelay(text: string): number | null {
  const match = /^\s*(?:interval\s+)?(\d{1,6})\s*(second|minute|hour|day|week)s?\s*$/i.exec(text);
  return match ? Number(match[1]) * unitMs[match[2]!.toLowerCase()]! : null;
}

/** Checks a watermark: the stream keeps every reading of the plant, and waits no longer than the task allows. */
export async function checkStreamAnswer(engine: SqlEngine, exercise: StreamExercise, answer: string, simulate: StreamChecker): Promise<CheckResult> {
  const delay = answer.trim();
  if (delay === '') return {passed: false, problems: [{kind: 'empty-answer'}]};
  const delayMs = parseDelay(delay);
  if (delayMs === null) return {passed: false, problems: [{kind: 'stream-delay-syntax', text: delay}]};
  const maxMs = parseDelay(exercise.maxDelay);
  if (maxMs === null) throw new RangeError(`Stream exercise ${exercise.id}: maxDelay ${exercise.maxDelay} is not a delay.`);
  const verdict = await simulate(engine, exercise.spec, delayMs);
  if (!verdict.ran) return {passed: false, problems: [{kind: 'stream-refused', errorClass: verdict.errorClass, message: verdict.message}]};
  const problems: CheckProblem[] = [];
  const late = verdict.lateRowsByPlant[exercise.keepPlant] ?? 0;
  if (late > 0) problems.push({kind: 'stream-late-rows', plant: exercise.keepPlant, rows: late, delay});
  if (delayMs > maxMs) problems.push({kind: 'stream-delay-too-long', delay, maxDelay: exercise.maxDelay});
  return {passed: problems.length === 0, problems};
}
