import {useCallback, useEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import Link from '@docusaurus/Link';
import CodeBlock from '@theme/CodeBlock';
import {
  classifyEngineError,
  defaultQualityRules,
  errorPath,
  inlineParams,
  parseQualityRulesText,
  qualityTables,
  qualityToDeltaDdl,
  qualityToExpectationSuite,
  qualityToPySpark,
  runQualityRules,
  stageQualityBatch,
  type EngineErrorInfo,
  type QualityRunResult,
  type RuleOutcome,
  type StagedQualityBatch,
} from '@site/playground';
import {onRuntimeStatus, pageRuntime} from '@site/src/duckdb/runtime';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import SparkExport from '@site/src/components/SparkExport';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';

const datasets = [
  {name: 'test_results' as const, rows: 10_000, seed: 42},
  {name: 'machines' as const, rows: 400, seed: 42},
];
const defaultText = `${JSON.stringify(defaultQualityRules, null, 2)}\n`;
const count = (value: number) => value.toLocaleString('en-US');

/** What Delta does with a rule, in words, with the error a violating write raises. */
function DeltaCell({outcome}: {outcome: RuleOutcome}): ReactNode {
  const {delta} = outcome;
  if (delta.constraint === 'none') {
    const why = {
      no_unique_constraint: 'No constraint: Delta enforces no uniqueness.',
      no_foreign_key: 'No constraint: Delta enforces no foreign key.',
      batch_level: 'No constraint: it judges the batch, not a row.',
    }[delta.reason!];
    return <>{why}</>;
  }
  return (
    <>
      {delta.constraint === 'not_null' ? 'NOT NULL' : 'CHECK'}; a violating write fails with{' '}
      <Link to={errorPath(delta.error!.code)}>
        <code>{delta.error!.code}</code>
      </Link>{' '}
      ({delta.error!.sqlState})
    </>
  );
}

function SampleTable({outcome}: {outcome: RuleOutcome}): ReactNode {
  const columns = Object.keys(outcome.sample[0] ?? {});
  if (columns.length === 0) {
    return <p>No failing rows.</p>;
  }
  return (
    <div className={frame.tableScroller} tabIndex={0} role="region" aria-label={`Sample of ${outcome.name}`}>
      <table className={frame.table}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {outcome.sample.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => (
                <td key={column}>{row[column] ?? 'NULL'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The data-quality lab: rules as JSON run on a damaged batch of test results; failing rows quarantined, nothing dropped. */
export default function QualityLab(): ReactNode {
  const [saved, setSaved] = useStoredState<{text: string}>('quality-lab', {text: defaultText});
  const [result, setResult] = useState<QualityRunResult | undefined>();
  const [staged, setStaged] = useState<StagedQualityBatch | undefined>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('Ready. Edit the rules or run them as they are; the SQL engine starts when this lab comes into view, or on the first run.');
  const [error, setError] = useState<EngineErrorInfo | undefined>();
  const busyRef = useRef(false);
  const labRef = useRef<HTMLElement>(null);
  usePrestart(labRef, datasets);
  const parsed = useMemo(() => parseQualityRulesText(saved.text), [saved.text]);

  useEffect(
    () =>
      onRuntimeStatus((runtimeStatus) => {
        if (busyRef.current && runtimeStatus.phase !== 'ready' && runtimeStatus.phase !== 'running') {
          setStatus(describeStatus(runtimeStatus));
        }
      }),
    [],
  );

  const run = useCallback(async () => {
    if (busyRef.current || !('rules' in parsed)) {
      return;
    }
    busyRef.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const runtime = pageRuntime();
      for (const dataset of datasets) {
        await runtime.ensureDataset(dataset);
      }
      setStatus('Staging the batch and running the rules…');
      const outcome = await runtime.withEngine(async (engine) => {
        const batch = await stageQualityBatch(engine, {seed: 42});
        return {batch, run: await runQualityRules(engine, {table: qualityTables.batch}, parsed.rules)};
      });
      setStaged(outcome.batch);
      setResult(outcome.run);
      const failed = outcome.run.rules.filter((rule) => !rule.passed).length;
      setStatus(
        `Ran ${outcome.run.rules.length} rules: ${failed} failed. ${count(outcome.run.rowsIn)} rows in = ${count(outcome.run.rowsValid)} valid + ${count(outcome.run.rowsQuarantined)} quarantined${outcome.run.accounted ? '' : ' (rows were lost)'}.`,
      );
    } catch (caught) {
      setError(classifyEngineError(caught));
      setStatus('The rules could not run; see the message below.');
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, [parsed]);

  const rules = 'rules' in parsed ? parsed.rules : defaultQualityRules;
  const problemText = 'problem' in parsed ? `${parsed.line !== null ? `Line ${parsed.line}, column ${parsed.column}: ` : ''}${parsed.problem}` : null;

  return (
    <section ref={labRef} className={frame.frame} aria-labelledby="quality-lab-title" id="quality-lab">
      <h3 id="quality-lab-title" className={styles.title}>
        Quality rules on a batch of test results: valid rows go on, failing rows to quarantine
      </h3>
      <label className={styles.editorLabel} htmlFor="quality-rules">
        Rules (JSON: one object per rule; kinds not_null, range, allowed_set, regex, unique, references, freshness, completeness, drift)
      </label>
      <textarea
        id="quality-rules"
        className={styles.editor}
        value={saved.text}
        spellCheck={false}
        rows={14}
        onChange={(event) => setSaved({text: event.target.value})}
        aria-invalid={problemText !== null}
        aria-describedby={problemText !== null ? 'quality-rules-problem' : undefined}
      />
      {problemText !== null && (
        <p id="quality-rules-problem" role="alert" className={styles.problem}>
          {problemText}
        </p>
      )}
      <div className={frame.actions}>
        <button type="button" className="button button--primary button--sm" onClick={run} disabled={busy || problemText !== null}>
          Run the rules
        </button>
        <button type="button" className="button button--secondary button--sm" onClick={() => setSaved({text: defaultText})} disabled={busy || saved.text === defaultText}>
          Back to the lab's rules
        </button>
      </div>
      <p role="status" className={frame.status}>
        {status}
      </p>
      {error && <EngineErrorView error={error} />}

      {staged && (
        <p className={styles.note}>
          The batch: {count(staged.batchRows)} test results of the second half of the window (the first half, {count(staged.baselineRows)} rows, is the drift
          baseline), with {staged.defects.missingMachine} missing machine ids, {staged.defects.unknownMachine} unknown machines,{' '}
          {staged.defects.disconnectedProbe} disconnected-probe values (-999.0), {staged.defects.badShift} bad shift codes, {staged.defects.badSerial} lower-case
          serial numbers, {staged.defects.repeatedTest} results delivered twice and {count(staged.defects.switchedProduct)} tests switched to ECU-4410.
        </p>
      )}

      {result && (
        <>
          <p className={result.accounted ? styles.clean : styles.lost}>
            {count(result.rowsIn)} rows in = {count(result.rowsValid)} valid (<code>{result.validTable}</code>) + {count(result.rowsQuarantined)} quarantined (
            <code>{result.quarantineTable}</code>, with the failed rules in <code>_dq_reasons</code>).
          </p>
          <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="What each rule found">
            <table className={frame.table}>
              <caption>What each rule found, and what Delta Lake can enforce of it</caption>
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Failing</th>
                  <th scope="col">Result</th>
                  <th scope="col">As a Delta constraint</th>
                </tr>
              </thead>
              <tbody>
                {result.rules.map((outcome) => (
                  <tr key={outcome.name}>
                    <th scope="row">
                      <code>{outcome.name}</code>
                    </th>
                    <td>{outcome.kind}</td>
                    <td>
                      {count(outcome.failing)} of {count(outcome.checked)} {outcome.scope === 'row' ? 'rows' : outcome.kind === 'completeness' ? 'plants' : outcome.kind === 'drift' ? 'values' : 'checks'}
                      {outcome.measure !== null && ` (${outcome.kind === 'freshness' ? `age ${outcome.measure} min` : outcome.kind === 'drift' ? `divergence ${outcome.measure.toFixed(3)}` : `lowest ratio ${outcome.measure}`})`}
                    </td>
                    <td className={outcome.passed ? styles.passed : styles.failed}>{outcome.passed ? 'passed' : outcome.scope === 'row' ? 'quarantined' : 'failed'}</td>
                    <td>
                      <DeltaCell outcome={outcome} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {result.rules.map((outcome) => (
            <details key={outcome.name} className={styles.details}>
              <summary>
                <code>{outcome.name}</code>: {outcome.scope === 'row' ? 'failing rows, the SQL and the Delta constraint' : 'the measure and the SQL'}
              </summary>
              <SampleTable outcome={outcome} />
              {outcome.delta.checkExpression && (
                <p className={styles.note}>
                  As a constraint: <code>CHECK ({outcome.delta.checkExpression})</code>. Delta fails the write when a CHECK is false <em>or NULL</em>, so without
                  the <code>IS NULL OR</code> guard, <code>CHECK ({outcome.delta.unguardedExpression})</code> would reject the {count(outcome.nullRows ?? 0)} rows
                  of this batch with a NULL there.
                </p>
              )}
              <CodeBlock language="sql">{inlineParams(outcome.sql, outcome.params)}</CodeBlock>
            </details>
          ))}
        </>
      )}

      <h4>Export the rules</h4>
      <SparkExport
        name="quality-export"
        tables={[
          {option: 'table', label: 'Table', defaultName: 'mfg_prod.silver.test_result'},
          {option: 'quarantineTable', label: 'Quarantine table', defaultName: 'mfg_prod.ops.quarantine_test_result'},
        ]}
        formats={[
          {id: 'ddl', label: 'Delta constraints', language: 'sql', fileName: 'test_result_constraints.sql', render: (names) => qualityToDeltaDdl(rules, names)},
          {id: 'pyspark', label: 'PySpark quality module', language: 'python', fileName: 'quality_checks.py', render: (names) => qualityToPySpark(rules, names)},
          {
            id: 'gx',
            label: 'Great Expectations suite',
            language: 'json',
            fileName: 'great-expectations/expectations/silver_test_result.json',
            render: (names) => qualityToExpectationSuite(rules, {table: names.table}, result?.rules ?? []),
          },
        ]}
      />
    </section>
  );
}
