import {join} from 'node:path';
import type {PluginOptions} from '@docusaurus/plugin-pwa';

/**
 * @docusaurus/plugin-pwa: a service worker that keeps the site readable on a plant network with no internet
 * after one visit. It precaches every page, script, style, image and the search index (the plugin's own glob
 * patterns); src/pwa/swCustom.js adds DuckDB-WASM, cached the first time a lab runs, and page reloads offline.
 */
export const pwaOptions: Partial<PluginOptions> = {
  // Offline for every reader after one visit, not only for an installed app (the plugin's default strategies).
  offlineModeActivationStrategies: ['always'],
  // Registered after the page is idle, and silent where the browser refuses service workers.
  // Absolute paths: the plugin resolves both from its own folder.
  swRegister: join(__dirname, 'registerServiceWorker.ts'),
  swCustom: join(__dirname, 'swCustom.js'),
  injectManifestConfig: {
    // The search index (8.6 MB) and Monaco's chunk (2.9 MB) are over workbox's 2 MiB default and must be precached.
    maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
    // The build's top-level scripts are DuckDB-WASM's workers (~0.8 MB each, one of two used): swCustom.js caches
    // the one a lab loads, with its WebAssembly, instead of every reader downloading both.
    globIgnores: ['*.js'],
    // The plugin sets swSrc and swDest itself (its types still ask for them).
  } as PluginOptions['injectManifestConfig'],
  pwaHead: [
    {tagName: 'link', rel: 'manifest', href: '/manifest.json'},
    {tagName: 'meta', name: 'theme-color', content: '#2e7d6b'},
  ],
};
