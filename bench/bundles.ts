/**
 * Each Lambda bundle's size and import time against a reference bundle of only Hono +
 * DynamoDBClient, built the same way in the same run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildFunctions } from '../scripts/build';
import { ratio, table } from './lib';

const REFERENCE_SOURCE = `
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
const app = new Hono().get('/', (c) => c.json({ ok: Boolean(client) }));
export const handler = handle(app);
`;

/** Median wall time of a fresh Node process importing the bundle, minus an empty import. */
function importMs(file: string, runs = 9): number {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchBundles(): Promise<string> {
  const work = mkdtempSync(path.join(tmpdir(), 'motcua-bundles-'));
  try {
    // The reference: a functions folder with one entry, built by the same build code.
    const refSrc = path.join(work, 'src');
    mkdirSync(path.join(refSrc, 'reference'), { recursive: true });
    writeFileSync(path.join(refSrc, 'reference', 'index.ts'), REFERENCE_SOURCE);
    const [reference] = await buildFunctions({ functionsDir: refSrc, outDir: path.join(work, 'reference') });
    const bundles = await buildFunctions({ outDir: path.join(work, 'functions') });
    const refBytes = reference!.bytes;
    const refGzip = gzipSync(readFileSync(reference!.file)).length;
    const refImport = importMs(reference!.file);
    const rows: Record<string, string | number>[] = [
      { bundle: 'reference (Hono + DynamoDBClient)', KB: (refBytes / 1024).toFixed(1), 'gzip KB': (refGzip / 1024).toFixed(1), import: `${refImport.toFixed(1)} ms`, 'size ratio': '1.00x', 'import ratio': '1.00x' },
    ];
    for (const b of bundles) {
      const gz = gzipSync(readFileSync(b.file)).length;
      const imp = importMs(b.file);
      rows.push({ bundle: b.name, KB: (b.bytes / 1024).toFixed(1), 'gzip KB': (gz / 1024).toFixed(1), import: `${imp.toFixed(1)} ms`, 'size ratio': ratio(b.bytes, refBytes), 'import ratio': ratio(imp, refImport) });
    }
    return `Lambda bundles vs a Hono + DynamoDBClient reference (target: within 2x)\n${table(rows)}`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
