/**
 * The local server's transport as a client meets it: one Server-Timing header on every API
 * answer (the three apps are mounted together, only one of them times a request), and
 * request bodies handed to the apps whole when they have a length, streamed otherwise,
 * with the same limits either way.
 */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { startLocal, type LocalServer } from '../../local/server';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

let server: LocalServer;
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-http-'));

beforeAll(async () => {
  server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName: `http-${Date.now()}`, dynamodbEndpoint: inject('dynamodbEndpoint'), webDir: dataDir, sweepIntervalMs: 0 });
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A request through node:http, so that a body can be sent with a length or chunked. */
function send(method: string, pathname: string, body: string | undefined, options: { chunked?: boolean; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (body !== undefined && !options.chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const req = http.request(`${server.url}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined && options.chunked) {
      // Two chunks, so that the body really arrives in pieces.
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      req.end(body.slice(half));
    } else req.end(body);
  });
}

const TIMING = /^db;dur=(\d+\.\d\d), app;dur=(\d+\.\d\d)$/;
const order = () => JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: agencyOfLevel('commune').id, quantity: 2 });

describe('Server-Timing', () => {
  it('an order says how long it spent in DynamoDB and in the app, once', async () => {
    const res = await send('POST', '/api/orders', order());
    expect(res.status).toBe(201);
    const header = res.headers['server-timing'];
    expect(typeof header).toBe('string');
    const [, db, app] = TIMING.exec(header as string) ?? [];
    expect(Number(db)).toBeGreaterThan(0);
    expect(Number(app)).toBeGreaterThanOrEqual(0);
  });

  it('refusals, unknown API paths, webhooks and staff routes carry it too', async () => {
    for (const res of [
      await send('POST', '/api/orders', '{"procedureCode": 1}'),
      await send('GET', '/api/no-such-thing', undefined),
      await send('POST', '/api/webhooks/payos', '{}'),
      await send('GET', '/api/staff/me', undefined),
      await send('GET', '/api/agencies', undefined),
    ]) {
      expect(res.status).not.toBe(500);
      expect(res.headers['server-timing']).toMatch(TIMING);
    }
  });
});

describe('request bodies', () => {
  it('an order sent chunked, without a length, is read as one sent with its length', async () => {
    const res = await send('POST', '/api/orders', order(), { chunked: true });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body).amount).toBeGreaterThan(0);
  });

  it('a body over the limit is refused with 413 whether it has a length or not', async () => {
    const big = JSON.stringify({ procedureCode: 'x'.repeat(20 * 1024), agencyId: 'a' });
    expect((await send('POST', '/api/orders', big)).status).toBe(413);
    expect((await send('POST', '/api/orders', big, { chunked: true })).status).toBe(413);
    const huge = JSON.stringify({ filler: 'x'.repeat(100 * 1024) });
    expect((await send('POST', '/api/webhooks/payos', huge)).status).toBe(413);
    expect((await send('POST', '/api/webhooks/payos', huge, { chunked: true })).status).toBe(413);
  });

  it('a malformed body gets the JSON error, as before', async () => {
    const res = await send('POST', '/api/orders', '{"procedureCode": ');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.code).toBe('MALFORMED_JSON');
  });
});
