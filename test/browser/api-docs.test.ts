/**
 * /api/docs in real Chromium, served by the local server with the production CSP: the
 * page loads its stylesheet under the policy (no violation), has no serious or critical
 * axe finding in Vietnamese or English, and does not scroll sideways on a 360 px phone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { startLocal, type LocalServer } from '../../local/server';
import { axeSerious, launchBrowser, phoneContext, PHONE } from './support';

let dir: string;
let server: LocalServer;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-api-docs-'));
  server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir: dir, tableName: `api-docs-${Date.now()}`, dynamodbEndpoint: inject('dynamodbEndpoint'), webDir: dir, sweepIntervalMs: 0, env: { NODE_ENV: 'development' } });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('/api/docs in a browser', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`(${lang}) loads under the CSP, passes axe and fits a small phone`, async () => {
      const context = await phoneContext(browser, server.url);
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (m) => /Content Security Policy|Refused to/i.test(m.text()) && refused.push(m.text()));
      const res = await page.goto(`/api/docs${lang === 'en' ? '?lang=en' : ''}`);
      expect(res?.status()).toBe(200);
      expect(res?.headers()['content-security-policy']).toContain("default-src 'none'");
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      // The stylesheet applied: operations are drawn as boxes.
      expect(await page.locator('.op').first().evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe('solid');
      await page.locator('details').first().evaluate((el) => ((el as HTMLDetailsElement).open = true));
      expect(await axeSerious(page, `api-docs-${lang}`)).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      expect(refused).toEqual([]);
      await context.close();
      // axe walks a long page (every operation): minutes on a busy machine, not seconds.
    }, 180_000);
  }
});
