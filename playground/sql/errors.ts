/** What went wrong with a query, as data the UI turns into words. */
export type EngineErrorKind = 'sql' | 'missing-extension' | 'cancelled' | 'engine-failed';

/** Extensions the offline DuckDB-WASM build does not have. */
export type MissingExtension = 'json' | 'parquet' | 'icu';

export interface EngineErrorInfo {
  kind: EngineErrorKind;
  /** DuckDB's own message (first line kept whole). */
  message: string;
  extension?: MissingExtension;
  /** The core-DuckDB way to do the same thing, where there is one. */
  alternative?: string;
}

/** A query failure carrying its classification. */
export class EngineError extends Error {
  readonly info: EngineErrorInfo;

  constructor(info: EngineErrorInfo) {
    super(info.message);
    this.name = 'EngineError';
    this.info = info;
  }
}

const alternatives: Record<MissingExtension, string> = {
  json: "Parse a JSON object string with TRY_CAST(s AS STRUCT(field TYPE, ...)), e.g. TRY_CAST('{\"fw\": \"2.1\"}' AS STRUCT(fw VARCHAR)); read fields with s.field.",
  parquet: 'Work on the generated tables directly; CREATE TABLE ... AS SELECT keeps intermediate results in memory.',
  icu: 'Keep timestamps in UTC (TIMESTAMP) and add the plant offset as an INTERVAL; plants.utc_offset_minutes holds it.',
};

/** Which missing extension a DuckDB error message is about, if any. */
function missingExtension(message: string): MissingExtension | undefined {
  const named = /(?:exists in the |required extension '?)(json|parquet|icu)\b/i.exec(message);
  if (named) {
    return named[1]!.toLowerCase() as MissingExtension;
  }
  if (/\bread_parquet|parquet_scan|\.parquet\b/i.test(message)) {
    return 'parquet';
  }
  return undefined;
}

/** DuckDB-WASM reports some errors as JSON; render them as DuckDB's CLI does ("Parser Error: ..."). */
function readableMessage(raw: string): string {
  if (!raw.startsWith('{')) {
    return raw;
  }
  try {
    const parsed = JSON.parse(raw) as {exception_type?: unknown; exception_message?: unknown};
    if (typeof parsed.exception_type === 'string' && typeof parsed.exception_message === 'string') {
      return `${parsed.exception_type} Error: ${parsed.exception_message}`;
    }
  } catch {
    // Not JSON after all: keep the text as DuckDB wrote it.
  }
  return raw;
}

/** Classifies an error thrown by DuckDB-WASM. */
export function classifyEngineError(error: unknown): EngineErrorInfo {
  if (error instanceof EngineError) {
    return error.info;
  }
  const message = readableMessage(error instanceof Error ? error.message : String(error));
  if (/query was cancell?ed|INTERRUPT/i.test(message)) {
    return {kind: 'cancelled', message: 'The query was cancelled.'};
  }
  const extension = missingExtension(message);
  if (extension) {
    return {kind: 'missing-extension', message, extension, alternative: alternatives[extension]};
  }
  if (/RuntimeError|unreachable|memory access out of bounds|worker is not set|database has been invalidated/i.test(message)) {
    return {kind: 'engine-failed', message};
  }
  return {kind: 'sql', message};
}
