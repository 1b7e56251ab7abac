import type {DatasetRequest} from '../datasets';
import type {SqlEngine} from '../sql/engine';
import {checkEventLogAnswer, type EventLogChecker} from './eventlog-check';
import type {Exercise} from './exercise';
import {checkIncidentAnswer, type IncidentCatalog} from './incident-check';
import {checkKafkaAnswer, type KafkaChecker} from './kafka-check';
import type {CheckResult} from './problems';
import {checkSchemaAnswer, type SchemaChecker} from './schema-check';
import {checkSqlAnswer} from './sql-check';
import {checkStreamAnswer, type StreamChecker} from './stream-check';

/** The engines' checks the exercises need, built outside this folder (`playground/tutorial-checks.ts`). */
export interface TutorialCheckers {
  schema: SchemaChecker;
  kafka: KafkaChecker;
  incident: IncidentCatalog;
  stream: StreamChecker;
  eventLog: EventLogChecker;
}

/** Where a check runs: the checkers, and a DuckDB engine with the exercise's datasets loaded. */
export interface CheckEnvironment {
  checkers: TutorialCheckers;
  withEngine<T>(datasets: readonly DatasetRequest[], run: (engine: SqlEngine) => Promise<T>): Promise<T>;
}

/** Checks an answer of any kind with the checker of its kind; the page and the tests share it. */
export async function checkAnswer(exercise: Exercise, answer: string, environment: CheckEnvironment): Promise<CheckResult> {
  const {checkers} = environment;
  switch (exercise.kind) {
    case 'sql':
      return environment.withEngine(exercise.datasets, (engine) => checkSqlAnswer(engine, exercise, answer));
    case 'schema':
      return checkSchemaAnswer(exercise, answer, checkers.schema);
    case 'kafka':
      return checkKafkaAnswer(exercise, answer, checkers.kafka);
    case 'incident':
      return checkIncidentAnswer(exercise, answer, checkers.incident);
    case 'stream':
      return environment.withEngine(exercise.datasets, (engine) => checkStreamAnswer(engine, exercise, answer, checkers.stream));
    case 'eventlog':
      return checkEventLogAnswer(exercise, answer, checkers.eventLog);
  }
}
