/**
 * Registers the service worker that @docusaurus/plugin-pwa builds (the plugin's `swRegister` option), in offline
 * mode for every reader: what its own registerSw.js does with the strategy 'always', with two differences.
 * - It waits until the page has loaded and is idle, so the precache download never competes with the first
 *   paint, hydration or a lab starting.
 * - Where the browser refuses service workers (a policy, a private window, a test browser), the page stays as
 *   it is and logs nothing: the site works online without one.
 * When a new build is deployed, the new worker waits and the plugin's reload popup
 * (src/theme/PwaReloadPopup) offers to load it; the page is never reloaded without the reader.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import {renderReloadPopup} from '@docusaurus/plugin-pwa/lib/renderReloadPopup.js';

/** The plugin's sw.js reads its parameters from this query string (parseSwParams in the plugin's sw.js). */
const serviceWorkerUrl = `${process.env.PWA_SERVICE_WORKER_URL}?params=${encodeURIComponent(JSON.stringify({offlineMode: true, debug: false}))}`;

/** Shows the reload popup for `waiting`; Refresh activates it (the plugin's SKIP_WAITING message) and reloads once it controls the page. */
function offerReload(waiting: ServiceWorker): void {
  // Listening from the moment the popup is offered: a listener added only on the click was seen to miss the
  // controllerchange in Chromium, so Refresh activated the new worker and never reloaded.
  let reloadRequested = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => reloadRequested && window.location.reload());
  void renderReloadPopup({
    onReload() {
      reloadRequested = true;
      // The registration's waiting worker as it is now: a message to the one captured when it installed was
      // seen to go unanswered in Chromium, one to the current object activates it.
      void navigator.serviceWorker.getRegistration().then((registration) => (registration?.waiting ?? waiting).postMessage({type: 'SKIP_WAITING'}));
    },
  });
}

async function register(): Promise<void> {
  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await navigator.serviceWorker.register(serviceWorkerUrl);
  } catch {
    return;
  }
  if (!registration) {
    return;
  }
  // A worker is "installed" while an older one controls the page only when a new build was deployed.
  if (registration.waiting && navigator.serviceWorker.controller) {
    offerReload(registration.waiting);
  }
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      if (installing.state === 'installed' && navigator.serviceWorker.controller) {
        offerReload(installing);
      }
    });
  });
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
