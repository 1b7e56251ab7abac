import {defineConfig} from '@playwright/test';

/** The e2e suite runs against the production build, served the way `npm start` serves it. */
const port = Number(process.env.E2E_PORT ?? 3210);

// Debian's Chromium by default; CHROMIUM_PATH points the tests at another Chromium build.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  timeout: 120_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // Each test's fresh context would download the service worker's whole precache (about 50 MB): only
    // tests/e2e/offline.spec.ts and update.spec.ts, which test it, allow service workers (src/pwa/registerServiceWorker.ts
    // stays silent).
    serviceWorkers: 'block',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx docusaurus serve --no-open --port ${port} --host 127.0.0.1`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
