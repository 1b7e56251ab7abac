import type {DecimalType, SparkType} from './types';
import {isIntegral, sameType} from './types';

/**
 * Type rules the checker needs, each a transcription of the Spark or Delta code named beside it.
 * Char and varchar count as strings: Delta stores them as StringType.
 */

const numericPrecedence = ['byte', 'short', 'int', 'long', 'float', 'double'] as const;

export function isNumeric(type: SparkType): boolean {
  return (numericPrecedence as readonly string[]).includes(type.kind) || type.kind === 'decimal';
}

export function isStringLike(type: SparkType): boolean {
  return type.kind === 'string' || type.kind === 'char' || type.kind === 'varchar';
}

function isDatetime(type: SparkType): boolean {
  return type.kind === 'date' || type.kind === 'timestamp' || type.kind === 'timestamp_ntz';
}

/** `DecimalType.forType`: the decimal an integral type fits in. */
function decimalFor(kind: 'byte' | 'short' | 'int' | 'long'): DecimalType {
  return {kind: 'decimal', precision: {byte: 3, short: 5, int: 10, long: 20}[kind], scale: 0};
}

/** `DecimalType.isWiderThan`: holds every value of `other` (a decimal or an integral type). */
export function decimalIsWiderThan(decimal: DecimalType, other: SparkType): boolean {
  const target = other.kind === 'decimal' ? other : isIntegral(other) ? decimalFor(other.kind) : undefined;
  return target !== undefined && decimal.precision - decimal.scale >= target.precision - target.scale && decimal.scale >= target.scale;
}

/** `DecimalType.isTighterThan` for integral targets, with the SPARK-40389 overflow fix (Spark 3.4+). */
function decimalIsTighterThan(decimal: DecimalType, other: SparkType): boolean {
  if (other.kind === 'decimal') {
    return decimal.precision - decimal.scale <= other.precision - other.scale && decimal.scale <= other.scale;
  }
  return isIntegral(other) && decimal.scale === 0 && decimal.precision < decimalFor(other.kind).precision;
}

/**
 * Spark's `Cast.canUpCast` (UpCastRule in Spark 4.0): a cast that cannot lose information.
 * Structs are compared by position, as the rule does.
 */
export function canUpCast(from: SparkType, to: SparkType): boolean {
  if (sameType(from, to)) {
    return true;
  }
  if (isNumeric(from) && to.kind === 'decimal' && decimalIsWiderThan(to, from)) {
    return true;
  }
  if (from.kind === 'decimal' && isNumeric(to) && decimalIsTighterThan(from, to)) {
    return true;
  }
  const fromRank = (numericPrecedence as readonly string[]).indexOf(from.kind);
  const toRank = (numericPrecedence as readonly string[]).indexOf(to.kind);
  if (fromRank >= 0 && fromRank < toRank) {
    return true;
  }
  if (from.kind === 'date' && (to.kind === 'timestamp' || to.kind === 'timestamp_ntz')) {
    return true;
  }
  if ((from.kind === 'timestamp' && to.kind === 'timestamp_ntz') || (from.kind === 'timestamp_ntz' && to.kind === 'timestamp')) {
    return true;
  }
  if (from.kind !== 'array' && from.kind !== 'map' && from.kind !== 'struct' && to.kind === 'string') {
    return true;
  }
  if (from.kind === 'void') {
    return true;
  }
  if ((from.kind === 'timestamp' && to.kind === 'long') || (from.kind === 'long' && to.kind === 'timestamp')) {
    return true;
  }
  if (from.kind === 'array' && to.kind === 'array') {
    return (!from.containsNull || to.containsNull) && canUpCast(from.element, to.element);
  }
  if (from.kind === 'map' && to.kind === 'map') {
    return (!from.valueContainsNull || to.valueContainsNull) && canUpCast(from.key, to.key) && canUpCast(from.value, to.value);
  }
  if (from.kind === 'struct' && to.kind === 'struct') {
    return (
      from.fields.length === to.fields.length &&
      from.fields.every((field, index) => {
        const target = to.fields[index]!;
        return (!field.nullable || target.nullable) && canUpCast(field.type, target.type);
      })
    );
  }
  return false;
}

/**
 * Spark's non-ANSI `TypeCoercion.implicitCast` for a concrete target (Spark 4.0): what MERGE INTO
 * with schema evolution accepts when the types differ. The table keeps its type.
 */
export function canCastImplicitly(from: SparkType, to: SparkType): boolean {
  if (from.kind === 'void') {
    return true;
  }
  if (isNumeric(from) && isNumeric(to)) {
    return true;
  }
  if (isDatetime(from) && isDatetime(to)) {
    return true;
  }
  if (isStringLike(from) && (isNumeric(to) || isDatetime(to) || to.kind === 'binary')) {
    return true;
  }
  return from.kind !== 'array' && from.kind !== 'map' && from.kind !== 'struct' && !isStringLike(from) && isStringLike(to);
}

/** How Delta's type widening (Delta 4.0+, `delta.enableTypeWidening`) treats a change. */
export type WideningSupport = 'automatic' | 'alter-table-only' | 'unsupported';

/**
 * Delta type widening (TypeWidening, docs.delta.io "Type widening", Delta 4.0+): integers to wider
 * integers, float to double, date to timestamp_ntz and wider decimals are applied by schema
 * evolution; integers to double or to a wide-enough decimal are supported only through
 * `ALTER TABLE … ALTER COLUMN … TYPE`, so that no write turns integers into decimals by accident.
 */
export function typeWideningSupport(from: SparkType, to: SparkType): WideningSupport {
  if (isIntegral(from) && isIntegral(to)) {
    return numericPrecedence.indexOf(from.kind) < numericPrecedence.indexOf(to.kind) ? 'automatic' : 'unsupported';
  }
  if (from.kind === 'float' && to.kind === 'double') {
    return 'automatic';
  }
  if (from.kind === 'date' && to.kind === 'timestamp_ntz') {
    return 'automatic';
  }
  if (from.kind === 'decimal' && to.kind === 'decimal') {
    return !sameType(from, to) && decimalIsWiderThan(to, from) ? 'automatic' : 'unsupported';
  }
  if ((from.kind === 'byte' || from.kind === 'short' || from.kind === 'int') && to.kind === 'double') {
    return 'alter-table-only';
  }
  // Delta asks for at least decimal(10,0) from byte, short and int, and decimal(20,0) from long.
  if (isIntegral(from) && to.kind === 'decimal' && decimalIsWiderThan(to, from.kind === 'long' ? from : {kind: 'int'})) {
    return 'alter-table-only';
  }
  return 'unsupported';
}
