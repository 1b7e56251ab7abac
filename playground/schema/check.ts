import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {
  cannotMergeIncompatibleDataType,
  cannotUpCast,
  failedToMergeFields,
  mergeIncompatibleDatatype,
  mergeIncompatibleDecimal,
  nullSchemaInStreamingWrite,
  schemaMismatch,
  type SystemError,
} from './errors';
import {canCastImplicitly, canUpCast, isStringLike, typeWideningSupport} from './rules';
import type {SparkType, StructField, StructType} from './types';
import {isAtomic, isIntegral, sameType, scalaTypeName} from './types';

/** The code paths the checker reproduces; each names the Spark or Delta code it follows. */
export const compatibilityContexts = ['delta-write', 'delta-merge-evolution', 'delta-type-widening', 'spark-upcast', 'parquet-merge'] as const;
export type CompatibilityContext = (typeof compatibilityContexts)[number];

/** What happens to one field. */
export type Verdict = 'identical' | 'widen' | 'keep-current' | 'add-field' | 'missing-field' | 'incompatible';

export interface Finding {
  /** `temperature`, `reading.humidity`, `customExtension.value.unit`, `tags.element`. */
  path: string;
  verdict: Verdict;
  current: SparkType | null;
  update: SparkType | null;
  /** The type the table (or merged schema) ends with; null when the change is refused. */
  result: SparkType | null;
  detail: string;
  /** With type widening: a change `ALTER TABLE … ALTER COLUMN … TYPE` accepts though writes do not apply it. */
  alterTableOnly?: boolean;
}

export interface CompatibilityReport {
  context: CompatibilityContext;
  accepted: boolean;
  /** The table's schema after the operation (unchanged when refused). */
  result: StructType;
  schemaChanges: boolean;
  findings: Finding[];
  /** What the system raises, outermost first with its causes; null when accepted. */
  error: SystemError | null;
}

const optionsSchema = z.strictObject({
  context: z.enum(compatibilityContexts, {error: `Choose a context: ${compatibilityContexts.join(', ')}.`}),
  /** Writes: `.option("mergeSchema", "true")` or spark.databricks.delta.schema.autoMerge.enabled. */
  mergeSchema: z.boolean().default(false),
  /** Writes through the Delta streaming sink (DeltaSink), which refuses NullType. */
  streaming: z.boolean().default(false),
});
export type CheckOptions = z.input<typeof optionsSchema>;

/** A field-level failure on the way up, carried until the struct that owns the field wraps it. */
class MergeFailure extends Error {
  constructor(readonly error: SystemError) {
    super(error.message);
  }
}

function childPath(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function asNullable(type: SparkType): SparkType {
  switch (type.kind) {
    case 'array':
      return {...type, element: asNullable(type.element), containsNull: true};
    case 'map':
      return {...type, value: asNullable(type.value), valueContainsNull: true};
    case 'struct':
      return {kind: 'struct', fields: type.fields.map((field) => ({...field, type: asNullable(field.type), nullable: true}))};
    default:
      return type;
  }
}

function containsVoid(type: SparkType): boolean {
  switch (type.kind) {
    case 'void':
      return true;
    case 'array':
      return containsVoid(type.element);
    case 'map':
      return containsVoid(type.key) || containsVoid(type.value);
    case 'struct':
      return type.fields.some((field) => containsVoid(field.type));
    default:
      return false;
  }
}

/** Char and varchar are strings to Delta (it stores them as StringType); compare them so. */
function sameForDelta(left: SparkType, right: SparkType): boolean {
  return sameType(left, right) || (isStringLike(left) && isStringLike(right));
}

interface DeltaRules {
  implicitConversions: boolean;
  typeWidening: boolean;
}

const notNullNote = " The table's NOT NULL stays: a NULL in the data fails the write with DELTA_NOT_NULL_CONSTRAINT_VIOLATED.";

/**
 * Delta's `SchemaMergingUtils.mergeSchemas` (Delta 3.x and 4.x): structs matched by name
 * case-insensitively, the table's fields in its order with its names, nullability and metadata,
 * new fields appended; arrays and maps recurse; each struct field on the path to a conflict wraps
 * it in DELTA_FAILED_TO_MERGE_FIELDS. Every finding is collected; the first failure is raised.
 */
function deltaMerge(current: SparkType, update: SparkType, path: string, rules: DeltaRules, findings: Finding[]): SparkType {
  if (current.kind === 'struct' && update.kind === 'struct') {
    const updates = new Map(update.fields.map((field) => [field.name.toLowerCase(), field]));
    const known = new Set(current.fields.map((field) => field.name.toLowerCase()));
    let failure: MergeFailure | undefined;
    const merged: StructField[] = current.fields.map((field) => {
      const incoming = updates.get(field.name.toLowerCase());
      const fieldPath = childPath(path, field.name);
      if (!incoming) {
        findings.push({path: fieldPath, verdict: 'missing-field', current: field.type, update: null, result: field.type, detail: 'Not in the incoming data: the table keeps the column and the new rows hold NULL.'});
        return field;
      }
      try {
        const before = findings.length;
        const type = deltaMerge(field.type, incoming.type, fieldPath, rules, findings);
        if (!field.nullable && incoming.nullable && findings.length > before) {
          findings[before]!.detail += notNullNote;
        }
        return {...field, type};
      } catch (error) {
        if (!(error instanceof MergeFailure)) {
          throw error;
        }
        failure ??= new MergeFailure(failedToMergeFields(field.name, incoming.name, error.error));
        return field;
      }
    });
    const added = update.fields.filter((field) => !known.has(field.name.toLowerCase()));
    for (const field of added) {
      findings.push({path: childPath(path, field.name), verdict: 'add-field', current: null, update: field.type, result: field.type, detail: 'New in the incoming data: appended at the end of the struct.'});
    }
    if (failure) {
      throw failure;
    }
    return {kind: 'struct', fields: [...merged, ...added]};
  }
  if (current.kind === 'array' && update.kind === 'array') {
    return {...current, element: deltaMerge(current.element, update.element, childPath(path, 'element'), rules, findings)};
  }
  if (current.kind === 'map' && update.kind === 'map') {
    let failure: unknown;
    const merge = (left: SparkType, right: SparkType, part: string): SparkType => {
      try {
        return deltaMerge(left, right, childPath(path, part), rules, findings);
      } catch (error) {
        failure ??= error;
        return left;
      }
    };
    const key = merge(current.key, update.key, 'key');
    const value = merge(current.value, update.value, 'value');
    if (failure) {
      throw failure;
    }
    return {...current, key, value};
  }
  return deltaMergeLeaf(current, update, path, rules, findings);
}

function deltaMergeLeaf(current: SparkType, update: SparkType, path: string, rules: DeltaRules, findings: Finding[]): SparkType {
  const found = (verdict: Verdict, result: SparkType | null, detail: string, extra: Partial<Finding> = {}): void => {
    findings.push({path, verdict, current, update, result, detail, ...extra});
  };
  if (sameForDelta(current, update)) {
    found('identical', current, 'Same type.');
    return current;
  }
  const widening = isAtomic(current) && isAtomic(update) ? typeWideningSupport(current, update) : 'unsupported';
  if (rules.typeWidening && widening === 'automatic') {
    found('widen', update, 'Type widening changes the column to the wider type; existing files are not rewritten.');
    return update;
  }
  if (rules.implicitConversions && isAtomic(update) && isAtomic(current) && canCastImplicitly(update, current)) {
    found('keep-current', current, 'MERGE casts the source values to the table type (a value that does not fit becomes NULL, or fails under ANSI store assignment).');
    return current;
  }
  if (current.kind === 'decimal' && update.kind === 'decimal') {
    found('incompatible', null, 'Delta merges decimals only when precision and scale are equal.');
    throw new MergeFailure(mergeIncompatibleDecimal(current, update));
  }
  if (isIntegral(current) && isIntegral(update) && current.kind !== 'long' && update.kind !== 'long') {
    // Parquet stores byte, short and int alike, so Delta merges them to the wider one either way.
    const wider = ['byte', 'short', 'int'].indexOf(current.kind) >= ['byte', 'short', 'int'].indexOf(update.kind) ? current : update;
    if (wider === current) {
      found('keep-current', current, 'The table type is wider; the values are up-cast.');
    } else {
      found('widen', update, 'Delta widens byte, short and int to the wider one (Parquet stores them alike).');
    }
    return wider;
  }
  if (current.kind === 'void') {
    found('widen', update, 'The table column is NullType (VOID); it takes the incoming type.');
    return update;
  }
  if (update.kind === 'void') {
    found('keep-current', current, 'The incoming column is NullType (all NULL); the table keeps its type.');
    return current;
  }
  const alterTableOnly = widening === 'alter-table-only';
  found(
    'incompatible',
    null,
    alterTableOnly
      ? rules.typeWidening
        ? 'Type widening supports this change only through ALTER TABLE … ALTER COLUMN … TYPE; writes do not apply it.'
        : 'Delta cannot merge these types. With type widening enabled (Delta 4.0+), ALTER TABLE … ALTER COLUMN … TYPE can make this change.'
      : widening === 'automatic'
        ? 'Delta cannot merge these types without type widening; with delta.enableTypeWidening (Delta 4.0+) schema evolution widens the column.'
        : 'Delta cannot merge these types.',
    alterTableOnly && rules.typeWidening ? {alterTableOnly: true} : {},
  );
  throw new MergeFailure(mergeIncompatibleDatatype(scalaTypeName(current), scalaTypeName(update)));
}

/** Spark's `StructType.merge` (Parquet mergeSchema): names matched case-sensitively, nullability OR-ed. */
function sparkMerge(current: SparkType, update: SparkType, path: string, findings: Finding[]): SparkType {
  if (current.kind === 'struct' && update.kind === 'struct') {
    const updates = new Map(update.fields.map((field) => [field.name, field]));
    let failure: MergeFailure | undefined;
    const merged = current.fields.map((field) => {
      const incoming = updates.get(field.name);
      const fieldPath = childPath(path, field.name);
      if (!incoming) {
        findings.push({path: fieldPath, verdict: 'missing-field', current: field.type, update: null, result: field.type, detail: 'Only in the first schema: kept.'});
        return field;
      }
      try {
        const type = sparkMerge(field.type, incoming.type, fieldPath, findings);
        if (!field.nullable && incoming.nullable) {
          findings.push({path: fieldPath, verdict: 'widen', current: field.type, update: incoming.type, result: type, detail: 'Nullability is OR-ed: the merged field is nullable.'});
        }
        return {...field, type, nullable: field.nullable || incoming.nullable};
      } catch (error) {
        if (!(error instanceof MergeFailure)) {
          throw error;
        }
        // Each struct level replaces the error with its own field's types.
        failure ??= new MergeFailure(cannotMergeIncompatibleDataType(field.type, incoming.type));
        return field;
      }
    });
    const names = new Set(current.fields.map((field) => field.name));
    const added = update.fields.filter((field) => !names.has(field.name));
    for (const field of added) {
      findings.push({path: childPath(path, field.name), verdict: 'add-field', current: null, update: field.type, result: field.type, detail: 'Only in the second schema: appended.'});
    }
    if (failure) {
      throw failure;
    }
    return {kind: 'struct', fields: [...merged, ...added]};
  }
  if (current.kind === 'array' && update.kind === 'array') {
    return {kind: 'array', element: sparkMerge(current.element, update.element, childPath(path, 'element'), findings), containsNull: current.containsNull || update.containsNull};
  }
  if (current.kind === 'map' && update.kind === 'map') {
    return {
      kind: 'map',
      key: sparkMerge(current.key, update.key, childPath(path, 'key'), findings),
      value: sparkMerge(current.value, update.value, childPath(path, 'value'), findings),
      valueContainsNull: current.valueContainsNull || update.valueContainsNull,
    };
  }
  if (current.kind === 'decimal' && update.kind === 'decimal' && current.scale === update.scale) {
    const result: SparkType = {kind: 'decimal', precision: Math.max(current.precision, update.precision), scale: current.scale};
    const verdict: Verdict = current.precision === update.precision ? 'identical' : update.precision > current.precision ? 'widen' : 'keep-current';
    findings.push({path, verdict, current, update, result, detail: verdict === 'identical' ? 'Same type.' : 'Same scale: the merged decimal takes the larger precision.'});
    return result;
  }
  if (sameType(current, update)) {
    findings.push({path, verdict: 'identical', current, update, result: current, detail: 'Same type.'});
    return current;
  }
  findings.push({
    path,
    verdict: 'incompatible',
    current,
    update,
    result: null,
    detail: current.kind === 'decimal' && update.kind === 'decimal' ? 'Decimals merge only with the same scale.' : 'StructType.merge accepts only equal types (no numeric widening).',
  });
  throw new MergeFailure(cannotMergeIncompatibleDataType(current, update));
}

/** Spark's up-cast check per column, matched by name: reading `update` data as the `current` type. */
function upCastCheck(current: StructType, update: StructType, findings: Finding[]): SystemError | null {
  const updates = new Map(update.fields.map((field) => [field.name.toLowerCase(), field]));
  let error: SystemError | null = null;
  for (const field of current.fields) {
    const incoming = updates.get(field.name.toLowerCase());
    if (!incoming) {
      findings.push({path: field.name, verdict: 'missing-field', current: field.type, update: null, result: field.type, detail: 'No incoming column: a typed Dataset cannot resolve it.'});
      continue;
    }
    if (sameType(field.type, incoming.type)) {
      findings.push({path: field.name, verdict: 'identical', current: field.type, update: incoming.type, result: field.type, detail: 'Same type.'});
    } else if (canUpCast(incoming.type, field.type)) {
      findings.push({path: field.name, verdict: 'keep-current', current: field.type, update: incoming.type, result: field.type, detail: 'A safe up-cast: no value can be lost.'});
    } else {
      findings.push({
        path: field.name,
        verdict: 'incompatible',
        current: field.type,
        update: incoming.type,
        result: null,
        detail: 'Not an up-cast: values could be truncated or lost, so Spark refuses it without an explicit cast.',
      });
      error ??= cannotUpCast(field.name, incoming.type, field.type);
    }
  }
  const known = new Set(current.fields.map((field) => field.name.toLowerCase()));
  for (const field of update.fields.filter((candidate) => !known.has(candidate.name.toLowerCase()))) {
    findings.push({path: field.name, verdict: 'add-field', current: null, update: field.type, result: null, detail: 'Not in the target type: ignored by the up-cast.'});
  }
  return error;
}

/**
 * Checks whether `update` (the incoming data's schema) can be written to or merged with `current`
 * (the table's schema) in a context, and returns per field what happens, the resulting schema and
 * the error the system would raise.
 */
export function checkCompatibility(current: StructType, update: StructType, input: CheckOptions): CompatibilityReport {
  const options = parseOptions(optionsSchema, input, 'checkCompatibility');
  const findings: Finding[] = [];
  const refuse = (error: SystemError): CompatibilityReport => ({context: options.context, accepted: false, result: current, schemaChanges: false, findings, error});

  if (options.context === 'spark-upcast') {
    const error = upCastCheck(current, update, findings);
    return error ? refuse(error) : {context: options.context, accepted: true, result: current, schemaChanges: false, findings, error: null};
  }

  if (options.context === 'parquet-merge') {
    try {
      const result = sparkMerge(current, update, '', findings) as StructType;
      return {context: options.context, accepted: true, result, schemaChanges: !sameType(result, current), findings, error: null};
    } catch (error) {
      if (error instanceof MergeFailure) {
        return refuse(error.error);
      }
      throw error;
    }
  }

  const isWrite = options.context !== 'delta-merge-evolution';
  const data = isWrite ? (asNullable(update) as StructType) : update;
  if (isWrite && options.streaming && containsVoid(update)) {
    return refuse(nullSchemaInStreamingWrite());
  }
  let result: StructType;
  try {
    result = deltaMerge(current, data, '', {implicitConversions: !isWrite, typeWidening: options.context === 'delta-type-widening'}, findings) as StructType;
  } catch (error) {
    if (error instanceof MergeFailure) {
      return refuse(error.error);
    }
    throw error;
  }
  const schemaChanges = !sameType(result, current);
  // MERGE evolves the schema when schema evolution is on, which is the context's premise; a write needs mergeSchema.
  if (schemaChanges && isWrite && !options.mergeSchema) {
    return refuse(schemaMismatch(current, data, false));
  }
  return {context: options.context, accepted: true, result, schemaChanges, findings, error: null};
}
