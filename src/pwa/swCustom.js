/**
 * Runs inside the service worker that @docusaurus/plugin-pwa builds (its `swCustom` option; plain JavaScript,
 * because the plugin compiles only .js/.mjs for the worker). The plugin's own code precaches the build and
 * answers for the precached files; this adds what a reader needs offline beyond them.
 *
 * The plugin's sw.js calls this before it adds its own fetch listener, so the routes here see each request
 * first: they only match requests the precache does not hold (DuckDB's top-level files, excluded from it by
 * `globIgnores` in options.ts, and pages requested without `.html`), so both never answer the same request.
 */
import {registerRoute} from 'workbox-routing';
import {CacheFirst} from 'workbox-strategies';

/** DuckDB-WASM's worker scripts and WebAssembly: the build's top-level files named by their content hash. */
const duckdbFile = /^\/[0-9a-f]{16}\.(?:js|wasm)$/;

/** A page request. The build writes `/docs/x` as docs/x.html, which the precache holds under that name. */
function isPageNavigation({request, url, sameOrigin}) {
  return sameOrigin && request.mode === 'navigate' && !url.pathname.endsWith('/') && !url.pathname.endsWith('.html');
}

/** Online, the page from the server (a new build shows at once); offline, the precached `.html` file. */
async function pageFromNetworkOrPrecache({request, url}) {
  try {
    return await fetch(request);
  } catch (error) {
    // The precache keys carry a `__WB_REVISION__` query; the page's own query (a share link) does not matter.
    const cached = await caches.match(`${url.origin}${url.pathname}.html`, {ignoreSearch: true});
    if (cached) {
      return cached;
    }
    throw error;
  }
}

export default function swCustom(params) {
  if (!params.offlineMode) {
    return;
  }
  // The first lab run downloads the engine (34 MB); the file names change when DuckDB does, so a cached copy
  // is always the right one.
  registerRoute(({url, sameOrigin}) => sameOrigin && duckdbFile.test(url.pathname), new CacheFirst({cacheName: 'mdp-duckdb'}));
  registerRoute(isPageNavigation, pageFromNetworkOrPrecache);
  // Take over the open pages as soon as this worker is active, so the lab a reader runs on the first visit is
  // cached, not only one run on a later page.
  self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
}
