import {useCallback, useMemo, useRef, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {
  checkCompatibility,
  classifyEngineError,
  renderErrorChain,
  resolveIncompatibilities,
  runCastDemo,
  schemaPresets,
  sqlTypeName,
  parseSparkType,
  toSparkJson,
  type CastDemoResult,
  type CompatibilityContext,
  type EngineErrorInfo,
  type SchemaParseResult,
  type StructType,
  type Verdict,
} from '@site/playground';
import {pageRuntime} from '@site/src/duckdb/runtime';
import {useEngineProgress} from '@site/src/duckdb/useEngineProgress';
import {usePrestart} from '@site/src/duckdb/usePrestart';
import {describeStatus} from '@site/src/components/SqlPlayground/messages';
import {EngineErrorView} from '@site/src/components/SqlPlayground/LabParts';
import {copyText} from '@site/src/components/SqlPlayground/browser';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import type {EditorMarker} from '@site/src/components/SqlEditor';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from './styles.module.css';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

const storageKey = 'mdp.schemaLab';

/** The contexts as the picker names them, each with the code path it reproduces. */
const contextLabels: Record<CompatibilityContext, {label: string; source: string}> = {
  'delta-write': {label: 'Delta write (append/overwrite, streaming sink)', source: 'SchemaMergingUtils.mergeSchemas via ImplicitMetadataOperation, Delta 3.x–4.x'},
  'delta-merge-evolution': {label: 'Delta MERGE INTO with schema evolution', source: 'ResolveDeltaMergeInto → mergeSchemas with implicit conversions'},
  'delta-type-widening': {label: 'Delta table with type widening (Delta 4.0+)', source: 'TypeWidening and mergeSchemas with type widening'},
  'spark-upcast': {label: 'Spark up-cast (typed Dataset, strict store assignment)', source: 'Cast.canUpCast / UpCastRule, Spark 3.5–4.0'},
  'parquet-merge': {label: 'Parquet mergeSchema (StructType.merge)', source: 'StructType.merge, Spark 3.5–4.0'},
};

const verdictLabels: Record<Verdict, string> = {
  identical: 'identical',
  widen: 'widened',
  'keep-current': 'kept (cast)',
  'add-field': 'added',
  'missing-field': 'missing (kept)',
  incompatible: 'incompatible',
};

interface LabState {
  current: string;
  update: string;
  context: CompatibilityContext;
  mergeSchema: boolean;
  streaming: boolean;
  preset: string;
}

const firstPreset = schemaPresets[0]!;
const initialState: LabState = {current: firstPreset.current, update: firstPreset.update, context: firstPreset.context, mergeSchema: firstPreset.mergeSchema, streaming: false, preset: firstPreset.id};

function markersOf(result: SchemaParseResult): EditorMarker[] {
  return !result.ok && result.error.line !== undefined && result.error.column !== undefined ? [{line: result.error.line, column: result.error.column, message: result.error.message}] : [];
}

function ParseProblem({result, which}: {result: SchemaParseResult; which: string}): ReactNode {
  if (result.ok) {
    return null;
  }
  const where = result.error.line !== undefined ? ` (line ${result.error.line}, column ${result.error.column})` : '';
  return (
    <p className={styles.problem} role="alert">
      {which}
      {where}: {result.error.message}
    </p>
  );
}

function SchemaEditor({label, value, onChange, result}: {label: string; value: string; onChange: (text: string) => void; result: SchemaParseResult}): ReactNode {
  const language = value.trimStart().startsWith('{') ? 'schema-json' : 'duckdb-sql';
  return (
    <div className={styles.editorColumn}>
      <h4 className={styles.editorTitle}>{label}</h4>
      <div className={frame.editor}>
        <SqlEditor value={value} onChange={onChange} label={`${label}: Spark DDL or the JSON of df.schema.json()`} language={language} markers={markersOf(result)} />
      </div>
      <ParseProblem result={result} which={label} />
    </div>
  );
}

const asStruct = (result: SchemaParseResult): StructType | undefined => (result.ok && result.type.kind === 'struct' ? result.type : undefined);

/** Two schemas, a context, and what Delta or Spark does with the change: findings, the error, the fixes. */
export default function SchemaLab(): ReactNode {
  const [state, setState] = useStoredState<LabState>(storageKey, initialState);
  const [demo, setDemo] = useState<{result?: CastDemoResult; error?: EngineErrorInfo; running?: boolean}>({});
  const [copied, setCopied] = useState('');

  const update = useCallback(
    (change: Partial<LabState>) => {
      setState((previous) => ({...previous, ...change}));
      setDemo({});
    },
    [setState],
  );

  const currentParsed = useMemo(() => parseSparkType(state.current), [state.current]);
  const updateParsed = useMemo(() => parseSparkType(state.update), [state.update]);
  const current = asStruct(currentParsed);
  const incoming = asStruct(updateParsed);
  const report = useMemo(
    () => (current && incoming ? checkCompatibility(current, incoming, {context: state.context, mergeSchema: state.mergeSchema, streaming: state.streaming}) : undefined),
    [current, incoming, state.context, state.mergeSchema, state.streaming],
  );
  const resolutions = useMemo(() => (current && incoming && report && !report.accepted ? resolveIncompatibilities(current, incoming, report) : []), [current, incoming, report]);
  const errorText = report?.error ? renderErrorChain(report.error) : '';
  const castable = report?.findings.some((finding) => finding.verdict === 'incompatible' || finding.verdict === 'keep-current') ?? false;
  const writes = state.context === 'delta-write' || state.context === 'delta-type-widening';

  const choosePreset = (id: string) => {
    const preset = schemaPresets.find((candidate) => candidate.id === id);
    if (preset) {
      update({preset: id, current: preset.current, update: preset.update, context: preset.context, mergeSchema: preset.mergeSchema});
    }
  };

  const labRef = useRef<HTMLElement>(null);
  // The cast demo runs on DuckDB (the schema check itself is TypeScript): its 1,000 rows are generated by the demo.
  usePrestart(labRef, []);
  const engineProgress = useEngineProgress(demo.running === true);

  const runDemo = async () => {
    if (!current || !incoming) {
      return;
    }
    setDemo({running: true});
    try {
      const result = await pageRuntime().withEngine((engine) => runCastDemo(engine, current, incoming));
      setDemo({result});
    } catch (error) {
      setDemo({error: classifyEngineError(error)});
    }
  };

  const copy = async (text: string, what: string) => setCopied((await copyText(text)) ? `${what} copied.` : 'The browser did not allow copying; select the text instead.');

  return (
    <section ref={labRef} className={frame.frame} aria-label="Schema compatibility lab" id="schema-lab">
      <div className={styles.controls}>
        <label>
          Preset{' '}
          <select value={state.preset} onChange={(event) => choosePreset(event.target.value)}>
            {schemaPresets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.title}
              </option>
            ))}
            {!schemaPresets.some((preset) => preset.id === state.preset) && <option value={state.preset}>Your schemas</option>}
          </select>
        </label>
        <label>
          Context{' '}
          <select value={state.context} onChange={(event) => update({context: event.target.value as CompatibilityContext})}>
            {Object.entries(contextLabels).map(([id, {label}]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {writes && (
          <>
            <label>
              <input type="checkbox" checked={state.mergeSchema} onChange={(event) => update({mergeSchema: event.target.checked})} /> mergeSchema
            </label>
            <label>
              <input type="checkbox" checked={state.streaming} onChange={(event) => update({streaming: event.target.checked})} /> streaming sink
            </label>
          </>
        )}
      </div>
      <p className={styles.hint}>
        Follows {contextLabels[state.context].source}. Paste either schema as Spark DDL (<code>id BIGINT, ts TIMESTAMP</code>) or as the JSON that{' '}
        <code>df.schema.json()</code> prints.
      </p>
      <div className={styles.editors}>
        <SchemaEditor label="Table schema" value={state.current} onChange={(text) => update({current: text, preset: 'custom'})} result={currentParsed} />
        <SchemaEditor label="Incoming schema" value={state.update} onChange={(text) => update({update: text, preset: 'custom'})} result={updateParsed} />
      </div>
      <div className={frame.actions}>
        {current && (
          <button type="button" className="button button--secondary button--sm" onClick={() => update({update: JSON.stringify(toSparkJson(current), null, 2), preset: 'custom'})}>
            Put the table schema into the incoming editor as df.schema.json()
          </button>
        )}
        <button type="button" className="button button--secondary button--sm" onClick={() => choosePreset(state.preset === 'custom' ? firstPreset.id : state.preset)}>
          Reset to the preset
        </button>
      </div>
      {(currentParsed.ok && !current) || (updateParsed.ok && !incoming) ? (
        <p className={styles.problem} role="alert">
          Both schemas must be a struct or a column list, such as <code>id BIGINT, ts TIMESTAMP</code>.
        </p>
      ) : null}
      {report && (
        <>
          <p className={report.accepted ? styles.accepted : styles.refused} role="status">
            {report.accepted
              ? report.schemaChanges
                ? `Accepted: the table's schema becomes ${sqlTypeName(report.result)}.`
                : 'Accepted: the table keeps its schema.'
              : `Refused with ${report.error?.errorClass ?? 'an error'}.`}
          </p>
          <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Findings per field">
            <table className={frame.table}>
              <caption>What happens to each field</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Table type</th>
                  <th scope="col">Incoming type</th>
                  <th scope="col">Verdict</th>
                  <th scope="col">Result</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {report.findings.map((finding) => (
                  <tr key={`${finding.path}-${finding.verdict}`} className={styles[`verdict-${finding.verdict}`]}>
                    <th scope="row">
                      <code>{finding.path}</code>
                    </th>
                    <td>{finding.current ? <code>{sqlTypeName(finding.current)}</code> : '—'}</td>
                    <td>{finding.update ? <code>{sqlTypeName(finding.update)}</code> : '—'}</td>
                    <td>{verdictLabels[finding.verdict]}</td>
                    <td>{finding.result ? <code>{sqlTypeName(finding.result)}</code> : '—'}</td>
                    <td>{finding.detail}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {report.error && (
            <div className={styles.error}>
              <h4>The error Spark prints</h4>
              <p>
                <code>{report.error.errorClass}</code>, SQLSTATE <code>{report.error.sqlState}</code>, thrown as <code>{report.error.exceptionClass}</code>
                {report.error.cause && (
                  <>
                    , caused by <code>{report.error.cause.errorClass}</code>
                  </>
                )}
                .
              </p>
              <pre className={styles.errorText} aria-label="Error text">
                {errorText}
              </pre>
              <button type="button" className="button button--secondary button--sm" onClick={() => copy(errorText, 'Error text')}>
                Copy the error text
              </button>
            </div>
          )}
          {resolutions.length > 0 && (
            <div>
              <h4>How to fix it</h4>
              {resolutions
                .filter((resolution) => resolution.applicable)
                .map((resolution) => (
                  <details key={resolution.kind} className={styles.fix} open={resolution.kind === 'cast-source'}>
                    <summary>{resolution.title}</summary>
                    <p>{resolution.tradeOffs}</p>
                    <CodeBlock language="python" title="PySpark">
                      {resolution.pyspark}
                    </CodeBlock>
                    <CodeBlock language="sql" title="Spark SQL">
                      {resolution.sql}
                    </CodeBlock>
                  </details>
                ))}
            </div>
          )}
          {castable && (
            <div>
              <h4>Try the cast on generated data</h4>
              <p className={styles.hint}>
                Generates 1,000 incoming rows of the new types for the top-level columns that differ, casts them to the table&apos;s types as Spark&apos;s <code>try_cast</code> does
                (fractions truncated toward zero, only whole-number text read as an integer) and MERGEs them into a DuckDB table in this tab.
              </p>
              <button type="button" className="button button--primary button--sm" onClick={runDemo} disabled={demo.running}>
                Apply the cast in DuckDB
              </button>
              <p className={frame.status} role="status">
                {demo.running ? (engineProgress ? describeStatus(engineProgress) : 'Merging the cast rows…') : demo.result ? `The MERGE wrote ${demo.result.merged.toLocaleString('en-US')} of ${demo.result.rows.toLocaleString('en-US')} rows.` : ''}
              </p>
              {demo.error && <EngineErrorView error={demo.error} />}
              {demo.result && (
                <div className={frame.tableScroller} tabIndex={0} role="region" aria-label="Cast results">
                  <table className={frame.table}>
                    <caption>What the cast did to each column</caption>
                    <thead>
                      <tr>
                        <th scope="col">Column</th>
                        <th scope="col">Cast</th>
                        <th scope="col">Turned into NULL</th>
                        <th scope="col">Changed by the cast</th>
                      </tr>
                    </thead>
                    <tbody>
                      {demo.result.columns.map((column) => (
                        <tr key={column.name}>
                          <th scope="row">
                            <code>{column.name}</code>
                          </th>
                          <td>
                            <code>{sqlTypeName(column.from)}</code> → <code>{sqlTypeName(column.to)}</code>
                          </td>
                          <td>
                            {column.nulled.toLocaleString('en-US')}
                            {column.examples.length > 0 && ` (for example ${column.examples.map((value) => JSON.stringify(value)).join(', ')})`}
                          </td>
                          <td>
                            {column.changed.toLocaleString('en-US')}
                            {column.changedExamples.length > 0 && ` (for example ${column.changedExamples.slice(0, 3).join(', ')})`}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {demo.result.skipped.length > 0 && <p className={styles.hint}>Not part of the demo (nested or complex types): {demo.result.skipped.join('; ')}.</p>}
                </div>
              )}
            </div>
          )}
        </>
      )}
      <p className={frame.status} role="status" aria-live="polite">
        {copied}
      </p>
    </section>
  );
}
