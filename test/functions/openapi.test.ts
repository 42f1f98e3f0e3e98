/**
 * GET /api/openapi.json and /api/docs: every route each app registers is documented (and
 * nothing is documented that no app serves), the document passes an independent OpenAPI
 * validator, and the request schemas it shows are the ones that validate: a body the
 * document says is wrong gets the documented 400.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { payableProcedureAt } from '../support/fixtures';
import { staffWorld, type StaffWorld } from '../support/staff';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createPublicApp } from '../../functions/public/app';
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

/**
 * Each app a Lambda serves, found as `create…App` in every `functions/<name>/app.ts` (the
 * local server mounts these same apps, plus its dev routes, which are not the API's): a
 * new function's app is enumerated without anyone remembering to add it here.
 */
const FUNCTIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../functions');
const APPS: Record<string, Hono> = {};
for (const name of readdirSync(FUNCTIONS_DIR).filter((n) => existsSync(path.join(FUNCTIONS_DIR, n, 'app.ts')))) {
  const module = (await import(pathToFileURL(path.join(FUNCTIONS_DIR, name, 'app.ts')).href)) as Record<string, unknown>;
  const factories = Object.entries(module).filter(([key, value]) => /^create\w*App$/.test(key) && typeof value === 'function');
  for (const [key, factory] of factories) APPS[`${name} (${key})`] = (factory as (deps: () => never) => Hono)(never);
}

/** `METHOD /path` of every route an app registers; middleware (`use`, method ALL) is not a route. */
function registered(app: Hono): string[] {
  return [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
}

const documented = new Set(allOperations().map((op) => `${op.method} ${op.path}`));
const publicApp = createPublicApp(never) as unknown as Hono;

async function getDocument() {
  const res = await publicApp.request('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; responses: Record<string, unknown> }>>; components: { securitySchemes: Record<string, unknown> } };
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; maxLength?: number; additionalProperties?: boolean };

describe('every route is documented', () => {
  it('finds the public, staff and webhooks apps', () => expect(Object.keys(APPS)).toEqual(expect.arrayContaining(['public (createPublicApp)', 'staff (createStaffApp)', 'webhooks (createWebhooksApp)'])));

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

  it('says each thing in Vietnamese and English, "vi | en", so the page can show one side', async () => {
    const doc = await getDocument();
    const texts: string[] = [];
    const walk = (o: unknown): void => {
      if (!o || typeof o !== 'object') return;
      for (const [k, v] of Object.entries(o)) (k === 'summary' || k === 'description') && typeof v === 'string' ? texts.push(v) : walk(v);
    };
    walk(doc);
    const lines = texts.flatMap((t) => t.split('\n')).filter((l) => l.trim());
    expect(lines.filter((l) => l.split(' | ').length > 2), 'more than one bar').toEqual([]);
    // Without a bar: words alike in both languages only (a code, a format, a name).
    expect(lines.filter((l) => !l.includes(' | ') && /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(l)), 'Vietnamese without its English').toEqual([]);
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
  it('the operation carries the handler’s own schema object', () => {
    const bodyOf = (path: string) => allOperations().find((op) => op.path === path && op.method === 'POST')?.body?.schema;
    expect(bodyOf('/api/orders')).toBe(createOrderSchema);
    expect(bodyOf('/api/staff/orders')).toBe(createOrderSchema);
    expect(bodyOf('/api/auth/login')).toBe(loginSchema);
  });

  let world: StaffWorld;
  beforeAll(async () => {
    world = await staffWorld();
  });

  // Every operation with a JSON body that documents 400 VALIDATION_FAILED: the public one
  // reaches no dependency before validating; the staff ones are sent as the admin, whom
  // every such route allows, so the guard lets them through to the validation.
  // The integration API checks its key before the body (a 401 says nothing of the body):
  // its bad bodies are sent with a real key in test/functions/integrations.test.ts.
  const withBodies = allOperations().filter((op) => op.body && op.errors.includes('VALIDATION_FAILED') && !op.security?.includes('apiKey'));
  it('covers every documented body', () => expect(withBodies.length).toBeGreaterThanOrEqual(10));

  for (const op of withBodies) {
    it(`${op.method} ${op.path}: each body the document forbids gets the documented 400 naming the field`, async () => {
      const doc = await getDocument();
      const documentedOp = doc.paths[openApiPath(op.path)]![op.method.toLowerCase()]!;
      expect(Object.keys(documentedOp.responses)).toContain('400');
      const media = documentedOp.requestBody!.content['application/json']! as { schema: JsonSchema; example: Record<string, unknown> };
      const bodies = badBodies(media.schema, media.example);
      expect(bodies.length, 'the document forbids something').toBeGreaterThan(0);
      const staff = op.path.startsWith('/api/staff/') || op.path === '/api/auth/login';
      const app = staff ? world.app : publicApp;
      const url = op.path.replace(/:[A-Za-z]+/g, 'X1');
      for (const bad of bodies) {
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(op.path.startsWith('/api/staff/') ? { authorization: `Bearer ${world.tokens.admin}` } : {}) };
        const res = await app.request(url, { method: op.method, headers, body: JSON.stringify(bad.body) });
        expect(res.status, bad.why).toBe(400);
        const body = (await res.json()) as { error: { code: string; details: { path: string }[] } };
        expect(body.error.code, bad.why).toBe('VALIDATION_FAILED');
        if (bad.path) expect(body.error.details.map((d) => d.path), bad.why).toContain(bad.path);
      }
    });
  }

  // The answers' shapes are written for the document (functions/openapi/shapes.ts): each is
  // held to what the route really answers, here for every staff list and page an admin reads.
  let ordered: Promise<void> | undefined;
  /** One order at the clerk's commune, placed at the counter, so the lists have an item to check. */
  const anOrder = () =>
    (ordered ??= (async () => {
      const { procedure, quantity } = payableProcedureAt(world.own);
      const res = await world.app.request('/api/staff/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${world.tokens.clerk}` },
        body: JSON.stringify({ procedureCode: procedure.code, agencyId: world.own, quantity, payer: { name: 'Trần Thị Bích', phone: '0987654321' } }),
      });
      expect(res.status).toBe(201);
      expect(assistedShape().safeParse(await res.json()).success).toBe(true);
    })());
  const assistedShape = () => allOperations().find((op) => op.method === 'POST' && op.path === '/api/staff/orders')!.answers[0]!.schema!;
  const staffReads = allOperations().filter((op) => op.method === 'GET' && op.path.startsWith('/api/staff/') && !op.path.includes(':') && !op.answers[0]!.contentType);
  for (const op of staffReads) {
    it(`GET ${op.path}: the answer has the documented shape`, async () => {
      await anOrder();
      const query = op.query && 'agencyId' in op.query.shape ? `?agencyId=${world.own}` : '';
      const res = await world.app.request(`${op.path}${query}`, { headers: { authorization: `Bearer ${world.tokens.admin}` } });
      expect(res.status).toBe(200);
      const parsed = op.answers[0]!.schema!.safeParse(await res.json());
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
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
