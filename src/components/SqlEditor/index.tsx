import {useEffect, useId, useRef, useState, type ReactNode} from 'react';
import Editor from '@monaco-editor/react';
import {useColorMode} from '@docusaurus/theme-common';
import {darkThemeName, lightThemeName, monaco, TabFocus} from './monacoSetup';
import styles from './styles.module.css';

/** A problem to underline in the text, 1-based like the parsers report it. */
export interface EditorMarker {
  line: number;
  column: number;
  message: string;
}

export interface SqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** What Ctrl/Cmd+Enter does; editors without it do not offer the key. */
  onRun?: () => void;
  label: string;
  /** DuckDB SQL (the default; Spark DDL reads well in it too), the JSON of a Spark schema, YAML, or plain text (HOCON). */
  language?: 'duckdb-sql' | 'schema-json' | 'yaml' | 'plaintext';
  markers?: readonly EditorMarker[];
  /** Called once Monaco has mounted (SqlEditor/Deferred shows it then, and hands it the focus). */
  onMounted?: (editor: MonacoInstance) => void;
}

/** A mounted Monaco editor. */
export type MonacoInstance = monaco.editor.IStandaloneCodeEditor;

const lineHeight = 20;

/**
 * Escape leaves the editor unless it closes something of Monaco's first (suggestions, find, hints, a snippet,
 * extra cursors): context keys from monaco-editor 0.52's suggest, find, parameterHints, rename, snippet,
 * gotoError and hover contributions.
 */
const leaveContext =
  '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !renameInputVisible && !inSnippetMode && !markersNavigationVisible && !editorHasMultipleSelections && !editorHoverVisible';

/** The keys that get out of the editor, as the hint and the screen reader description say them. */
function keyHint(runs: boolean): string {
  const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
  const tabMode = mac ? 'Ctrl+Shift+M' : 'Ctrl+M';
  return [
    runs ? `${mac ? 'Cmd' : 'Ctrl'}+Enter runs.` : '',
    'Tab indents; to leave the editor press Esc, then Tab or Shift+Tab.',
    `${tabMode} makes Tab always move focus (press it again to indent).`,
    'F1 lists the editor commands.',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * Monaco with DuckDB SQL highlighting (registered in monacoSetup); Ctrl/Cmd+Enter runs. Loaded lazily.
 * Tab indents as in any code editor, so the way out is said on screen and to screen readers (aria-describedby on
 * Monaco's textarea, next to its own aria-label): Esc hands the next Tab or Shift+Tab to the page, as CodeMirror
 * does, and Monaco's own Ctrl+M (Toggle Tab Key Moves Focus) still works.
 */
export default function SqlEditor({value, onChange, onRun, label, language = 'duckdb-sql', markers = [], onMounted}: SqlEditorProps): ReactNode {
  const {colorMode} = useColorMode();
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const hintId = useId();
  const [editor, setEditor] = useState<monaco.editor.IStandaloneCodeEditor | undefined>();
  const lines = value.split('\n').length;
  const height = Math.min(420, Math.max(120, (lines + 2) * lineHeight));
  const hint = keyHint(onRun !== undefined);

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
    <div>
      <Editor
        height={height}
        language={language}
        theme={colorMode === 'dark' ? darkThemeName : lightThemeName}
        value={value}
        onChange={(next) => onChange(next ?? '')}
        onMount={(mounted) => {
          // An action, not addCommand: Monaco keeps one addCommand binding per keystroke for all editors, so
          // with several editors on a page Ctrl+Enter would run the last one mounted.
          if (runRef.current) {
            mounted.addAction({id: 'mdp.run', label: 'Run', keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter], run: () => runRef.current?.()});
          }
          // Esc: the next Tab or Shift+Tab moves focus out. Monaco's tab-focus switch is global, so it is turned
          // back off as soon as the editor loses focus or another key is pressed.
          let leaving = false;
          const stopLeaving = () => {
            if (leaving) {
              leaving = false;
              TabFocus.setTabFocusMode(false);
            }
          };
          mounted.addAction({
            id: 'mdp.leave',
            label: 'Leave the editor: the next Tab or Shift+Tab moves focus',
            keybindings: [monaco.KeyCode.Escape],
            keybindingContext: leaveContext,
            run: () => {
              if (!TabFocus.getTabFocusMode()) {
                leaving = true;
                TabFocus.setTabFocusMode(true);
              }
            },
          });
          const modifiers = new Set([monaco.KeyCode.Tab, monaco.KeyCode.Escape, monaco.KeyCode.Shift, monaco.KeyCode.Ctrl, monaco.KeyCode.Alt, monaco.KeyCode.Meta]);
          mounted.onKeyDown((event) => {
            if (!modifiers.has(event.keyCode)) {
              stopLeaving();
            }
          });
          mounted.onDidBlurEditorText(stopLeaving);
          mounted.getDomNode()?.querySelector('textarea')?.setAttribute('aria-describedby', hintId);
          setEditor(mounted);
          onMounted?.(mounted);
        }}
        loading={<span>Loading the editor…</span>}
        wrapperProps={{'data-editor': editor ? 'ready' : 'loading'}}
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
      <p id={hintId} className={styles.keys}>
        {hint}
      </p>
    </div>
  );
}
