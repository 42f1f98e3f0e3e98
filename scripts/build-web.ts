/**
 * Builds the static site into `outDir`:
 * - `index.html`, `thu-tuc/<code>.html` (one guide per procedure), `pay.html`, `404.html`,
 *   rendered from the catalogue at build time so they read with JavaScript off;
 * - the receipt (`bien-lai.html`) and its public check (`kiem-tra-bien-lai.html`), and the
 *   staff pages under `can-bo/` (login, counter mode, console, district dashboard);
 * - in development builds only, the pay page's "simulate bank payment" tool (its markup
 *   here; its script is dropped from production bundles as dead code);
 * - `/assets/<entry>-<hash>.js` (one small IIFE per page kind, for old Android browsers)
 *   and `/assets/site-<hash>.css`; content-hashed so a CDN can cache them for a year;
 * - `manifest.json`: every file with its size and gzip size, and each page's first view.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { AGENCIES, PROCEDURES } from '../shared/catalogue';
import { MAX_QUANTITY } from '../shared/fees';
import { buildServiceWorker } from './build-sw';
import { SCRIPT_NAMES, type AssetPaths, type ScriptName } from '../web/templates/layout';
import { procedurePath, renderHome, renderNotFound, renderProcedure } from '../web/templates/pages';
import { renderPay } from '../web/templates/pay-page';
import { paysOnline, payStartPath, renderPayStart } from '../web/templates/pay-start';
import { renderReceipt, renderVerify } from '../web/templates/receipt-pages';
import { renderConsole, renderCounter, renderDashboard, renderLogin } from '../web/templates/staff-pages';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = path.join(ROOT_DIR, 'web');

/**
 * Syntax old phones still run: ES2019, so `?.`, `??` and the like are lowered for
 * Chrome 64-era Android WebViews and iOS 12 Safari (iPhone 5s/6). The Safari entry is
 * 14.1 only because esbuild refuses to lower destructuring for older Safari; ES2019
 * still governs the output, and Safari 12 runs it. The APIs used (fetch,
 * URLSearchParams) exist in all of them.
 */
const BROWSER_TARGETS = ['es2019', 'chrome64', 'safari14.1', 'firefox68', 'edge79'];

export interface WebManifest {
  files: Record<string, { bytes: number; gzip: number }>;
  pages: Record<string, { assets: string[]; firstViewGzip: number }>;
}

function gzipSize(data: string | Uint8Array): number {
  return gzipSync(data, { level: 9 }).length;
}

async function buildAssets(outDir: string, production: boolean): Promise<{ assets: AssetPaths; files: Map<string, Uint8Array> }> {
  const common: esbuild.BuildOptions = {
    absWorkingDir: ROOT_DIR,
    bundle: true,
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    minify: production,
    sourcemap: production ? false : 'linked',
    legalComments: 'none',
    target: BROWSER_TARGETS,
    metafile: true,
    write: false,
    logLevel: 'silent',
    charset: 'utf8',
  };
  const [scripts, styles] = await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: Object.fromEntries(SCRIPT_NAMES.map((name) => [name, path.join(WEB_DIR, 'src', `${name}.ts`)])),
      platform: 'browser',
      format: 'iife',
      define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    }),
    esbuild.build({
      ...common,
      entryPoints: { site: path.join(WEB_DIR, 'styles', 'site.css') },
    }),
  ]);

  const files = new Map<string, Uint8Array>();
  const scriptPaths: Partial<Record<ScriptName, string>> = {};
  let css = '';
  for (const result of [scripts, styles]) {
    for (const file of result.outputFiles ?? []) {
      const rel = path.relative(outDir, file.path).split(path.sep).join('/');
      files.set(rel, file.contents);
    }
    for (const [output, meta] of Object.entries(result.metafile?.outputs ?? {})) {
      if (!meta.entryPoint) continue;
      const rel = path.relative(outDir, path.resolve(ROOT_DIR, output)).split(path.sep).join('/');
      const name = path.basename(meta.entryPoint).replace(/\.(ts|css)$/, '');
      if (rel.endsWith('.css')) css = `/${rel}`;
      else if ((SCRIPT_NAMES as readonly string[]).includes(name)) scriptPaths[name as ScriptName] = `/${rel}`;
    }
  }
  for (const name of SCRIPT_NAMES) {
    if (!scriptPaths[name]) throw new Error(`web build: no output for web/src/${name}.ts`);
  }
  if (!css) throw new Error('web build: no output for web/styles/site.css');
  return { assets: { css, scripts: scriptPaths as Record<ScriptName, string> }, files };
}

/** Builds the static site into `outDir` (emptied first). */
export async function buildWeb(outDir: string, options: { production: boolean }): Promise<void> {
  const root = path.resolve(outDir);
  await rm(root, { recursive: true, force: true });
  const { assets, files } = await buildAssets(root, options.production);

  const codes = new Set<string>();
  for (const p of PROCEDURES) {
    if (codes.has(p.code)) throw new Error(`web build: procedure code ${p.code} appears twice`);
    codes.add(p.code);
  }

  const pages = new Map<string, string>();
  pages.set('index.html', renderHome(PROCEDURES, assets));
  for (const p of PROCEDURES) {
    pages.set(procedurePath(p.code).slice(1), renderProcedure(p, AGENCIES, assets, MAX_QUANTITY));
    if (paysOnline(p, AGENCIES)) pages.set(payStartPath(p.code).slice(1), renderPayStart(p, AGENCIES, assets, MAX_QUANTITY));
  }
  pages.set('pay.html', renderPay(PROCEDURES, AGENCIES, assets, { dev: !options.production }));
  pages.set('404.html', renderNotFound(assets));
  pages.set('bien-lai.html', renderReceipt(assets));
  pages.set('kiem-tra-bien-lai.html', renderVerify(assets));
  pages.set('can-bo/dang-nhap.html', renderLogin(assets));
  pages.set('can-bo/tai-quay.html', renderCounter(AGENCIES, PROCEDURES, MAX_QUANTITY, assets));
  pages.set('can-bo/ban-lam-viec.html', renderConsole(AGENCIES, assets));
  pages.set('can-bo/bang-dieu-khien.html', renderDashboard(AGENCIES, assets));
  // Addresses that carry a secret token (orders, receipts) and the staff pages: keep crawlers off.
  files.set('robots.txt', new TextEncoder().encode('User-agent: *\nDisallow: /pay.html\nDisallow: /bien-lai.html\nDisallow: /kiem-tra-bien-lai.html\nDisallow: /can-bo/\n'));

  const manifest: WebManifest = { files: {}, pages: {} };
  for (const [rel, html] of pages) files.set(rel, new TextEncoder().encode(html));
  files.set('sw.js', await buildServiceWorker(ROOT_DIR, files, assets, options.production));
  for (const [rel, contents] of files) {
    manifest.files[rel] = { bytes: contents.length, gzip: gzipSize(contents) };
  }
  for (const [rel, html] of pages) {
    const referenced = [assets.css, ...SCRIPT_NAMES.map((name) => assets.scripts[name])]
      // What the page loads, not what it prefetches for the next tap.
      .filter((asset) => html.includes(`<script src="${asset}"`) || html.includes(`<link rel="stylesheet" href="${asset}"`))
      .map((asset) => asset.slice(1));
    const firstViewGzip = [rel, ...referenced].reduce((sum, f) => sum + (manifest.files[f]?.gzip ?? 0), 0);
    manifest.pages[rel] = { assets: referenced, firstViewGzip };
  }
  files.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));

  await Promise.all(
    [...files].map(async ([rel, contents]) => {
      const target = path.join(root, ...rel.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, contents);
    }),
  );
}
