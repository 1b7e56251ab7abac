import * as z from 'zod';
import {parseOptions} from '../lab/options';
import {checkAvroReadCompatibility, type AvroIncompatibilityKind} from './avro-compat';
import type {AvroSchema} from './avro-parse';

export {checkAvroReadCompatibility} from './avro-compat';
export type {AvroIncompatibility, AvroIncompatibilityKind} from './avro-compat';
export {MAX_AVRO_SCHEMA_BYTES, parseAvroSchema} from './avro-parse';
export type {
  AvroArray,
  AvroEnum,
  AvroField,
  AvroFixed,
  AvroLogicalType,
  AvroMap,
  AvroNamedType,
  AvroParseError,
  AvroParseResult,
  AvroPrimitive,
  AvroPrimitiveTypeName,
  AvroRecord,
  AvroReference,
  AvroSchema,
  AvroType,
  AvroUnion,
  JsonValue,
} from './avro-parse';

/** Confluent Schema Registry's compatibility levels. */
export const registryCompatibilityModes = ['BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE'] as const;

export type RegistryCompatibilityMode = (typeof registryCompatibilityModes)[number];

const modeSchema = z.enum(registryCompatibilityModes, {
  error: (issue) => `Unknown compatibility mode ${JSON.stringify(issue.input)}. Use one of ${registryCompatibilityModes.join(', ')}.`,
});

/**
 * `new-reads-old`: the new schema cannot read data written with a registered version (a BACKWARD
 * failure); `old-reads-new`: a registered version cannot read data written with the new schema
 * (a FORWARD failure).
 */
export type RegistryCheckDirection = 'new-reads-old' | 'old-reads-new';

export interface RegistryIncompatibility {
  /** The registered version, counting from 1 for the oldest schema given. */
  version: number;
  direction: RegistryCheckDirection;
  kind: AvroIncompatibilityKind;
  /** Where in the schema that reads (the new one for new-reads-old, the old one for old-reads-new). */
  path: string;
  message: string;
}

export interface RegistryCompatibilityResult {
  compatible: boolean;
  mode: RegistryCompatibilityMode;
  /** The versions checked, newest first, as the registry checks them. */
  checkedAgainst: number[];
  incompatibilities: RegistryIncompatibility[];
}

const DIRECTIONS: Record<RegistryCompatibilityMode, readonly RegistryCheckDirection[]> = {
  BACKWARD: ['new-reads-old'],
  BACKWARD_TRANSITIVE: ['new-reads-old'],
  FORWARD: ['old-reads-new'],
  FORWARD_TRANSITIVE: ['old-reads-new'],
  // The registry's mutual-read strategy checks the old schema reading new data first.
  FULL: ['old-reads-new', 'new-reads-old'],
  FULL_TRANSITIVE: ['old-reads-new', 'new-reads-old'],
  NONE: [],
};

/**
 * Whether Schema Registry would accept `candidate` as the next version of a subject whose versions
 * are `previous` (oldest first), under `mode`. The plain modes check the latest version only; the
 * transitive ones check every version, newest first, and stop at the first that fails, as the
 * registry's `CompatibilityChecker` does. Throws a RangeError for an unknown mode.
 */
export function checkRegistryCompatibility(candidate: AvroSchema, previous: readonly AvroSchema[], mode: string): RegistryCompatibilityResult {
  const checkedMode = parseOptions(z.strictObject({mode: modeSchema}), {mode}, 'checkRegistryCompatibility').mode;
  const newestFirst = previous.map((schema, index) => ({schema, version: index + 1})).reverse();
  const transitive = checkedMode.endsWith('_TRANSITIVE');
  const targets = checkedMode === 'NONE' ? [] : transitive ? newestFirst : newestFirst.slice(0, 1);
  const checkedAgainst: number[] = [];
  for (const {schema, version} of targets) {
    checkedAgainst.push(version);
    const incompatibilities = DIRECTIONS[checkedMode].flatMap((direction) => {
      const found = direction === 'new-reads-old' ? checkAvroReadCompatibility(candidate, schema) : checkAvroReadCompatibility(schema, candidate);
      return found.map(({kind, path, message}) => ({version, direction, kind, path, message}));
    });
    if (incompatibilities.length > 0) return {compatible: false, mode: checkedMode, checkedAgainst, incompatibilities};
  }
  return {compatible: true, mode: checkedMode, checkedAgainst, incompatibilities: []};
}
