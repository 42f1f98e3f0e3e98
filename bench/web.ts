/**
 * The web front as a phone meets it: for the first view of the home page, a procedure's
 * guide and the pay page (with a real order),
 * - the bytes the browser fetched, counted from its own network events (every response,
 *   API answers and the QR image included), compressed with gzip as the CDN sends them
 *   (the local server sends them uncompressed);
 * - Lighthouse 12's mobile performance and accessibility scores (its default config:
 *   a mid-range phone on slow 4G, simulated), in Debian's Chromium started here with a
 *   remote debugging port.
 * The site is the production build, served by the local server (startLocal) on DynamoDB
 * Local. Targets: at most 50 KB for a first view, performance ≥ 95, accessibility 100.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { buildWeb } from '../scripts/build-web';
import { AGENCIES } from '../shared/catalogue';
import { freePort, startDynamoDbLocal } from '../local/dynamodb-local';
import { startLocal } from '../local/server';
import { table } from './lib';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TARGET = { kb: 50, performance: 95, accessibility: 100 };
const GUIDE = '2.000815';
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);

interface Transfer {
  requests: number;
  raw: number;
  gzip: number;
}

/** Everything the browser fetches for the first view, until the network is quiet. */
async function firstView(url: string): Promise<Transfer> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true });
    const page = await context.newPage();
    const bodies = new Map<string, Promise<Buffer | null>>();
    page.on('response', (res) => {
      // The first fetch of each address: the pay page's later status polls are not the first view.
      if (!bodies.has(res.url())) bodies.set(res.url(), res.body().catch(() => null));
    });
    await page.goto(url, { waitUntil: 'networkidle' });
    let raw = 0;
    let gzip = 0;
    for (const body of await Promise.all(bodies.values())) {
      if (!body) continue;
      raw += body.length;
      // Level 6: what CloudFront and most servers use on the fly.
      gzip += gzipSync(body, { level: 6 }).length;
    }
    return { requests: bodies.size, raw, gzip };
  } finally {
    await browser.close();
  }
}

/** Chromium with a remote debugging port and a fresh profile, for Lighthouse to drive. */
async function startChromium(): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const profile = mkdtempSync(path.join(tmpdir(), 'motcua-lh-'));
  const child: ChildProcess = spawn(CHROMIUM, [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Chromium did not open its debugging port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface Scores {
  performance: number;
  accessibility: number;
  lcp: string;
  tbt: string;
  cls: string;
}

async function lighthouseOnce(url: string, port: number): Promise<Scores> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned nothing for ${url}`);
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const audit = (id: string) => lhr.audits[id]?.displayValue ?? '?';
  return { performance: score('performance'), accessibility: score('accessibility'), lcp: audit('largest-contentful-paint'), tbt: audit('total-blocking-time'), cls: audit('cumulative-layout-shift') };
}

/**
 * The median of RUNS Lighthouse runs (by performance score), as Lighthouse's own docs
 * advise: one run swings with whatever else the machine is doing (total blocking time
 * above all).
 */
async function scores(url: string, port: number): Promise<Scores & { spread: string }> {
  const runs: Scores[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await lighthouseOnce(url, port));
  runs.sort((a, b) => a.performance - b.performance);
  const median = runs[Math.floor(runs.length / 2)]!;
  return { ...median, spread: `${runs[0]!.performance}–${runs[runs.length - 1]!.performance}` };
}

export async function benchWeb(): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), 'motcua-bench-web-'));
  const webDir = path.join(work, 'web');
  await buildWeb(webDir, { production: true });
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir: work, tableName: `bench-web-${Date.now()}`, dynamodbEndpoint: endpoint, webDir, sweepIntervalMs: 0 });
  let chrome: Awaited<ReturnType<typeof startChromium>> | undefined;
  try {
    const agency = AGENCIES.find((a) => a.level === 'commune')!;
    const res = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: GUIDE, agencyId: agency.id, quantity: 3 }),
    });
    if (res.status !== 201) throw new Error(`could not create the pay page's order: ${res.status} ${await res.text()}`);
    const order = (await res.json()) as { links: { payPage: string } };
    const pages: [string, string][] = [
      ['home', '/'],
      ['procedure', `/thu-tuc/${GUIDE}.html`],
      ['pay', order.links.payPage],
    ];

    chrome = await startChromium();
    const rows: Record<string, string | number>[] = [];
    let allMet = true;
    for (const [name, href] of pages) {
      const url = `${server.url}${href}`;
      const bytes = await firstView(url);
      const lh = await scores(url, chrome.port);
      const met = bytes.gzip <= TARGET.kb * 1024 && lh.performance >= TARGET.performance && lh.accessibility >= TARGET.accessibility;
      allMet &&= met;
      rows.push({
        page: name,
        requests: bytes.requests,
        'raw KB': (bytes.raw / 1024).toFixed(1),
        'gzip KB': (bytes.gzip / 1024).toFixed(1),
        'target KB': `≤ ${TARGET.kb}`,
        performance: lh.performance,
        [`perf range (${RUNS} runs)`]: lh.spread,
        'target perf': `≥ ${TARGET.performance}`,
        accessibility: lh.accessibility,
        'target a11y': TARGET.accessibility,
        LCP: lh.lcp,
        TBT: lh.tbt,
        CLS: lh.cls,
        met: met ? 'yes' : 'NO',
      });
    }
    return `Web first view (production build; bytes the browser fetched, gzip level 6; Lighthouse 12 mobile, simulated slow 4G, median of ${RUNS} runs)\n${table(rows)}\n${allMet ? 'All targets met.' : 'Some targets NOT met.'}`;
  } finally {
    await chrome?.stop();
    await server.close();
    await ownDb?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
