/**
 * One module owns the key grammar of the table (functions/lib/storage/keys.ts): no other
 * source file spells a key prefix or a whole-word partition key. The list comes from
 * keys.ts itself, so a prefix added there is guarded here at once. Tests are exempt: they
 * assert on keys as they are stored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARTITION, PREFIX } from '../../functions/lib/storage/keys';

const ROOT = path.resolve(import.meta.dirname, '../..');
const KEYS_FILE = path.join('functions', 'lib', 'storage', 'keys.ts');
const SOURCE_DIRS = ['functions', 'infra', 'bench', 'local', 'scripts', 'shared', path.join('web', 'src')];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mts|js|mjs)$/.test(e.name))
    .map((e) => path.relative(ROOT, path.join(e.parentPath, e.name)));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const prefixes = Object.values(PREFIX);
const partitions = Object.values(PARTITION);
// A string, template or character right after a quote or backtick: 'ORDER#…', `AGENCY#${…}`, "CATALOGUE".
const spelled = new RegExp(`['"\`](?:${prefixes.map(escape).join('|')}|(?:${partitions.map(escape).join('|')})['"\`])`, 'g');

describe('the key grammar', () => {
  it('has prefixes that all end in # and are distinct', () => {
    expect(prefixes.every((p) => /^[A-Z]+#$/.test(p))).toBe(true);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('is spelled only in functions/lib/storage/keys.ts', () => {
    const files = SOURCE_DIRS.flatMap(sourceFiles).filter((f) => f !== KEYS_FILE);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => [...line.matchAll(spelled)].map((m) => `${file}:${i + 1}: ${m[0]}`)),
    );
    expect(found, 'build these keys with functions/lib/storage/keys.ts').toEqual([]);
  });
});
