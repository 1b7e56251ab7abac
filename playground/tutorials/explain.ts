import type {CheckProblem, ResultRow, ResultValue} from './problems';

/** Whole numbers with thousands separators, independent of the locale. */
function count(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function plural(n: number, one: string, many: string): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

function columnList(names: readonly string[]): string {
  return names.map((name) => `\`${name}\``).join(', ');
}

function formatValue(value: ResultValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  return `'${value.replaceAll("'", "''")}'`;
}

/** A row as `(plant_id = 'P03', events = 12)`. */
export function formatRow(row: ResultRow): string {
  return `(${Object.entries(row)
    .map(([name, value]) => `${name} = ${formatValue(value)}`)
    .join(', ')})`;
}

function examples(rows: readonly ResultRow[], total: number): string {
  const shown = rows.map(formatRow).join('; ');
  return total === 1 ? `: ${shown}` : `, e.g. ${shown}`;
}

/** One problem in a sentence or two, as the exercise shows it next to the editor. */
export function explainProblem(problem: CheckProblem): string {
  switch (problem.kind) {
    case 'empty-answer':
      return 'The answer is empty: write a query first.';
    case 'several-statements':
      return 'Write one query (SELECT, WITH … SELECT or FROM …): the answer holds more than one statement.';
    case 'sql-error':
      return `Your query failed: ${problem.message}`;
    case 'missing-columns':
      return `${problem.columns.length === 1 ? 'Column' : 'Columns'} ${columnList(problem.columns)} ${problem.columns.length === 1 ? 'is' : 'are'} missing: the result has the columns ${columnList(problem.expected)}.`;
    case 'extra-columns':
      return `${problem.columns.length === 1 ? 'Column' : 'Columns'} ${columnList(problem.columns)} ${problem.columns.length === 1 ? 'is' : 'are'} not asked for: the result has the columns ${columnList(problem.expected)}.`;
    case 'column-type':
      return `Column \`${problem.column}\` is ${problem.actual}, expected ${problem.expected}.`;
    case 'too-many-rows':
      return `Your query returned ${count(problem.actual)} rows; the expected result has ${plural(problem.expected, 'row', 'rows')} (the checker compares at most ${count(problem.limit)}).`;
    case 'missing-rows':
      return `${plural(problem.count, 'row', 'rows')} missing${examples(problem.examples, problem.count)}.`;
    case 'extra-rows':
      return `${plural(problem.count, 'row', 'rows')} not expected${examples(problem.examples, problem.count)}.`;
    case 'row-order':
      return `The rows are right but not in the order asked for: row ${count(problem.position)} is ${formatRow(problem.actual)}, expected ${formatRow(problem.expected)}.`;
    case 'schema-parse':
      return `The schema does not parse${problem.line === undefined ? '' : ` (line ${problem.line}, column ${problem.column ?? 1})`}: ${problem.message}`;
    case 'schema-refused':
      return `Delta refuses the write with ${problem.errorClass}:\n${problem.errorText}`;
    case 'field-dropped':
      return `The table accepts it, but field \`${problem.field}\` is gone: the task keeps it (a write without it stores NULL there).`;
    case 'kafka-syntax':
      return `Line ${problem.line}: ${problem.message}`;
    case 'kafka-setting':
      return problem.actual === null
        ? `\`${problem.key}\` is missing: the broker listener needs \`${problem.key}=${problem.expected}\`.`
        : `\`${problem.key}\` is \`${problem.actual}\`; the broker listener needs \`${problem.expected}\`.`;
    case 'kafka-finding':
      return `${problem.line === undefined ? '' : `Line ${problem.line}: `}${problem.message}${problem.wouldCause ? `\nThe client would fail with: ${problem.wouldCause}` : ''}\nFix: ${problem.fix}`;
    case 'incident-missing':
      return {code: 'Name the root cause: its error class (such as DELTA_FAILED_TO_MERGE_FIELDS) or exception class.', playbook: 'Choose the playbook that handles it.', fix: 'Choose the fix to apply first.'}[problem.part];
    case 'incident-code-absent':
      return `\`${problem.code}\` does not appear in this log: copy the error class in brackets or the exception class from a line of it.`;
    case 'incident-code-wrapper':
      return `\`${problem.code}\` is in the log, but it is not the root cause: it reports an error further down the cause chain. Read the deepest \`Caused by:\`.`;
    case 'incident-playbook':
      return `The ${problem.playbook} playbook is not where this root cause is handled.`;
    case 'incident-fix':
      return `"${problem.fix}" is not the fix to apply first for this root cause.`;
    case 'stream-delay-syntax':
      return `\`${problem.text}\` is not a delay withWatermark takes: write a number and a unit, such as \`10 minutes\` or \`2 hours\`.`;
    case 'stream-refused':
      return `The query does not start: ${problem.errorClass ? `[${problem.errorClass}] ` : ''}${problem.message}`;
    case 'stream-late-rows':
      return `With a watermark of ${problem.delay}, ${plural(problem.rows, 'reading', 'readings')} of ${problem.plant} ${problem.rows === 1 ? 'is' : 'are'} dropped as late.`;
    case 'stage-syntax':
      return `\`${problem.text}\` is not a stage id: write the number in the Stage column, such as \`3\`.`;
    case 'stage-unknown':
      return `There is no stage ${problem.stageId} in this log; its stages are ${problem.stages.join(', ')}.`;
    case 'stage-without-finding':
      return `The analysis finds no ${problem.finding} in stage ${problem.stageId}: its slowest task ran ${seconds(problem.maxTaskMs)} against a median of ${seconds(problem.medianTaskMs)}.`;
    case 'stream-delay-too-long':
      return `A watermark of ${problem.delay} keeps every reading, but each window then waits that long before it is final and the state holds it as long: the task allows at most ${problem.maxDelay}.`;
  }
}
