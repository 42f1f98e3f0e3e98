import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ORDER_STATUSES, type OrderStatus } from '../../shared/order';
import {
  ORDER_EVENT_TYPES,
  TRANSITIONS,
  applyEvent,
  type ApplyResult,
  type OrderEventType,
  type OrderSnapshot,
  type OrderState,
  type OrderStateEvent,
} from '../../shared/order-state';

const FEE = 100_000;
const EXPIRES_AT = '2024-05-02T03:00:00.000Z';
const BEFORE = '2024-05-01T10:00:00.000Z';
const AFTER = '2024-05-03T10:00:00.000Z';

/** One consistent order in every status (fee 100,000 VND). */
const SNAPSHOTS: Record<OrderStatus, OrderSnapshot> = {
  PENDING: { status: 'PENDING', amount: FEE, paidAmount: 0, expiresAt: EXPIRES_AT },
  UNDERPAID: { status: 'UNDERPAID', amount: FEE, paidAmount: 40_000, expiresAt: EXPIRES_AT },
  PAID: { status: 'PAID', amount: FEE, paidAmount: FEE, expiresAt: EXPIRES_AT },
  OVERPAID: { status: 'OVERPAID', amount: FEE, paidAmount: 130_000, refundDue: 30_000, expiresAt: EXPIRES_AT },
  CONFIRMED: { status: 'CONFIRMED', amount: FEE, paidAmount: FEE, expiresAt: EXPIRES_AT },
  EXPIRED: { status: 'EXPIRED', amount: FEE, paidAmount: 0, expiresAt: EXPIRES_AT },
  CANCELLED: { status: 'CANCELLED', amount: FEE, paidAmount: 0, expiresAt: EXPIRES_AT },
};

/** One event of every type; EXPIRE after the expiry, the others before it. */
const EVENTS: Record<OrderEventType, OrderStateEvent> = {
  PAYMENT: { type: 'PAYMENT', amount: 60_000, at: BEFORE, transferKey: 'sepay:1001' },
  EXPIRE: { type: 'EXPIRE', at: AFTER },
  CONFIRM: { type: 'CONFIRM', at: BEFORE, by: 'clerk' },
  CANCEL: { type: 'CANCEL', at: BEFORE, by: 'clerk', reason: 'Công dân đổi thủ tục' },
  CANCEL_RECEIPT: { type: 'CANCEL_RECEIPT', at: BEFORE, by: 'clerk', reason: 'Sai tên người nộp' },
  PAID_ON_PORTAL: { type: 'PAID_ON_PORTAL', at: BEFORE, by: 'clerk', reference: 'DVCQG-2026-000123' },
};

type Expected =
  | 'refused'
  | { status: OrderStatus; paidAmount: number; refundDue: number; paidLate: boolean; outcome: string; refund: number };

/** Written out by hand: what every status does with every event above. Not derived from TRANSITIONS. */
const EXPECTED: Record<OrderStatus, Record<OrderEventType, Expected>> = {
  PENDING: {
    PAYMENT: { status: 'UNDERPAID', paidAmount: 60_000, refundDue: 0, paidLate: false, outcome: 'UNDERPAID', refund: 0 },
    EXPIRE: { status: 'EXPIRED', paidAmount: 0, refundDue: 0, paidLate: false, outcome: 'EXPIRED', refund: 0 },
    CONFIRM: 'refused',
    CANCEL: { status: 'CANCELLED', paidAmount: 0, refundDue: 0, paidLate: false, outcome: 'CANCELLED', refund: 0 },
    CANCEL_RECEIPT: 'refused',
    PAID_ON_PORTAL: { status: 'CANCELLED', paidAmount: 0, refundDue: 0, paidLate: false, outcome: 'PAID_ON_PORTAL', refund: 0 },
  },
  UNDERPAID: {
    PAYMENT: { status: 'PAID', paidAmount: FEE, refundDue: 0, paidLate: false, outcome: 'PAID', refund: 0 },
    EXPIRE: 'refused',
    CONFIRM: 'refused',
    CANCEL: 'refused',
    CANCEL_RECEIPT: 'refused',
    PAID_ON_PORTAL: 'refused',
  },
  PAID: {
    PAYMENT: { status: 'PAID', paidAmount: 160_000, refundDue: 60_000, paidLate: false, outcome: 'DUPLICATE_PAYMENT', refund: 60_000 },
    EXPIRE: 'refused',
    CONFIRM: { status: 'CONFIRMED', paidAmount: FEE, refundDue: 0, paidLate: false, outcome: 'CONFIRMED', refund: 0 },
    CANCEL: 'refused',
    CANCEL_RECEIPT: 'refused',
    PAID_ON_PORTAL: 'refused',
  },
  OVERPAID: {
    PAYMENT: { status: 'OVERPAID', paidAmount: 190_000, refundDue: 90_000, paidLate: false, outcome: 'DUPLICATE_PAYMENT', refund: 60_000 },
    EXPIRE: 'refused',
    CONFIRM: { status: 'CONFIRMED', paidAmount: 130_000, refundDue: 30_000, paidLate: false, outcome: 'CONFIRMED', refund: 0 },
    CANCEL: 'refused',
    CANCEL_RECEIPT: 'refused',
    PAID_ON_PORTAL: 'refused',
  },
  CONFIRMED: {
    PAYMENT: { status: 'CONFIRMED', paidAmount: 160_000, refundDue: 60_000, paidLate: false, outcome: 'DUPLICATE_PAYMENT', refund: 60_000 },
    EXPIRE: 'refused',
    CONFIRM: 'refused',
    CANCEL: 'refused',
    CANCEL_RECEIPT: { status: 'PAID', paidAmount: FEE, refundDue: 0, paidLate: false, outcome: 'RECEIPT_CANCELLED', refund: 0 },
    PAID_ON_PORTAL: 'refused',
  },
  EXPIRED: {
    PAYMENT: { status: 'UNDERPAID', paidAmount: 60_000, refundDue: 0, paidLate: true, outcome: 'UNDERPAID', refund: 0 },
    EXPIRE: 'refused',
    CONFIRM: 'refused',
    CANCEL: { status: 'CANCELLED', paidAmount: 0, refundDue: 0, paidLate: false, outcome: 'CANCELLED', refund: 0 },
    CANCEL_RECEIPT: 'refused',
    PAID_ON_PORTAL: { status: 'CANCELLED', paidAmount: 0, refundDue: 0, paidLate: false, outcome: 'PAID_ON_PORTAL', refund: 0 },
  },
  CANCELLED: {
    PAYMENT: { status: 'CANCELLED', paidAmount: 60_000, refundDue: 60_000, paidLate: false, outcome: 'PAYMENT_TO_CANCELLED', refund: 60_000 },
    EXPIRE: 'refused',
    CONFIRM: 'refused',
    CANCEL: 'refused',
    CANCEL_RECEIPT: 'refused',
    PAID_ON_PORTAL: 'refused',
  },
};

function ok(result: ApplyResult) {
  if (!result.ok) throw new Error(`refused: ${result.code} ${result.reason}`);
  return result;
}

const pay = (amount: number, at = BEFORE, transferKey = `payos:${amount}:${at}`): OrderStateEvent => ({ type: 'PAYMENT', amount, at, transferKey });

/** The order after `next`, as the store would hand it back. */
const snapshotOf = (order: OrderSnapshot, next: OrderState): OrderSnapshot => ({ ...order, ...next });

function applyAll(order: OrderSnapshot, events: OrderStateEvent[]): { order: OrderSnapshot; results: ApplyResult[] } {
  const results: ApplyResult[] = [];
  let current = order;
  for (const e of events) {
    const r = applyEvent(current, e);
    results.push(r);
    if (r.ok) current = snapshotOf(current, r.next);
  }
  return { order: current, results };
}

describe('order state machine: every status × every event', () => {
  it('the expected table covers exactly the statuses and events there are', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ORDER_STATUSES].sort());
    for (const s of ORDER_STATUSES) expect(Object.keys(EXPECTED[s]).sort()).toEqual([...ORDER_EVENT_TYPES].sort());
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...ORDER_STATUSES].sort());
  });

  const pairs = ORDER_STATUSES.flatMap((status) => ORDER_EVENT_TYPES.map((event) => [status, event] as const));
  it.each(pairs)('%s + %s', (status, type) => {
    const expected = EXPECTED[status][type];
    const snapshot = SNAPSHOTS[status];
    const result = applyEvent(snapshot, EVENTS[type]);
    const rule = TRANSITIONS[status][type];
    if (expected === 'refused') {
      expect(result).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
      expect(!result.ok && result.reason.length).toBeGreaterThan(10);
      expect('refused' in rule).toBe(true);
      return;
    }
    const r = ok(result);
    const { outcome, refund, ...next } = expected;
    expect(r.next).toEqual(next);
    expect(r.outcome).toBe(outcome);
    expect(r.refund).toBe(refund);
    expect(r.historyEntry).toMatchObject({ at: EVENTS[type].at, from: status, to: expected.status });
    // The declarative table says the same.
    expect('to' in rule && rule.to).toContain(expected.status);
  });

  it('refuses a pair by the table before looking at anything else', () => {
    const bad: OrderStateEvent = { type: 'CONFIRM', at: 'not a time', by: '' };
    expect(applyEvent(SNAPSHOTS.PENDING, bad)).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
  });

  it('never refuses a payment, from any status', () => {
    for (const s of ORDER_STATUSES) {
      expect('to' in TRANSITIONS[s].PAYMENT).toBe(true);
      for (const at of [BEFORE, AFTER]) expect(applyEvent(SNAPSHOTS[s], pay(1, at)).ok).toBe(true);
    }
  });
});

describe('payments', () => {
  const pending = SNAPSHOTS.PENDING;

  it('exact amount → PAID, nothing to refund', () => {
    const r = ok(applyEvent(pending, pay(FEE)));
    expect(r.next).toEqual({ status: 'PAID', paidAmount: FEE, refundDue: 0, paidLate: false });
    expect(r.outcome).toBe('PAID');
    expect(r.historyEntry).toEqual({
      at: BEFORE,
      event: 'PAYMENT_RECEIVED',
      from: 'PENDING',
      to: 'PAID',
      transferKey: `payos:${FEE}:${BEFORE}`,
      amount: FEE,
      refund: 0,
      late: false,
    });
  });

  it('less → UNDERPAID; later transfers add up to PAID', () => {
    const { order, results } = applyAll(pending, [pay(30_000), pay(50_000), pay(20_000)]);
    expect(results.map((r) => ok(r).outcome)).toEqual(['UNDERPAID', 'UNDERPAID', 'PAID']);
    expect(order).toMatchObject({ status: 'PAID', paidAmount: FEE, refundDue: 0, paidLate: false });
  });

  it('less, then past the fee → OVERPAID with only the surplus refund-due', () => {
    const { order, results } = applyAll(pending, [pay(70_000), pay(50_000)]);
    expect(ok(results[1]!).refund).toBe(20_000);
    expect(order).toMatchObject({ status: 'OVERPAID', paidAmount: 120_000, refundDue: 20_000 });
  });

  it('more → OVERPAID with the surplus refund-due', () => {
    const r = ok(applyEvent(pending, pay(150_000)));
    expect(r.next).toEqual({ status: 'OVERPAID', paidAmount: 150_000, refundDue: 50_000, paidLate: false });
    expect(r.refund).toBe(50_000);
    expect(r.historyEntry.note).toMatch(/surplus/);
  });

  it.each(['PAID', 'OVERPAID', 'CONFIRMED'] as const)('another payment to a %s order is a duplicate, refund-due whole, status kept', (status) => {
    const before = SNAPSHOTS[status];
    const r = ok(applyEvent(before, pay(25_000, AFTER)));
    expect(r.outcome).toBe('DUPLICATE_PAYMENT');
    expect(r.next.status).toBe(status);
    expect(r.next.paidAmount).toBe(before.paidAmount + 25_000);
    expect(r.next.refundDue).toBe((before.refundDue ?? 0) + 25_000);
    // Paid in time: a late duplicate does not make the order "paid late".
    expect(r.next.paidLate).toBe(false);
    expect(r.historyEntry).toMatchObject({ from: status, to: status, amount: 25_000, refund: 25_000 });
  });

  it('the same transfer twice is two payments here: exactly-once is the store\'s job, keyed by transfer', () => {
    const { order } = applyAll(pending, [pay(FEE, BEFORE, 'casso:7'), pay(FEE, BEFORE, 'casso:7')]);
    expect(order).toMatchObject({ status: 'PAID', paidAmount: 2 * FEE, refundDue: FEE });
  });

  it('after expiry by time (sweeper not run yet) → recorded, settled, marked paid late', () => {
    const r = ok(applyEvent(pending, pay(FEE, AFTER)));
    expect(r.next).toEqual({ status: 'PAID', paidAmount: FEE, refundDue: 0, paidLate: true });
    expect(r.historyEntry).toMatchObject({ late: true });
    expect(r.historyEntry.note).toMatch(/expired/);
  });

  it('exactly at the expiry time is still in time', () => {
    expect(ok(applyEvent(pending, pay(FEE, EXPIRES_AT))).next.paidLate).toBe(false);
  });

  it('to an EXPIRED order → status from the amounts, paid late, never dropped', () => {
    const expired = SNAPSHOTS.EXPIRED;
    expect(ok(applyEvent(expired, pay(FEE, AFTER))).next).toEqual({ status: 'PAID', paidAmount: FEE, refundDue: 0, paidLate: true });
    expect(ok(applyEvent(expired, pay(FEE + 1, AFTER))).next).toEqual({ status: 'OVERPAID', paidAmount: FEE + 1, refundDue: 1, paidLate: true });
    // A transfer made before the expiry whose notice came after the sweeper: still flagged,
    // since the order was already shown as expired.
    expect(ok(applyEvent(expired, pay(FEE, BEFORE))).next.paidLate).toBe(true);
  });

  it('once paid late, the flag stays through top-ups and confirmation', () => {
    const { order } = applyAll(SNAPSHOTS.EXPIRED, [pay(40_000, AFTER), pay(60_000, AFTER), { type: 'CONFIRM', at: AFTER, by: 'clerk' }]);
    expect(order).toMatchObject({ status: 'CONFIRMED', paidAmount: FEE, refundDue: 0, paidLate: true });
  });

  it('an UNDERPAID order past its expiry stays UNDERPAID for a clerk; a top-up settles it late', () => {
    const underpaid = SNAPSHOTS.UNDERPAID;
    const refused = applyEvent(underpaid, { type: 'EXPIRE', at: AFTER });
    expect(refused).toMatchObject({ ok: false, code: 'NOT_ALLOWED' });
    expect(!refused.ok && refused.reason).toMatch(/clerk/);
    expect(ok(applyEvent(underpaid, pay(60_000, AFTER))).next).toEqual({ status: 'PAID', paidAmount: FEE, refundDue: 0, paidLate: true });
  });

  it('to a CANCELLED order → recorded, all of it refund-due, still CANCELLED', () => {
    const { order, results } = applyAll(SNAPSHOTS.CANCELLED, [pay(FEE), pay(5_000)]);
    expect(results.map((r) => ok(r).outcome)).toEqual(['PAYMENT_TO_CANCELLED', 'PAYMENT_TO_CANCELLED']);
    expect(order).toMatchObject({ status: 'CANCELLED', paidAmount: 105_000, refundDue: 105_000, paidLate: false });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1])('refuses a malformed amount %s', (amount) => {
    expect(applyEvent(pending, { type: 'PAYMENT', amount, at: BEFORE, transferKey: 'x' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  it('refuses a payment without a time or a transfer key', () => {
    expect(applyEvent(pending, { type: 'PAYMENT', amount: 1, at: 'yesterday', transferKey: 'x' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
    expect(applyEvent(pending, { type: 'PAYMENT', amount: 1, at: BEFORE, transferKey: '' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });
});

describe('expiry, confirmation, cancellation', () => {
  it('EXPIRE before the expiry time is refused; at it or after, PENDING → EXPIRED', () => {
    expect(applyEvent(SNAPSHOTS.PENDING, { type: 'EXPIRE', at: BEFORE })).toMatchObject({ ok: false, code: 'NOT_YET_DUE' });
    expect(ok(applyEvent(SNAPSHOTS.PENDING, { type: 'EXPIRE', at: EXPIRES_AT })).next.status).toBe('EXPIRED');
    expect(ok(applyEvent(SNAPSHOTS.PENDING, { type: 'EXPIRE', at: AFTER })).historyEntry).toEqual({ at: AFTER, event: 'EXPIRED', from: 'PENDING', to: 'EXPIRED' });
  });

  it('CONFIRM records the clerk; an OVERPAID order keeps its surplus refund-due', () => {
    const r = ok(applyEvent(SNAPSHOTS.OVERPAID, { type: 'CONFIRM', at: AFTER, by: 'clerk1' }));
    expect(r.historyEntry).toEqual({ at: AFTER, event: 'CONFIRMED', from: 'OVERPAID', to: 'CONFIRMED', by: 'clerk1' });
    expect(r.next.refundDue).toBe(30_000);
    expect(applyEvent(SNAPSHOTS.PAID, { type: 'CONFIRM', at: AFTER, by: '' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  it('CANCEL records who and why, and needs a reason', () => {
    const r = ok(applyEvent(SNAPSHOTS.EXPIRED, { type: 'CANCEL', at: AFTER, by: 'admin', reason: 'Đã lập đơn mới' }));
    expect(r.historyEntry).toEqual({ at: AFTER, event: 'CANCELLED', from: 'EXPIRED', to: 'CANCELLED', by: 'admin', note: 'Đã lập đơn mới' });
    expect(applyEvent(SNAPSHOTS.PENDING, { type: 'CANCEL', at: AFTER, by: 'admin', reason: '  ' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });

  it('refuses snapshots whose money does not fit their status', () => {
    const bad: OrderSnapshot[] = [
      { ...SNAPSHOTS.PAID, paidAmount: 0 },
      { ...SNAPSHOTS.OVERPAID, refundDue: 0 }, // a store that forgot refundDue
      { ...SNAPSHOTS.UNDERPAID, paidAmount: FEE },
      { ...SNAPSHOTS.PENDING, paidAmount: 10 },
      { ...SNAPSHOTS.UNDERPAID, refundDue: 50_000 },
      { ...SNAPSHOTS.PENDING, amount: 0 },
      { ...SNAPSHOTS.PENDING, expiresAt: 'soon' },
    ];
    for (const order of bad) expect(applyEvent(order, pay(1))).toMatchObject({ ok: false, code: 'INVALID_ORDER' });
  });

  it('does not touch the snapshot it is given, and leaves no undefined fields in the history entry', () => {
    for (const s of ORDER_STATUSES) {
      for (const t of ORDER_EVENT_TYPES) {
        const snapshot = structuredClone(SNAPSHOTS[s]);
        const r = applyEvent(snapshot, EVENTS[t]);
        expect(snapshot).toEqual(SNAPSHOTS[s]);
        if (r.ok) for (const v of Object.values(r.historyEntry)) expect(v).not.toBeUndefined();
      }
    }
  });
});

describe('properties', () => {
  const fee = fc.integer({ min: 1, max: 2_000_000 });
  const times = fc.constantFrom(BEFORE, EXPIRES_AT, AFTER);

  /**
   * Payments only, from PENDING. With S = the sum of all payments and k the first payment
   * whose running sum reaches the fee (the settling one):
   *   paidAmount = S;  refundDue = max(0, S − fee);
   *   status = PENDING (none), UNDERPAID (S < fee), PAID (running sum at k = fee), else OVERPAID;
   *   outcomes: UNDERPAID before k, PAID/OVERPAID at k, DUPLICATE_PAYMENT after k, each
   *   duplicate refund-due whole; paidLate = some payment up to k came after the expiry.
   */
  it('a sequence of payments: paid sum, refund-due and status follow from the amounts', () => {
    fc.assert(
      fc.property(
        fee.chain((f) => fc.tuple(fc.constant(f), fc.array(fc.record({ amount: fc.integer({ min: 1, max: 2 * f }), at: times }), { maxLength: 8 }))),
        ([f, payments]) => {
          const start: OrderSnapshot = { status: 'PENDING', amount: f, paidAmount: 0, expiresAt: EXPIRES_AT };
          const { order, results } = applyAll(start, payments.map((p, i) => pay(p.amount, p.at, `sepay:${i}`)));
          const sum = payments.reduce((s, p) => s + p.amount, 0);
          let running = 0;
          let k = -1;
          payments.forEach((p, i) => {
            running += p.amount;
            if (k < 0 && running >= f) k = i;
          });
          const settledAt = k < 0 ? undefined : payments.slice(0, k + 1).reduce((s, p) => s + p.amount, 0);
          const expectedStatus = payments.length === 0 ? 'PENDING' : k < 0 ? 'UNDERPAID' : settledAt === f ? 'PAID' : 'OVERPAID';
          const counted = k < 0 ? payments : payments.slice(0, k + 1);

          expect(order.paidAmount).toBe(sum);
          expect(order.refundDue ?? 0).toBe(Math.max(0, sum - f));
          expect(order.status).toBe(expectedStatus);
          expect(order.paidLate ?? false).toBe(counted.some((p) => p.at === AFTER));
          results.forEach((r, i) => {
            const { outcome, refund } = ok(r);
            if (k < 0 || i < k) expect(outcome).toBe('UNDERPAID');
            else if (i === k) expect(outcome).toBe(settledAt === f ? 'PAID' : 'OVERPAID');
            else expect([outcome, refund]).toEqual(['DUPLICATE_PAYMENT', payments[i]!.amount]);
          });
          expect(results.reduce((s, r) => s + ok(r).refund, 0)).toBe(order.refundDue ?? 0);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('any sequence of any events: money is never lost and the status always fits the amounts', () => {
    const event: fc.Arbitrary<OrderStateEvent> = fc.oneof(
      fc.record({ type: fc.constant('PAYMENT' as const), amount: fc.integer({ min: 1, max: 250_000 }), at: times, transferKey: fc.constant('k') }),
      fc.record({ type: fc.constant('EXPIRE' as const), at: times }),
      fc.record({ type: fc.constant('CONFIRM' as const), at: times, by: fc.constant('clerk') }),
      fc.record({ type: fc.constant('CANCEL' as const), at: times, by: fc.constant('clerk'), reason: fc.constant('why') }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), (events) => {
        let order: OrderSnapshot = { status: 'PENDING', amount: FEE, paidAmount: 0, expiresAt: EXPIRES_AT };
        let received = 0;
        let refunds = 0;
        for (const e of events) {
          const r = applyEvent(order, e);
          if (e.type === 'PAYMENT') {
            expect(r.ok).toBe(true);
            received += e.amount;
          }
          if (!r.ok) continue; // refused: nothing changes
          expect(r.historyEntry.from).toBe(order.status);
          expect(r.historyEntry.to).toBe(r.next.status);
          expect('to' in TRANSITIONS[order.status][e.type]).toBe(true);
          refunds += r.refund;
          order = snapshotOf(order, r.next);

          const refundDue = order.refundDue ?? 0;
          const kept = order.paidAmount - refundDue;
          expect(order.paidAmount).toBe(received);
          expect(refundDue).toBe(refunds);
          expect(kept).toBeGreaterThanOrEqual(0);
          expect(kept).toBeLessThanOrEqual(FEE);
          const fits: Record<OrderStatus, boolean> = {
            PENDING: order.paidAmount === 0,
            EXPIRED: order.paidAmount === 0,
            CANCELLED: kept === 0,
            UNDERPAID: kept > 0 && kept < FEE,
            PAID: kept === FEE,
            OVERPAID: kept === FEE && refundDue > 0,
            CONFIRMED: kept === FEE,
          };
          expect(fits[order.status]).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cancelling a receipt', () => {
  it('returns a confirmed order to PAID, or to OVERPAID while money is owed back, and records who and why', () => {
    const paid = ok(applyEvent(SNAPSHOTS.CONFIRMED, { type: 'CANCEL_RECEIPT', at: BEFORE, by: 'clerk', reason: 'Sai tên' }));
    expect(paid.next.status).toBe('PAID');
    expect(paid.historyEntry).toMatchObject({ event: 'RECEIPT_CANCELLED', from: 'CONFIRMED', to: 'PAID', by: 'clerk', note: 'Sai tên' });
    const overpaidConfirmed: OrderSnapshot = { status: 'CONFIRMED', amount: FEE, paidAmount: 130_000, refundDue: 30_000, expiresAt: EXPIRES_AT };
    expect(ok(applyEvent(overpaidConfirmed, { type: 'CANCEL_RECEIPT', at: BEFORE, by: 'clerk', reason: 'Sai tên' })).next.status).toBe('OVERPAID');
    expect(applyEvent(SNAPSHOTS.CONFIRMED, { type: 'CANCEL_RECEIPT', at: BEFORE, by: 'clerk', reason: ' ' })).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
  });
});
