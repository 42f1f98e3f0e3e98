/**
 * GET /api/openapi.json and /api/docs: every route each app registers is documented (and
 * nothing is documented that no app serves), the document passes an independent OpenAPI
 * validator, and the request schemas it shows are the ones that validate: a body the
 * document says is wrong gets the documented 400.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createPublicApp } from '../../functions/public/app';
import { createStaffApp } from '../../functions/staff/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { allOperations } from '../../functions/openapi/document';
import { openApiPath } from '../../functions/openapi/operation';
import { createOrderSchema } from '../../shared/order';
import { loginSchema } from '../../functions/lib/accounts/users';
import { buildOpenApiDocument } from '../../functions/openapi/document';
import { prebuiltDocumentModule } from '../../scripts/openapi-prebuilt';

// Building an app reads no dependency; a route that reached for one here would throw.
const never = (): never => {
  throw new Error('this test reaches no dependency');
};

/** Each app a Lambda serves (the local server mounts these same apps, plus its dev routes). */
const APPS: Record<string, Hono> = {
  public: createPublicApp(never) as unknown as Hono,
  staff: createStaffApp(never) as unknown as Hono,
  webhooks: createWebhooksApp(never) as unknown as Hono,
};

/** `METHOD /path` of every route an app registers; middleware (`use`, method ALL) is not a route. */
function registered(app: Hono): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
}

const documented = new Set(allOperations().map((op) => `${op.method} ${op.path}`));
const publicApp = APPS.public!;

async function getDocument() {
  const res = await publicApp.request('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; responses: Record<string, unknown> }>>; components: { securitySchemes: Record<string, unknown> } };
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; maxLength?: number; additionalProperties?: boolean };

describe('every route is documented', () => {
  for (const [name, app] of Object.entries(APPS)) {
    it(`the ${name} app has no route without a documented operation`, () => {
      const routes = registered(app);
      expect(routes.length).toBeGreaterThan(0);
      const undocumented = routes.filter((r) => !documented.has(r));
      expect(undocumented, `routes of the ${name} app without an operation in functions/openapi/`).toEqual([]);
    });
  }

  it('documents no route that no app serves', () => {
    const served = new Set(Object.values(APPS).flatMap(registered));
    expect([...documented].filter((op) => !served.has(op)), 'operations no app registers').toEqual([]);
  });

  it('the served document has each operation at its OpenAPI path', async () => {
    const doc = await getDocument();
    for (const op of allOperations()) expect(doc.paths[openApiPath(op.path)]?.[op.method.toLowerCase()], `${op.method} ${op.path}`).toBeDefined();
  });
});

describe('the document', () => {
  it('in a Lambda bundle is the one the generator builds (scripts/openapi-prebuilt.ts)', async () => {
    const module = (await import(`data:text/javascript;base64,${Buffer.from(prebuiltDocumentModule()).toString('base64')}`)) as { openApiDocument(): unknown };
    expect(module.openApiDocument()).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('is valid OpenAPI 3.1 for an independent validator', async () => {
    const doc = await getDocument();
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as never);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names the security schemes and the error shape, with Vietnamese examples', async () => {
    const doc = await getDocument();
    expect(Object.keys(doc.components.securitySchemes)).toEqual(expect.arrayContaining(['staffBearer', 'orderToken', 'apiKey', 'sepaySignature', 'cassoSignature']));
    const created = doc.paths['/api/orders']!.post!;
    const bad = created.responses['400'] as { content: Record<string, { example: { error: { code: string; message: string; messageEn: string } } }>; description: string };
    expect(bad.description).toContain('VALIDATION_FAILED');
    expect(bad.content['application/json']!.example.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/hợp lệ/) });
    const text = JSON.stringify(doc);
    expect(text).toContain('Idempotency-Key');
    expect(text).toContain('X-Order-Token');
    expect(text).toContain('Nguyễn Văn An');
  });

  it('documents the guarded staff routes with their roles and 401/403', async () => {
    const doc = await getDocument();
    const confirm = doc.paths['/api/staff/orders/{id}/confirm']!.post! as unknown as { security: unknown; description: string; responses: Record<string, unknown> };
    expect(confirm.security).toEqual([{ staffBearer: [] }]);
    expect(confirm.description).toMatch(/`admin`, `clerk`/);
    expect(Object.keys(confirm.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
  });
});

/** Bodies the documented JSON schema forbids: each required field left out, each string too long, an unknown field. */
function badBodies(schema: JsonSchema, good: Record<string, unknown>): { why: string; body: Record<string, unknown>; path: string }[] {
  const out: { why: string; body: Record<string, unknown>; path: string }[] = [];
  for (const field of schema.required ?? []) {
    const { [field]: _left, ...rest } = good;
    out.push({ why: `without ${field}`, body: rest, path: field });
  }
  for (const [field, p] of Object.entries(schema.properties ?? {})) {
    if (p.type === 'string' && p.maxLength !== undefined) out.push({ why: `${field} too long`, body: { ...good, [field]: 'x'.repeat(p.maxLength + 1) }, path: field });
  }
  if (schema.additionalProperties === false) out.push({ why: 'an unknown field', body: { ...good, khongCo: 1 }, path: '' });
  return out;
}

describe('the documented request schema is the one that validates', () => {
  const cases = [
    { path: '/api/orders', method: 'post', schema: createOrderSchema, good: { procedureCode: '1.001022', agencyId: 'xa-giong-trom' } },
    { path: '/api/auth/login', method: 'post', schema: loginSchema, good: { username: 'clerk', password: 'x' } },
  ];

  it('the operation carries the handler’s own schema object', () => {
    for (const c of cases) expect(allOperations().find((op) => op.path === c.path && op.method === 'POST')?.body?.schema).toBe(c.schema);
  });

  for (const c of cases) {
    it(`POST ${c.path}: each body the document forbids gets the documented 400`, async () => {
      const doc = await getDocument();
      const op = doc.paths[c.path]![c.method]!;
      expect(Object.keys(op.responses)).toContain('400');
      const schema = op.requestBody!.content['application/json']!.schema;
      const bodies = badBodies(schema, c.good);
      expect(bodies.length).toBeGreaterThan(2);
      for (const bad of bodies) {
        const res = await APPS[c.path === '/api/orders' ? 'public' : 'staff']!.request(c.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bad.body) });
        expect(res.status, bad.why).toBe(400);
        const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
        expect(body.error.code, bad.why).toBe('VALIDATION_FAILED');
        if (bad.path) expect(body.error.details.map((d) => d.path), bad.why).toContain(bad.path);
      }
    });
  }

  it('a malformed Idempotency-Key, documented by its pattern, gets the documented 400', async () => {
    const res = await publicApp.request('/api/orders', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'has a space' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });
});

describe('/api/docs', () => {
  it('is a Vietnamese page of every operation, with no script and no inline style', async () => {
    const res = await publicApp.request('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="vi">/);
    expect(html).not.toMatch(/<script|\sstyle=|<style|\son[a-z]+=/i);
    expect(html).toContain('<link rel="stylesheet" href="/api/docs/style.css">');
    expect(html).toContain('Tạo đơn phí và mã VietQR');
    for (const op of allOperations()) expect(html, `${op.method} ${op.path}`).toContain(`<code>${openApiPath(op.path)}</code>`);
  });

  it('in English on asking, and 400 for a language it does not have', async () => {
    const en = await (await publicApp.request('/api/docs?lang=en')).text();
    expect(en).toMatch(/<html lang="en">/);
    expect(en).toContain('Create a fee order and its VietQR');
    const bad = await publicApp.request('/api/docs?lang=fr');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('INVALID_QUERY');
  });

  it('its stylesheet comes from the same origin', async () => {
    const res = await publicApp.request('/api/docs/style.css');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
  });
});
