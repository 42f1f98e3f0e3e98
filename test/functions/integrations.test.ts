/**
 * Machine clients on DynamoDB Local: an admin registers an integration (key and secret
 * shown once, stored hashed), rotates and revokes its key; the client places orders for
 * its dossiers (idempotent on the dossier code), reads them back, is refused another
 * agency's, a wrong, revoked or expired key, and too many requests; every use is audited.
 * Webhook URLs are refused outside https and public addresses in production.
 */
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntegrationApp } from '../../functions/integration/app';
import { createIntegration } from '../../functions/lib/integrations/admin';
import { matchingKey, parseApiKey } from '../../functions/lib/integrations/credentials';
import { attemptDelivery, fanOut } from '../../functions/lib/integrations/delivery';
import { isPrivateAddress, refusalOf } from '../../functions/lib/integrations/url-guard';
import { DynamoIntegrationStore } from '../../functions/lib/storage/integrations-table';
import type { IntegrationView } from '../../shared/integrations';
import { agencyOfLevel, payableProcedureAt } from '../support/fixtures';
import { call, staffWorld, type StaffWorld } from '../support/staff';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

let world: StaffWorld;
let receiver: Receiver;
let integrations: DynamoIntegrationStore;
let app: ReturnType<typeof createIntegrationApp>;
let limited: ReturnType<typeof createIntegrationApp>;

const own = () => agencyOfLevel('commune', 0).id;
const other = () => agencyOfLevel('commune', 1).id;

beforeAll(async () => {
  world = await staffWorld();
  receiver = await startReceiver();
  integrations = world.deps.delivery.integrations as DynamoIntegrationStore;
  app = createIntegrationApp(() => ({ ...world.deps, integrations, integrationRateLimit: 1000 }));
  limited = createIntegrationApp(() => ({ ...world.deps, integrations, integrationRateLimit: 3 }));
}, 120_000);

afterAll(async () => {
  await receiver?.close();
});

async function register(agencyIds = [own()]): Promise<{ id: string; apiKey: string; signingSecret: string }> {
  const res = await call(world, 'POST', '/api/staff/integrations', world.tokens.admin, { name: 'Phần mềm một cửa', webhookUrl: receiver.url, agencyIds });
  expect(res.status).toBe(201);
  return res.json();
}

function orderBody(extra: Record<string, unknown> = {}, agencyId = own()) {
  const { procedure, quantity } = payableProcedureAt(agencyId, 2);
  return { procedureCode: procedure.code, agencyId, quantity, dossierCode: `000.00.01.H55-${randomUUID().slice(0, 8)}`, ...extra };
}

const post = (key: string | undefined, body: unknown, on = app) =>
  on.request('/api/integration/orders', { method: 'POST', headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) }, body: JSON.stringify(body) });
const get = (key: string, dossierCode: string, on = app) => on.request(`/api/integration/orders?dossierCode=${encodeURIComponent(dossierCode)}`, { headers: { 'x-api-key': key } });

async function tableText(): Promise<string> {
  const res = await world.db.client.send(new ScanCommand({ TableName: world.db.tableName }));
  return JSON.stringify(res.Items);
}

describe('registering an integration', () => {
  it('answers the API key and a Standard Webhooks secret once; lists and reads show neither, the table holds no key', async () => {
    const created = await register();
    expect(created.id).toMatch(/^int_[0-9a-f]{16}$/);
    expect(parseApiKey(created.apiKey)?.integrationId).toBe(created.id);
    expect(created.signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    const list = await (await call(world, 'GET', '/api/staff/integrations', world.tokens.admin)).json();
    const one = await (await call(world, 'GET', `/api/staff/integrations/${created.id}`, world.tokens.admin)).json();
    const shown = JSON.stringify([list, one]);
    expect(shown).not.toContain(created.apiKey.split('.')[2]);
    expect(shown).not.toContain(created.signingSecret.slice(6, 30));
    expect((one.integration as IntegrationView)).toMatchObject({ id: created.id, status: 'ACTIVE', agencyIds: [own()], webhookUrl: receiver.url });
    expect((one.integration as IntegrationView).keys).toHaveLength(1);
    // Hashed: the key's secret part is nowhere in the table.
    expect(await tableText()).not.toContain(created.apiKey.split('.')[2]);

    const audit = await (await call(world, 'GET', '/api/staff/audit', world.tokens.admin)).json();
    expect(audit.items.some((e: { action: string; target: { id: string } }) => e.action === 'INTEGRATION_CREATED' && e.target.id === created.id)).toBe(true);
  });

  it('refuses bad input with 400 and stores nothing; agencies outside the admin\'s scope are refused', async () => {
    for (const body of [{}, { name: 'x', webhookUrl: 'ftp://a.b/c', agencyIds: [own()] }, { name: 'x', webhookUrl: 'https://u:p@a.b/c', agencyIds: [own()] }, { name: 'x', webhookUrl: 'https://a.b', agencyIds: [] }, { name: '', webhookUrl: 'https://a.b', agencyIds: [own()] }, { name: 'x', webhookUrl: 'https://a.b', agencyIds: [own()], extra: 1 }]) {
      const res = await call(world, 'POST', '/api/staff/integrations', world.tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.messageEn).toBeTruthy();
    }
    const out = await call(world, 'POST', '/api/staff/integrations', world.tokens.communeAdmin, { name: 'x', webhookUrl: 'https://a.b', agencyIds: [other()] });
    expect(out.status).toBe(400);
    expect((await call(world, 'POST', '/api/staff/integrations', world.tokens.clerk, { name: 'x', webhookUrl: 'https://a.b', agencyIds: [own()] })).status).toBe(403);
  });

  it('in production: https only, and never a loopback, private or link-local address', async () => {
    const production = { ...world.deps.delivery, production: true };
    const actor = { username: 'admin', role: 'admin', mayActFor: () => true };
    const refused = async (webhookUrl: string) => {
      const err = await createIntegration({ ...production, store: world.db.store, catalogue: world.deps.catalogue, randomBytes: world.deps.randomBytes }, actor, { name: 'x', webhookUrl, agencyIds: [own()] }).catch((e: { code?: string }) => e);
      return (err as { code?: string }).code;
    };
    for (const url of ['http://example.gov.vn/hook', 'https://127.0.0.1/hook', 'https://localhost/hook', 'https://10.1.2.3/x', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x', 'https://192.168.1.10/x', 'https://[fd00::1]/x']) {
      expect(await refused(url), url).toBe('WEBHOOK_URL_REFUSED');
    }
    expect(await refusalOf('https://hooks.example.gov.vn/x', { production: true, resolve: async () => ['10.0.0.5'] })).toMatch(/private/);
    expect(await refusalOf('https://hooks.example.gov.vn/x', { production: true, resolve: async () => ['203.162.4.190'] })).toBeUndefined();
    expect(await refusalOf('http://127.0.0.1:3000/x', { production: false })).toBeUndefined();
    expect(['8.8.8.8', '2001:4860:4860::8888'].map(isPrivateAddress)).toEqual([false, false]);
    expect(['127.0.0.1', '100.64.0.1', '::', 'fe80::1', '::ffff:10.0.0.1', 'not-an-address'].every(isPrivateAddress)).toBe(true);
  });

  it('in production, a delivery to an address that became private is refused at delivery too, and retried later', async () => {
    const created = await register();
    const order = await (await post(created.apiKey, orderBody())).json();
    await fanOut(world.deps.delivery, { id: `evt_000000001_${randomUUID().replace(/-/g, '').slice(0, 16)}`, type: 'order.paid', at: new Date().toISOString(), agencyId: own(), data: { orderId: order.id, reference: order.reference, agencyId: own(), amount: 1, paidAmount: 1, refundDue: 0, status: 'PAID', receipt: null } });
    const [d] = (await integrations.listDeliveries(created.id, { limit: 5 })).items;
    const before = receiver.received.length;
    const after = await attemptDelivery({ ...world.deps.delivery, production: true }, created.id, d!.eventId);
    expect(after!.attempts[0]!.error).toMatch(/refused/);
    expect(after!.status).toBe('PENDING');
    expect(receiver.received.length).toBe(before);
  });
});

describe('the client\'s orders', () => {
  it('places an order for a dossier (201), the same body again is the same order (200), another body with that dossier code 409', async () => {
    const { apiKey } = await register();
    const body = orderBody();
    const first = await post(apiKey, body);
    expect(first.status).toBe(201);
    const placed = await first.json();
    expect(placed).toMatchObject({ dossierCode: body.dossierCode, agencyId: own(), status: 'PENDING', currency: 'VND' });
    expect(placed.accessToken).toBeTruthy();
    expect(placed.vietqr.memo).toContain(placed.reference);
    const again = await post(apiKey, body);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(placed.id);
    const changed = await post(apiKey, { ...body, quantity: body.quantity + 1 });
    expect(changed.status).toBe(409);
    expect((await changed.json()).error.code).toBe('DOSSIER_CODE_REUSED');

    const read = await get(apiKey, body.dossierCode);
    expect(read.status).toBe(200);
    expect((await read.json()).id).toBe(placed.id);
    expect((await get(apiKey, 'NO-SUCH-DOSSIER')).status).toBe(404);

    // Another integration's dossier codes are its own: the same code is a new order there.
    const second = await register();
    const theirs = await post(second.apiKey, body);
    expect(theirs.status).toBe(201);
    expect((await theirs.json()).id).not.toBe(placed.id);
  });

  it('another agency\'s order: 403, nothing stored', async () => {
    const { apiKey } = await register([own()]);
    const body = orderBody({}, other());
    const res = await post(apiKey, body);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('INTEGRATION_AGENCY_FORBIDDEN');
    expect((await get(apiKey, body.dossierCode)).status).toBe(404);
  });

  it('bad input: 400 in the contract\'s shape (a missing dossier code included)', async () => {
    const { apiKey } = await register();
    const { dossierCode: _, ...without } = orderBody();
    const res = await post(apiKey, without);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(error.details.some((d: { path: string }) => d.path === 'dossierCode')).toBe(true);
    expect((await post(apiKey, orderBody({ dossierCode: 'có dấu' }))).status).toBe(400);
    expect((await app.request('/api/integration/orders', { method: 'POST', headers: { 'x-api-key': apiKey, 'content-type': 'application/json' }, body: '{' })).status).toBe(400);
    expect((await app.request('/api/integration/orders?dossierCode=', { headers: { 'x-api-key': apiKey } })).status).toBe(400);
  });

  it('every use is audited under the integration', async () => {
    const { id, apiKey } = await register();
    const body = orderBody();
    await post(apiKey, body);
    await get(apiKey, body.dossierCode);
    const audit = await (await call(world, 'GET', `/api/staff/audit?actor=${encodeURIComponent(`integration:${id}`)}`, world.tokens.admin)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(['INTEGRATION_ORDER_CREATED', 'INTEGRATION_ORDER_READ']);
  });
});

describe('keys: wrong, revoked, rotated, rate-limited', () => {
  it('a wrong key, a malformed one, none, and another integration\'s id with this secret: 401 alike', async () => {
    const a = await register();
    const b = await register();
    const secretOfA = a.apiKey.split('.')[2]!;
    const wrong = [undefined, 'nonsense', `mcpk.${a.id}.${'A'.repeat(43)}`, `mcpk.${b.id}.${secretOfA}`, `mcpk.int_0000000000000000.${secretOfA}`];
    const bodies = new Set<string>();
    for (const key of wrong) {
      const res = await post(key, orderBody());
      expect(res.status, String(key)).toBe(401);
      bodies.add(await res.text());
    }
    expect(bodies.size).toBe(1);
  });

  it('revoked: 401 exactly like a wrong key; the integration shows REVOKED without keys', async () => {
    const { id, apiKey } = await register();
    expect((await post(apiKey, orderBody())).status).toBe(201);
    const revoked = await call(world, 'POST', `/api/staff/integrations/${id}/revoke`, world.tokens.admin);
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).integration).toMatchObject({ status: 'REVOKED', keys: [] });
    const res = await post(apiKey, orderBody());
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('API_KEY_INVALID');
    expect((await call(world, 'POST', `/api/staff/integrations/${id}/rotate`, world.tokens.admin, {})).status).toBe(409);
  });

  it('rotated: old and new keys both work during the overlap; without overlap the old stops at once', async () => {
    const { id, apiKey: old } = await register();
    const rotated = await call(world, 'POST', `/api/staff/integrations/${id}/rotate`, world.tokens.admin, { overlapHours: 24 });
    expect(rotated.status).toBe(200);
    const { apiKey: fresh, oldKeysValidUntil } = await rotated.json();
    expect(fresh).not.toBe(old);
    expect(Date.parse(oldKeysValidUntil) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    expect((await post(old, orderBody())).status).toBe(201);
    expect((await post(fresh, orderBody())).status).toBe(201);
    const view = (await (await call(world, 'GET', `/api/staff/integrations/${id}`, world.tokens.admin)).json()).integration as IntegrationView;
    expect(view.keys).toHaveLength(2);

    // Past the overlap the old key no longer matches.
    const record = (await integrations.getIntegration(id))!;
    const secret = (k: string) => k.split('.')[2]!;
    expect(matchingKey(record, secret(old), new Date(Date.now() + 25 * 3_600_000))).toBeUndefined();
    expect(matchingKey(record, secret(fresh), new Date(Date.now() + 25 * 3_600_000))).toBeDefined();

    const again = await (await call(world, 'POST', `/api/staff/integrations/${id}/rotate`, world.tokens.admin, { overlapHours: 0 })).json();
    expect((await post(fresh, orderBody())).status).toBe(401);
    expect((await post(old, orderBody())).status).toBe(401);
    expect((await post(again.apiKey, orderBody())).status).toBe(201);
  });

  it('rate-limited per key: 429 with Retry-After once the minute\'s budget is spent', async () => {
    const { apiKey } = await register();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await get(apiKey, 'ANY-DOSSIER', limited);
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    // Eight requests fall in at most two minutes, so one of them sees more than three: at least one refusal.
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(3);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(6);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
