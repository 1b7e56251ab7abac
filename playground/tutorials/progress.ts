import * as z from 'zod';
import type {Lesson} from './exercise';

/** Where the browser keeps tutorial progress; the version in the key changes with the format. */
export const progressStorageKey = 'mdp.tutorials.progress.v1';

const progressSchema = z.object({
  version: z.literal(1),
  /** Exercise ids (`lesson/exercise`) answered correctly at least once. */
  solved: z.array(z.string()),
  /** Exercise ids checked at least once: their solution may be revealed. */
  attempted: z.array(z.string()),
});

export type TutorialProgress = z.output<typeof progressSchema>;

export const emptyProgress: TutorialProgress = {version: 1, solved: [], attempted: []};

/** Saved progress from its stored text; missing, damaged or older-format text is no progress. */
export function readProgress(text: string | undefined): TutorialProgress {
  if (!text) return emptyProgress;
  try {
    const parsed = progressSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : emptyProgress;
  } catch {
    return emptyProgress;
  }
}

/** The key an exercise has in the progress: lesson and exercise id. */
export function progressKey(lessonId: string, exerciseId: string): string {
  return `${lessonId}/${exerciseId}`;
}

/** Records a check: attempted always, solved when it passed. */
export function recordCheck(progress: TutorialProgress, key: string, passed: boolean): TutorialProgress {
  const add = (list: string[]) => (list.includes(key) ? list : [...list, key]);
  return {version: 1, attempted: add(progress.attempted), solved: passed ? add(progress.solved) : progress.solved};
}

/** How many of a lesson's exercises are solved. */
export function lessonProgress(lesson: Lesson, progress: TutorialProgress): {solved: number; total: number} {
  const solved = lesson.exercises.filter((exercise) => progress.solved.includes(progressKey(lesson.id, exercise.id))).length;
  return {solved, total: lesson.exercises.length};
}
