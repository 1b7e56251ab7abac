import {incidentAnswerSchema, type IncidentAnswer, type IncidentExercise} from './exercise';
import type {CheckProblem, CheckResult} from './problems';

/**
 * The error catalog and its decoder, injected: `playground/tutorial-checks.ts` builds it from the
 * errors capability's `decodeStackTrace` and `errorCatalog`, which this folder may not import.
 */
export interface IncidentCatalog {
  /** The playbooks an entry can belong to, for the answer's choice. */
  playbooks: readonly string[];
  /** What the decoder finds in a log: the root cause first, then every other code it recognised. */
  decode(log: string): {rootCause: string | null; codes: string[]};
  /** A catalog entry's playbook and fix titles. */
  entry(code: string): {playbook: string; fixes: string[]} | undefined;
}

/** An incident answer from its stored text; damaged text is an empty answer. */
export function readIncidentAnswer(text: string): IncidentAnswer {
  try {
    const parsed = incidentAnswerSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: an empty answer, which the check explains.
  }
  return {code: '', playbook: '', fix: ''};
}

/** A code as learners copy it: brackets, a trailing colon and Databricks' `kafkashaded.` prefix do not count. */
function normalizeCode(code: string): string {
  return code.trim().replace(/^\[|\]:?$|:$/g, '').replace(/^kafkashaded\./, '');
}

/**
 * Checks an incident answer against what the decoder finds in the log: the code must be the root
 * cause it names, the playbook the one the catalog files that entry under, and the fix the exercise's.
 */
export function checkIncidentAnswer(exercise: IncidentExercise, answerText: string, catalog: IncidentCatalog): CheckResult {
  const answer = readIncidentAnswer(answerText);
  const {rootCause, codes} = catalog.decode(exercise.log);
  const entry = rootCause === null ? undefined : catalog.entry(rootCause);
  if (rootCause === null || !entry) {
    throw new RangeError(`Incident exercise ${exercise.id}: the decoder recognises no root cause in its log.`);
  }
  const problems: CheckProblem[] = [];
  const code = normalizeCode(answer.code);
  if (code === '') {
    problems.push({kind: 'incident-missing', part: 'code'});
  } else if (code.toUpperCase() !== rootCause.toUpperCase()) {
    const known = codes.some((candidate) => candidate.toUpperCase() === code.toUpperCase()) || exercise.log.includes(code);
    problems.push(known ? {kind: 'incident-code-wrapper', code} : {kind: 'incident-code-absent', code});
  }
  if (answer.playbook === '') {
    problems.push({kind: 'incident-missing', part: 'playbook'});
  } else if (answer.playbook !== entry.playbook) {
    problems.push({kind: 'incident-playbook', playbook: answer.playbook});
  }
  if (answer.fix === '') {
    problems.push({kind: 'incident-missing', part: 'fix'});
  } else if (answer.fix !== exercise.fix || !entry.fixes.includes(answer.fix)) {
    problems.push({kind: 'incident-fix', fix: answer.fix});
  }
  return {passed: problems.length === 0, problems};
}
