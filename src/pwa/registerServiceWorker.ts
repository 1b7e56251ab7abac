/**
 * Registers the service worker that @docusaurus/plugin-pwa builds (the plugin's `swRegister` option), in offline
 * mode for every reader: what its own registerSw.js does with the strategy 'always', with two differences.
 * - It waits until the page has loaded and is idle, so the precache download never competes with the first
 *   paint, hydration or a lab starting.
 * - Where the browser refuses service workers (a policy, a private window, a test browser), the page stays as
 *   it is and logs nothing: the site works online without one.
 * When a new build is deployed, the new worker installs and waits, as service workers do, until no tab of the
 * site is open; the page is never reloaded without the reader.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';

/** The plugin's sw.js reads its parameters from this query string (parseSwParams in the plugin's sw.js). */
const serviceWorkerUrl = `${process.env.PWA_SERVICE_WORKER_URL}?params=${encodeURIComponent(JSON.stringify({offlineMode: true, debug: false}))}`;

async function register(): Promise<void> {
  try {
    await navigator.serviceWorker.register(serviceWorkerUrl);
  } catch {
    // Refused (policy, private window): the site works online without a service worker.
  }
}

function whenIdle(callback: () => void): void {
  const afterLoad = () => ('requestIdleCallback' in window ? window.requestIdleCallback(callback, {timeout: 10_000}) : setTimeout(callback, 2_000));
  if (document.readyState === 'complete') {
    afterLoad();
  } else {
    window.addEventListener('load', afterLoad, {once: true});
  }
}

if (ExecutionEnvironment.canUseDOM && 'serviceWorker' in navigator) {
  whenIdle(() => void register());
}
