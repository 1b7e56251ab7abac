import {createRequire} from 'node:module';
import {join} from 'node:path';
import type {Plugin} from '@docusaurus/types';

const require = createRequire(__filename);

/** The HOCON library's modules and the browser packages that stand in for Node's: they read `process` too. */
const hoconModules = /node_modules[\\/](?:@pushcorn[\\/]hocon-parser|util|assert|path-browserify|url)[\\/].*\.js$/;

/** The site's JS minimizer: rspack's SwcJsMinimizerRspackPlugin (its constructor arguments) or terser-webpack-plugin running swc. */
interface MinimizerLike {
  _args?: [{minimizerOptions?: {mangle?: unknown; compress?: unknown}}?];
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
 * - the library registers its sources and builders under their class names, so class names are kept.
 */
export default function hoconBrowserPlugin(): Plugin {
  return {
    name: 'hocon-browser',
    configureWebpack(config, isServer) {
      // The labs run in the browser only: the server bundle never resolves HOCON.
      if (isServer) return {resolve: {alias: {'@pushcorn/hocon-parser': false}}};
      // The library registers its sources and builders under their class names (Context.registerComponent),
      // so the site's JS minimizer keeps class names (swc's mangle and compress option keep_classnames).
      for (const plugin of (config.optimization?.minimizer ?? []) as unknown as MinimizerLike[]) {
        const swc = plugin?._args?.[0]?.minimizerOptions;
        if (swc) {
          swc.mangle = keepingClassNames(swc.mangle ?? true);
          swc.compress = keepingClassNames(swc.compress ?? true);
        }
        const terser = plugin?.options?.minimizer?.options;
        if (terser) terser.keep_classnames = true;
      }
      return {
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
