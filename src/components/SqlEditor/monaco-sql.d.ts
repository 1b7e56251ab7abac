// Monaco ships its SQL grammar without type declarations.
declare module 'monaco-editor/esm/vs/basic-languages/sql/sql' {
  import type {languages} from 'monaco-editor/esm/vs/editor/editor.api';

  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage & {keywords: string[]; builtinFunctions: string[]};
}

// And its YAML grammar.
declare module 'monaco-editor/esm/vs/basic-languages/yaml/yaml' {
  import type {languages} from 'monaco-editor/esm/vs/editor/editor.api';

  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}

// Monaco's global "Tab moves focus" switch, which its Ctrl+M action flips; the editor API does not export it.
declare module 'monaco-editor/esm/vs/editor/browser/config/tabFocus' {
  export const TabFocus: {getTabFocusMode(): boolean; setTabFocusMode(tabFocusMode: boolean): void};
}
