/**
 * Catch-up against local stand-ins of SePay's and Casso's pull APIs (real HTTP, the real
 * adapters), on DynamoDB Local: what it finds settles through the same exactly-once path
 * as the webhooks, under the same transfer key; cursors persist and only move forwards;
 * every fault of issue 16 ("Bad input and faults") is survived with a reason and no
 * double settlement or lost transfer; one provider failing never stops the other.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createPublicApp } from '../../functions/public/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { signedNotification, type SampleTransfer } from '../../functions/webhooks/providers';
import { sampleId } from '../../functions/webhooks/providers/common';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { runCatchUp, type CatchUpDeps } from '../../functions/lib/payments/catch-up/catch-up';
import { pullSourcesFromEnv } from '../../functions/lib/payments/catch-up/config';
import { retryAfterMs } from '../../functions/lib/payments/catch-up/pull-http';
import { DynamoCursorStore } from '../../functions/lib/storage/cursor-store';
import type { FeeOrder } from '../../shared/order';
import type { Provider } from '../../shared/transfer';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';
import { call, makeOrder, staffWorld } from '../support/staff';
import { cassoRecordFor, sepayRecordFor, startCassoStandIn, startSepayStandIn, type StandIn } from '../support/pull-stand-ins';

const SEPAY_TOKEN = 'sepay-api-token-for-tests-0123456789';
const CASSO_KEY = 'casso-api-key-for-tests-0123456789';
const SECRETS: Record<Provider, string> = { payos: DEV_SECRETS.PAYOS_CHECKSUM_KEY, sepay: DEV_SECRETS.SEPAY_API_KEY, casso: DEV_SECRETS.CASSO_SECRET };

let db: TestDb;
let sepayApi: StandIn;
let cassoApi: StandIn;
let publicApp: ReturnType<typeof createPublicApp>;
let webhooks: ReturnType<typeof createWebhooksApp>;
let clock = () => new Date();

beforeAll(async () => {
  sepayApi = await startSepayStandIn(SEPAY_TOKEN);
  cassoApi = await startCassoStandIn(CASSO_KEY);
});
afterAll(async () => {
  await sepayApi.close();
  await cassoApi.close();
});

beforeEach(async () => {
  // A table of its own per test: cursors start empty.
  db = await testDb();
  const deps = testDeps(db);
  publicApp = createPublicApp(() => deps);
  webhooks = createWebhooksApp(() => ({ ...deps, providerSecret: (p) => SECRETS[p] }));
  sepayApi.records.length = 0;
  cassoApi.records.length = 0;
  sepayApi.faults.length = 0;
  cassoApi.faults.length = 0;
  sepayApi.requests.length = 0;
  cassoApi.requests.length = 0;
  clock = () => new Date();
});

/** Catch-up as composed for a process: deps built afresh each time, as after a restart. */
function catchUp(env: NodeJS.ProcessEnv = {}): Promise<ReturnType<typeof runCatchUp> extends Promise<infer R> ? R : never> {
  const deps: CatchUpDeps = {
    ...testDeps(db, { now: () => clock() }),
    cursors: new DynamoCursorStore(db.client, db.tableName),
    sources: pullSourcesFromEnv({ SEPAY_API_URL: sepayApi.url, SEPAY_API_TOKEN: SEPAY_TOKEN, CASSO_API_URL: cassoApi.url, CASSO_API_KEY: CASSO_KEY, ...env }),
  };
  return runCatchUp(deps);
}

async function newOrder(): Promise<FeeOrder> {
  const agency = agencyOfLevel('commune');
  const res = await publicApp.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: agency.id, quantity: 3 }),
  });
  expect(res.status).toBe(201);
  return (await db.store.getOrder(((await res.json()) as { id: string }).id))!;
}

function sample(order: FeeOrder, amount = order.amount): SampleTransfer {
  return {
    amount,
    memo: `MBVCB.3278519.${order.vietqr.memo}.CT tu 0123456789 NGUYEN VAN A toi ${order.vietqr.accountNumber}`,
    accountNumber: order.vietqr.accountNumber,
    reference: `FT${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`,
    at: new Date(),
  };
}

async function notify(provider: Provider, s: SampleTransfer) {
  const { body, headers } = signedNotification(provider, s, SECRETS[provider], new Date());
  const res = await webhooks.request(`/api/webhooks/${provider}`, { method: 'POST', headers, body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { result: string }).result;
}

const recordFor = (provider: 'sepay' | 'casso', s: SampleTransfer) => (provider === 'sepay' ? sepayRecordFor(s) : cassoRecordFor(s));
const apiOf = (provider: 'sepay' | 'casso') => (provider === 'sepay' ? sepayApi : cassoApi);

describe.each(['sepay', 'casso'] as const)('%s catch-up', (provider) => {
  it('settles what the webhook never delivered; the late webhook is then a duplicate', async () => {
    const orders = await Promise.all([newOrder(), newOrder(), newOrder()]);
    const samples = orders.map((o) => sample(o));
    apiOf(provider).records.push(...samples.map((s) => recordFor(provider, s)));

    const result = await catchUp();
    expect(result.sources[provider]).toMatchObject({ status: 'ok', found: 3, settled: 3, duplicates: 0 });
    for (const o of orders) expect((await db.store.getOrder(o.id))!.status).toBe('PAID');
    // The same transfer, notified late: recorded already, under the same key.
    for (const s of samples) expect(await notify(provider, s)).toBe('duplicate');
    const order = (await db.store.getOrder(orders[0]!.id))!;
    expect(order.paidAmount).toBe(order.amount);
    expect(order.history.filter((h) => h.event === 'PAYMENT_RECEIVED')).toHaveLength(1);
  });

  it('finds as duplicates what the webhook already settled', async () => {
    const order = await newOrder();
    const s = sample(order);
    expect(await notify(provider, s)).toBe('settled');
    apiOf(provider).records.push(recordFor(provider, s));
    const result = await catchUp();
    expect(result.sources[provider]).toMatchObject({ status: 'ok', found: 1, settled: 0, duplicates: 1 });
    expect((await db.store.getOrder(order.id))!.paidAmount).toBe(order.amount);
  });

  it('keeps its cursor in the table across restarts and reads on from it', async () => {
    const first = await newOrder();
    apiOf(provider).records.push(recordFor(provider, sample(first)));
    expect((await catchUp()).sources[provider]!.settled).toBe(1);
    const position = (await new DynamoCursorStore(db.client, db.tableName).getCursor(provider)).position;
    expect(position).toBeDefined();

    const second = await newOrder();
    // SePay numbers its transactions in the order they arrive: the later one has the higher id.
    let next = sample(second);
    while (provider === 'sepay' && sampleId('sepay', next.reference) <= Number(position)) next = sample(second);
    apiOf(provider).records.push(recordFor(provider, next));
    apiOf(provider).requests.length = 0;
    const again = await catchUp(); // new deps, as a restarted process
    expect(again.sources[provider]!.settled).toBe(1);
    if (provider === 'sepay') expect(apiOf(provider).requests[0]!.get('since_id')).toBe(position);
    else expect(apiOf(provider).requests[0]!.get('fromDate')).toBe(position);
    expect((await db.store.getOrder(second.id))!.status).toBe('PAID');
  });

  it('pages through more records than one page holds, the pages repeated and reversed', async () => {
    const orders = await Promise.all(Array.from({ length: 5 }, () => newOrder()));
    apiOf(provider).records.push(...orders.map((o) => recordFor(provider, sample(o))));
    apiOf(provider).faults.push({ kind: 'duplicated-reversed' }, { kind: 'duplicated-reversed' });
    const env = provider === 'sepay' ? { SEPAY_API_LIMIT: '2' } : { CASSO_API_PAGE_SIZE: '2' };
    const result = await catchUp(env);
    expect(result.sources[provider]).toMatchObject({ status: 'ok', settled: 5 });
    expect(result.sources[provider]!.duplicates).toBe(result.sources[provider]!.found - 5);
    for (const o of orders) {
      const stored = (await db.store.getOrder(o.id))!;
      expect([stored.status, stored.paidAmount]).toEqual(['PAID', o.amount]);
    }
  });

  it('a provider answering as if the cursor had gone backwards settles nothing twice and keeps the cursor', async () => {
    const a = await newOrder();
    apiOf(provider).records.push(recordFor(provider, sample(a)));
    await catchUp();
    const before = (await new DynamoCursorStore(db.client, db.tableName).getCursor(provider)).position;
    const b = await newOrder();
    let later = sample(b);
    while (provider === 'sepay' && sampleId('sepay', later.reference) <= Number(before)) later = sample(b);
    apiOf(provider).records.push(recordFor(provider, later));
    apiOf(provider).faults.push({ kind: 'backwards' });
    const result = await catchUp();
    expect(result.sources[provider]).toMatchObject({ status: 'ok', settled: 1, duplicates: 1 });
    const after = (await new DynamoCursorStore(db.client, db.tableName).getCursor(provider)).position!;
    expect(after >= before! || Number(after) >= Number(before)).toBe(true);
    expect((await db.store.getOrder(a.id))!.paidAmount).toBe(a.amount);
  });

  it.each([
    ['500', { kind: '500' } as const, 'HTTP 500'],
    ['a malformed body', { kind: 'malformed' } as const, 'malformed answer: not JSON'],
    ['a body of the wrong shape', { kind: 'malformed', body: '{"error":0,"transactions":"none","data":null}' } as const, 'malformed answer'],
    ['no answer in time', { kind: 'slow', ms: 2000 } as const, 'no answer in time'],
  ])('%s: logged, retried next run, the other provider unaffected, nothing lost', async (_name, fault, reason) => {
    const other = provider === 'sepay' ? 'casso' : 'sepay';
    const [mine, theirs] = [await newOrder(), await newOrder()];
    apiOf(provider).records.push(recordFor(provider, sample(mine)));
    apiOf(other).records.push(recordFor(other, sample(theirs)));
    apiOf(provider).faults.push(fault);
    const failed = await catchUp({ CATCHUP_TIMEOUT_MS: '300' });
    expect(failed.sources[provider]!.status).toBe('failed');
    expect(failed.sources[provider]!.reason).toContain(reason);
    expect(failed.sources[other]).toMatchObject({ status: 'ok', settled: 1 });
    expect((await db.store.getOrder(mine.id))!.status).toBe('PENDING');
    expect((await new DynamoCursorStore(db.client, db.tableName).getCursor(provider)).lastError).toContain(reason);

    const later = await catchUp({ CATCHUP_TIMEOUT_MS: '300' });
    expect(later.sources[provider]).toMatchObject({ status: 'ok', settled: 1 });
    expect((await db.store.getOrder(mine.id))!.status).toBe('PAID');
    expect((await new DynamoCursorStore(db.client, db.tableName).getCursor(provider)).lastError).toBeUndefined();
  });

  it('429 with Retry-After: not asked again before that time, then caught up', async () => {
    const order = await newOrder();
    apiOf(provider).records.push(recordFor(provider, sample(order)));
    apiOf(provider).faults.push({ kind: '429', retryAfter: '120' });
    const start = Date.now();
    clock = () => new Date(start);
    const limited = await catchUp();
    expect(limited.sources[provider]).toMatchObject({ status: 'failed', reason: 'rate limited (429), retry after 120 s' });
    const requests = apiOf(provider).requests.length;
    clock = () => new Date(start + 60_000);
    expect((await catchUp()).sources[provider]!.status).toBe('waiting');
    expect(apiOf(provider).requests.length).toBe(requests);
    clock = () => new Date(start + 121_000);
    expect((await catchUp()).sources[provider]).toMatchObject({ status: 'ok', settled: 1 });
  });

  it('a wrong credential is refused by the provider: logged, nothing settled', async () => {
    const order = await newOrder();
    apiOf(provider).records.push(recordFor(provider, sample(order)));
    const env = provider === 'sepay' ? { SEPAY_API_TOKEN: 'wrong-token' } : { CASSO_API_KEY: 'wrong-key' };
    const result = await catchUp(env);
    expect(result.sources[provider]).toMatchObject({ status: 'failed', reason: 'HTTP 401' });
    expect(JSON.stringify(result)).not.toContain('wrong-');
    expect((await db.store.getOrder(order.id))!.status).toBe('PENDING');
  });

  it('an unreadable record is skipped with its reason; the rest settle', async () => {
    const order = await newOrder();
    apiOf(provider).records.push(recordFor(provider, sample(order)), { ...recordFor(provider, sample(order, 1000)), id: 1, amount_in: '12.5', amount: 1.5 });
    const result = await catchUp();
    expect(result.sources[provider]).toMatchObject({ status: 'ok', found: 2, settled: 1, unreadable: 1 });
  });

  it('outgoing money and other accounts are recorded as ignored, as their webhooks would be', async () => {
    const order = await newOrder();
    const out = { ...sample(order), direction: 'out' as const };
    const elsewhere = { ...sample(order), accountNumber: '999999999999' };
    apiOf(provider).records.push(recordFor(provider, out), recordFor(provider, elsewhere));
    const result = await catchUp();
    expect(result.sources[provider]).toMatchObject({ status: 'ok', ignored: 2 });
    expect(await notify(provider, out)).toBe('duplicate');
    expect((await db.store.getOrder(order.id))!.status).toBe('PENDING');
  });
});

describe('catch-up runs at once', () => {
  it('two runs together settle each transfer once and leave one cursor', async () => {
    const orders = await Promise.all(Array.from({ length: 6 }, () => newOrder()));
    sepayApi.records.push(...orders.map((o) => sepayRecordFor(sample(o))));
    cassoApi.records.push(...orders.map((o) => cassoRecordFor(sample(o, 1000))));
    const [a, b] = await Promise.all([catchUp(), catchUp()]);
    expect(a.settled + b.settled).toBe(12);
    for (const o of orders) {
      const stored = (await db.store.getOrder(o.id))!;
      expect(stored.paidAmount).toBe(o.amount + 1000);
      expect(stored.history.filter((h) => h.event === 'PAYMENT_RECEIVED')).toHaveLength(2);
    }
  });

  it('with no provider configured finds nothing', async () => {
    const deps: CatchUpDeps = { ...testDeps(db), cursors: new DynamoCursorStore(db.client, db.tableName), sources: pullSourcesFromEnv({}) };
    expect(await runCatchUp(deps)).toMatchObject({ found: 0, settled: 0, duplicates: 0, sources: {} });
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates, bounded', () => {
    const now = new Date('2026-12-03T10:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 03 Dec 2026 10:02:00 GMT', now)).toBe(120_000);
    expect(retryAfterMs(null, now)).toBe(60_000);
    expect(retryAfterMs('99999999', now)).toBe(3_600_000);
    expect(retryAfterMs('soon', now)).toBe(60_000);
  });
});

describe('POST /api/staff/catch-up', () => {
  it('an admin runs it and gets {found, settled, duplicates}; a clerk may not', async () => {
    const world = await staffWorld();
    world.deps.catchUp = () =>
      runCatchUp({
        ...world.deps,
        cursors: new DynamoCursorStore(world.db.client, world.db.tableName),
        sources: pullSourcesFromEnv({ SEPAY_API_URL: sepayApi.url, SEPAY_API_TOKEN: SEPAY_TOKEN }),
      });
    const order = await makeOrder(world, world.own);
    const s = sample(order);
    sepayApi.records.push(sepayRecordFor(s), sepayRecordFor(s));
    expect((await call(world, 'POST', '/api/staff/catch-up', world.tokens.clerk)).status).toBe(403);
    const res = await call(world, 'POST', '/api/staff/catch-up', world.tokens.admin);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ found: 2, settled: 1, duplicates: 1, sources: { sepay: { status: 'ok' } } });
    expect((await world.db.store.getOrder(order.id))!.status).toBe('PAID');
  });
});
