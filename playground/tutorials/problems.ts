/** A value of a compared result: text, a floating-point number, an integer, or NULL. */
export type ResultValue = string | number | bigint | null;

/** One result row, by column name. */
export type ResultRow = Record<string, ResultValue>;

/** What is wrong with an answer, as data; `explainProblem` words it. */
export type CheckProblem =
  | {kind: 'empty-answer'}
  | {kind: 'several-statements'}
  | {kind: 'sql-error'; message: string}
  | {kind: 'missing-columns'; columns: string[]; expected: string[]}
  | {kind: 'extra-columns'; columns: string[]; expected: string[]}
  | {kind: 'column-type'; column: string; actual: string; expected: string}
  | {kind: 'too-many-rows'; actual: number; expected: number; limit: number}
  | {kind: 'missing-rows'; count: number; examples: ResultRow[]}
  | {kind: 'extra-rows'; count: number; examples: ResultRow[]}
  | {kind: 'row-order'; position: number; actual: ResultRow; expected: ResultRow}
  | {kind: 'schema-parse'; message: string; line?: number; column?: number}
  | {kind: 'schema-refused'; errorClass: string; errorText: string}
  | {kind: 'field-dropped'; field: string}
  | {kind: 'kafka-syntax'; line: number; message: string}
  | {kind: 'kafka-setting'; key: string; expected: string; actual: string | null}
  | {kind: 'kafka-finding'; rule: string; severity: 'error' | 'warning' | 'info'; setting: string; message: string; fix: string; wouldCause: string | null; line?: number}
  | {kind: 'incident-missing'; part: 'code' | 'playbook' | 'fix'}
  | {kind: 'incident-code-absent'; code: string}
  | {kind: 'incident-code-wrapper'; code: string}
  | {kind: 'incident-playbook'; playbook: string}
  | {kind: 'incident-fix'; fix: string}
  | {kind: 'stream-delay-syntax'; text: string}
  | {kind: 'stream-refused'; errorClass: string | null; message: string}
  | {kind: 'stream-late-rows'; plant: string; rows: number; delay: string}
  | {kind: 'stream-delay-too-long'; delay: string; maxDelay: string}
  | {kind: 'stage-syntax'; text: string}
  | {kind: 'stage-unknown'; stageId: number; stages: number[]}
  | {kind: 'stage-without-finding'; stageId: number; finding: string; medianTaskMs: number; maxTaskMs: number};

export interface CheckResult {
  passed: boolean;
  problems: CheckProblem[];
}
