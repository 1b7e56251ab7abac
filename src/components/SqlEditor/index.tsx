import {useEffect, useRef, useState, type ReactNode} from 'react';
import Editor from '@monaco-editor/react';
import {useColorMode} from '@docusaurus/theme-common';
import {lightThemeName, monaco} from './monacoSetup';

/** A problem to underline in the text, 1-based like the parsers report it. */
export interface EditorMarker {
  line: number;
  column: number;
  message: string;
}

export interface SqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  label: string;
  /** DuckDB SQL (the default; Spark DDL reads well in it too), the JSON of a Spark schema, YAML, or plain text (HOCON). */
  language?: 'duckdb-sql' | 'schema-json' | 'yaml' | 'plaintext';
  markers?: readonly EditorMarker[];
}

const lineHeight = 20;

/** Monaco with DuckDB SQL highlighting (registered in monacoSetup); Ctrl/Cmd+Enter runs. Loaded lazily. */
export default function SqlEditor({value, onChange, onRun, label, language = 'duckdb-sql', markers = []}: SqlEditorProps): ReactNode {
  const {colorMode} = useColorMode();
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | undefined>();
  const lines = value.split('\n').length;
  const height = Math.min(420, Math.max(120, (lines + 2) * lineHeight));

  useEffect(() => {
    const model = editor?.getModel();
    if (!model) {
      return;
    }
    monaco.editor.setModelMarkers(
      model,
      'mdp',
      markers.map((marker) => ({
        severity: monaco.MarkerSeverity.Error,
        message: marker.message,
        startLineNumber: marker.line,
        startColumn: marker.column,
        endLineNumber: marker.line,
        endColumn: marker.column + 1,
      })),
    );
  }, [editor, markers, value]);

  return (
    <Editor
      height={height}
      language={language}
      theme={colorMode === 'dark' ? 'vs-dark' : lightThemeName}
      value={value}
      onChange={(next) => onChange(next ?? '')}
      onMount={(mounted) => {
        // An action, not addCommand: Monaco keeps one addCommand binding per keystroke for all editors, so
        // with several editors on a page Ctrl+Enter would run the last one mounted.
        mounted.addAction({id: 'mdp.run', label: 'Run', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => runRef.current()});
        setEditor(mounted);
      }}
      loading={<span>Loading the editor…</span>}
      options={{
        ariaLabel: label,
        minimap: {enabled: false},
        fontSize: 14,
        lineHeight,
        scrollBeyondLastLine: false,
        automaticLayout: true,
        wordWrap: 'on',
        tabSize: 2,
      }}
    />
  );
}
