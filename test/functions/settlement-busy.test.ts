/**
 * Extreme contention: an order that changes under every attempt to settle a payment.
 * Settlement gives up with its domain error (nothing recorded) and the webhooks route
 * answers 503, which the provider retries later. The retry loop's waits are skipped here
 * (its attempts are not), so the test does not sleep through all of them.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createPublicApp } from '../../functions/public/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { signedNotification } from '../../functions/webhooks/providers';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { MAX_ATTEMPTS } from '../../functions/lib/platform/retry';
import { OrderKeptChanging, settleTransfer } from '../../functions/lib/payments/settlement';
import { ERRORS } from '../../shared/errors';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

vi.mock('../../functions/lib/platform/retry', async (importOriginal) => {
  const retry = await importOriginal<typeof import('../../functions/lib/platform/retry')>();
  return { ...retry, retryOnConflict: ((attempt) => retry.retryOnConflict(attempt, { sleep: async () => {} })) as typeof retry.retryOnConflict };
});

let db: TestDb;
let writes = 0;

/** The store as it is, except that every write of a payment finds the order changed. */
function alwaysRacing(store: TestDb['store']): TestDb['store'] {
  const racing = Object.create(store) as TestDb['store'];
  racing.recordAssumedPayment = async () => ({ kind: 'not_as_assumed' });
  racing.recordPayment = async () => (writes++, 'order_changed');
  return racing;
}

beforeAll(async () => {
  db = await testDb();
});

async function newOrder() {
  const app = createPublicApp(() => testDeps(db));
  const res = await app.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: agencyOfLevel('commune').id, quantity: 2 }),
  });
  expect(res.status).toBe(201);
  return (await db.store.getOrder((await res.json()).id))!;
}

describe('an order that never stops changing', () => {
  it('settlement tries MAX_ATTEMPTS times, then throws its domain error, not an HTTP one', async () => {
    const order = await newOrder();
    writes = 0;
    const transfer = { provider: 'sepay', providerId: 'busy-1', direction: 'in', amount: order.amount, memo: order.reference, accountNumber: order.vietqr.accountNumber, occurredAt: new Date().toISOString() } as const;
    const settling = settleTransfer({ ...testDeps(db), store: alwaysRacing(db.store) }, transfer, '{}');
    await expect(settling).rejects.toBeInstanceOf(OrderKeptChanging);
    expect(writes).toBe(MAX_ATTEMPTS);
    expect(await db.store.getTransfer('sepay:busy-1')).toBeUndefined();
  });

  it('the webhooks route answers 503 with the catalogue body, and nothing is stored', async () => {
    const order = await newOrder();
    const deps = { ...testDeps(db), store: alwaysRacing(db.store), providerSecret: () => DEV_SECRETS.SEPAY_API_KEY };
    const webhooks = createWebhooksApp(() => deps);
    const { body, headers } = signedNotification(
      'sepay',
      { amount: order.amount, memo: `CT ${order.reference}`, accountNumber: order.vietqr.accountNumber, reference: 'FTBUSY0000000001', at: new Date() },
      DEV_SECRETS.SEPAY_API_KEY,
      new Date(),
    );
    const res = await webhooks.request('/api/webhooks/sepay', { method: 'POST', headers, body });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'SERVICE_UNAVAILABLE', message: ERRORS.SERVICE_UNAVAILABLE.vi, messageEn: ERRORS.SERVICE_UNAVAILABLE.en } });
    expect((await db.store.getOrder(order.id))!.status).toBe('PENDING');
  });
});
