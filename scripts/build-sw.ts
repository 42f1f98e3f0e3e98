/**
 * The service worker (web/sw/service-worker.ts) for one build: its cache is named after a
 * hash of every file of the site, so each deploy that changes anything installs a new
 * worker with a fresh cache (and the old one is deleted), and a deploy that changes nothing
 * leaves phones alone. Served at `/sw.js` (its scope is the whole site), never cached long.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { AssetPaths } from '../web/templates/layout';

export async function buildServiceWorker(rootDir: string, files: ReadonlyMap<string, Uint8Array>, assets: AssetPaths, production: boolean): Promise<Uint8Array> {
  const hash = createHash('sha256');
  for (const rel of [...files.keys()].sort()) {
    hash.update(rel);
    hash.update(files.get(rel)!);
  }
  const version = hash.digest('hex').slice(0, 12);
  // Kept at install: the home page (its search works offline), the 404 page, the stylesheet
  // and the small scripts they run. Guides, the pay flow and pay pages (and their scripts)
  // are kept as they are visited: installing does not compete for a slow network with the
  // pages the citizen is opening.
  const precache = ['/', '/404.html', assets.css, assets.scripts.home, assets.scripts.procedure, assets.scripts.page];
  const result = await esbuild.build({
    absWorkingDir: rootDir,
    entryPoints: [path.join(rootDir, 'web', 'sw', 'service-worker.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2019'],
    minify: production,
    legalComments: 'none',
    logLevel: 'silent',
    define: { SW_VERSION: JSON.stringify(version), SW_PRECACHE: JSON.stringify(precache) },
  });
  const out = result.outputFiles?.[0];
  if (!out) throw new Error('web build: no output for web/sw/service-worker.ts');
  return out.contents;
}
