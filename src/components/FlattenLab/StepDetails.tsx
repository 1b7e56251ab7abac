import type {ReactNode} from 'react';
import type {FlattenLabOutcome, InferredKey, StepMetrics} from '@site/playground';
import {BarChart} from './Charts';
import {formatCount, formatMs, formatShare} from './format';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

/** Label/value pairs as a definition list. */
function Facts({facts}: {facts: readonly [string, ReactNode][]}): ReactNode {
  return (
    <dl className={styles.facts}>
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A small table of plain values. */
function SimpleTable({caption, head, rows}: {caption: string; head: readonly string[]; rows: readonly ReactNode[][]}): ReactNode {
  return (
    <div className={frame.tableScroller} tabIndex={0} role="region" aria-label={caption}>
      <table className={frame.table}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {row.map((cell, column) => (
                <td key={column}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Rows in and out, columns and time of each statement group a step ran. */
export function MetricsTable({labels, metrics}: {labels: readonly string[]; metrics: readonly StepMetrics[]}): ReactNode {
  return (
    <SimpleTable
      caption="What the step measured"
      head={['Run', 'Rows in', 'Rows out', 'Columns', 'Time']}
      rows={metrics.map((metric, index) => [
        labels[index] ?? `Run ${index + 1}`,
        formatCount(metric.rowsIn),
        formatCount(metric.rowsOut),
        formatCount(metric.columns),
        formatMs(metric.elapsedMs),
      ])}
    />
  );
}

/** The key coverage chart of step 1: the sample's share per key over the full scan's. */
export function KeyCoverageChart({outcome}: {outcome: Extract<FlattenLabOutcome, {step: 1}>}): ReactNode {
  const [result] = outcome.results;
  return (
    <BarChart
      title={`Key coverage: share of events carrying each key (sample of ${formatCount(result.sample.rows)} events; the pale bar is the full scan)`}
      max={1}
      bars={result.keys.map((key) => ({
        label: key.key,
        value: key.sampleCoverage,
        reference: key.fullCoverage ?? undefined,
        text: key.fullCoverage === null ? formatShare(key.sampleCoverage) : `${formatShare(key.sampleCoverage)} (full ${formatShare(key.fullCoverage)})`,
      }))}
    />
  );
}

/** The inferred schema of step 4: each key's type, its candidates' failure shares and the cast's failures. */
export function InferredSchemaTable({keys}: {keys: readonly InferredKey[]}): ReactNode {
  return (
    <SimpleTable
      caption="Inferred schema: the type chosen per key, and the share of sampled values each candidate type fails on"
      head={['Key', 'Column', 'Type', 'Types that fit (failure share)', 'Cast failures']}
      rows={keys.map((key) => [
        <code key="key">{key.key}</code>,
        <code key="column">{key.column}</code>,
        <code key="type">{key.sqlType}</code>,
        candidatesText(key),
        `${formatCount(key.cast.failed)} of ${formatCount(key.cast.values)} (${formatShare(key.cast.failureShare)})`,
      ])}
    />
  );
}

/** What each step found, beyond its metrics. */
export function StepFindings({outcome}: {outcome: FlattenLabOutcome}): ReactNode {
  switch (outcome.step) {
    case 1: {
      const [result] = outcome.results;
      const missed = result.missedBySample ?? [];
      return (
        <>
          <Facts
            facts={[
              ['Keys found in the sample', formatCount(result.keys.length)],
              ['Keys the sample missed (full scan)', missed.length === 0 ? 'none' : missed.map((key) => `${key.key} (${formatShare(key.fullCoverage)})`).join(', ')],
            ]}
          />
          <KeyCoverageChart outcome={outcome} />
        </>
      );
    }
    case 2: {
      const [result] = outcome.results;
      return (
        <Facts
          facts={[
            ['Columns extracted', formatCount(result.extracted.length)],
            ['Output rows per input row', String(result.rowsPerInputRow)],
            ['Least covered column', result.extracted.length === 0 ? '–' : leastCovered(result.extracted)],
          ]}
        />
      );
    }
    case 3: {
      const [result] = outcome.results;
      return (
        <SimpleTable
          caption="Missing and NULL values per key, and what was defaulted"
          head={['Key', 'Default', 'Absent', 'NULL value', 'Defaulted', 'Non-null after']}
          rows={result.keys.map((key) => [
            <code key="key">{key.key}</code>,
            key.default === null ? 'none (stays NULL)' : <code key="default">{key.default}</code>,
            formatCount(key.absentRows),
            formatCount(key.nullValueRows),
            formatCount(key.defaultedRows),
            formatCount(key.nonNull),
          ])}
        />
      );
    }
    case 4:
      return <InferredSchemaTable keys={outcome.results[0].keys} />;
    case 5: {
      const [result] = outcome.results;
      return (
        <SimpleTable
          caption="JSON keys parsed into STRUCTs"
          head={['Key', 'STRUCT', 'Parsed', 'Failed', 'Examples that failed']}
          rows={result.keys.map((key) => [
            <code key="key">{key.key}</code>,
            <code key="struct">{key.structType}</code>,
            formatCount(key.parsed),
            `${formatCount(key.failed)} (${formatShare(key.failureShare)})`,
            key.failureExamples.map((example) => `${example.value} ×${formatCount(example.events)}`).join('; ') || 'none',
          ])}
        />
      );
    }
    case 6: {
      const [result] = outcome.results;
      return (
        <Facts
          facts={[
            ['Subset', `${result.subset.plantId} on ${result.subset.day}: ${formatCount(result.subset.rows)} events (${formatShare(result.subset.shareOfSource)} of the table)`],
            ['Key/value rows from the subset', `${formatCount(result.explodedRows)} (${result.rowsPerEvent.toFixed(1)} per event)`],
            ['Rows exploding everything would produce', formatCount(result.fullExplosionRows)],
          ]}
        />
      );
    }
    case 7: {
      const [result] = outcome.results;
      return (
        <>
          <Facts
            facts={[
              ['Spark call', <code key="call">{result.spark.call}</code>],
              ['Rows through the exchange', formatCount(result.spark.shuffledRows)],
              ['Empty partitions', formatCount(result.spark.emptyPartitions)],
              ['Rows per partition (min / mean / max)', spreadText(result.spark.rowsPerPartition)],
              ['Largest partition over the mean', `${result.spark.skew.toFixed(1)}×`],
            ]}
          />
          <ul>
            {result.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </>
      );
    }
    case 8: {
      const [before, after] = outcome.results;
      return (
        <SimpleTable
          caption="The key registry after each batch"
          head={['Batch', 'Events', 'New keys', 'Seen again', 'Columns added', 'Type drift']}
          rows={[before, after].map((update) => [
            update.batch.id,
            formatCount(update.batch.rows),
            update.newKeys.map((entry) => entry.key).sort().join(', ') || 'none',
            formatCount(update.seenAgain),
            formatCount(update.addedColumns.length),
            update.drift.map((drift) => `${drift.key}: registered ${drift.registeredType}, batch looks ${drift.batchType} (${formatShare(drift.batchFailureShare)} fail)`).join('; ') ||
              'none',
          ])}
        />
      );
    }
    case 9: {
      const [before, after] = outcome.results;
      return (
        <SimpleTable
          caption="Appending each batch"
          head={['Batch', 'Rows appended', 'Columns before → after', 'Cast failures']}
          rows={[before, after].map((append) => [
            append.batch.id,
            formatCount(append.rowsAppended),
            `${append.columnsBefore} → ${append.columnsAfter}${append.created ? ' (table created)' : ''}`,
            append.castFailures.map((failure) => `${failure.key}: ${formatCount(failure.failed)}`).join(', ') || 'none',
          ])}
        />
      );
    }
    case 10: {
      const [result] = outcome.results;
      return (
        <>
          <SimpleTable
            caption="Row groups a filter must read, judged by min/max statistics"
            head={['Filter', 'Before: segments read', 'Before: rows read', 'After: segments read', 'After: rows read']}
            rows={(['machine', 'day'] as const).map((probe) => [
              probe === 'machine' ? 'one machine' : 'one day',
              `${result.before[probe].avgSegmentsRead.toFixed(1)} of ${result.before[probe].segments}`,
              formatShare(result.before[probe].rowShare),
              `${result.after[probe].avgSegmentsRead.toFixed(1)} of ${result.after[probe].segments}`,
              formatShare(result.after[probe].rowShare),
            ])}
          />
          <ul>
            {result.explanation.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      );
    }
    case 11: {
      const [result] = outcome.results;
      return (
        <>
          <p className={result.level === 'ok' ? styles.levelOk : styles.levelWarning} role={result.level === 'ok' ? undefined : 'alert'}>
            {result.level === 'ok' ? 'OK' : result.level === 'warning' ? 'Warning' : 'Critical'}: {result.table} has {result.columnCount} columns
            ({result.promotedColumns} promoted); the threshold is {result.threshold}, warning from {result.warningAt}.
          </p>
          <Facts
            facts={[
              ['Columns left before the threshold', formatCount(result.headroom)],
              ["Promoted columns past Delta's first 32 (no statistics by default)", result.promotedWithoutDeltaStats.join(', ') || 'none'],
            ]}
          />
        </>
      );
    }
  }
}

/** The candidate types that fit at least some values, most specific first; those failing on every value are left out. */
function candidatesText(key: InferredKey): string {
  const fitting = key.candidates.filter((candidate) => candidate.failureShare < 1);
  return fitting.map((candidate) => `${candidate.type} ${formatShare(candidate.failureShare)}`).join(', ');
}

function leastCovered(columns: readonly {column: string; coverage: number}[]): string {
  const least = columns.reduce((low, column) => (column.coverage < low.coverage ? column : low));
  return `${least.column} (${formatShare(least.coverage)} of events)`;
}

function spreadText(spread: {min: number; mean: number; max: number}): string {
  return `${formatCount(spread.min)} / ${formatCount(spread.mean)} / ${formatCount(spread.max)}`;
}
