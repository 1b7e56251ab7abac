import * as z from 'zod';
import type {SqlEngine} from '../sql/engine';
import {quoteIdentifier} from '../sql/quote';
import {identifierSchema, parseStepOptions, type StepInput} from '../lab/options';
import {sourceShape} from './options';
import {StepLog, num, share, timed, type StepResult} from '../lab/step';

const partitionSchema = z.strictObject({
  ...sourceShape,
  partitions: z.number().int().min(1).max(10_000).default(200),
  column: identifierSchema.default('machine_id'),
});

/** Options of step 7: the partition count and column of the `repartition` to estimate (200, machine_id). */
export type PartitionBeforeExplodeOptions = StepInput<typeof partitionSchema>;

/** One hash partition of the estimate. */
export interface PartitionEstimate {
  partition: number;
  /** Distinct partition-column values (machines) hashed to it. */
  values: number;
  /** Events it would receive, and the rows they explode into. */
  rows: number;
  explodedRows: number;
}

/** Minimum, mean and maximum over all partitions, empty ones included. */
export interface Spread {
  min: number;
  mean: number;
  max: number;
}

/** Step 7's result. */
export interface PartitionBeforeExplodeResult extends StepResult {
  /** What `repartition(n, "column")` before the explode would do in Spark, estimated from the data. */
  spark: {
    call: string;
    partitions: PartitionEstimate[];
    /** Every row goes through the exchange: written to shuffle files, read back by its partition's task. */
    shuffledRows: number;
    emptyPartitions: number;
    rowsPerPartition: Spread;
    explodedRowsPerPartition: Spread;
    /** The largest partition's rows over the mean: how much longer its task runs than an even one. */
    skew: number;
  };
  /** DuckDB runs in one process and exchanges no data between executors. */
  duckdbShuffles: false;
  /** Why the repartition does not help, and what to do instead. */
  notes: string[];
}

function spreadOf(values: readonly number[]): Spread {
  return {
    min: Math.min(...values),
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    max: Math.max(...values),
  };
}

/**
 * Step 7: estimates, from the data, what `repartition(n, "machine_id")` before an explode would
 * do in Spark: rows per hash partition, the empty and the overloaded ones. DuckDB's `hash()`
 * stands in for Spark's Murmur3 (seed 42), so which partition a machine lands in differs; the
 * rows per machine, and so the spread, are the data's own.
 */
export async function partitionBeforeExplode(
  engine: SqlEngine,
  input: PartitionBeforeExplodeOptions = {},
): Promise<PartitionBeforeExplodeResult> {
  const {options, now} = parseStepOptions(partitionSchema, input, 'partitionBeforeExplode');
  const log = new StepLog(engine);
  const {value, elapsedMs} = await timed(now, async () =>
    log.rows(`WITH per_value AS (
  SELECT
    ${quoteIdentifier(options.column)} AS partition_value,
    count(*) AS events,
    coalesce(sum(cardinality(${quoteIdentifier(options.mapColumn)})), 0) AS pairs
  FROM ${quoteIdentifier(options.source)}
  GROUP BY partition_value
)
SELECT
  hash(partition_value) % ${options.partitions} AS partition,
  count(*) AS partition_values,
  sum(events)::BIGINT AS events,
  sum(pairs)::BIGINT AS exploded_rows
FROM per_value
GROUP BY partition
ORDER BY partition`),
  );
  const byPartition = new Map(value.map((row) => [num(row, 'partition'), row]));
  const partitions = Array.from({length: options.partitions}, (_, partition): PartitionEstimate => {
    const row = byPartition.get(partition);
    return row
      ? {partition, values: num(row, 'partition_values'), rows: num(row, 'events'), explodedRows: num(row, 'exploded_rows')}
      : {partition, values: 0, rows: 0, explodedRows: 0};
  });
  const rowsPerPartition = spreadOf(partitions.map((partition) => partition.rows));
  const totalRows = partitions.reduce((sum, partition) => sum + partition.rows, 0);
  const call = `repartition(${options.partitions}, "${options.column}")`;
  return {
    step: 7,
    title: 'Partitioning before an unavoidable explosion',
    sql: log.sql,
    params: log.params,
    metrics: {rowsIn: totalRows, rowsOut: partitions.length, columns: 4, elapsedMs},
    spark: {
      call,
      partitions,
      shuffledRows: totalRows,
      emptyPartitions: partitions.filter((partition) => partition.rows === 0).length,
      rowsPerPartition,
      explodedRowsPerPartition: spreadOf(partitions.map((partition) => partition.explodedRows)),
      skew: share(rowsPerPartition.max, rowsPerPartition.mean),
    },
    duckdbShuffles: false,
    notes: [
      `${call} is a full shuffle of the unexploded rows: every row is written to shuffle files and read back by the task of its hash partition.`,
      'explode is a narrow transformation: it runs inside whatever partitions exist and shuffles nothing, so a shuffle before it buys nothing.',
      `Hash partitioning by ${options.column} keeps each value's rows together: the busiest values make the largest partitions, and a partition with no value stays empty.`,
      'If tasks grow too large after the explosion, make the input splits smaller without a shuffle: spark.sql.files.maxPartitionBytes for file sources, minPartitions for the Kafka source.',
      'DuckDB here runs in one process and exchanges no data between executors: there is no shuffle to avoid. These numbers estimate what Spark would do; they are not measured.',
    ],
  };
}
