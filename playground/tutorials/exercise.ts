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

export const exerciseSchema = z.discriminatedUnion('kind', [sqlExerciseSchema, schemaExerciseSchema]);

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
