/**
 * The site fits its Content-Security-Policy: built exactly as `npm run build` builds it,
 * nothing in it needs more than CONTENT_SECURITY_POLICY allows (no inline script or style,
 * no handler attributes, no eval, nothing from another origin). A page that breaks this
 * would be blank or unstyled behind CloudFront while working under `npm start`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { CONTENT_SECURITY_POLICY, INLINE_STYLES } from '../../infra/site';
import { buildWeb } from '../../scripts/build-web';

let dir: string;
let files: string[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-pay-csp-'));
  await buildWeb(dir, { production: true });
  files = (readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f));
}, 60_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const read = (f: string) => readFileSync(f, 'utf8');
const rel = (f: string) => path.relative(dir, f);
const sameOrigin = (url: string) => url.startsWith('/') && !url.startsWith('//');

function directives(): Map<string, string[]> {
  return new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('the policy', () => {
  it('allows only this origin, and nothing inline or evaluated', () => {
    const csp = directives();
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    // Same-origin style sheets, and the few inline styles the site writes, each by its hash.
    expect(csp.get('style-src')).toEqual(["'self'", ...INLINE_STYLES.map((t) => `'sha256-${createHash('sha256').update(t).digest('base64')}'`)]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:/);
  });
});

describe('the built site', () => {
  it('has pages and scripts to check', () => {
    expect(files.filter((f) => f.endsWith('.html')).length).toBeGreaterThan(3);
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(2);
  });

  it('runs only same-origin scripts (a JSON data block is not executed)', () => {
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      for (const [tag] of read(f).matchAll(/<script\b[^>]*>/gi)) {
        const src = /\ssrc="([^"]*)"/i.exec(tag)?.[1];
        if (src !== undefined) expect(sameOrigin(src), `${rel(f)}: ${tag}`).toBe(true);
        else expect(tag, `${rel(f)}: inline script`).toMatch(/type="application\/(ld\+)?json"/i);
      }
    }
  });

  it('has no inline style but the hashed ones, no handler attribute, javascript: URL, frame or <base>', () => {
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      const html = read(f);
      for (const [, css] of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) {
        expect(INLINE_STYLES as readonly string[], `${rel(f)}: an inline style CSP does not allow (add it to INLINE_STYLES in infra/site.ts, or better, move it to the style sheet)`).toContain(css);
      }
      expect(html, `${rel(f)}: style attribute`).not.toMatch(/<[^>]+\sstyle\s*=/i);
      expect(html, `${rel(f)}: handler attribute`).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
      expect(html, `${rel(f)}: javascript: URL`).not.toMatch(/javascript:/i);
      expect(html, `${rel(f)}: frame, object or base`).not.toMatch(/<(iframe|object|embed|base)\b/i);
    }
  });

  it('loads styles, images and forms from this origin only (or a data: image)', () => {
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      const html = read(f);
      for (const [, href] of html.matchAll(/<link\b[^>]*rel="(?:stylesheet|preload|modulepreload|manifest)"[^>]*href="([^"]*)"/gi)) expect(sameOrigin(href!), `${rel(f)}: ${href}`).toBe(true);
      for (const [, src] of html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/gi)) expect(sameOrigin(src!) || src!.startsWith('data:'), `${rel(f)}: ${src}`).toBe(true);
      for (const [, href] of html.matchAll(/<link\b[^>]*rel="icon"[^>]*href="([^"]*)"/gi)) expect(sameOrigin(href!) || href!.startsWith('data:'), `${rel(f)}: ${href}`).toBe(true);
      for (const [, action] of html.matchAll(/<form\b[^>]*\saction="([^"]*)"/gi)) expect(sameOrigin(action!), `${rel(f)}: ${action}`).toBe(true);
    }
    for (const f of files.filter((x) => x.endsWith('.css'))) {
      expect(read(f), rel(f)).not.toMatch(/@import|url\(\s*["']?(https?:)?\/\//i);
    }
  });

  it('scripts neither evaluate code, nor set style attributes, nor call another origin', () => {
    for (const f of files.filter((x) => x.endsWith('.js'))) {
      const js = read(f);
      expect(js, `${rel(f)}: eval`).not.toMatch(/\beval\(|new Function\(|set(Timeout|Interval)\(\s*["'`]/);
      // Markup with a style attribute, or setAttribute('style'): blocked by style-src.
      expect(js, `${rel(f)}: style attribute`).not.toMatch(/setAttribute\(\s*["'`]style["'`]|<[a-z][^<>]*\sstyle=/i);
      expect(js, `${rel(f)}: cross-origin call`).not.toMatch(/(fetch|EventSource|WebSocket|sendBeacon)\(\s*["'`](https?:|wss?:)?\/\//);
      expect(js, `${rel(f)}: worker`).not.toMatch(/new (Shared)?Worker\(/);
      // Text a script puts in a <style> block is checked against the hashes too.
      for (const [, css] of js.matchAll(/["'`](@page\s*\{[^"'`]*)["'`]/g)) expect(INLINE_STYLES as readonly string[], `${rel(f)}: ${css}`).toContain(css);
    }
  });
});
