import * as monaco from 'monaco-editor/esm/vs/editor/editor.api';
import 'monaco-editor/esm/vs/editor/edcore.main';
import 'monaco-editor/esm/vs/basic-languages/sql/sql.contribution';
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

export {monaco};
