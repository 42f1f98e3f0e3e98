/**
 * `npm run build`: one minified ESM bundle per Lambda under `dist/functions/<name>/`
 * (what the CDK stack deploys) and the static site under `dist/web/`.
 *
 * Every `functions/<name>/index.ts` is a Lambda entry; folders without one (`lib`)
 * are shared code. The AWS SDK is bundled rather than taken from the runtime: the
 * version is then the one we tested, and a tree-shaken bundle loads faster on a
 * cold start than the runtime's full SDK.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { buildWeb } from './build-web';
import { prebuiltOpenApi } from './openapi-prebuilt';

const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildFunctionsOptions {
  /** Where the `<name>/index.ts` entries live. Default: `<repo>/functions`. */
  functionsDir?: string;
  /** Where the bundles go; emptied first. Default: `<repo>/dist/functions`. */
  outDir?: string;
  /** Only these functions (by folder name). Default: every folder with an `index.ts`. */
  only?: readonly string[];
}

export interface FunctionBundle {
  name: string;
  /** Absolute path of `index.mjs`. */
  file: string;
  /** Size of `index.mjs` in bytes. */
  bytes: number;
}

/** Folder names under `functionsDir` that hold a Lambda entry (`index.ts`), sorted. */
export async function discoverFunctions(functionsDir = path.join(ROOT_DIR, 'functions')): Promise<string[]> {
  const entries = await readdir(functionsDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(functionsDir, e.name, 'index.ts')))
    .map((e) => e.name)
    .sort();
}

// Some CommonJS dependencies call `require()` for Node built-ins; an ESM bundle has
// no `require`, so give it one. The odd local name avoids clashing with bundled code.
const REQUIRE_BANNER = [
  "import { createRequire as __motcuaCreateRequire } from 'node:module';",
  'const require = __motcuaCreateRequire(import.meta.url);',
].join('\n');

export async function buildFunctions(options: BuildFunctionsOptions = {}): Promise<FunctionBundle[]> {
  const functionsDir = path.resolve(options.functionsDir ?? path.join(ROOT_DIR, 'functions'));
  const outDir = path.resolve(options.outDir ?? path.join(ROOT_DIR, 'dist', 'functions'));
  const discovered = await discoverFunctions(functionsDir);
  const names = options.only ? discovered.filter((n) => options.only?.includes(n)) : discovered;
  const missing = (options.only ?? []).filter((n) => !discovered.includes(n));
  if (missing.length > 0) {
    throw new Error(`No functions/<name>/index.ts for: ${missing.join(', ')}`);
  }

  await rm(outDir, { recursive: true, force: true });

  // One esbuild call per function so each asset folder holds exactly its own bundle
  // (CDK hashes the folder: a change in one function redeploys only that one).
  return Promise.all(
    names.map(async (name): Promise<FunctionBundle> => {
      const bundleDir = path.join(outDir, name);
      const file = path.join(bundleDir, 'index.mjs');
      await mkdir(bundleDir, { recursive: true });
      const result = await esbuild.build({
        entryPoints: [path.join(functionsDir, name, 'index.ts')],
        outfile: file,
        absWorkingDir: ROOT_DIR,
        // Lets a `functionsDir` outside the repo (tests) resolve the repo's packages.
        nodePaths: [path.join(ROOT_DIR, 'node_modules')],
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        // ESM builds of dependencies first: they tree-shake, CommonJS ones do not.
        mainFields: ['module', 'main'],
        minify: true,
        treeShaking: true,
        sourcemap: 'linked',
        legalComments: 'none',
        metafile: true,
        logLevel: 'warning',
        banner: { js: REQUIRE_BANNER },
        plugins: [prebuiltOpenApi()],
      });
      await writeFile(path.join(bundleDir, 'meta.json'), JSON.stringify(result.metafile));
      const { size } = await stat(file);
      return { name, file, bytes: size };
    }),
  );
}

export async function main(): Promise<void> {
  const started = performance.now();
  const distDir = path.join(ROOT_DIR, 'dist');
  await rm(distDir, { recursive: true, force: true });

  const [bundles] = await Promise.all([
    buildFunctions({ outDir: path.join(distDir, 'functions') }),
    buildWeb(path.join(distDir, 'web'), { production: true }),
  ]);

  for (const b of bundles) {
    const kb = (b.bytes / 1024).toFixed(1).padStart(8);
    console.log(`${kb} KB  ${path.relative(ROOT_DIR, b.file)}`);
  }
  if (bundles.length === 0) console.log('no functions/<name>/index.ts found: no Lambda bundles');
  console.log(`web → ${path.relative(ROOT_DIR, path.join(distDir, 'web'))}/`);
  console.log(`built in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  main().catch((err: unknown) => {
    // esbuild has already printed its errors with their source lines.
    const isBuildFailure = err instanceof Error && Array.isArray((err as { errors?: unknown }).errors);
    console.error(isBuildFailure ? 'build failed' : err);
    process.exitCode = 1;
  });
}
