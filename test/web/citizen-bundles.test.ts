/**
 * The citizen's pages on a slow phone (issue 13, items 4 and 8), without a clock: their
 * scripts carry no zod and stay small, each page prefetches what the next tap needs, and
 * the citizen's words keep one voice. Sizes, not times: the journey's time is a benchmark
 * (`npm run bench -- journey`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, type WebManifest } from '../../scripts/build-web';
import { coreWords } from '../../web/src/i18n/core';
import { citizenWords } from '../../web/src/i18n/citizen';
import { feeWords } from '../../web/src/i18n/fees';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CITIZEN_SCRIPTS = ['home', 'procedure', 'guide', 'pay', 'page', 'receipt', 'verify'] as const;
// The fee form's script was 33.5 KB gzip with zod; 14 KB without.
const GUIDE_SCRIPT_GZIP_LIMIT = 16 * 1024;
const LAND_TRANSFER = '1.013831';

let outDir = '';
let manifest: WebManifest;
const html = (rel: string) => readFile(path.join(outDir, rel), 'utf8');

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'motcua-citizen-bundles-'));
  await buildWeb(outDir, { production: true });
  manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as WebManifest;
}, 120_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('the citizen pages’ scripts', () => {
  it('carry no zod (schemas stay on the server; the browser imports only pure computations)', async () => {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: Object.fromEntries(CITIZEN_SCRIPTS.map((name) => [name, path.join(ROOT, 'web', 'src', `${name}.ts`)])),
      bundle: true,
      write: false,
      metafile: true,
      outdir: path.join(outDir, 'meta'),
      platform: 'browser',
      format: 'iife',
      logLevel: 'silent',
    });
    for (const [out, meta] of Object.entries(result.metafile.outputs)) {
      const zod = Object.keys(meta.inputs).filter((input) => /node_modules\/zod\//.test(input));
      expect(zod, out).toEqual([]);
    }
  });

  it('keep the fee form’s script small', () => {
    const guide = Object.entries(manifest.files).find(([rel]) => /^assets\/guide-[^/]+\.js$/.test(rel));
    expect(guide).toBeDefined();
    expect(guide![1].gzip).toBeLessThanOrEqual(GUIDE_SCRIPT_GZIP_LIMIT);
  });
});

describe('the next tap costs no round trip', () => {
  const prefetched = (page: string) => [...page.matchAll(/<link rel="prefetch" href="([^"]+)">/g)].map((m) => m[1]);
  const script = (name: string) => Object.keys(manifest.files).find((rel) => new RegExp(`^assets/${name}-[^/]+\\.js$`).test(rel))!;

  it('home prefetches the guide’s script; the guide the pay flow’s page and script; the pay flow the pay page and its script', async () => {
    expect(prefetched(await html('index.html'))).toEqual([`/${script('procedure')}`]);
    expect(prefetched(await html(`thu-tuc/${LAND_TRANSFER}.html`))).toEqual([`/${script('guide')}`, `/thu-tuc/${LAND_TRANSFER}/nop-phi.html`]);
    expect(prefetched(await html(`thu-tuc/${LAND_TRANSFER}/nop-phi.html`))).toEqual([`/${script('pay')}`, '/pay.html']);
  });

  it('counts in a first view only what the page loads, not what it prefetches', () => {
    expect(manifest.pages['index.html']?.assets).toEqual([expect.stringMatching(/^assets\/site-/), script('home')]);
  });
});

describe('one voice on the citizen’s pages (item 8)', () => {
  const families = { core: coreWords, citizen: citizenWords, fees: feeWords };

  it('has no maths or programmers’ words, one name for the code and one register', () => {
    for (const [family, words] of Object.entries(families)) {
      for (const [key, vi] of Object.entries(words.vi as Record<string, string>)) {
        expect(vi, `${family}.${key}`).not.toMatch(/số nguyên|chuỗi ký tự|lớn hơn hoặc bằng|nhỏ hơn hoặc bằng/i);
        expect(vi, `${family}.${key}`).not.toMatch(/mã đơn|mã truy cập|mã thanh toán|mã giao dịch/i);
        // "Hãy …" and "bạn" throughout; "Vui lòng" belongs to the staff pages' voice.
        expect(vi, `${family}.${key}`).not.toMatch(/vui lòng|quý khách|ông\/bà/i);
      }
    }
  });
});
