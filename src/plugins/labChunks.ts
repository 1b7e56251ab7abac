import type {Plugin} from '@docusaurus/types';

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
 */
export default function labChunksPlugin(): Plugin {
  return {
    name: 'lab-chunks',
    configureWebpack: (_config, isServer) => ({
      ignoreWarnings: [isMonacoAmdWarning],
      module: {rules: [{resourceQuery: /raw/, type: 'asset/source'}]},
      ...(isServer
        ? {resolve: {alias: {'@duckdb/duckdb-wasm': false}}}
        : {
            optimization: {
              splitChunks: {
                cacheGroups: {
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
