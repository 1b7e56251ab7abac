/** Guided tutorials: exercises as data, checked against real engines in the page. */
export {exerciseSchema, incidentAnswer, lessonSchema, parseLesson, schemaExerciseContexts} from './exercise';
export type {Exercise, IncidentAnswer, IncidentExercise, KafkaExercise, Lesson, SchemaExercise, SqlExercise, StreamExercise} from './exercise';
export type {CheckProblem, CheckResult, ResultRow, ResultValue} from './problems';
export {checkSqlAnswer, compareRows, maxComparedRows, singleQuery} from './sql-check';
export {checkSchemaAnswer} from './schema-check';
export type {SchemaChecker, SchemaVerdict} from './schema-check';
export {checkKafkaAnswer, kafkaSettingNames, parseKafkaProperties} from './kafka-check';
export type {KafkaCheckFinding, KafkaChecker} from './kafka-check';
export {checkIncidentAnswer, readIncidentAnswer} from './incident-check';
export type {IncidentCatalog} from './incident-check';
export {checkStreamAnswer, parseDelay} from './stream-check';
export type {StreamChecker, StreamVerdict} from './stream-check';
export {checkAnswer} from './check';
export type {CheckEnvironment, TutorialCheckers} from './check';
export {explainProblem, formatRow} from './explain';
export {emptyProgress, lessonProgress, progressKey, progressStorageKey, readProgress, recordCheck} from './progress';
export type {TutorialProgress} from './progress';
export {findLesson, tutorialLessons} from './lessons';
