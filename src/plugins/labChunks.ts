import {join, sep} from 'node:path';
import type {LoadContext, Plugin} from '@docusaurus/types';

/** What rspack and webpack attach to a warning to say which module it is about. */
interface ModuleWarning {
  moduleIdentifier?: string;
  module?: {resource?: string};
}

/** Monaco's worker loader keeps an AMD `require` branch the ESM build never takes. */
function isMonacoAmdWarning(warning: Error): boolean {
  const {moduleIdentifier, module} = warning as Error & ModuleWarning;
  const source = moduleIdentifier ?? module?.resource ?? '';
  return /monaco-editor[\\/]esm[\\/]vs[\\/]editor[\\/]common[\\/]services[\\/]editorSimpleWorker/.test(source);
}

/**
 * Bundling rules for the labs:
 * - Docusaurus puts all CSS into one `styles` file loaded by every page. Monaco's CSS (about
 *   190 KB) would land there too; a cache group keeps it in an async chunk loaded with the editor.
 * - The labs only run in the browser, so the server bundle gets an empty DuckDB-WASM module
 *   instead of its Node build.
 * - `import source from './module.py?raw'` gives a file's text, for pages that show the full
 *   production module behind a lab (`SourceModule`).
 * - The engine (`playground/`) is imported through its one entry, `playground/index.ts`. Its modules
 *   only declare (no module changes anything when it is imported), so they are marked free of side
 *   effects: a page chunk then gets the modules it uses, not the whole engine with the error catalog
 *   and the tutorials. Docusaurus turns off the bundler's default group for shared modules outside
 *   node_modules (only what half of all pages use goes to `common`), so every lab page's chunk held
 *   its own copy of the engine (about 675 KB each, 31 MB of JavaScript in all); the `engine` group
 *   puts engine modules that two or more chunks use into shared chunks instead.
 */
export default function labChunksPlugin(context: LoadContext): Plugin {
  const engineModules = new RegExp(`${escapeRegExp(join(context.siteDir, 'playground') + sep)}.*\\.ts$`);
  return {
    name: 'lab-chunks',
    configureWebpack: (_config, isServer) => ({
      ignoreWarnings: [isMonacoAmdWarning],
      module: {rules: [{resourceQuery: /raw/, type: 'asset/source'}, {test: engineModules, sideEffects: false}]},
      ...(isServer
        ? {resolve: {alias: {'@duckdb/duckdb-wasm': false}}}
        : {
            optimization: {
              splitChunks: {
                cacheGroups: {
                  engine: {
                    test: engineModules,
                    chunks: 'async',
                    minChunks: 2,
                    priority: 30,
                    reuseExistingChunk: true,
                  },
                  monacoStyles: {
                    name: 'monaco-styles',
                    test: /[\\/]node_modules[\\/]monaco-editor[\\/]/,
                    type: 'css/mini-extract',
                    chunks: 'async',
                    enforce: true,
                    priority: 60,
                  },
                },
              },
            },
          }),
    }),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
