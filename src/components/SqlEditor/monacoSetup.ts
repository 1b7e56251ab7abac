import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/edcore.main';
import {conf as sqlConf, language as sqlLanguage} from 'monaco-editor/esm/vs/basic-languages/sql/sql';
import {loader} from '@monaco-editor/react';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

// Monaco comes from the site's own bundle, never from a CDN (the loader's default).
window.MonacoEnvironment = {
  getWorker: () => new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url)),
};
loader.config({monaco});

/** DuckDB's words that Monaco's generic SQL grammar lacks, highlighted as keywords or functions. */
const duckdbKeywords = ['PIVOT', 'UNPIVOT', 'QUALIFY', 'SAMPLE', 'TABLESAMPLE', 'REPEATABLE', 'BERNOULLI', 'RESERVOIR', 'STRUCT', 'MAP', 'LIST', 'UNION_BY_NAME', 'EXCLUDE', 'REPLACE', 'COLUMNS', 'RETURNING'];
const duckdbFunctions = ['TRY_CAST', 'MAP_KEYS', 'MAP_VALUES', 'MAP_EXTRACT', 'MAP_EXTRACT_VALUE', 'MAP_FROM_ENTRIES', 'MAP_ENTRIES', 'UNNEST', 'LIST_TRANSFORM', 'LIST_FILTER', 'STRUCT_PACK', 'DATE_TRUNC', 'EPOCH_MS', 'HASH', 'RANGE', 'GENERATE_SERIES', 'STRFTIME', 'STRPTIME', 'REGEXP_MATCHES'];

monaco.languages.register({id: 'duckdb-sql', aliases: ['DuckDB SQL']});
monaco.languages.setLanguageConfiguration('duckdb-sql', sqlConf);
monaco.languages.setMonarchTokensProvider('duckdb-sql', {
  ...sqlLanguage,
  keywords: [...sqlLanguage.keywords, ...duckdbKeywords],
  builtinFunctions: [...sqlLanguage.builtinFunctions, ...duckdbFunctions],
});

export {monaco};
