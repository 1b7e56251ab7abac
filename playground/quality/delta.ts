import {sparkIdentifier, sparkString} from '../sql/spark';
import type {QualityRule} from './rules';

/** A Delta error class a violating write raises (delta-error-classes.json). */
export interface DeltaError {
  code: string;
  sqlState: string;
  /** The message template as the catalog has it, placeholders in angle brackets. */
  message: string;
}

export const deltaNotNullViolation: DeltaError = {
  code: 'DELTA_NOT_NULL_CONSTRAINT_VIOLATED',
  sqlState: '23502',
  message: 'NOT NULL constraint violated for column: <columnName>.',
};

export const deltaCheckViolation: DeltaError = {
  code: 'DELTA_VIOLATE_CONSTRAINT_WITH_VALUES',
  sqlState: '23001',
  message: 'CHECK constraint <constraintName> <expression> violated by row with values:\n<values>',
};

/** Adding a constraint that rows already in the table violate fails up front with one of these. */
export const deltaNewConstraintViolations: readonly DeltaError[] = [
  {code: 'DELTA_NEW_CHECK_CONSTRAINT_VIOLATION', sqlState: '23512', message: '<numRows> rows in <tableName> violate the new CHECK constraint (<checkConstraint>)'},
  {code: 'DELTA_NEW_NOT_NULL_VIOLATION', sqlState: '23512', message: '<numRows> rows in <tableName> violate the new NOT NULL constraint on <colName>'},
];

/** What Delta Lake can enforce of a rule on write, and how. */
export interface DeltaSemantics {
  constraint: 'not_null' | 'check' | 'none';
  /** Why a rule has no constraint: Delta enforces no uniqueness or foreign keys, and batch-level checks judge no single row. */
  reason: 'no_unique_constraint' | 'no_foreign_key' | 'batch_level' | null;
  /** The CHECK expression with its NULL guard (`c IS NULL OR ...`), in Spark SQL. */
  checkExpression: string | null;
  /** The same expression without the guard: Delta rejects a row whose CHECK is NULL, so it fails the write for a NULL value. */
  unguardedExpression: string | null;
  /** The error a violating write fails with. */
  error: DeltaError | null;
}

function sqlNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(value);
}

/** The rule's condition for a valid value, in Spark SQL, without a NULL guard. */
function validCondition(rule: QualityRule): string | null {
  const id = sparkIdentifier;
  switch (rule.kind) {
    case 'range': {
      const column = id(rule.column);
      if (rule.min !== undefined && rule.max !== undefined) {
        return `${column} BETWEEN ${sqlNumber(rule.min)} AND ${sqlNumber(rule.max)}`;
      }
      return rule.min !== undefined ? `${column} >= ${sqlNumber(rule.min)}` : `${column} <= ${sqlNumber(rule.max!)}`;
    }
    case 'allowed_set':
      return `${id(rule.column)} IN (${rule.values.map(sparkString).join(', ')})`;
    case 'regex':
      return `${id(rule.column)} RLIKE ${sparkString(rule.pattern)}`;
    default:
      return null;
  }
}

/**
 * What Delta does with the rule. A CHECK constraint fails the write when its expression is false
 * or NULL (org.apache.spark.sql.delta.constraints.CheckDeltaInvariant: `result == null || result
 * == false`), stricter than SQL's CHECK, which passes on NULL; hence the `IS NULL OR` guard.
 */
export function deltaSemantics(rule: QualityRule): DeltaSemantics {
  if (rule.kind === 'not_null') {
    return {constraint: 'not_null', reason: null, checkExpression: null, unguardedExpression: null, error: deltaNotNullViolation};
  }
  const condition = validCondition(rule);
  if (condition !== null && 'column' in rule) {
    return {
      constraint: 'check',
      reason: null,
      checkExpression: `${sparkIdentifier(rule.column)} IS NULL OR ${condition}`,
      unguardedExpression: condition,
      error: deltaCheckViolation,
    };
  }
  const reason = rule.kind === 'unique' ? 'no_unique_constraint' : rule.kind === 'references' ? 'no_foreign_key' : 'batch_level';
  return {constraint: 'none', reason, checkExpression: null, unguardedExpression: null, error: null};
}
