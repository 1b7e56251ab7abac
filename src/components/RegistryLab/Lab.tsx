import {useMemo, type ReactNode} from 'react';
import {checkRegistryCompatibility, parseAvroSchema, registryCompatibilityModes, type AvroParseResult, type AvroSchema, type RegistryCompatibilityMode} from '@site/playground';
import {useStoredState} from '@site/src/components/SqlPlayground/useStoredState';
import frame from '@site/src/components/LabFrame/styles.module.css';
import styles from '@site/src/components/SchemaLab/styles.module.css';
import {candidatePresets, registeredVersions} from './presets';
import SqlEditor from '@site/src/components/SqlEditor/Deferred';

const storageKey = 'mdp.registryLab';

interface RegistryState {
  versions: string;
  candidate: string;
  mode: RegistryCompatibilityMode;
}

const initialState: RegistryState = {versions: registeredVersions, candidate: candidatePresets[0]!.schema, mode: 'BACKWARD'};

const directionWords = {
  'new-reads-old': 'the new schema cannot read data written with',
  'old-reads-new': 'consumers still on',
} as const;

/** The registered versions: a JSON array of schemas (oldest first) or a single schema. */
function parseVersions(text: string): {schemas: AvroSchema[]} | {error: string} {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) {
    const single = parseAvroSchema(text);
    return single.ok ? {schemas: [single.schema]} : {error: describeError(single)};
  }
  let items: unknown;
  try {
    items = JSON.parse(trimmed);
  } catch {
    return {error: 'The registered versions are not valid JSON: give a JSON array of schemas, oldest first.'};
  }
  if (!Array.isArray(items) || items.length === 0) {
    return {error: 'Give at least one registered version.'};
  }
  const schemas: AvroSchema[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = parseAvroSchema(JSON.stringify(item));
    if (!parsed.ok) {
      return {error: `Version ${index + 1}: ${describeError(parsed)}`};
    }
    schemas.push(parsed.schema);
  }
  return {schemas};
}

function describeError(result: AvroParseResult): string {
  if (result.ok) {
    return '';
  }
  const where = [result.error.path ? `at ${result.error.path}` : '', result.error.line !== undefined ? `line ${result.error.line}, column ${result.error.column}` : ''].filter(Boolean).join(', ');
  return `${where ? `${where}: ` : ''}${result.error.message}`;
}

/** Would Schema Registry accept the new Avro schema under a compatibility mode, and if not, why. */
export default function RegistryLab(): ReactNode {
  const [state, setState] = useStoredState<RegistryState>(storageKey, initialState);
  const change = (next: Partial<RegistryState>) => setState((previous) => ({...previous, ...next}));
  const versions = useMemo(() => parseVersions(state.versions), [state.versions]);
  const candidate = useMemo(() => parseAvroSchema(state.candidate), [state.candidate]);
  const result = useMemo(
    () => ('schemas' in versions && candidate.ok ? checkRegistryCompatibility(candidate.schema, versions.schemas, state.mode) : undefined),
    [versions, candidate, state.mode],
  );

  return (
    <section className={frame.frame} aria-label="Schema Registry compatibility lab" id="registry-lab">
      <div className={styles.controls}>
        <label>
          New schema{' '}
          <select value={candidatePresets.find((preset) => preset.schema === state.candidate)?.id ?? 'custom'} onChange={(event) => change({candidate: candidatePresets.find((preset) => preset.id === event.target.value)?.schema ?? state.candidate})}>
            {candidatePresets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.title}
              </option>
            ))}
            <option value="custom" disabled>
              Your schema
            </option>
          </select>
        </label>
        <label>
          Compatibility mode{' '}
          <select value={state.mode} onChange={(event) => change({mode: event.target.value as RegistryCompatibilityMode})}>
            {registryCompatibilityModes.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={styles.editors}>
        <div className={styles.editorColumn}>
          <h4 className={styles.editorTitle}>Registered versions (a JSON array, oldest first)</h4>
          <div className={frame.editor}>
            <SqlEditor value={state.versions} onChange={(text) => change({versions: text})} label="Registered versions: Avro schemas as a JSON array, oldest first" language="schema-json" />
          </div>
          {'error' in versions && (
            <p className={styles.problem} role="alert">
              Registered versions: {versions.error}
            </p>
          )}
        </div>
        <div className={styles.editorColumn}>
          <h4 className={styles.editorTitle}>New schema</h4>
          <div className={frame.editor}>
            <SqlEditor value={state.candidate} onChange={(text) => change({candidate: text})} label="New schema: an Avro schema as JSON" language="schema-json" />
          </div>
          {!candidate.ok && (
            <p className={styles.problem} role="alert">
              New schema: {describeError(candidate)}
            </p>
          )}
        </div>
      </div>
      {result && (
        <>
          <p className={result.compatible ? styles.accepted : styles.refused} role="status">
            {result.mode === 'NONE'
              ? 'NONE: the registry accepts any schema without checking.'
              : result.compatible
                ? `Compatible under ${result.mode}: checked against version${result.checkedAgainst.length > 1 ? 's' : ''} ${result.checkedAgainst.join(', ')}.`
                : `Incompatible under ${result.mode}: the registry refuses the schema (HTTP 409).`}
          </p>
          {result.incompatibilities.length > 0 && (
            <ul aria-label="Incompatibilities">
              {result.incompatibilities.map((problem, index) => (
                <li key={index}>
                  <strong>Version {problem.version}</strong>: {directionWords[problem.direction]}
                  {problem.direction === 'old-reads-new' ? ` version ${problem.version} cannot read data written with the new schema` : ` version ${problem.version}`}. <code>{problem.kind}</code> at{' '}
                  <code>{problem.path}</code>: {problem.message}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
