/** Suggesting orders for an unmatched transfer: who is offered, in what order, and who never is. */
import { describe, expect, it } from 'vitest';
import { editDistance, memoSimilarity, suggestOrders, SUGGEST_WINDOW_MS } from '../../shared/suggest';
import type { FeeOrder } from '../../shared/order';

const at = '2026-12-03T03:00:00.000Z';
const hoursBefore = (h: number) => new Date(Date.parse(at) - h * 3600_000).toISOString();
type Candidate = Parameters<typeof suggestOrders>[1][number];
const order = (o: Partial<Candidate> & Pick<Candidate, 'id'>): Candidate => ({
  reference: o.id, agencyId: 'xa-a', amount: 20000, paidAmount: 0, status: 'PENDING' as FeeOrder['status'], createdAt: hoursBefore(1), ...o,
});
const transfer = (memo: string, amount = 20000) => ({ agencyId: 'xa-a', amount, memo, occurredAt: at });

describe('memo similarity', () => {
  it('is 1 when the reference is in the memo, spaced or not, and falls with each typo', () => {
    expect(memoSimilarity('MBVCB.123.MCPAB3K7MX3.CT tu', 'AB3K7MX3')).toBe(1);
    expect(memoSimilarity('nop phi AB3K 7MX3', 'AB3K7MX3')).toBe(1);
    expect(memoSimilarity('nop phi AB3K7MZ3', 'AB3K7MX3')).toBeCloseTo(7 / 8);
    expect(memoSimilarity('nop phi AB3KM7X3', 'AB3K7MX3')).toBeCloseTo(7 / 8); // two characters swapped
    expect(memoSimilarity('chuyen tien le phi', 'AB3K7MX3')).toBeLessThan(0.6);
    expect(editDistance('abcd', 'abdc')).toBe(1);
  });
});

describe('suggestOrders', () => {
  it('puts the order whose due amount and memo both fit first, then amount alone, then memo alone', () => {
    const items = suggestOrders(transfer('CK AB3K7MZ3 le phi'), [
      order({ id: 'ZZZZZZZZ' }), // amount only
      order({ id: 'AB3K7MX3' }), // amount and a near reference
      order({ id: 'AB3K7MX4', amount: 30000 }), // near reference only
    ]);
    expect(items.map((s) => s.orderId)).toEqual(['AB3K7MX3', 'ZZZZZZZZ', 'AB3K7MX4']);
    expect(items[0]!.reasons).toEqual(['AMOUNT_DUE_EQUAL', 'MEMO_SIMILAR']);
  });

  it('counts what an underpaid order still owes, and the payer name in the memo', () => {
    const [best, next] = suggestOrders(transfer('NGUYEN VAN AN chuyen tien', 5000), [
      order({ id: 'PPPPPPPP', amount: 20000, paidAmount: 15000, status: 'UNDERPAID', payer: { name: 'Nguyễn Văn An' } }),
      order({ id: 'QQQQQQQQ', amount: 5000 }),
    ]);
    expect(best).toMatchObject({ orderId: 'PPPPPPPP', amountDue: 5000, reasons: ['AMOUNT_DUE_EQUAL', 'PAYER_NAME'] });
    expect(next!.orderId).toBe('QQQQQQQQ');
  });

  it('never offers another agency, an order made after the transfer or over 48 hours before, a paid or cancelled one, or one sharing nothing', () => {
    const items = suggestOrders(transfer('CK AB3K7MX3'), [
      order({ id: 'AB3K7MX3', agencyId: 'xa-b' }),
      order({ id: 'AB3K7MX3', createdAt: new Date(Date.parse(at) + 10 * 60_000).toISOString() }),
      order({ id: 'AB3K7MX3', createdAt: new Date(Date.parse(at) - SUGGEST_WINDOW_MS - 1).toISOString() }),
      order({ id: 'AB3K7MX3', status: 'PAID', paidAmount: 20000 }),
      order({ id: 'AB3K7MX3', status: 'CANCELLED' }),
      order({ id: 'CCCCCCCC', amount: 35000 }),
    ]);
    expect(items).toEqual([]);
    expect(suggestOrders({ ...transfer('x'), agencyId: undefined }, [order({ id: 'A' })])).toEqual([]);
  });

  it('counts an order placed in the same second as the bank\'s stamp (banks stamp to the second)', () => {
    const items = suggestOrders(transfer('CK AB3K7MX3'), [order({ id: 'AB3K7MX3', createdAt: new Date(Date.parse(at) + 456).toISOString() })]);
    expect(items.map((s) => s.orderId)).toEqual(['AB3K7MX3']);
  });

  it('offers at most five, the newer first when equal', () => {
    const items = suggestOrders(transfer('chuyen tien'), Array.from({ length: 8 }, (_, i) => order({ id: `O${i}`, createdAt: hoursBefore(i + 1) })));
    expect(items.map((s) => s.orderId)).toEqual(['O0', 'O1', 'O2', 'O3', 'O4']);
  });
});
