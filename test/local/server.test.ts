/**
 * The local server (`npm start`, local/server.ts) over real HTTP: every answer, page or
 * API, carries the security headers CloudFront adds in production (less what only means
 * something over HTTPS), and an unknown /api path gets the contract's JSON 404, in
 * Vietnamese and English, as the Lambdas behind CloudFront answer it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../infra/site';
import { freePort } from '../../local/dynamodb-local';
import { startLocal, type LocalServer } from '../../local/server';
import { errorBody } from '../../shared/errors';

let dir: string;
let server: LocalServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'motcua-local-server-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="vi"><title>motcua-pay</title><p>Xin chào</p>\n');
  server = await startLocal({
    port: await freePort(),
    host: '127.0.0.1',
    dataDir: dir,
    tableName: `local-server-${Date.now()}`,
    dynamodbEndpoint: inject('dynamodbEndpoint'),
    webDir: dir,
    sweepIntervalMs: 0,
    env: { NODE_ENV: 'development' },
  });
});

afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What CloudFront's response headers policy adds (infra/site.ts), as a plain-HTTP server must send it. */
function expectSecurityHeaders(res: Response, what: string): void {
  const h = res.headers;
  // The same policy, less `upgrade-insecure-requests`: over http://127.0.0.1 (or a LAN address
  // a phone opens) it would send the browser to an https:// the local server does not serve.
  expect(h.get('content-security-policy'), what).toBe(CONTENT_SECURITY_POLICY.replace(/;\s*upgrade-insecure-requests/, ''));
  expect(h.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
  expect(h.get('x-content-type-options'), what).toBe('nosniff');
  expect(h.get('x-frame-options'), what).toBe('DENY');
  expect(h.get('referrer-policy'), what).toBe('no-referrer');
  expect(h.get('permissions-policy'), what).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
  expect(h.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(h.get('x-xss-protection'), what).toBe('0');
  // HSTS over plain HTTP is ignored by browsers at best, and would pin 127.0.0.1 to HTTPS at worst.
  expect(h.get('strict-transport-security'), what).toBeNull();
}

describe('the local server', () => {
  it('sends the security headers with every answer: pages, API, errors and not-found', async () => {
    const cases: [string, RequestInit | undefined, number][] = [
      ['/', undefined, 200],
      ['/index.html', undefined, 200],
      ['/api/health', undefined, 200],
      ['/api/agencies', undefined, 200],
      ['/api/orders/NOPE1234', undefined, 404],
      ['/api/orders', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }, 415],
      ['/api/staff/orders', undefined, 401],
      ['/api/no-such-thing', undefined, 404],
      ['/khong-co.html', undefined, 404],
      ['/__dev/simulate-payment', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' }, 400],
    ];
    for (const [p, init, status] of cases) {
      const res = await fetch(`${server.url}${p}`, init);
      expect(res.status, p).toBe(status);
      expectSecurityHeaders(res, p);
      await res.arrayBuffer();
    }
  });

  it('answers an unknown /api path with the contract’s JSON 404, whatever the method', async () => {
    for (const [p, method] of [
      ['/api/no-such-thing', 'GET'],
      ['/api/', 'GET'],
      ['/api', 'GET'],
      ['/api/orders/AB3K7MX2/nothing', 'GET'],
      ['/api/no-such-thing', 'POST'],
      ['/api/webhooks/momo/extra', 'POST'],
      ['/api/no-such-thing', 'DELETE'],
    ] as const) {
      const res = await fetch(`${server.url}${p}`, { method, ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
      expect(res.status, `${method} ${p}`).toBe(404);
      expect(res.headers.get('content-type'), `${method} ${p}`).toMatch(/^application\/json/);
      const body = await res.json();
      expect(body, `${method} ${p}`).toEqual(errorBody('NOT_FOUND'));
      expect(body.error.message).toBe('Không tìm thấy nội dung yêu cầu.');
      expect(body.error.messageEn).toBe('Not found.');
    }
  });

  it('still answers a missing page of the site as a page would (not the API’s JSON)', async () => {
    const res = await fetch(`${server.url}/khong-co.html`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).not.toMatch(/json/);
  });
});
