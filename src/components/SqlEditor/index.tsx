import {useRef, type ReactNode} from 'react';
import Editor from '@monaco-editor/react';
import {useColorMode} from '@docusaurus/theme-common';
import {lightThemeName, monaco} from './monacoSetup';

export interface SqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  label: string;
}

const lineHeight = 20;

/** Monaco with DuckDB SQL highlighting (registered in monacoSetup); Ctrl/Cmd+Enter runs. Loaded lazily. */
export default function SqlEditor({value, onChange, onRun, label}: SqlEditorProps): ReactNode {
  const {colorMode} = useColorMode();
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const lines = value.split('\n').length;
  const height = Math.min(420, Math.max(120, (lines + 2) * lineHeight));
  return (
    <Editor
      height={height}
      language="duckdb-sql"
      theme={colorMode === 'dark' ? 'vs-dark' : lightThemeName}
      value={value}
      onChange={(next) => onChange(next ?? '')}
      onMount={(editor) => {
        editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current());
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
