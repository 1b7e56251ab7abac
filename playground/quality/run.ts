import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {StepLog, num, timed, type Clock, type Row, type StepParam} from '../lab/step';
import {identifierSchema, parseOptions} from '../lab/options';
import {deltaSemantics, type DeltaSemantics} from './delta';
import {isRowRule, parseQualityRules, type BatchRule, type QualityRule, type QualityRuleInput, type RowRule} from './rules';

const runSchema = z.strictObject({
  /** The batch the rules judge. */
  table: identifierSchema,
  validTable: identifierSchema.default('quality_valid'),
  quarantineTable: identifierSchema.default('quality_quarantine'),
  sampleSize: z.number().int().min(1).max(100).default(5),
});

export type QualityRunOptions = z.input<typeof runSchema>;

/** The quarantine table's column listing the rules a row failed. */
export const quarantineReasonsColumn = '_dq_reasons';

/** What one rule found. */
export interface RuleOutcome {
  name: string;
  kind: QualityRule['kind'];
  /** `row`: failing rows go to quarantine. `batch`: the rule judges the batch (a measure against a limit). */
  scope: 'row' | 'batch';
  passed: boolean;
  /** Failing rows (row rules) or failing groups (completeness: plants below the ratio; freshness and drift: 0 or 1). */
  failing: number;
  /** Rows (row rules) or groups and bins (batch rules) the rule looked at. */
  checked: number;
  /** The measure a batch rule compares with its limit: age in minutes, lowest reporting ratio, divergence. */
  measure: number | null;
  /** For a CHECK rule: rows with a NULL in the column, which the guarded CHECK lets through and an unguarded one would reject. */
  nullRows: number | null;
  /** Failing rows (every column as text), or for batch rules the groups or bins behind the measure. */
  sample: Record<string, string | null>[];
  /** The statement that counted the failures, with its parameters. */
  sql: string;
  params: StepParam[];
  delta: DeltaSemantics;
}

export interface QualityRunResult {
  rowsIn: number;
  rowsValid: number;
  rowsQuarantined: number;
  /** Rows in = valid + quarantined: nothing dropped. */
  accounted: boolean;
  rules: RuleOutcome[];
  validTable: string;
  quarantineTable: string;
  sql: string[];
  params: StepParam[][];
  elapsedMs: number;
}

/** Collects parameters in order and returns a `?` for each. */
class Params {
  readonly values: StepParam[] = [];
  add(value: StepParam): string {
    this.values.push(value);
    return '?';
  }
}

/** A row rule as SQL: extra columns it needs on the batch (a window count) and its failure predicate on alias `r`. */
function rowRuleSql(rule: RowRule, index: number, params: Params): {extra: string | null; fails: string} {
  const q = quoteIdentifier;
  switch (rule.kind) {
    case 'not_null':
      return {extra: null, fails: `r.${q(rule.column)} IS NULL`};
    case 'range': {
      const column = `r.${q(rule.column)}`;
      const bounds = [
        ...(rule.min !== undefined ? [`${column} >= ${params.add(rule.min)}`] : []),
        ...(rule.max !== undefined ? [`${column} <= ${params.add(rule.max)}`] : []),
      ];
      return {extra: null, fails: `${column} IS NOT NULL AND NOT (${bounds.join(' AND ')})`};
    }
    case 'allowed_set': {
      const column = `r.${q(rule.column)}`;
      return {extra: null, fails: `${column} IS NOT NULL AND CAST(${column} AS VARCHAR) NOT IN (${rule.values.map((value) => params.add(value)).join(', ')})`};
    }
    case 'regex': {
      const column = `r.${q(rule.column)}`;
      // regexp_matches finds the pattern anywhere in the value, as Spark's RLIKE does.
      return {extra: null, fails: `${column} IS NOT NULL AND NOT regexp_matches(CAST(${column} AS VARCHAR), ${params.add(rule.pattern)})`};
    }
    case 'unique': {
      const alias = q(`_dq_count_${index}`);
      const columns = rule.columns.map(q);
      return {
        extra: `count(*) OVER (PARTITION BY ${columns.join(', ')}) AS ${alias}`,
        // Every copy of a repeated key fails, as in Great Expectations; a key with a NULL part is not compared.
        fails: `${columns.map((column) => `r.${column} IS NOT NULL`).join(' AND ')} AND r.${alias} > 1`,
      };
    }
    case 'references':
      return {
        extra: null,
        fails: `r.${q(rule.column)} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${q(rule.table)} AS ref WHERE ref.${q(rule.referencedColumn)} = r.${q(rule.column)})`,
      };
  }
}

function batchWithExtras(table: string, extras: (string | null)[]): string {
  const present = extras.filter((extra): extra is string => extra !== null);
  return `SELECT *${present.length > 0 ? `, ${present.join(', ')}` : ''} FROM ${quoteIdentifier(table)}`;
}

function asText(rows: Row[]): Record<string, string | null>[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, value === null || value === undefined ? null : String(value)])));
}

async function columnsOf(engine: SqlEngine, table: string): Promise<string[]> {
  const result = await engine.query(`SELECT * FROM ${quoteIdentifier(table)} LIMIT 0`);
  return result.schema.fields.map((field) => field.name);
}

async function runRowRule(log: StepLog, rule: RowRule, index: number, table: string, columns: string[], sampleSize: number): Promise<RuleOutcome> {
  const params = new Params();
  const {extra, fails} = rowRuleSql(rule, index, params);
  const from = `WITH r AS (${batchWithExtras(table, [extra])})`;
  const nullRows = 'column' in rule && (rule.kind === 'range' || rule.kind === 'allowed_set' || rule.kind === 'regex') ? `, count(*) FILTER (WHERE r.${quoteIdentifier(rule.column)} IS NULL) AS null_rows` : '';
  const sql = `${from}\nSELECT count(*) FILTER (WHERE ${fails}) AS failing, count(*) AS checked${nullRows}\nFROM r`;
  const counts = await log.one(sql, params.values);
  const sampleParams = new Params();
  const sampleRule = rowRuleSql(rule, index, sampleParams);
  const sample = await log.rows(
    `WITH r AS (${batchWithExtras(table, [sampleRule.extra])})\nSELECT ${columns.map((column) => `CAST(r.${quoteIdentifier(column)} AS VARCHAR) AS ${quoteIdentifier(column)}`).join(', ')}\nFROM r WHERE ${sampleRule.fails}\nORDER BY ALL\nLIMIT ${sampleParams.add(sampleSize)}`,
    sampleParams.values,
  );
  const failing = num(counts, 'failing');
  return {
    name: rule.name,
    kind: rule.kind,
    scope: 'row',
    passed: failing === 0,
    failing,
    checked: num(counts, 'checked'),
    measure: null,
    nullRows: nullRows ? num(counts, 'null_rows') : null,
    sample: asText(sample),
    sql,
    params: params.values,
    delta: deltaSemantics(rule),
  };
}

async function isNumeric(engine: SqlEngine, table: string, column: string): Promise<boolean> {
  const result = await engine.query(`SELECT ${quoteIdentifier(column)} FROM ${quoteIdentifier(table)} LIMIT 0`);
  const type = String(result.schema.fields[0]?.type ?? '');
  return /^(Int|Uint|Float|Decimal)/i.test(type);
}

async function runBatchRule(engine: SqlEngine, log: StepLog, rule: BatchRule, table: string): Promise<RuleOutcome> {
  const q = quoteIdentifier;
  const params = new Params();
  let sql: string;
  if (rule.kind === 'freshness') {
    sql = `SELECT
  CAST(max(${q(rule.column)}) AS VARCHAR) AS latest,
  CAST(${params.add(rule.asOf)}::TIMESTAMP AS VARCHAR) AS as_of,
  round((epoch_ms(${params.add(rule.asOf)}::TIMESTAMP) - epoch_ms(max(${q(rule.column)}))) / 60000.0, 1) AS age_minutes
FROM ${q(table)}`;
  } else if (rule.kind === 'completeness') {
    const where = rule.expectedWhere ? `WHERE ${q(rule.expectedWhere.column)} = ${params.add(rule.expectedWhere.equals)}` : '';
    sql = `WITH expected AS (
  SELECT ${q(rule.groupColumn)} AS grp, ${q(rule.keyColumn)} AS k FROM ${q(rule.expectedTable)} ${where}
),
seen AS (SELECT DISTINCT ${q(rule.keyColumn)} AS k FROM ${q(table)})
SELECT
  CAST(e.grp AS VARCHAR) AS "group",
  count(DISTINCT e.k) AS expected,
  count(DISTINCT s.k) AS reporting,
  round(count(DISTINCT s.k) / count(DISTINCT e.k), 3) AS ratio
FROM expected AS e
LEFT JOIN seen AS s ON s.k = e.k
GROUP BY e.grp
ORDER BY ratio, "group"`;
  } else {
    const numeric = await isNumeric(engine, table, rule.column);
    const column = q(rule.column);
    const bin = numeric ? `CAST(len(list_filter((SELECT cuts FROM cuts), x -> x <= ${column})) AS VARCHAR)` : `CAST(${column} AS VARCHAR)`;
    sql = `WITH cuts AS (
  SELECT ${numeric ? `quantile_cont(${column}, [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])` : 'NULL::DOUBLE[]'} AS cuts FROM ${q(rule.baselineTable)}
),
baseline AS (SELECT ${bin} AS bin, count(*) / sum(count(*)) OVER () AS share FROM ${q(rule.baselineTable)} WHERE ${column} IS NOT NULL GROUP BY 1),
current_batch AS (SELECT ${bin} AS bin, count(*) / sum(count(*)) OVER () AS share FROM ${q(table)} WHERE ${column} IS NOT NULL GROUP BY 1)
SELECT
  coalesce(b.bin, c.bin) AS bin,
  round(coalesce(b.share, 0), 4) AS baseline_share,
  round(coalesce(c.share, 0), 4) AS batch_share,
  -- D(batch || baseline); a bin the baseline lacks counts with a share of 1e-6 instead of infinity.
  CASE WHEN coalesce(c.share, 0) = 0 THEN 0 ELSE c.share * ln(c.share / greatest(coalesce(b.share, 0), 1e-6)) END AS contribution
FROM baseline AS b
FULL OUTER JOIN current_batch AS c ON b.bin = c.bin
ORDER BY contribution DESC, bin`;
  }
  const rows = await log.rows(sql, params.values);
  let failing: number;
  let measure: number | null;
  if (rule.kind === 'freshness') {
    const age = rows[0]?.age_minutes;
    measure = age === null || age === undefined ? null : Number(age);
    failing = measure === null || measure > rule.maxAgeMinutes ? 1 : 0;
  } else if (rule.kind === 'completeness') {
    const ratios = rows.map((row) => Number(row.ratio));
    measure = ratios.length === 0 ? null : Math.min(...ratios);
    failing = ratios.filter((ratio) => ratio < rule.minRatio).length;
  } else {
    measure = rows.reduce((sum, row) => sum + Number(row.contribution), 0);
    failing = measure > rule.maxDivergence ? 1 : 0;
  }
  return {
    name: rule.name,
    kind: rule.kind,
    scope: 'batch',
    passed: failing === 0,
    failing,
    checked: rows.length,
    measure,
    nullRows: null,
    sample: asText(rows),
    sql,
    params: params.values,
    delta: deltaSemantics(rule),
  };
}

/**
 * Runs quality rules on a batch table. Each rule runs its own statement and reports its failing
 * count, a sample and that statement. Then the batch is split in one pass: rows that fail no row
 * rule go to the valid table, the others to the quarantine table with the names of the rules they
 * failed in `_dq_reasons`. Batch rules (freshness, completeness, drift) judge the batch and move
 * no row. Nothing is dropped: rows in = valid + quarantined, checked on every run.
 */
export async function runQualityRules(engine: SqlEngine, options: QualityRunOptions, rulesInput: readonly QualityRuleInput[], now?: Clock): Promise<QualityRunResult> {
  const {table, validTable, quarantineTable, sampleSize} = parseOptions(runSchema, options, 'runQualityRules');
  const rules = parseQualityRules(rulesInput, 'runQualityRules: rules');
  const q = quoteIdentifier;
  const log = new StepLog(engine);
  const {value, elapsedMs} = await timed(now ?? (() => performance.now()), async () => {
    const columns = await columnsOf(engine, table);
    const known = new Set(columns);
    for (const rule of rules) {
      const needed = rule.kind === 'unique' ? rule.columns : rule.kind === 'completeness' ? [rule.keyColumn] : [rule.column];
      const unknown = needed.filter((column) => !known.has(column));
      if (unknown.length > 0) {
        throw new RangeError(`runQualityRules: rule ${rule.name} reads ${unknown.join(', ')}, which ${table} does not have (it has ${columns.join(', ')}).`);
      }
    }
    const outcomes: RuleOutcome[] = [];
    for (const [index, rule] of rules.entries()) {
      outcomes.push(isRowRule(rule) ? await runRowRule(log, rule, index, table, columns, sampleSize) : await runBatchRule(engine, log, rule, table));
    }
    const rowRules = rules.map((rule, index) => ({rule, index})).filter((entry): entry is {rule: RowRule; index: number} => isRowRule(entry.rule));
    const params = new Params();
    const parts = rowRules.map(({rule, index}) => ({rule, ...rowRuleSql(rule, index, params)}));
    const reasons = parts.length === 0 ? '[]::VARCHAR[]' : `list_filter([${parts.map(({rule, fails}) => `CASE WHEN ${fails} THEN '${rule.name}' END`).join(', ')}], reason -> reason IS NOT NULL)`;
    const sourceColumns = columns.map((column) => `r.${q(column)}`).join(', ');
    const checked = `${table}__dq_checked`;
    await log.rows(
      `CREATE OR REPLACE TEMP TABLE ${q(checked)} AS
WITH r AS (${batchWithExtras(table, parts.map((part) => part.extra))})
SELECT ${sourceColumns}, ${reasons} AS ${q(quarantineReasonsColumn)}
FROM r`,
      params.values,
    );
    const plain = columns.map(q).join(', ');
    await log.rows(`CREATE OR REPLACE TABLE ${q(validTable)} AS SELECT ${plain} FROM ${q(checked)} WHERE len(${q(quarantineReasonsColumn)}) = 0`);
    await log.rows(`CREATE OR REPLACE TABLE ${q(quarantineTable)} AS SELECT ${plain}, ${q(quarantineReasonsColumn)} FROM ${q(checked)} WHERE len(${q(quarantineReasonsColumn)}) > 0`);
    const counts = await log.one(
      `SELECT (SELECT count(*) FROM ${q(table)}) AS rows_in, (SELECT count(*) FROM ${q(validTable)}) AS rows_valid, (SELECT count(*) FROM ${q(quarantineTable)}) AS rows_quarantined`,
    );
    await log.rows(`DROP TABLE ${q(checked)}`);
    return {outcomes, counts};
  });
  const rowsIn = num(value.counts, 'rows_in');
  const rowsValid = num(value.counts, 'rows_valid');
  const rowsQuarantined = num(value.counts, 'rows_quarantined');
  return {
    rowsIn,
    rowsValid,
    rowsQuarantined,
    accounted: rowsIn === rowsValid + rowsQuarantined,
    rules: value.outcomes,
    validTable,
    quarantineTable,
    sql: log.sql,
    params: log.params,
    elapsedMs,
  };
}
