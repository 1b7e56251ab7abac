import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/edcore.main';
import {conf as sqlConf, language as sqlLanguage} from 'monaco-editor/esm/vs/basic-languages/sql/sql';
import {conf as yamlConf, language as yamlLanguage} from 'monaco-editor/esm/vs/basic-languages/yaml/yaml';
import {TabFocus} from 'monaco-editor/esm/vs/editor/browser/config/tabFocus';
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

/** YAML (bundle files) with Monaco's own Monarch grammar, which needs no worker. */
monaco.languages.register({id: 'yaml', aliases: ['YAML']});
monaco.languages.setLanguageConfiguration('yaml', yamlConf);
monaco.languages.setMonarchTokensProvider('yaml', yamlLanguage);

/**
 * Schema JSON (`df.schema.json()`) highlighted without Monaco's JSON language service, which
 * would need a worker of its own: keys, strings, numbers and literals are enough here.
 */
monaco.languages.register({id: 'schema-json', aliases: ['JSON']});
monaco.languages.setLanguageConfiguration('schema-json', {
  brackets: [
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    {open: '{', close: '}'},
    {open: '[', close: ']'},
    {open: '"', close: '"'},
  ],
});
monaco.languages.setMonarchTokensProvider('schema-json', {
  tokenizer: {
    root: [
      [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'type'],
      [/"(?:[^"\\]|\\.)*"/, 'string'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/\b(?:true|false|null)\b/, 'keyword'],
      [/[{}[\],:]/, 'delimiter'],
    ],
  },
});

/**
 * Monaco's light theme with the SQL colours that fall below the 4.5:1 contrast WCAG AA asks of
 * text on white darkened: strings (#FF0000), operators (#778899), predefined functions (#FF00FF)
 * and the second bracket-pair colour (#319331).
 */
export const lightThemeName = 'mdp-light';
monaco.editor.defineTheme(lightThemeName, {
  base: 'vs',
  inherit: true,
  rules: [
    {token: 'string.sql', foreground: 'b00000'},
    {token: 'operator.sql', foreground: '4d5b69'},
    {token: 'predefined.sql', foreground: '9c1090'},
    {token: 'string', foreground: 'b00000'},
  ],
  colors: {'editorBracketHighlight.foreground2': '#1d6e1d'},
});

/**
 * Monaco's dark theme (vs-dark) with the colours below 4.5:1 on its #1E1E1E background raised to WCAG AA:
 * comments (#608B4E, 4.2:1), SQL strings (#FF0000, 4.2:1), predefined variables (#4864AA, 2.9:1), regular
 * expressions (#B46695, 4.2:1) and annotations (#CC6666, 4.5:1 rounded up). The replacements are VS Code's
 * Dark+ comment and string colours and lighter shades of the others, each at least 5:1.
 */
export const darkThemeName = 'mdp-dark';
monaco.editor.defineTheme(darkThemeName, {
  base: 'vs-dark',
  inherit: true,
  rules: [
    {token: 'comment', foreground: '6a9955'},
    {token: 'string.sql', foreground: 'f48771'},
    {token: 'variable.predefined', foreground: '8a9fd8'},
    {token: 'regexp', foreground: 'd385b5'},
    {token: 'annotation', foreground: 'e07070'},
  ],
  colors: {},
});

export {monaco, TabFocus};
