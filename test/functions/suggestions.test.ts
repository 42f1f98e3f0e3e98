/**
 * An unmatched transfer in the clerk's queue: the likely orders offered, best first, in
 * the clerk's own agency only; nothing matched until the clerk confirms one through the
 * match route.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { TransferRecord } from '../../shared/transfer';
import type { SuggestionsView } from '../../shared/suggest';
import { call, makeOrder, staffWorld, type StaffWorld } from '../support/staff';

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
}, 120_000);

async function unmatched(agencyId: string, amount: number, memo: string): Promise<TransferRecord> {
  const providerId = randomUUID();
  const at = new Date().toISOString();
  const record: TransferRecord = {
    key: `sepay:${providerId}`,
    transfer: { provider: 'sepay', providerId, direction: 'in', amount, memo, accountNumber: '0000', occurredAt: at },
    status: 'UNMATCHED', reason: 'NO_REFERENCE', agencyId, refundDue: 0, rawBody: '{}', receivedAt: at,
  };
  await world.db.store.recordTransfer(record);
  return record;
}

describe('GET /api/staff/transactions/{id}/suggestions', () => {
  it('offers the order whose reference the memo nearly spells and whose due amount it pays, first; the clerk then matches it', async () => {
    const decoy = await makeOrder(world, world.own);
    const wanted = await makeOrder(world, world.own);
    const typo = `${wanted.reference.slice(0, 7)}${wanted.reference[7] === 'Z' ? 'Y' : 'Z'}`;
    const t = await unmatched(world.own, wanted.amount, `CK ${typo} le phi`);
    const res = await call(world, 'GET', `/api/staff/transactions/${encodeURIComponent(t.key)}/suggestions`, world.tokens.clerk);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as SuggestionsView;
    expect(items[0]).toMatchObject({ orderId: wanted.id, reasons: ['AMOUNT_DUE_EQUAL', 'MEMO_SIMILAR'], amountDue: wanted.amount });
    if (decoy.amount === wanted.amount) expect(items.map((s) => s.orderId)).toContain(decoy.id);
    // Offered, not matched.
    expect((await world.db.store.getTransfer(t.key))!.status).toBe('UNMATCHED');
    expect((await world.db.store.getOrder(wanted.id))!.status).toBe('PENDING');
    // One tap: the existing match route.
    const matched = await call(world, 'POST', `/api/staff/transactions/${encodeURIComponent(t.key)}/match`, world.tokens.clerk, { orderId: items[0]!.orderId });
    expect(matched.status).toBe(200);
    expect((await world.db.store.getOrder(wanted.id))!.status).toBe('PAID');
    const after = await call(world, 'GET', `/api/staff/transactions/${encodeURIComponent(t.key)}/suggestions`, world.tokens.clerk);
    expect(((await after.json()) as SuggestionsView).items).toEqual([]);
  });

  it('another agency\'s orders are never offered; another agency\'s transfer is a 404', async () => {
    const elsewhere = await makeOrder(world, world.other);
    const t = await unmatched(world.own, elsewhere.amount, `CK ${elsewhere.reference}`);
    const { items } = (await (await call(world, 'GET', `/api/staff/transactions/${encodeURIComponent(t.key)}/suggestions`, world.tokens.clerk)).json()) as SuggestionsView;
    expect(items.map((s) => s.orderId)).not.toContain(elsewhere.id);
    expect((await call(world, 'GET', `/api/staff/transactions/${encodeURIComponent(t.key)}/suggestions`, world.tokens.clerk2)).status).toBe(404);
  });
});
