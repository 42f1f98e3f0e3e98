/**
 * The house's rules that a newcomer relies on (docs/architecture.md), checked on the
 * source itself: no cycle of imports, shared/ imports nothing outward, no file grows past
 * what one person reads at once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TREES = ['shared', 'functions', 'web/src', 'web/templates', 'local', 'infra', 'scripts', 'bench'];
/** Data tables, not logic: allowed to be long. */
const LONG_DATA = new Set(['shared/catalogue.ts']);
const MAX_LINES = 400;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sources(rel));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const files = TREES.flatMap(sources);
const known = new Set(files);

/** Relative imports of a file (type-only ones too: a cycle of types is still a knot to read), resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]!));
    const candidates = [target, `${target}.ts`, `${target}/index.ts`];
    const found = candidates.find((c) => known.has(c));
    out.push(found ?? target);
  }
  return out;
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the layout', () => {
  it('has no cycle of imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].join(' → '));
        else if (!state.has(next)) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('keeps shared/ pure: it imports only shared/ and packages', () => {
    const outward = files
      .filter((f) => f.startsWith('shared/'))
      .flatMap((f) => (graph.get(f) ?? []).filter((t) => !t.startsWith('shared/')).map((t) => `${f} → ${t}`));
    expect(outward).toEqual([]);
  });

  it(`has no source file over ${MAX_LINES} lines but data tables`, () => {
    const long = files
      .filter((f) => !LONG_DATA.has(f))
      .map((f) => ({ f, lines: readFileSync(path.join(ROOT, f), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `${f}: ${lines}`);
    expect(long).toEqual([]);
  });

  it('resolves every relative import it reads (so the checks above see the whole graph)', () => {
    const unresolved = [...graph].flatMap(([f, targets]) => targets.filter((t) => !known.has(t) && !t.endsWith('.json') && !t.endsWith('.css')).map((t) => `${f} → ${t}`));
    expect(unresolved).toEqual([]);
  });
});
