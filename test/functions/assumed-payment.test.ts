/**
 * Settling without reading the order first (functions/lib/settlement.ts): for an order in
 * every kind of state, the one-write path and the read-then-write path must leave exactly
 * the same items in the table. Two tables on DynamoDB Local hold the same order; the same
 * transfer is settled into each, one way each, at the same clock; then the stored order
 * and transfer items are compared whole (keys, index attributes, history, version).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoStore } from '../../functions/lib/storage/dynamo-store';
import { settleTransfer, type Settlement } from '../../functions/lib/payments/settlement';
import { draftOrder, type FeeOrder, type OrderStatus } from '../../shared/order';
import { DEFAULT_PAYMENT_CODE_PREFIX } from '../../functions/lib/platform/config';
import { newReference } from '../../shared/reference';
import type { IncomingTransfer } from '../../shared/transfer';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

/** The real adapter, counting the order reads the settlement makes. */
class CountingStore extends DynamoStore {
  reads = 0;
  override async getOrder(id: string): Promise<FeeOrder | undefined> {
    this.reads++;
    return super.getOrder(id);
  }
}

const NOW = new Date('2026-11-20T03:00:00.000Z');
const commune = () => agencyOfLevel('commune');

let assumed: { db: TestDb; store: CountingStore };
let readFirst: { db: TestDb; store: CountingStore };

beforeAll(async () => {
  const make = async () => {
    const db = await testDb();
    return { db, store: new CountingStore(db.client, db.tableName) };
  };
  [assumed, readFirst] = await Promise.all([make(), make()]);
});

/** A fresh order, then put into the state a scenario needs (consistent with the state machine's invariants). */
function orderIn(state: { status?: OrderStatus; paidAmount?: number; refundDue?: number; paidLate?: boolean; historyLength?: number; agency?: ReturnType<typeof commune> } = {}): FeeOrder {
  const agency = state.agency ?? commune();
  const procedure = procedureWithFee('tiered', 'commune');
  const drafted = draftOrder({ input: { procedureCode: procedure.code, agencyId: agency.id, quantity: 4 }, procedure, agency, reference: newReference(randomBytes), paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX, now: NOW });
  if (!drafted.ok) throw new Error(drafted.refusal);
  const order = drafted.order;
  const history = [...order.history];
  while (history.length < (state.historyLength ?? 1)) history.push({ at: NOW.toISOString(), event: 'NOTE', to: order.status });
  return {
    ...order,
    status: state.status ?? order.status,
    paidAmount: state.paidAmount ?? 0,
    refundDue: state.refundDue ?? 0,
    paidLate: state.paidLate ?? false,
    history,
  };
}

function transferFor(order: FeeOrder, amount: number, at: Date, account = order.vietqr.accountNumber): IncomingTransfer {
  return {
    provider: 'sepay',
    providerId: randomUUID(),
    direction: 'in',
    amount,
    memo: `MBVCB.3278519.${order.reference}.CT tu 0123456789 NGUYEN VAN A toi ${account}`,
    accountNumber: account,
    occurredAt: at.toISOString(),
  };
}

async function rawItem(db: TestDb, pk: string, sk: string) {
  const res = await db.client.send(new GetItemCommand({ TableName: db.tableName, Key: { PK: { S: pk }, SK: { S: sk } }, ConsistentRead: true }));
  return res.Item ? unmarshall(res.Item) : undefined;
}

/** Settles one transfer into both tables; the settlements and the items they left. */
async function bothWays(order: FeeOrder | undefined, transfer: IncomingTransfer) {
  const out = [];
  for (const [side, assume] of [[assumed, true], [readFirst, false]] as const) {
    if (order) expect((await side.store.createOrder(order)).kind).toBe('created');
    const readsBefore = side.store.reads;
    const deps = testDeps(side.db, { store: side.store, now: () => NOW });
    const settlement: Settlement = await settleTransfer(deps, transfer, JSON.stringify({ id: transfer.providerId }), { assume });
    const reference = order?.reference ?? 'none';
    out.push({
      settlement,
      reads: side.store.reads - readsBefore,
      order: await rawItem(side.db, `ORDER#${reference}`, 'ORDER'),
      transfer: await rawItem(side.db, `TRANSFER#sepay:${transfer.providerId}`, 'TRANSFER'),
    });
  }
  const [a, b] = out as [(typeof out)[0], (typeof out)[0]];
  expect(a.settlement).toEqual(b.settlement);
  expect(a.order).toEqual(b.order);
  expect(a.transfer).toEqual(b.transfer);
  expect(b.reads).toBe(1);
  return { settlement: a.settlement, order: a.order?.order as FeeOrder | undefined, item: a.order, readsAssuming: a.reads };
}

const inTime = new Date(NOW.getTime() + 60_000);

describe('settling without reading first stores exactly what reading first stores', () => {
  it('a pending order paid exactly, in time: one write, no read, out of the expiry index', async () => {
    const order = orderIn();
    const r = await bothWays(order, transferFor(order, order.amount, inTime));
    expect(r.readsAssuming).toBe(0);
    expect(r.settlement).toMatchObject({ kind: 'settled', outcome: 'PAID', refundDue: 0, late: false });
    expect(r.order).toMatchObject({ status: 'PAID', paidAmount: order.amount, refundDue: 0, paidLate: false, version: order.version + 1 });
    expect(r.order!.history).toHaveLength(order.history.length + 1);
    expect(r.item).not.toHaveProperty('GSI2PK');
    expect(r.item).toHaveProperty('GSI1PK', `AGENCY#${order.agencyId}`);
  });

  it('paid at the very instant of expiry is in time', async () => {
    const order = orderIn();
    const r = await bothWays(order, transferFor(order, order.amount, new Date(order.expiresAt)));
    expect(r.readsAssuming).toBe(0);
    expect(r.order).toMatchObject({ status: 'PAID', paidLate: false });
  });

  const fallbacks: [string, () => FeeOrder, (o: FeeOrder) => IncomingTransfer, object][] = [
    ['less than the fee', () => orderIn(), (o) => transferFor(o, o.amount - 1000, inTime), { status: 'UNDERPAID' }],
    ['more than the fee', () => orderIn(), (o) => transferFor(o, o.amount + 5000, inTime), { status: 'OVERPAID', refundDue: 5000 }],
    ['exact, one millisecond after expiry (not yet swept)', () => orderIn(), (o) => transferFor(o, o.amount, new Date(Date.parse(o.expiresAt) + 1)), { status: 'PAID', paidLate: true }],
    ['exact, to an expired order', () => orderIn({ status: 'EXPIRED' }), (o) => transferFor(o, o.amount, inTime), { status: 'PAID', paidLate: true }],
    ['the rest of an underpaid order', () => orderIn({ status: 'UNDERPAID', paidAmount: 2000 }), (o) => transferFor(o, o.amount - 2000, inTime), { status: 'PAID' }],
    ['exact, to a paid order', () => orderIn({ status: 'PAID', paidAmount: 0 }), (o) => transferFor(o, o.amount, inTime), { status: 'PAID' }],
    ['exact, to a confirmed order', () => orderIn({ status: 'CONFIRMED', paidAmount: 0 }), (o) => transferFor(o, o.amount, inTime), { status: 'CONFIRMED' }],
    ['exact, to a cancelled order', () => orderIn({ status: 'CANCELLED' }), (o) => transferFor(o, o.amount, inTime), { status: 'CANCELLED' }],
    ['exact, with a history at the limit', () => orderIn({ historyLength: 200 }), (o) => transferFor(o, o.amount, inTime), { status: 'PENDING' }],
  ];
  it.each(fallbacks)('%s: the refused write hands back the order, settled as read', async (_, make, pay, expected) => {
    const made = make();
    // Paid states hold the fee already (the state machine's invariants).
    const order = ['PAID', 'CONFIRMED'].includes(made.status) ? { ...made, paidAmount: made.amount } : made;
    const r = await bothWays(order, pay(order));
    // DynamoDB returns the order with the cancelled transaction: no read at all.
    expect(r.readsAssuming).toBe(0);
    expect(r.order).toMatchObject(expected);
  });

  it('into another agency’s account: unmatched, the order untouched', async () => {
    const order = orderIn();
    const other = agencyOfLevel('commune', 1);
    const r = await bothWays(order, transferFor(order, order.amount, inTime, other.bank.accountNumber));
    expect(r.settlement).toMatchObject({ kind: 'unmatched', reason: 'WRONG_ACCOUNT' });
    expect(r.order).toEqual(order);
  });

  it('a valid reference that no order has: unmatched', async () => {
    const order = orderIn();
    const r = await bothWays(undefined, transferFor(order, order.amount, inTime));
    expect(r.settlement).toMatchObject({ kind: 'unmatched', reason: 'ORDER_NOT_FOUND' });
  });

  it('the same transfer again: a duplicate, nothing changes', async () => {
    const order = orderIn();
    const transfer = transferFor(order, order.amount, inTime);
    await bothWays(order, transfer);
    const again = await settleTransfer(testDeps(assumed.db, { store: assumed.store, now: () => NOW }), transfer, '{}');
    expect(again.kind).toBe('duplicate');
    expect((await assumed.store.getOrder(order.id))!.version).toBe(order.version + 1);
  });
});

describe('sixteen exact payments racing for one pending order', () => {
  it('one pays it, fifteen are duplicate payments owed back, none lost', async () => {
    const order = orderIn();
    expect((await assumed.store.createOrder(order)).kind).toBe('created');
    const deps = testDeps(assumed.db, { store: assumed.store });
    const results = await Promise.all(Array.from({ length: 16 }, () => settleTransfer(deps, transferFor(order, order.amount, inTime), '{}')));
    const outcomes = results.map((r) => (r.kind === 'settled' ? r.outcome : r.kind)).sort();
    expect(outcomes).toEqual(['PAID', ...Array<string>(15).fill('DUPLICATE_PAYMENT')].sort());
    expect(await assumed.store.getOrder(order.id)).toMatchObject({
      status: 'PAID',
      paidAmount: 16 * order.amount,
      refundDue: 15 * order.amount,
      version: order.version + 16,
    });
    expect((await assumed.store.getOrder(order.id))!.history).toHaveLength(order.history.length + 16);
  });
});
