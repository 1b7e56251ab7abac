import {createRequire} from 'node:module';
import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';

const require = createRequire(__filename);

/** The HOCON library's modules and the browser packages that stand in for Node's: they read `process` too. */
const hoconModules = /node_modules[\\/](?:@pushcorn[\\/]hocon-parser|util|assert|path-browserify|url)[\\/].*\.js$/;

/** The chunk that holds the library's modules (a cache group below), and its file. */
const hoconChunk = 'hocon-library';
const hoconChunkFile = new RegExp(`(^|/)${hoconChunk}\\.[0-9a-f]+\\.js$`);

/** rspack's SwcJsMinimizerRspackPlugin options (its constructor arguments), as the plugin keeps them. */
interface SwcMinimizerArgs {
  include?: unknown;
  exclude?: unknown;
  minimizerOptions?: {mangle?: unknown; compress?: unknown};
}

/** The site's JS minimizer: rspack's SwcJsMinimizerRspackPlugin or terser-webpack-plugin running swc. */
interface MinimizerLike {
  constructor: new (options: SwcMinimizerArgs) => MinimizerLike;
  _args?: [SwcMinimizerArgs?];
  options?: {minimizer?: {options?: Record<string, unknown>}};
}

const keepingClassNames = (option: unknown) => (option === false ? false : {...(typeof option === 'object' ? option : {}), keep_classnames: true});

/**
 * Runs @pushcorn/hocon-parser in the browser, so the HOCON lab resolves the reader's edits with the
 * same library the unit tests use:
 * - its Node imports come from their browser packages (path-browserify, url, util, assert,
 *   os-browserify); fs, vm, module and crypto are empty and its HTTP client is refused (hoconNoHttp.cjs),
 *   since playground/deploy/hocon.ts gives it files from memory through its own source;
 * - `process` and `Buffer` are given to its modules only (hoconNodeGlobals.cjs);
 * - the library registers its sources and builders under their class names, so class names are kept in
 *   its chunk (`hocon-library`), and only there, not in every script of the site.
 */
export default function hoconBrowserPlugin(): Plugin {
  return {
    name: 'hocon-browser',
    configureWebpack(config, isServer) {
      // The labs run in the browser only: the server bundle never resolves HOCON.
      if (isServer) return {resolve: {alias: {'@pushcorn/hocon-parser': false}}};
      // The library registers its sources and builders under their class names (Context.registerComponent),
      // so its chunk is minified keeping class names (swc's mangle and compress option keep_classnames) by a
      // second instance of the site's swc minimizer; the site's own instance leaves that chunk out.
      const minimizers = (config.optimization?.minimizer ?? []) as unknown as MinimizerLike[];
      for (const plugin of [...minimizers]) {
        const swcArgs = plugin?._args?.[0];
        if (swcArgs?.minimizerOptions) {
          const {mangle = true, compress = true} = swcArgs.minimizerOptions;
          minimizers.push(
            new plugin.constructor({
              ...swcArgs,
              include: hoconChunkFile,
              minimizerOptions: {...swcArgs.minimizerOptions, mangle: keepingClassNames(mangle), compress: keepingClassNames(compress)},
            }),
          );
          swcArgs.exclude = hoconChunkFile;
        }
        // terser-webpack-plugin (the site without `future.faster`): class names kept everywhere, as before.
        const terser = plugin?.options?.minimizer?.options;
        if (terser) terser.keep_classnames = true;
      }
      return {
        optimization: {
          splitChunks: {
            cacheGroups: {
              // Every module of the library in the one chunk the class-name-keeping minimizer handles.
              hoconParser: {name: hoconChunk, test: /[\\/]node_modules[\\/]@pushcorn[\\/]hocon-parser[\\/]/, chunks: 'async', enforce: true, priority: 60},
            },
          },
        },
        module: {rules: [{test: hoconModules, use: [{loader: join(__dirname, 'hoconNodeGlobals.cjs')}]}]},
        resolve: {
          alias: {'rock-req': join(__dirname, 'hoconNoHttp.cjs')} as Record<string, string>,
          fallback: {
            path: require.resolve('path-browserify'),
            url: require.resolve('url/'),
            util: require.resolve('util/'),
            assert: require.resolve('assert/'),
            os: require.resolve('os-browserify/browser'),
            fs: false,
            vm: false,
            module: false,
            crypto: false,
          },
        },
        ignoreWarnings: [(warning: Error & {moduleIdentifier?: string; module?: {resource?: string}}) => /@pushcorn[\\/]hocon-parser/.test(warning.moduleIdentifier ?? warning.module?.resource ?? '')],
      };
    },
  };
}
