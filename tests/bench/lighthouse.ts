/**
 * `npm run lighthouse`: Lighthouse performance and accessibility scores of the production build,
 * served locally, with the desktop and the mobile preset, for plain pages and lab pages (before the
 * lab starts: Lighthouse never clicks). Prints a table and writes bench-results/lighthouse.json.
 *
 * LIGHTHOUSE_RUNS (default 3) runs per page and preset, the median reported; LIGHTHOUSE_PAGES a subset
 * of the paths; LIGHTHOUSE_PORT (default 3230) the port the build is served on; LIGHTHOUSE_BUILD_DIR
 * (default build/) the build to serve; LIGHTHOUSE_JSON (default bench-results/lighthouse.json) the
 * report; LIGHTHOUSE_GZIP=1 serves the build gzip-compressed (text files), as a production web server does,
 * instead of through `docusaurus serve`, which does not compress; LIGHTHOUSE_REPORTS_DIR a folder that receives every run's full Lighthouse JSON report (to see what
 * costs score: bootup time per script, main-thread work, unused JavaScript); CHROMIUM_PATH the Chromium binary
 * (default Debian's /usr/bin/chromium).
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {readFile, stat} from 'node:fs/promises';
import {createServer} from 'node:http';
import {createRequire} from 'node:module';
import {dirname, extname, join, normalize} from 'node:path';
import {gzipSync} from 'node:zlib';
import {promisify} from 'node:util';
import {cpus, loadavg, totalmem} from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import {errorCatalog, errorPath} from '../../playground';
import {median} from './rows';

const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const port = Number(process.env.LIGHTHOUSE_PORT ?? 3230);
const buildDir = process.env.LIGHTHOUSE_BUILD_DIR ?? 'build';
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const output = process.env.LIGHTHOUSE_JSON ?? 'bench-results/lighthouse.json';
const reportsDir = process.env.LIGHTHOUSE_REPORTS_DIR;
const gzip = process.env.LIGHTHOUSE_GZIP === '1';

type Kind = 'plain' | 'lab';
/** The issue's targets: plain pages ≥ 98 desktop / ≥ 90 mobile, lab pages ≥ 95 / ≥ 80 before the lab starts. */
const targets: Record<Kind, Record<Preset, number>> = {plain: {desktop: 98, mobile: 90}, lab: {desktop: 95, mobile: 80}};

const pages: readonly {name: string; path: string; kind: Kind}[] = [
  {name: 'home', path: '/', kind: 'plain'},
  {name: 'docs page with a Mermaid diagram', path: '/docs/architecture/platform-overview', kind: 'plain'},
  {name: 'docs page without a diagram', path: '/docs/reference/glossary', kind: 'plain'},
  {name: '/errors', path: '/errors', kind: 'plain'},
  {name: 'an error page', path: errorPath(errorCatalog[0]!.code), kind: 'plain'},
  {name: '/errors/decode', path: '/errors/decode', kind: 'plain'},
  {name: '/playground', path: '/playground', kind: 'lab'},
  {name: 'MAP flattening page', path: '/docs/schema-evolution/map-type-flattening', kind: 'lab'},
  {name: 'SCD page', path: '/docs/dimensional-modeling/slowly-changing-dimensions', kind: 'lab'},
];

/** LIGHTHOUSE_PAGES: a comma-separated subset of the paths above, e.g. `/playground,/errors`. */
const onlyPaths = process.env.LIGHTHOUSE_PAGES?.split(',');

type Preset = 'desktop' | 'mobile';
const presets: readonly Preset[] = ['desktop', 'mobile'];

/** What one Lighthouse run is reduced to: the scores (0–100) and the metrics behind the performance score. */
interface RunFigures {
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  speedIndexMs: number;
  totalBytes: number;
  domNodes: number;
}
const figureNames = ['performance', 'accessibility', 'fcpMs', 'lcpMs', 'tbtMs', 'cls', 'speedIndexMs', 'totalBytes', 'domNodes'] as const satisfies readonly (keyof RunFigures)[];

interface PageResult {
  name: string;
  path: string;
  kind: Kind;
  preset: Preset;
  target: number;
  /** The median of each figure over the runs; null when no run finished. */
  median: RunFigures | null;
  runs: RunFigures[];
  /** Why runs failed (after their retries); the other runs still count. */
  failures: string[];
}

function stopServer(server: ChildProcess): void {
  if (server.pid !== undefined && server.exitCode === null) {
    process.kill(-server.pid);
  }
}

function startServer(): Promise<ChildProcess> {
  const server = spawn('npx', ['docusaurus', 'serve', '--no-open', '--dir', buildDir, '--port', String(port), '--host', '127.0.0.1'], {
    stdio: 'ignore',
    detached: true,
  });
  return new Promise((resolve, reject) => {
    // Generous: on a shared, loaded machine `npx docusaurus serve` alone has taken over a minute to listen.
    const deadline = Date.now() + 180_000;
    const poll = async () => {
      if (server.exitCode !== null) {
        reject(new Error(`\`docusaurus serve\` exited with ${server.exitCode} (is port ${port} in use?).`));
        return;
      }
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) {
          resolve(server);
          return;
        }
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        stopServer(server);
        reject(new Error(`The production build in ${buildDir}/ did not start serving within 180 s (run \`npm run build\` first).`));
        return;
      }
      setTimeout(poll, 250);
    };
    void poll();
  });
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};
const compressible = new Set(['.html', '.js', '.css', '.json', '.svg', '.xml', '.txt']);

/**
 * LIGHTHOUSE_GZIP=1: the build served as a production web server serves it, text files gzip-compressed
 * (nginx's `gzip on` with their types, GitHub Pages, most hosts). Paths resolve as `docusaurus serve`
 * resolves them with trailingSlash false: `/docs/x` is `docs/x.html`, `/` and `/x/` are `index.html`.
 */
async function startGzipServer(): Promise<() => void> {
  const compressed = new Map<string, Buffer>();
  const fileFor = async (pathname: string): Promise<string | undefined> => {
    for (const candidate of [pathname, `${pathname}.html`, join(pathname, 'index.html')]) {
      const file = join(buildDir, normalize(candidate));
      if (file.startsWith(normalize(buildDir)) && (await stat(file).catch(() => undefined))?.isFile()) return file;
    }
    return undefined;
  };
  const server = createServer((request, response) => {
    void (async () => {
      const file = await fileFor(decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
      if (!file) {
        response.writeHead(404).end();
        return;
      }
      const extension = extname(file);
      const headers: Record<string, string | number> = {'content-type': contentTypes[extension] ?? 'application/octet-stream'};
      let body: Buffer = await readFile(file);
      if (compressible.has(extension) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
        body = compressed.get(file) ?? compressed.set(file, gzipSync(body)).get(file)!;
        headers['content-encoding'] = 'gzip';
        headers.vary = 'Accept-Encoding';
      }
      response.writeHead(200, {...headers, 'content-length': body.length}).end(body);
    })().catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return () => server.close();
}

function numeric(lhr: LighthouseResult, audit: string): number {
  const value = lhr.audits[audit]?.numericValue;
  if (value === undefined) {
    throw new Error(`Lighthouse reported no value for ${audit}.`);
  }
  return value;
}

interface LighthouseResult {
  runtimeError?: {code: string; message: string};
  categories: Record<string, {score: number | null} | undefined>;
  audits: Record<string, {numericValue?: number}>;
}

/**
 * Lighthouse's own CLI under plain Node: tsx's transform would add helpers (`__name`) to the
 * functions Lighthouse serialises into the page, where they do not exist.
 */
const lighthouseCli = createRequire(import.meta.url).resolve('lighthouse/cli/index.js');

/** `/docs/reference/glossary`, mobile, run 2 → `docs-reference-glossary.mobile.2.json`. */
function reportName(url: string, preset: Preset, run: number): string {
  const path = new URL(url).pathname.replace(/^\/|\/$/g, '').replace(/\//g, '-') || 'home';
  return `${path}.${preset}.${run}.json`;
}

async function audit(chromePort: number, url: string, preset: Preset, run: number): Promise<RunFigures> {
  const args = [lighthouseCli, url, `--port=${chromePort}`, '--output=json', '--output-path=stdout', '--quiet', '--only-categories=performance,accessibility'];
  if (preset === 'desktop') {
    args.push('--preset=desktop');
  }
  const {stdout} = await promisify(execFile)(process.execPath, args, {maxBuffer: 64 * 2 ** 20});
  const lhr = JSON.parse(stdout) as LighthouseResult;
  if (reportsDir) {
    mkdirSync(reportsDir, {recursive: true});
    writeFileSync(join(reportsDir, reportName(url, preset, run)), stdout);
  }
  if (lhr.runtimeError) {
    throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  const score = (category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    fcpMs: numeric(lhr, 'first-contentful-paint'),
    lcpMs: numeric(lhr, 'largest-contentful-paint'),
    tbtMs: numeric(lhr, 'total-blocking-time'),
    cls: numeric(lhr, 'cumulative-layout-shift'),
    speedIndexMs: numeric(lhr, 'speed-index'),
    totalBytes: numeric(lhr, 'total-byte-weight'),
    domNodes: numeric(lhr, 'dom-size'),
  };
}

/** On a loaded machine Chromium sometimes misses Lighthouse's protocol deadline (PROTOCOL_TIMEOUT): one run is tried up to 3 times. */
async function auditWithRetries(chromePort: number, url: string, preset: Preset, run: number): Promise<RunFigures> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await audit(chromePort, url, preset, run);
    } catch (error) {
      if (attempt === 3) {
        throw error;
      }
      process.stderr.write(`  ${url} ${preset}: attempt ${attempt} failed (${String(error).split('\n')[0]}), trying again\n`);
    }
  }
}

function medianFigures(all: readonly RunFigures[]): RunFigures {
  return Object.fromEntries(figureNames.map((name) => [name, median(all.map((figures) => figures[name]))])) as unknown as RunFigures;
}

function printTable(results: readonly PageResult[]): void {
  const rows = results.map(({median, ...result}) => median === null ? [result.name, result.preset, `failed: ${result.failures[0]}`, '', '', '', '', '', '', ''] : [
    result.name,
    result.preset,
    `${median.performance}${median.performance >= result.target ? '' : ` (< ${result.target})`}`,
    String(median.accessibility),
    Math.round(median.fcpMs).toLocaleString('en'),
    Math.round(median.lcpMs).toLocaleString('en'),
    Math.round(median.tbtMs).toLocaleString('en'),
    median.cls.toFixed(3),
    `${Math.round(median.totalBytes / 1024).toLocaleString('en')} KiB`,
    Math.round(median.domNodes).toLocaleString('en'),
  ]);
  const header = ['page', 'preset', 'performance', 'a11y', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'transfer', 'DOM nodes'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  console.log(line(header));
  for (const row of rows) {
    console.log(line(row));
  }
}

/** The 1-minute load average, rounded: the machine is shared, so each result says how busy it was. */
const loadNow = () => Math.round(loadavg()[0]! * 10) / 10;

async function main(): Promise<void> {
  const loadAtStart = loadNow();
  const stopServing = gzip ? await startGzipServer() : await startServer().then((server) => () => stopServer(server));
  const chrome = await chromeLauncher.launch({
    chromePath: chromiumPath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results: PageResult[] = [];
  try {
    for (const page of pages.filter((candidate) => !onlyPaths || onlyPaths.includes(candidate.path))) {
      for (const preset of presets) {
        const figures: RunFigures[] = [];
        const failures: string[] = [];
        for (let run = 0; run < runs; run += 1) {
          try {
            figures.push(await auditWithRetries(chrome.port, `http://127.0.0.1:${port}${page.path}`, preset, run + 1));
          } catch (error) {
            failures.push(/Runtime error encountered: (.*)/.exec(String(error))?.[1] ?? String(error).split('\n')[0]!);
          }
        }
        const result: PageResult = {...page, preset, target: targets[page.kind][preset], median: figures.length > 0 ? medianFigures(figures) : null, runs: figures, failures};
        results.push(result);
        process.stderr.write(`  ${page.name} ${preset}: performance ${figures.map((run) => run.performance).join(', ')}\n`);
      }
    }
  } finally {
    await chrome.kill();
    stopServing();
  }
  const loadAtEnd = loadNow();
  printTable(results);
  console.log(`Served ${gzip ? 'gzip-compressed' : 'by `docusaurus serve` (uncompressed)'}; load average (1 min) at start ${loadAtStart}, at end ${loadAtEnd}, on ${cpus().length} cores.`);
  mkdirSync(dirname(output), {recursive: true});
  writeFileSync(
    output,
    `${JSON.stringify({lighthouse: '12.2.3', runs, buildDir, served: gzip ? 'gzip' : 'docusaurus serve (uncompressed)', machine: {cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), loadAverage: {atStart: loadAtStart, atEnd: loadAtEnd}}, takenAt: new Date().toISOString(), results}, null, 2)}\n`,
  );
  process.stdout.write(`Wrote ${output}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
