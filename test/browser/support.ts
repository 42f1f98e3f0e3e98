/**
 * What the browser tests share: the real server as a child process (`local/start.ts`, as
 * `npm start` runs it, on the run's DynamoDB Local), one headless Chromium, axe-core, and
 * screenshots at 360×740 written to test-results/screenshots (not committed).
 *
 * The server runs in a temporary working directory: local/start.ts builds the site into
 * `<cwd>/dist/web`, and other test files start their own servers at the same time; each
 * keeps its own build, so no test sees another's half-written files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { whenListening } from '../support/server';
import { freePort } from '../../local/dynamodb-local';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const PASSWORD = 'motcua-demo-2026';

/** Secrets of our own, handed to the server, so the test can sign notifications too. */
export const SECRETS = {
  PAYOS_CHECKSUM_KEY: 'browser-payos-checksum-key-0123456789',
  SEPAY_API_KEY: 'browser-sepay-api-key-0123456789',
  CASSO_SECRET: 'browser-casso-secret-0123456789',
};

export interface Server {
  url: string;
  stop(): Promise<void>;
  output(): string;
}

export async function startServer(dynamodbEndpoint: string): Promise<Server> {
  const port = await freePort();
  const cwd = mkdtempSync(path.join(tmpdir(), 'motcua-browser-'));
  mkdirSync(path.join(cwd, 'data'));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  // `node --import tsx` rather than the tsx CLI: one process, so stopping it stops the server.
  const child: ChildProcess = spawn(process.execPath, ['--import', tsx, path.join(ROOT, 'local', 'start.ts')], {
    cwd,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(cwd, 'data'),
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      TABLE_NAME: `browser-${Date.now()}-${Math.floor(Math.random() * 1e6)}`,
      SWEEP_INTERVAL_MS: '0',
      ...SECRETS,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { url, output } = await whenListening(child, 90_000);
  return {
    url,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Debian's Chromium; Playwright gives every launch a fresh profile directory. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export const PHONE = { width: 360, height: 740 };

export async function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  // Reduced motion: no smooth scrolling, so screenshots catch the page at rest.
  const context = await browser.newContext({ viewport: PHONE, baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true, reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  return context;
}

/**
 * Collects the page's script errors into `sink` (answers 4xx logged by the browser are
 * expected: bad input is tested on purpose).
 */
export function watch(page: Page, sink: string[]): void {
  page.on('pageerror', (e) => sink.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) sink.push(`${page.url()}: console: ${m.text()}`);
  });
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled' });
}

export interface AxeFinding {
  page: string;
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core (WCAG 2.0–2.2 A and AA rules, and best practices); returns serious and critical findings. */
export async function axeSerious(page: Page, name: string): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ page: name, id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Decodes the QR code drawn in `selector` (scaled up first, so each module is several pixels). */
export async function decodeQr(page: Page, selector: string): Promise<string | null> {
  const el = page.locator(selector);
  await el.evaluate((node) => {
    (node as HTMLElement).style.width = '700px';
    (node as HTMLElement).style.maxWidth = 'none';
  });
  const png = PNG.sync.read(await el.screenshot());
  await el.evaluate((node) => {
    (node as HTMLElement).style.width = '';
    (node as HTMLElement).style.maxWidth = '';
  });
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
}

export async function login(page: Page, username: string): Promise<void> {
  await page.goto('/can-bo/dang-nhap.html');
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.click('#login-submit');
  await page.waitForURL(/\/can-bo\/(tai-quay|ban-lam-viec|bang-dieu-khien)\.html/);
}

/** The page's text of an element, whitespace collapsed. */
export async function text(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
