/** `advance`: one step of a stored order (the state machine's answer, version bumped, history appended). Pure. */
import { describe, expect, it } from 'vitest';
import { advance, applyEvent, storedEntry, type OrderHistoryEntry, type VersionedOrder } from '../../shared/order-state';

const FEE = 100_000;
const EXPIRES_AT = '2024-05-02T03:00:00.000Z';
const BEFORE = '2024-05-01T10:00:00.000Z';
const AFTER = '2024-05-03T10:00:00.000Z';

/** A stored order with a field the machine does not know: advance must carry it through. */
interface Stored extends VersionedOrder {
  id: string;
  agencyId: string;
}

const pending: Stored = {
  id: 'ABCD2345',
  agencyId: 'xa-an-binh',
  status: 'PENDING',
  amount: FEE,
  paidAmount: 0,
  refundDue: 0,
  paidLate: false,
  expiresAt: EXPIRES_AT,
  version: 3,
  history: [{ at: '2024-05-01T03:00:00.000Z', event: 'CREATED', to: 'PENDING' }],
};

describe('advance', () => {
  it('applies the event, bumps the version by one and appends the history entry', () => {
    const event = { type: 'PAYMENT', amount: FEE, at: BEFORE, transferKey: 'sepay:1' } as const;
    const r = advance(pending, event);
    if (!r.ok) throw new Error(r.reason);
    const applied = applyEvent(pending, event);
    if (!applied.ok) throw new Error(applied.reason);
    expect(r.order).toEqual({ ...pending, ...applied.next, version: 4, history: [...pending.history, applied.historyEntry] });
    expect(r.order.status).toBe('PAID');
    expect(r.historyEntry).toEqual(r.order.history.at(-1));
    expect(r.outcome).toBe('PAID');
    expect(r.refund).toBe(0);
  });

  it('keeps every other field of the order and leaves the order it was given untouched', () => {
    const before = structuredClone(pending);
    const r = advance(pending, { type: 'CANCEL', at: BEFORE, by: 'clerk', reason: 'Công dân đổi thủ tục' });
    if (!r.ok) throw new Error(r.reason);
    expect(r.order.id).toBe(pending.id);
    expect(r.order.agencyId).toBe(pending.agencyId);
    expect(r.order.history).toHaveLength(2);
    expect(r.order.history[1]).toEqual({ at: BEFORE, event: 'CANCELLED', from: 'PENDING', to: 'CANCELLED', by: 'clerk', note: 'Công dân đổi thủ tục' });
    expect(pending).toEqual(before);
  });

  it('a refusal is the state machine refusal, and nothing moves', () => {
    const r = advance(pending, { type: 'CONFIRM', at: BEFORE, by: 'clerk' });
    expect(r).toEqual(applyEvent(pending, { type: 'CONFIRM', at: BEFORE, by: 'clerk' }));
    expect(r.ok).toBe(false);
    expect(advance(pending, { type: 'EXPIRE', at: BEFORE })).toMatchObject({ ok: false, code: 'NOT_YET_DUE' });
  });

  it('an expiry appends exactly at, event, from and to', () => {
    const r = advance(pending, { type: 'EXPIRE', at: AFTER });
    if (!r.ok) throw new Error(r.reason);
    expect(r.order.history.at(-1)).toStrictEqual({ at: AFTER, event: 'EXPIRED', from: 'PENDING', to: 'EXPIRED' });
    expect(r.order.version).toBe(4);
  });

  it('successive steps chain: each reads the version the last one wrote', () => {
    const first = advance(pending, { type: 'PAYMENT', amount: 40_000, at: BEFORE, transferKey: 'payos:1' });
    if (!first.ok) throw new Error(first.reason);
    const second = advance(first.order, { type: 'PAYMENT', amount: 90_000, at: BEFORE, transferKey: 'payos:2' });
    if (!second.ok) throw new Error(second.reason);
    expect(second.order).toMatchObject({ status: 'OVERPAID', paidAmount: 130_000, refundDue: 30_000, version: 5 });
    expect(second.order.history.map((e) => e.event)).toEqual(['CREATED', 'PAYMENT_RECEIVED', 'PAYMENT_RECEIVED']);
    expect(second.refund).toBe(30_000);
  });

  it('stored history entries carry no undefined fields', () => {
    const entry: OrderHistoryEntry = { at: BEFORE, event: 'X', to: 'PENDING', note: undefined, by: 'clerk' };
    expect(storedEntry(entry)).toStrictEqual({ at: BEFORE, event: 'X', to: 'PENDING', by: 'clerk' });
    const r = advance(pending, { type: 'PAYMENT', amount: 1_000, at: BEFORE, transferKey: 'casso:9' });
    if (!r.ok) throw new Error(r.reason);
    expect(Object.values(r.order.history.at(-1)!)).not.toContain(undefined);
  });
});
