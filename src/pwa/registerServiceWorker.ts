/**
 * Registers the service worker that @docusaurus/plugin-pwa builds (the plugin's `swRegister` option), in offline
 * mode for every reader: what its own registerSw.js does with the strategy 'always', with three differences.
 * - It waits until the page has loaded and is idle, so the precache download never competes with the first
 *   paint, hydration or a lab starting.
 * - Where the browser refuses service workers (a policy, a private window, a test browser), the page stays as
 *   it is and logs nothing: the site works online without one.
 * - The update prompt (src/theme/PwaReloadPopup) reloads robustly, see `loadNewBuild`.
 *
 * A new build is found by an update check of sw.js (its bytes changed: the precache manifest lists every file's
 * revision): on every full page load and hourly while a tab stays open. `register()` alone does not check when the
 * script URL is unchanged (the Register algorithm of the Service Workers spec resolves with the existing
 * registration), so `registration.update()` asks. The new worker precaches the build's changed files and then
 * waits while this build's worker controls open pages; the prompt offers it, and the page is never reloaded
 * without the reader.
 */
import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import {renderReloadPopup} from '@docusaurus/plugin-pwa/lib/renderReloadPopup.js';
import {whenLoadedAndIdle} from '@site/src/browser/idle';

/** The plugin's sw.js reads its parameters from this query string (parseSwParams in the plugin's sw.js). */
const serviceWorkerUrl = `${process.env.PWA_SERVICE_WORKER_URL}?params=${encodeURIComponent(JSON.stringify({offlineMode: true, debug: false}))}`;

const updateCheckInterval = 60 * 60 * 1000;

/**
 * Refresh: hand the page to the waiting worker, then reload, so the reload is served from the new build's cache.
 * - The plugin's sw.js calls skipWaiting() on a {type: 'SKIP_WAITING'} message. The message goes to the
 *   registration's waiting worker as it is at the click (workbox-window's Workbox#messageSkipWaiting does the same).
 * - The reload waits for `controllerchange`, registered before the message is sent: a reload before it would be
 *   answered by the old worker, with the old build.
 * - With nothing waiting (another tab already activated the new worker) or no worker controlling this page,
 *   there is nothing to wait for: reload at once.
 * How long the wait is is Chromium's (content/browser/service_worker/): after skipWaiting() it asks the old worker
 * to stop as soon as it is idle (ServiceWorkerVersion::TriggerIdleTerminationAsap) and activates the new one once
 * the old one has no work (ServiceWorkerRegistration::IsReadyToActivate), usually within a second. If the old worker
 * is started again first, StartWorker clears that request; it then stops after its 30 s idle delay, or, while
 * DevTools is attached (as in Playwright), never (OnRequestTermination), and the new worker activates after
 * kMaxLameDuckTime, 5 minutes after skipWaiting(). Hovering a link starts it again (the speculative service worker
 * warm-up of HTMLAnchorElement::DefaultEventHandler), which is why the prompt stays where it is after Refresh.
 */
async function loadNewBuild(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration();
  const waiting = registration?.waiting;
  if (!waiting || !navigator.serviceWorker.controller) {
    window.location.reload();
    return;
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), {once: true});
  waiting.postMessage({type: 'SKIP_WAITING'});
}

let offered = false;

/** Shows the prompt once per page. */
function offerUpdate(): void {
  if (offered) {
    return;
  }
  offered = true;
  void renderReloadPopup({onReload: () => void loadNewBuild()});
}

/** A worker that finished installing while another controls this page is a new build's. */
function watchForNewBuild(registration: ServiceWorkerRegistration): void {
  const offerOnceInstalled = (worker: ServiceWorker | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) {
        offerUpdate();
      }
    });
  if (registration.waiting && navigator.serviceWorker.controller) {
    offerUpdate();
  }
  // The browser's own check after a navigation (Soft Update in the spec's Handle Fetch) may already be installing it.
  offerOnceInstalled(registration.installing);
  registration.addEventListener('updatefound', () => offerOnceInstalled(registration.installing));
  // Not offline (it would only fail); a tab left open for a shift still learns of a deployment.
  const checkForUpdate = () => {
    if (navigator.onLine) {
      void registration.update().catch(() => undefined);
    }
  };
  if (registration.active) {
    checkForUpdate();
  }
  setInterval(checkForUpdate, updateCheckInterval);
}

async function register(): Promise<void> {
  // Refused: rejected (a policy, a private window) or, where a test browser blocks service workers, resolved with
  // no registration (Playwright's `serviceWorkers: 'block'`). The site works online without one.
  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await navigator.serviceWorker.register(serviceWorkerUrl);
  } catch {
    return;
  }
  if (registration) {
    watchForNewBuild(registration);
  }
}

if (ExecutionEnvironment.canUseDOM && 'serviceWorker' in navigator) {
  whenLoadedAndIdle(() => void register(), {timeout: 10_000, fallbackDelay: 2_000});
}
