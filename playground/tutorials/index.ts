/** Guided tutorials: exercises as data, checked against real engines in the page. */
export {exerciseSchema, lessonSchema, parseLesson, schemaExerciseContexts} from './exercise';
export type {Exercise, Lesson, SchemaExercise, SqlExercise} from './exercise';
export type {CheckProblem, CheckResult, ResultRow, ResultValue} from './problems';
export {checkSqlAnswer, compareRows, maxComparedRows, singleQuery} from './sql-check';
export {checkSchemaAnswer} from './schema-check';
export type {SchemaChecker, SchemaVerdict} from './schema-check';
export {explainProblem, formatRow} from './explain';
export {emptyProgress, lessonProgress, progressKey, progressStorageKey, readProgress, recordCheck} from './progress';
export type {TutorialProgress} from './progress';
export {findLesson, tutorialLessons} from './lessons';
