import {chromium, type Browser} from '@playwright/test';

/** Debian's Chromium (or CHROMIUM_PATH), headless, with the background traffic that would disturb timings turned off. */
export function launchBenchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
