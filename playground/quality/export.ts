import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {pythonString, sparkIdentifier, sparkTableSchema} from '../sql/spark';
import {deltaSemantics} from './delta';
import {isRowRule, parseQualityRules, type QualityRule, type QualityRuleInput} from './rules';
import {quarantineReasonsColumn, type RuleOutcome} from './run';

const exportSchema = z.strictObject({
  table: sparkTableSchema.default('mfg_prod.silver.test_result'),
  quarantineTable: sparkTableSchema.default('mfg_prod.ops.quarantine_test_result'),
  suiteName: z.string().regex(/^[a-z][a-z0-9_]{0,99}$/, 'Name the suite with lowercase letters, digits and _.').default('silver_test_result'),
});

export type QualityExportOptions = z.input<typeof exportSchema>;

/**
 * The rules Delta can enforce, as constraints on the table: NOT NULL, and CHECK with the NULL
 * guard (a CHECK that evaluates to NULL fails the write). The others are listed with the reason
 * they are no constraint.
 */
export function qualityToDeltaDdl(rulesInput: readonly QualityRuleInput[], input: QualityExportOptions = {}): string {
  const rules = parseQualityRules(rulesInput, 'qualityToDeltaDdl: rules');
  const {table} = parseOptions(exportSchema, input, 'qualityToDeltaDdl');
  const lines = [
    `-- Constraints for ${table}, exported from the browser lab. Delta Lake 3.2+ / 4.x, Databricks Runtime 14.3 LTS+.`,
    '-- A violating write fails: NOT NULL with DELTA_NOT_NULL_CONSTRAINT_VIOLATED (23502), CHECK with',
    '-- DELTA_VIOLATE_CONSTRAINT_WITH_VALUES (23001). Adding a constraint that rows already violate fails with',
    '-- DELTA_NEW_NOT_NULL_VIOLATION or DELTA_NEW_CHECK_CONSTRAINT_VIOLATION (23512): quarantine those rows first.',
  ];
  for (const rule of rules) {
    const semantics = deltaSemantics(rule);
    if (semantics.constraint === 'not_null' && rule.kind === 'not_null') {
      lines.push(`ALTER TABLE ${table} ALTER COLUMN ${sparkIdentifier(rule.column)} SET NOT NULL;`);
    } else if (semantics.constraint === 'check') {
      lines.push(`ALTER TABLE ${table} ADD CONSTRAINT ${rule.name} CHECK (${semantics.checkExpression});`);
    } else {
      const why = {
        no_unique_constraint: 'Delta enforces no uniqueness; check it before the write',
        no_foreign_key: 'Delta enforces no foreign key (Unity Catalog FOREIGN KEY constraints are informational); check it before the write',
        batch_level: 'a batch-level check, not a row constraint',
      }[semantics.reason!];
      lines.push(`-- ${rule.name} (${rule.kind}): ${why}.`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A row rule's failure condition as a PySpark Column expression. */
function pysparkFailure(rule: QualityRule): string | null {
  const col = (name: string) => `F.col(${pythonString(name)})`;
  switch (rule.kind) {
    case 'not_null':
      return `${col(rule.column)}.isNull()`;
    case 'range': {
      const bounds = [
        ...(rule.min !== undefined ? [`(${col(rule.column)} >= ${rule.min})`] : []),
        ...(rule.max !== undefined ? [`(${col(rule.column)} <= ${rule.max})`] : []),
      ];
      return `${col(rule.column)}.isNotNull() & ~(${bounds.join(' & ')})`;
    }
    case 'allowed_set':
      return `${col(rule.column)}.isNotNull() & ~${col(rule.column)}.cast("string").isin(${rule.values.map(pythonString).join(', ')})`;
    case 'regex':
      return `${col(rule.column)}.isNotNull() & ~${col(rule.column)}.cast("string").rlike(${pythonString(rule.pattern)})`;
    case 'unique':
      return `${rule.columns.map((column) => `${col(column)}.isNotNull()`).join(' & ')} & (F.count(F.lit(1)).over(Window.partitionBy(${rule.columns.map(pythonString).join(', ')})) > 1)`;
    case 'references':
      return `${col(rule.column)}.isNotNull() & F.col(${pythonString(`_ref_${rule.name}`)}).isNull()`;
    default:
      return null;
  }
}

/**
 * The rules as a PySpark module: the row rules as Column predicates, a `foreachBatch` writer that
 * splits each micro-batch into the table and the quarantine (idempotent on replay through
 * txnAppId/txnVersion) and asserts that no row was dropped, and the batch-level checks.
 */
export function qualityToPySpark(rulesInput: readonly QualityRuleInput[], input: QualityExportOptions = {}): string {
  const rules = parseQualityRules(rulesInput, 'qualityToPySpark: rules');
  const {table, quarantineTable} = parseOptions(exportSchema, input, 'qualityToPySpark');
  const rowRules = rules.filter(isRowRule);
  const references = rowRules.filter((rule): rule is Extract<QualityRule, {kind: 'references'}> => rule.kind === 'references');
  const needsWindow = rowRules.some((rule) => rule.kind === 'unique');
  const ruleLines = rowRules.map((rule) => `    ${pythonString(rule.name)}: lambda: ${pysparkFailure(rule)},`).join('\n');
  const joins = references
    .map(
      (rule) => `    df = df.join(
        spark.table(REFERENCE_TABLES[${pythonString(rule.name)}])
        .select(F.col(${pythonString(rule.referencedColumn)}).alias(${pythonString(`_ref_${rule.name}`)}))
        .distinct(),
        F.col(${pythonString(rule.column)}) == F.col(${pythonString(`_ref_${rule.name}`)}),
        "left",
    )`,
    )
    .join('\n');
  const referenceTables = references.map((rule) => `    ${pythonString(rule.name)}: ${pythonString(rule.table === 'machines' ? 'mfg_prod.gold.dim_machine' : `mfg_prod.gold.${rule.table}`)},`).join('\n');
  const batchChecks = rules
    .filter((rule) => !isRowRule(rule))
    .map((rule) => `- ${rule.name} (${rule.kind}): ${describeBatchRule(rule)}`)
    .join('\n');
  return `"""Quality rules for ${table}, exported from the browser lab.

PySpark 3.5 / 4.0 with delta-spark 3.2+, or Databricks Runtime 14.3 LTS+. Row rules send failing rows to
${quarantineTable} with the names of the rules they failed; nothing is dropped.
Batch-level checks in the lab (run them on a schedule against the table):
${batchChecks.length > 0 ? batchChecks : "- none"}
"""
from pyspark.sql import DataFrame
from pyspark.sql import functions as F
${needsWindow ? 'from pyspark.sql.window import Window\n' : ''}
TABLE = ${pythonString(table)}
QUARANTINE_TABLE = ${pythonString(quarantineTable)}
REFERENCE_TABLES = {
${referenceTables}
}

# Each rule: a function returning the Column that is true for a failing row (NULL counts as passing).
RULES = {
${ruleLines}
}


def with_reasons(df: DataFrame) -> DataFrame:
    """Adds ${quarantineReasonsColumn}: the names of the rules the row failed (empty when it passed)."""
${joins.length > 0 ? `    spark = df.sparkSession\n${joins}\n` : ''}    reasons = F.filter(
        F.array(*[F.when(failure(), F.lit(name)) for name, failure in RULES.items()]),
        lambda reason: reason.isNotNull(),
    )
    return df.withColumn(${pythonString(quarantineReasonsColumn)}, reasons).drop(*[c for c in df.columns if c.startswith("_ref_")])


def write_with_quarantine(batch_df: DataFrame, batch_id: int) -> None:
    """A foreachBatch function: valid rows to TABLE, failing rows to QUARANTINE_TABLE, both idempotent on replay."""
    checked = with_reasons(batch_df).cache()
    valid = checked.where(F.size(${pythonString(quarantineReasonsColumn)}) == 0).drop(${pythonString(quarantineReasonsColumn)})
    quarantined = checked.where(F.size(${pythonString(quarantineReasonsColumn)}) > 0).withColumn("_batch_id", F.lit(batch_id))
    rows_in, rows_valid, rows_quarantined = checked.count(), valid.count(), quarantined.count()
    if rows_in != rows_valid + rows_quarantined:
        raise RuntimeError(f"batch {batch_id}: {rows_in} rows in, {rows_valid} valid + {rows_quarantined} quarantined")
    (valid.write.mode("append")
        .option("txnAppId", TABLE).option("txnVersion", batch_id)
        .saveAsTable(TABLE))
    (quarantined.write.mode("append")
        .option("txnAppId", QUARANTINE_TABLE).option("txnVersion", batch_id)
        .saveAsTable(QUARANTINE_TABLE))
    checked.unpersist()
`;
}

function describeBatchRule(rule: QualityRule): string {
  switch (rule.kind) {
    case 'freshness':
      return `max(${rule.column}) no older than ${rule.maxAgeMinutes} minutes`;
    case 'completeness':
      return `per ${rule.groupColumn}, at least ${rule.minRatio} of the expected ${rule.keyColumn} values of ${rule.expectedTable} report`;
    case 'drift':
      return `KL divergence of ${rule.column} against ${rule.baselineTable} at most ${rule.maxDivergence}`;
    default:
      return '';
  }
}

/** A Great Expectations expectation as the suite's JSON holds it. */
interface Expectation {
  type: string;
  kwargs: Record<string, unknown>;
  meta: Record<string, unknown>;
}

/** `{"$PARAMETER": name}`: a value the validation run supplies (GX Core 1.x expectation parameters). */
const parameter = (name: string) => ({$PARAMETER: name});

function expectationsOf(rule: QualityRule, outcome: RuleOutcome | undefined): Expectation[] {
  const meta = {rule: rule.name, ...(rule.description ? {description: rule.description} : {})};
  switch (rule.kind) {
    case 'not_null':
      return [{type: 'expect_column_values_to_not_be_null', kwargs: {column: rule.column}, meta}];
    case 'range':
      return [{type: 'expect_column_values_to_be_between', kwargs: {column: rule.column, ...(rule.min !== undefined ? {min_value: rule.min} : {}), ...(rule.max !== undefined ? {max_value: rule.max} : {})}, meta}];
    case 'allowed_set':
      return [{type: 'expect_column_values_to_be_in_set', kwargs: {column: rule.column, value_set: rule.values}, meta}];
    case 'regex':
      return [{type: 'expect_column_values_to_match_regex', kwargs: {column: rule.column, regex: rule.pattern}, meta}];
    case 'unique':
      return rule.columns.length === 1
        ? [{type: 'expect_column_values_to_be_unique', kwargs: {column: rule.columns[0]}, meta}]
        : [{type: 'expect_compound_columns_to_be_unique', kwargs: {column_list: rule.columns}, meta}];
    case 'references':
      return [{type: 'expect_column_values_to_be_in_set', kwargs: {column: rule.column, value_set: parameter(`${rule.name}_values`)}, meta: {...meta, parameter: `the ${rule.referencedColumn} values of ${rule.table}`}}];
    case 'freshness':
      return [{type: 'expect_column_max_to_be_between', kwargs: {column: rule.column, min_value: parameter(`${rule.name}_min`)}, meta: {...meta, parameter: `the run time minus ${rule.maxAgeMinutes} minutes`}}];
    case 'completeness':
      return [
        {
          type: 'expect_column_distinct_values_to_contain_set',
          kwargs: {column: rule.keyColumn, value_set: parameter(`${rule.name}_values`)},
          meta: {...meta, parameter: `the expected ${rule.keyColumn} values of ${rule.expectedTable}`, note: `all expected values; the per-${rule.groupColumn} ratio of ${rule.minRatio} is checked by the PySpark module`},
        },
      ];
    case 'drift': {
      const categorical = outcome?.sample.every((row) => row.bin !== null && !/^\d+$/.test(row.bin ?? '')) ?? false;
      const partition =
        categorical && outcome
          ? {values: outcome.sample.filter((row) => Number(row.baseline_share) > 0).map((row) => row.bin), weights: outcome.sample.filter((row) => Number(row.baseline_share) > 0).map((row) => Number(row.baseline_share))}
          : parameter(`${rule.name}_partition`);
      return [{type: 'expect_column_kl_divergence_to_be_less_than', kwargs: {column: rule.column, partition_object: partition, threshold: rule.maxDivergence}, meta: {...meta, baseline: rule.baselineTable}}];
    }
  }
}

/**
 * The rules as a Great Expectations expectation suite (GX Core 1.x JSON: name, expectations with
 * `type`, `kwargs` and `meta`). Values only known at run time (the machine list, the freshness
 * bound) are expectation parameters. Pass the lab's run outcomes to fill a categorical drift
 * rule's partition from the baseline.
 */
export function qualityToExpectationSuite(rulesInput: readonly QualityRuleInput[], input: QualityExportOptions = {}, outcomes: readonly RuleOutcome[] = []): string {
  const rules = parseQualityRules(rulesInput, 'qualityToExpectationSuite: rules');
  const {suiteName, table} = parseOptions(exportSchema, input, 'qualityToExpectationSuite');
  const suite = {
    name: suiteName,
    expectations: rules.flatMap((rule) => expectationsOf(rule, outcomes.find((outcome) => outcome.name === rule.name))),
    meta: {table},
    notes: null,
  };
  return `${JSON.stringify(suite, null, 2)}\n`;
}

/** The suite's file name in the brief's layout. */
export function expectationSuitePath(input: QualityExportOptions = {}): string {
  return `great-expectations/expectations/${parseOptions(exportSchema, input, 'expectationSuitePath').suiteName}.json`;
}

