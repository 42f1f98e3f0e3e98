/**
 * The citizen's journey on a slow phone (issue 13, item 4): from opening the home page to
 * the QR on screen, taps as fast as a script can (type the search, tap the result, tap
 * "Nộp lệ phí", tap the button), in Debian's Chromium at 360×740 through the DevTools
 * protocol's throttling: 400 ms latency, 400 kbit/s down and up, CPU 4× slower. The site is
 * the production build, served by the local server (`startLocal`: compressed, cached as
 * CloudFront caches) on DynamoDB Local. Printed step by step, for a first visit (nothing
 * cached) and a return visit (the browser's cache and the service worker warm).
 * Target: the QR within 3 s. A benchmark, not a test: it prints, it never fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb } from '../scripts/build-web';
import { freePort, startDynamoDbLocal } from '../local/dynamodb-local';
import { startLocal } from '../local/server';
import { table } from './lib';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LATENCY_MS = 400;
const KBIT = 400;
const CPU = 4;
const TARGET_MS = 3_000;
// A province procedure: one agency, so the pay flow needs no choice (see the browser test).
const PROCEDURE = '1.013831';
const SEARCH = 'sang ten so do';

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const bytesPerSecond = (KBIT * 1000) / 8;
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: LATENCY_MS, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU });
}

/** One journey; the time of each step, from the first request of the home page. */
async function journey(page: Page, base: string): Promise<{ step: string; ms: number }[]> {
  const steps: { step: string; ms: number }[] = [];
  const t0 = performance.now();
  let last = t0;
  const mark = (step: string) => {
    const now = performance.now();
    steps.push({ step, ms: now - last });
    last = now;
  };
  await page.goto(`${base}/`, { waitUntil: 'commit' });
  await page.waitForSelector('#search:not([hidden]) #q');
  mark('home: search box ready');
  await page.fill('#q', SEARCH);
  const result = page.locator(`#procedure-list a[href="/thu-tuc/${PROCEDURE}.html"]`);
  await result.waitFor({ state: 'visible' });
  mark('tap 1: typed, result shown');
  await result.click({ noWaitAfter: true });
  await page.waitForSelector('#pay-start');
  mark('tap 2: guide, "Nộp lệ phí" shown');
  await page.click('#pay-start', { noWaitAfter: true });
  await page.waitForSelector('#order-form:not([hidden]) #order-submit');
  mark('tap 3: pay flow, form ready');
  await page.click('#order-submit', { noWaitAfter: true });
  await page.waitForFunction(() => {
    const img = document.getElementById('qr') as HTMLImageElement | null;
    return Boolean(img && img.complete && img.naturalWidth > 0 && !document.getElementById('pay-app')?.hidden);
  }, null, { timeout: 60_000, polling: 50 });
  mark('tap 4: order made, QR on screen');
  steps.push({ step: 'total', ms: performance.now() - t0 });
  return steps;
}

export async function benchJourney(): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), 'motcua-bench-journey-'));
  const webDir = path.join(work, 'web');
  await buildWeb(webDir, { production: true });
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir: work, tableName: `bench-journey-${Date.now()}`, dynamodbEndpoint: endpoint, webDir, sweepIntervalMs: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    context.setDefaultTimeout(60_000);
    const page = await context.newPage();
    await throttle(context, page);
    const first = await journey(page, server.url);
    const again = await journey(page, server.url);
    const rows = first.map((s, i) => ({
      step: s.step,
      'first visit (ms)': Math.round(s.ms),
      'return visit (ms)': Math.round(again[i]!.ms),
    }));
    const total = first[first.length - 1]!.ms;
    const totalAgain = again[again.length - 1]!.ms;
    const verdict = (ms: number) => (ms <= TARGET_MS ? 'met' : 'NOT met');
    return [
      `Citizen's journey, home to QR in 4 taps (production build served by npm start's server; Chromium 360×740, CDP throttling: ${LATENCY_MS} ms latency, ${KBIT} kbit/s both ways, CPU ${CPU}× slower)`,
      table(rows),
      `Target ≤ ${TARGET_MS} ms: first visit ${Math.round(total)} ms (${verdict(total)}), return visit ${Math.round(totalAgain)} ms (${verdict(totalAgain)}).`,
    ].join('\n');
  } finally {
    await browser.close();
    await server.close();
    await ownDb?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
