import * as z from 'zod';
import {identifierSchema, parseOptions} from '../lab/options';

/**
 * How a slowly changing dimension is loaded from a batch of changes. Every SCD function takes the
 * same spec, so the same batches can be applied as type 1, 2, 3 and 6 side by side.
 */
const specSchema = z.strictObject({
  /** The dimension table written. */
  dimension: identifierSchema.default('dim_machine'),
  /** The table (or view) holding the batch of changes. */
  batch: identifierSchema.default('scd_batch'),
  naturalKey: identifierSchema.default('machine_id'),
  trackedColumns: z
    .array(identifierSchema)
    .min(1, 'Track at least one column.')
    .refine((columns) => new Set(columns.map((column) => column.toLowerCase())).size === columns.length, 'List each tracked column once.')
    .default(['firmware', 'line_id', 'calibration_offset', 'operating_mode']),
  /** When the change happened at the source; history is ordered by it, not by arrival. */
  changedAt: identifierSchema.default('changed_at'),
  /** Breaks ties between changes of one key at the same instant: the higher value is the later change. */
  sequence: identifierSchema.default('change_id'),
  /** The column saying what a change is, and the value that marks a delete. */
  operation: identifierSchema.default('op'),
  deleteValue: z.string().min(1).default('delete'),
  /** The surrogate key column (type 2 and 6; with dbt names it is `dbt_scd_id`). */
  surrogateKey: identifierSchema.default('machine_sk'),
  /** An open interval ends in NULL, or in this far-future date (`9999-12-31` is common). */
  openEnd: z.union([z.literal('null'), z.strictObject({farFuture: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date such as 9999-12-31.')})]).default('null'),
  /**
   * A delete closes the current version (`invalidate`, like dbt's `hard_deletes: invalidate`) or
   * also writes a version flagged as deleted (`new_record`, like dbt's `hard_deletes: new_record`).
   */
  deletes: z.enum(['invalidate', 'new_record']).default('invalidate'),
  /** `default`: valid_from, valid_to, is_current, row_hash; `dbt`: dbt snapshot names (see `scdColumns`). */
  naming: z.enum(['default', 'dbt']).default('default'),
});

/** A spec as callers write it; every field has a default for the `machine_config_changes` data. */
export type ScdSpecInput = z.input<typeof specSchema>;

/** A validated spec. */
export type ScdSpec = z.output<typeof specSchema>;

/** Validates a spec at the boundary; a RangeError names each field that is wrong. */
export function parseScdSpec(input: unknown, what: string): ScdSpec {
  return parseOptions(specSchema, input ?? {}, what);
}

/** The bookkeeping columns of a type 2 dimension under the spec's naming. */
export interface ScdColumns {
  surrogateKey: string;
  validFrom: string;
  validTo: string;
  /** NULL with dbt names: dbt snapshots have no current flag (the current row is the one with an open `dbt_valid_to`). */
  isCurrent: string | null;
  rowHash: string;
  /** The change's own time, as dbt keeps it. */
  updatedAt: string | null;
  isDeleted: string;
}

/** Column names for the spec: ours, or dbt snapshot names (`dbt_scd_id`, `dbt_valid_from`, `dbt_valid_to`, `dbt_updated_at`). */
export function scdColumns(spec: ScdSpec): ScdColumns {
  return spec.naming === 'dbt'
    ? {
        surrogateKey: 'dbt_scd_id',
        validFrom: 'dbt_valid_from',
        validTo: 'dbt_valid_to',
        isCurrent: null,
        rowHash: 'row_hash',
        updatedAt: 'dbt_updated_at',
        isDeleted: 'dbt_is_deleted',
      }
    : {
        surrogateKey: spec.surrogateKey,
        validFrom: 'valid_from',
        validTo: 'valid_to',
        isCurrent: 'is_current',
        rowHash: 'row_hash',
        updatedAt: null,
        isDeleted: 'is_deleted',
      };
}
