import type {Plugin} from '@docusaurus/types';

/**
 * Docusaurus puts all CSS into one `styles` file loaded by every page. Monaco's CSS (about
 * 190 KB) would land there too; this cache group keeps it in an async chunk that only loads
 * with the editor on lab pages.
 */
export default function labChunksPlugin(): Plugin {
  return {
    name: 'lab-chunks',
    configureWebpack: (_config, isServer) =>
      isServer
        ? {}
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
          },
  };
}
