import type {ReactNode} from 'react';
import type {CompareFlattenResult} from '@site/playground';
import {BarChart} from './Charts';
import {formatBytes, formatCount, formatMs, formatRatio, formatShare} from './format';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

/** Naive and targeted side by side: time, rows materialized and the estimated shuffle, as bars and as a table. */
export function ComparisonView({result}: {result: CompareFlattenResult}): ReactNode {
  const {naive, targeted, promoted} = result;
  const naiveMs = naive.planMs + naive.runMs;
  const targetedMs = targeted.planMs + targeted.runMs;
  const labels = {
    naive: 'Naive: explode + pivot',
    targeted: 'Targeted: sampled plan + projection',
    promoted: `Targeted, keys in ≥ ${formatShare(promoted.minCoverage)} of events`,
  };
  const pair = (naiveValue: number, targetedValue: number, text: (value: number) => string) => ({
    max: Math.max(naiveValue, targetedValue),
    bars: [
      {label: labels.naive, value: naiveValue, text: text(naiveValue), tone: 'naive' as const},
      {label: labels.targeted, value: targetedValue, text: text(targetedValue), tone: 'targeted' as const},
    ],
  });
  return (
    <div className={styles.comparison} aria-label={`Naive vs targeted on ${formatCount(result.events)} events`} role="group">
      <div className={styles.charts}>
        <BarChart title="Time in this browser (DuckDB-WASM, one thread)" {...pair(naiveMs, targetedMs, formatMs)} />
        <BarChart title="Rows materialized (intermediate + output)" {...pair(naive.rowsMaterialized, targeted.rowsMaterialized, formatCount)} />
        <BarChart title="Bytes a Spark cluster would shuffle (estimated from this data)" {...pair(naive.estimatedShuffleBytes, targeted.estimatedShuffleBytes, formatBytes)} />
      </div>
      <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Naive vs targeted, in numbers">
        <table className={frame.table}>
          <caption>
            {formatCount(result.events)} events, {formatCount(result.pairs)} key/value pairs (average key {result.widths.key.toFixed(1)} bytes, value{' '}
            {result.widths.value.toFixed(1)} bytes, id {result.widths.id.toFixed(0)} bytes)
          </caption>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Plan time</th>
              <th scope="col">Run time</th>
              <th scope="col">Intermediate rows</th>
              <th scope="col">Output rows</th>
              <th scope="col">Columns</th>
              <th scope="col">Estimated shuffle</th>
            </tr>
          </thead>
          <tbody>
            {([
              ['naive', naive],
              ['targeted', targeted],
              ['promoted', promoted],
            ] as const).map(([name, run]) => (
              <tr key={name}>
                <th scope="row">{labels[name]}</th>
                <td>{formatMs(run.planMs)}</td>
                <td>{formatMs(run.runMs)}</td>
                <td>{formatCount(run.intermediateRows)}</td>
                <td>{formatCount(run.outputRows)}</td>
                <td>{formatCount(run.columns)}</td>
                <td>{formatBytes(run.estimatedShuffleBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <WhyFaster result={result} />
      </p>
      <p>
        The last row promotes only the {formatCount(promoted.promotedKeys.length)} keys carried by at least {formatShare(promoted.minCoverage)} of the
        sampled events, as a key registry with that threshold would: the same plan and sample, so the same plan time, and{' '}
        {formatMs(promoted.runMs)} to write the table instead of {formatMs(targeted.runMs)}.{' '}
        {promoted.heldBackKeys.length > 0
          ? `The other ${formatCount(promoted.heldBackKeys.length)} keys get no column and stay readable in the map column, which both targeted tables keep (the naive table has no map).`
          : 'Every key reaches the threshold here.'}
      </p>
      <p>
        DuckDB runs in one browser thread and exchanges nothing between machines, so the ratio stays modest. In Spark the naive plan
        sorts the {formatCount(naive.intermediateRows)} exploded rows in its tasks and sends one partial row per event through the
        exchange, with a buffer for each of the {result.distinctKeys} distinct keys whether the event has it or not: about{' '}
        {formatBytes(result.naiveShuffleRowBytes)} per event, {formatBytes(naive.estimatedShuffleBytes)} at this size before compression.
        The projection shuffles nothing. With hundreds of keys across a fleet, that exchange is what made the author's production job take
        45 minutes instead of 4.
        {naive.outputRows < targeted.outputRows &&
          ` The pivot also lost ${formatCount(targeted.outputRows - naive.outputRows)} events whose map was empty: an event with no key/value pair produces no exploded row.`}
      </p>
    </div>
  );
}

/** Words the engine's verdict: which plan won on this data, and the measured costs that decided it. */
function WhyFaster({result}: {result: CompareFlattenResult}): ReactNode {
  const {verdict, events} = result;
  const perThousand = (ms: number) => `${ms < 1 ? ms.toFixed(2) : ms.toFixed(1)} ms per 1,000 events`;
  const costs = `The naive plan is one pass: ${perThousand(verdict.naiveMsPerThousand)}. The targeted plan first samples and plans (${formatMs(verdict.targetedPlanMs)}, ${formatShare(verdict.planShare)} of its time), then projects at ${perThousand(verdict.projectionMsPerThousand)}.`;
  const breakEven =
    verdict.breakEvenEvents === null
      ? 'Its projection is not cheaper per event here, so planning never pays for itself on this data.'
      : `If the planning cost stayed as measured and both grew linearly, the targeted plan would win from about ${formatCount(verdict.breakEvenEvents)} events.`;
  if (verdict.faster === 'naive') {
    return (
      <>
        Here the naive plan was faster ({formatMs(verdict.naiveMs)} against {formatMs(verdict.targetedMs)}): at {formatCount(events)} events the
        targeted plan's fixed cost is not yet paid back. {costs} {breakEven}
        {verdict.breakEvenEvents !== null && verdict.breakEvenEvents > events && ' Try a larger size.'}
      </>
    );
  }
  return (
    <>
      Here the targeted plan was faster: the naive plan took {formatRatio(verdict.naiveMs, verdict.targetedMs)} its time ({formatMs(verdict.naiveMs)}{' '}
      against {formatMs(verdict.targetedMs)}). {costs} {breakEven}
    </>
  );
}
