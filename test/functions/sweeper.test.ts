/** The expiry sweeper on a real DynamoDB Local table: pages through the index, never a scan. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createPublicApp } from '../../functions/public/app';
import { sweepExpired } from '../../functions/lib/orders/sweeper';
import type { FeeOrder } from '../../shared/order';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

let db: TestDb;
let clock = () => new Date();
let app: ReturnType<typeof createPublicApp>;

beforeAll(async () => {
  db = await testDb();
  const deps = testDeps(db, { now: () => clock() });
  app = createPublicApp(() => deps);
});

async function orderMadeAt(at: Date): Promise<FeeOrder> {
  clock = () => at;
  const res = await app.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: agencyOfLevel('commune').id, quantity: 2 }),
  });
  clock = () => new Date();
  return (await db.store.getOrder((await res.json()).id))!;
}

describe('sweepExpired', () => {
  it('expires unpaid orders past their expiry, a page at a time, and leaves the rest', async () => {
    const now = Date.now();
    const hour = 3_600_000;
    const stale = await Promise.all(Array.from({ length: 7 }, (_, i) => orderMadeAt(new Date(now - 25 * hour - i * 7 * hour))));
    const fresh = await orderMadeAt(new Date(now - hour));
    const paid = await orderMadeAt(new Date(now - 30 * hour));
    // Paid (late) before the sweeper came: it must not be expired.
    expect(await db.store.updateOrder({ ...paid, status: 'PAID', paidAmount: paid.amount, paidLate: true, version: paid.version + 1 }, paid.version)).toBe(true);
    const underpaid = await orderMadeAt(new Date(now - 26 * hour));
    expect(await db.store.updateOrder({ ...underpaid, status: 'UNDERPAID', paidAmount: 1000, version: underpaid.version + 1 }, underpaid.version)).toBe(true);

    const result = await sweepExpired({ store: db.store, now: () => new Date(now) }, { pageSize: 2 });
    expect(result.expired).toBe(7);
    expect(result.pages).toBeGreaterThan(4);
    for (const o of stale) {
      const after = (await db.store.getOrder(o.id))!;
      expect(after.status).toBe('EXPIRED');
      expect(after.history.at(-1)).toMatchObject({ event: 'EXPIRED', from: 'PENDING', to: 'EXPIRED' });
    }
    expect((await db.store.getOrder(fresh.id))!.status).toBe('PENDING');
    expect((await db.store.getOrder(paid.id))!.status).toBe('PAID');
    // Money was received: an underpaid order waits for a clerk instead of expiring.
    expect((await db.store.getOrder(underpaid.id))!.status).toBe('UNDERPAID');

    // Run again: nothing left to do.
    const again = await sweepExpired({ store: db.store, now: () => new Date(now) }, { pageSize: 2 });
    expect(again.expired).toBe(0);
  });

  it('a payment landing between the index read and the write wins (the write is conditional)', async () => {
    const order = await orderMadeAt(new Date(Date.now() - 30 * 3_600_000));
    // The store reports the order as due, but it is paid before the sweeper writes.
    const store = db.store;
    const racing = Object.create(store) as typeof store;
    racing.getOrder = async (id: string) => {
      const read = await store.getOrder(id);
      if (id === order.id && read?.status === 'PENDING') {
        await store.updateOrder({ ...read, status: 'PAID', paidAmount: read.amount, version: read.version + 1 }, read.version);
      }
      return read;
    };
    const result = await sweepExpired({ store: racing, now: () => new Date() });
    expect(result.skipped).toBeGreaterThanOrEqual(1);
    expect((await store.getOrder(order.id))!.status).toBe('PAID');
  });
});
