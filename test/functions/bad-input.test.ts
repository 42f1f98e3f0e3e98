/**
 * Bad input at the edge: every refusal is a 4xx in the contract's shape, in Vietnamese
 * and English, and nothing is stored for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createPublicApp } from '../../functions/public/app';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

let db: TestDb;
let app: ReturnType<typeof createPublicApp>;

beforeAll(async () => {
  db = await testDb();
  const deps = testDeps(db);
  app = createPublicApp(() => deps);
});

async function orderCount(): Promise<number> {
  const page = await db.client.send(new ScanCommand({ TableName: db.tableName, Select: 'COUNT', FilterExpression: 'begins_with(PK, :o) OR begins_with(PK, :i)', ExpressionAttributeValues: { ':o': { S: 'ORDER#' }, ':i': { S: 'IDEM#' } } }));
  return page.Count ?? 0;
}

function send(body: string, contentType = 'application/json', extra: Record<string, string> = {}) {
  return app.request('/api/orders', { method: 'POST', headers: { 'content-type': contentType, ...extra }, body });
}

async function expectError(res: Response, status: number, code?: string) {
  expect(res.status).toBe(status);
  const body = await res.json();
  expect(body.error.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  if (code) expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(typeof body.error.messageEn).toBe('string');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|stack/i);
  return body;
}

const valid = () => ({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: agencyOfLevel('commune').id, quantity: 2 });

describe('bad fee-order requests', () => {
  it('unknown procedure or agency → 400 naming the field', async () => {
    const a = await expectError(await send(JSON.stringify({ ...valid(), procedureCode: '9.999999' })), 400, 'PROCEDURE_NOT_FOUND');
    expect(a.error.details[0].path).toBe('procedureCode');
    const b = await expectError(await send(JSON.stringify({ ...valid(), agencyId: 'no-such-agency' })), 400, 'AGENCY_NOT_FOUND');
    expect(b.error.details[0].path).toBe('agencyId');
  });

  it.each([0, -1, 1.5, '3', 1e12, null, true, [], {}])('quantity %j → 400 on quantity', async (quantity) => {
    const body = await expectError(await send(JSON.stringify({ ...valid(), quantity })), 400, 'VALIDATION_FAILED');
    expect(body.error.details.map((d: { path: string }) => d.path)).toContain('quantity');
    expect(body.error.details[0].message).toBeTruthy();
    expect(body.error.details[0].messageEn).toBeTruthy();
  });

  it('missing fields are named', async () => {
    const body = await expectError(await send('{}'), 400, 'VALIDATION_FAILED');
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['agencyId', 'procedureCode']);
  });

  it.each([
    ['truncated', '{"procedureCode":'],
    ['not JSON', 'procedureCode=1'],
    ['trailing garbage', '{}x'],
    ['empty', ''],
  ])('malformed JSON (%s) → 400 MALFORMED_JSON', async (_name, text) => {
    await expectError(await send(text), 400, 'MALFORMED_JSON');
  });

  it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x'], ['application/jsonx']])(
    'content type %s → 415',
    async (type) => {
      await expectError(await send(JSON.stringify(valid()), type), 415, 'UNSUPPORTED_MEDIA_TYPE');
    },
  );

  it('accepts application/json with a charset', async () => {
    expect((await send(JSON.stringify(valid()), 'application/json; charset=utf-8')).status).toBe(201);
  });

  it('a 2 MB body → 413 without reading it all', async () => {
    const big = JSON.stringify({ ...valid(), payer: { name: 'a'.repeat(2 * 1024 * 1024) } });
    await expectError(await send(big), 413, 'PAYLOAD_TOO_LARGE');
    // Said by its Content-Length, as an HTTP client sends it: refused on the header.
    await expectError(await send(big, 'application/json', { 'content-length': String(Buffer.byteLength(big)) }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('overlong strings → 400 on the field', async () => {
    for (const [field, body] of [
      ['payer.name', { ...valid(), payer: { name: 'A'.repeat(101) } }],
      ['dossierCode', { ...valid(), dossierCode: 'D'.repeat(41) }],
      ['procedureCode', { ...valid(), procedureCode: '1'.repeat(41) }],
    ] as const) {
      const res = await expectError(await send(JSON.stringify(body)), 400, 'VALIDATION_FAILED');
      expect(res.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
  });

  it('control characters and bidi overrides in text → 400', async () => {
    for (const name of ['An\u0000', 'An\u0007b', 'An\u202Egnp.exe', 'A\u009bB']) {
      const res = await expectError(await send(JSON.stringify({ ...valid(), payer: { name } })), 400, 'VALIDATION_FAILED');
      expect(res.error.details[0].path).toBe('payer.name');
    }
  });

  it('prototype-pollution keys → 400, and no object is polluted', async () => {
    for (const text of [
      '{"__proto__":{"polluted":true},"procedureCode":"x","agencyId":"y"}',
      `{"procedureCode":"${valid().procedureCode}","agencyId":"${valid().agencyId}","payer":{"constructor":{"prototype":{"polluted":true}}}}`,
      // The same keys spelled with escapes, which JSON.parse decodes.
      String.raw`{"\u005f_proto__":{"polluted":true},"procedureCode":"x","agencyId":"y"}`,
      String.raw`{"procedureCode":"x","agencyId":"y","payer":{"\u0063onstructor":{}}}`,
    ]) {
      const res = await expectError(await send(text), 400, 'VALIDATION_FAILED');
      expect(['__proto__', 'constructor', 'prototype']).toContain(res.error.details[0].path);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('unknown fields and wrong phone numbers → 400', async () => {
    await expectError(await send(JSON.stringify({ ...valid(), amount: 1 })), 400, 'VALIDATION_FAILED');
    const phone = await expectError(await send(JSON.stringify({ ...valid(), payer: { phone: '12345' } })), 400, 'VALIDATION_FAILED');
    expect(phone.error.details[0].path).toBe('payer.phone');
  });

  it('a non-object body → 400', async () => {
    for (const text of ['null', '[]', '"x"', '42', 'true']) await expectError(await send(text), 400, 'VALIDATION_FAILED');
  });

  it('stored nothing for any of the above', async () => {
    // Only the one charset request above created an order.
    expect(await orderCount()).toBe(1);
  });
});

describe('1,000 generated bodies', () => {
  it('never answer 5xx, and store nothing for a rejected one', async () => {
    const base = valid();
    const anyValue = fc.oneof(
      fc.string({ maxLength: 50 }),
      fc.string({ unit: "grapheme", maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.constant(null),
      fc.boolean(),
      fc.constantFrom(0, -1, 1.5, '3', 1e12, Number.MAX_SAFE_INTEGER, '__proto__', 'constructor'),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
    );
    const body = fc.oneof(
      // Mutations of a valid body: each field replaced by something arbitrary.
      fc.record({
        procedureCode: fc.oneof(fc.constant(base.procedureCode), anyValue),
        agencyId: fc.oneof(fc.constant(base.agencyId), anyValue),
        quantity: fc.oneof(fc.integer({ min: 1, max: 50 }), anyValue),
        payer: fc.oneof(fc.record({ name: anyValue, phone: anyValue }, { requiredKeys: [] }), anyValue),
        dossierCode: anyValue,
      }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
      // Arbitrary JSON and arbitrary text.
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 200 }),
      fc.constantFrom('{"__proto__":{}}', '{"constructor":{"prototype":{}}}', '{', '[]'),
    );
    let accepted = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = await orderCount();
        const res = await send(text);
        expect(res.status).toBeLessThan(500);
        const after = await orderCount();
        if (res.status === 201) {
          accepted++;
          expect(after).toBe(before + 1);
        } else {
          rejected++;
          expect(res.status).toBeGreaterThanOrEqual(400);
          const json = await res.json();
          expect(json.error.code).toBeTruthy();
          expect(json.error.messageEn).toBeTruthy();
          expect(after).toBe(before);
        }
      }),
      { numRuns: 1000 },
    );
    expect(accepted + rejected).toBe(1000);
    expect(rejected).toBeGreaterThan(500);
  }, 300_000);
});
