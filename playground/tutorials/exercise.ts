import * as z from 'zod';
import {datasetRequestSchema} from '../datasets';

/** An exercise or lesson id: it names the exercise in links and in the saved progress. */
const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'An id is lowercase words joined by hyphens, such as key-coverage.');

/** A wrong answer the tests run: the checker must refuse it with an explanation containing `explains`. */
const wrongAnswerSchema = z.strictObject({
  answer: z.string().min(1),
  explains: z.string().min(1),
});

const commonFields = {
  id: idSchema,
  title: z.string().min(1),
  /** What to do, in a few sentences (Markdown-free text; `code` in backticks is shown as code). */
  prompt: z.string().min(1),
  /** Progressive hints: the learner opens them one at a time, the last one nearly gives the answer. */
  hints: z.array(z.string().min(1)).min(1).max(4),
  /** Shown with the solution: why it is right. */
  explanation: z.string().min(1),
  wrongAnswers: z.array(wrongAnswerSchema).min(1),
};

/**
 * A SQL task: the learner's query and `solution` run on the same seeded datasets and their results
 * are compared (columns by name and type, rows as a multiset, order only when `orderMatters`).
 */
export const sqlExerciseSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('sql'),
  datasets: z.array(datasetRequestSchema).min(1),
  starter: z.string(),
  solution: z.string().min(1),
  /** True when the prompt asks for an order; the solution's ORDER BY must then be total. */
  orderMatters: z.boolean().default(false),
  /** Relative tolerance for floating-point columns (at least this much absolute below 1). */
  tolerance: z.number().min(0).max(0.5).default(1e-9),
});

/** The Delta code paths a schema task can be checked under (the schema checker validates them too). */
export const schemaExerciseContexts = ['delta-write', 'delta-merge-evolution', 'delta-type-widening'] as const;

/**
 * A schema task: the learner edits an incoming schema (Spark DDL) until the Delta table accepts it
 * under `context`, without dropping the fields in `keepFields`.
 */
export const schemaExerciseSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('schema'),
  tableSchema: z.string().min(1),
  starter: z.string().min(1),
  solution: z.string().min(1),
  context: z.enum(schemaExerciseContexts),
  mergeSchema: z.boolean(),
  keepFields: z.array(z.string().min(1)).min(1),
});

/**
 * A Kafka client task: the learner edits a client configuration (Java properties, `kafka.` prefixes
 * allowed) until the JAAS linter and the client diagnosis find nothing that fails, every setting in
 * `required` holds, and none of the warnings in `failOnRules` remains.
 */
export const kafkaExerciseSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('kafka'),
  platform: z.enum(['databricks', 'apache']).default('databricks'),
  starter: z.string().min(1),
  solution: z.string().min(1),
  /** Settings the answer must keep, such as the broker listener's `security.protocol`. */
  required: z.record(z.string(), z.string()).default({}),
  /** Rules of warnings that fail this exercise too (`inline-password`, `endpoint-identification-off`). */
  failOnRules: z.array(z.string().min(1)).default([]),
});

/** What an incident answer names: the root cause's code, its playbook, and the first fix to apply. */
export const incidentAnswerSchema = z.object({
  code: z.string().trim().default(''),
  playbook: z.string().default(''),
  fix: z.string().default(''),
});
export type IncidentAnswer = z.output<typeof incidentAnswerSchema>;

/** An incident answer as the editor state and the tests store it. */
export function incidentAnswer(answer: Partial<IncidentAnswer>): string {
  return JSON.stringify({code: answer.code ?? '', playbook: answer.playbook ?? '', fix: answer.fix ?? ''});
}

/**
 * An incident task: a log as on-call sees it. The learner names the root cause (the code the
 * catalog's decoder finds first), the playbook the catalog files it under, and the fix to apply
 * first among `fixChoices` (fix titles from the catalog; `fix` is the right one, a fix of the root cause's entry).
 */
export const incidentExerciseSchema = z
  .strictObject({
    ...commonFields,
    kind: z.literal('incident'),
    log: z.string().min(1),
    fixChoices: z.array(z.string().min(1)).min(2).max(6),
    fix: z.string().min(1),
    starter: z.string().default(incidentAnswer({})),
    solution: z.string().min(1),
  })
  .refine((exercise) => exercise.fixChoices.includes(exercise.fix), 'The right fix must be one of fixChoices.');

/**
 * A streaming task: the learner chooses the watermark delay of a simulated Structured Streaming
 * query (`spec`, checked by `parseStreamSpec`) so that no reading of `keepPlant` is dropped as late,
 * without waiting longer than `maxDelay` before a window is final.
 */
export const streamExerciseSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('stream'),
  datasets: z.array(datasetRequestSchema).min(1),
  /** The stream spec without its watermark: the answer sets `watermarkDelayMs`. */
  spec: z.record(z.string(), z.unknown()),
  keepPlant: z.string().min(1),
  /** The longest acceptable delay, as Spark writes it (`8 hours`). */
  maxDelay: z.string().min(1),
  starter: z.string(),
  solution: z.string().min(1),
});

/**
 * A performance task: a sample Spark event log (`generateSampleLog` options, validated by the checker)
 * is summarised stage by stage; the learner names the stage the event-log analysis reports `finding` for.
 */
export const eventLogExerciseSchema = z.strictObject({
  ...commonFields,
  kind: z.literal('eventlog'),
  log: z.strictObject({scenario: z.string().min(1), scale: z.number().positive(), seed: z.number().int().min(0).default(42)}),
  /** The finding kind the answer's stage must carry (`skew`, `spill`, …). */
  finding: z.string().min(1),
  starter: z.string(),
  solution: z.string().regex(/^\d+$/, 'The solution is a stage id.'),
});

export const exerciseSchema = z.discriminatedUnion('kind', [sqlExerciseSchema, schemaExerciseSchema, kafkaExerciseSchema, incidentExerciseSchema, streamExerciseSchema, eventLogExerciseSchema]);

export const lessonSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1),
    /** The page that teaches the lesson, as a site path. */
    path: z.string().startsWith('/docs/tutorials/'),
    /** What the learner can do after it, for the progress summary. */
    outcome: z.string().min(1),
    exercises: z.array(exerciseSchema).min(3).max(6),
  })
  .refine((lesson) => new Set(lesson.exercises.map((exercise) => exercise.id)).size === lesson.exercises.length, 'Exercise ids repeat within the lesson.');

export type SqlExercise = z.output<typeof sqlExerciseSchema>;
export type SchemaExercise = z.output<typeof schemaExerciseSchema>;
export type KafkaExercise = z.output<typeof kafkaExerciseSchema>;
export type IncidentExercise = z.output<typeof incidentExerciseSchema>;
export type StreamExercise = z.output<typeof streamExerciseSchema>;
export type EventLogExercise = z.output<typeof eventLogExerciseSchema>;
export type Exercise = z.output<typeof exerciseSchema>;
export type ExerciseInput = z.input<typeof exerciseSchema>;
export type Lesson = z.output<typeof lessonSchema>;
export type LessonInput = z.input<typeof lessonSchema>;

/** Validates a lesson at load time; a RangeError names the lesson and the first problem. */
export function parseLesson(input: LessonInput): Lesson {
  const parsed = lessonSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new RangeError(`Lesson ${input.id}: ${where}${issue.message}`);
  }
  return parsed.data;
}
