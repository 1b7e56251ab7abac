import type {SchemaExercise} from './exercise';
import type {CheckResult} from './problems';

/** What the schema checker says about an incoming schema written against a table's schema. */
export type SchemaVerdict =
  | {ok: false; parseError: {message: string; line?: number; column?: number}}
  | {ok: true; fieldNames: string[]; accepted: boolean; error: {errorClass: string; text: string} | null};

/**
 * The schema compatibility check, injected: `playground/tutorial-checks.ts` builds it from the
 * schema capability's `parseSparkType` and `checkCompatibility`, which this folder may not import.
 */
export type SchemaChecker = (tableSchema: string, incomingSchema: string, options: {context: SchemaExercise['context']; mergeSchema: boolean}) => SchemaVerdict;

/** Checks a schema answer: the table must accept it under the exercise's context, and it keeps every field asked for. */
export function checkSchemaAnswer(exercise: SchemaExercise, answer: string, check: SchemaChecker): CheckResult {
  const verdict = check(exercise.tableSchema, answer, {context: exercise.context, mergeSchema: exercise.mergeSchema});
  if (!verdict.ok) {
    return {passed: false, problems: [{kind: 'schema-parse', ...verdict.parseError}]};
  }
  if (!verdict.accepted && verdict.error) {
    return {passed: false, problems: [{kind: 'schema-refused', errorClass: verdict.error.errorClass, errorText: verdict.error.text}]};
  }
  const present = new Set(verdict.fieldNames.map((name) => name.toLowerCase()));
  const dropped = exercise.keepFields.filter((field) => !present.has(field.toLowerCase()));
  return {passed: dropped.length === 0, problems: dropped.map((field) => ({kind: 'field-dropped' as const, field}))};
}
