import { describe, expect, it } from 'vitest';
import { summariseDay } from '../../functions/lib/reports/dashboard';
import { AGENCIES, PROCEDURES, type Procedure } from '../../shared/catalogue';
import { draftOrder, requestedLines } from '../../shared/order';
import { linesOf, orderLineView } from '../../shared/order-lines';
import { receiptContentSchema, buildReceiptContent } from '../../shared/receipt';
import { buildReceiptXml, eReceiptFromContent } from '../../shared/e-receipt/receipt-xml';

const at = new Date('2026-09-01T10:00:00+07:00');
const commune = AGENCIES.find((a) => a.level === 'commune')!;
const p = (code: string): Procedure => PROCEDURES.find((x) => x.code === code)!;

function draft(lines: { code: string; quantity?: number; copies?: number }[], filing: { channel?: 'online' | 'counter'; vneidLevel2?: boolean } = {}) {
  return draftOrder({
    input: { agencyId: commune.id, ...filing },
    lines: lines.map((l) => ({ procedure: p(l.code), quantity: l.quantity ?? 1, copies: l.copies ?? 1 })),
    agency: commune,
    reference: 'ABCD2345',
    paymentCodePrefix: 'MCP',
    now: at,
  });
}

describe('draftOrder with lines', () => {
  it('sums the lines, keeps each line’s rule and kind, names the first line', () => {
    const d = draft([{ code: '2.000815', quantity: 2, copies: 3 }, { code: '1.004873' }]);
    if (!d.ok) throw new Error(d.refusal);
    expect(d.order.amount).toBe(12_000 + 15_000);
    expect(d.order.items?.map((l) => [l.kind, l.amount])).toEqual([
      ['phi', 12_000],
      ['le_phi', 15_000],
    ]);
    expect(d.order.items?.[1]?.rule?.legalBasis).toContain('Thông tư 85/2019/TT-BTC');
    expect(d.order.procedureCode).toBe('2.000815');
    expect(d.order.procedureName).toMatch(/\(và 1 khoản khác\)$/);
  });

  it('refuses a line a relief waives, naming the line and the relief', () => {
    const d = draft([{ code: '2.000815' }, { code: '2.000635' }], { channel: 'online', vneidLevel2: true });
    expect(d).toMatchObject({ ok: false, refusal: 'FEE_NOT_REQUIRED', line: 1, relief: { kind: 'waiver', legalBasis: expect.stringContaining('66.22/2026') } });
  });

  it('the order’s total bound applies to the sum', () => {
    const big = (code: string): Procedure => ({ ...p('2.001035'), code, fee: { kind: 'flat', amount: 300_000_000 } });
    const d = draftOrder({
      input: { agencyId: commune.id },
      lines: [big('2.999991'), big('2.999992')].map((procedure) => ({ procedure, quantity: 1, copies: 1 })),
      agency: commune,
      reference: 'ABCD2345',
      paymentCodePrefix: 'MCP',
      now: at,
    });
    expect(d).toMatchObject({ ok: false, refusal: 'AMOUNT_TOO_LARGE' });
  });
});

describe('requestedLines', () => {
  it('one of procedureCode and items; quantity and copies only beside procedureCode', () => {
    expect(requestedLines({ agencyId: 'x', procedureCode: '2.000815', copies: 2 })).toEqual({ ok: true, lines: [{ procedureCode: '2.000815', quantity: 1, copies: 2 }] });
    expect(requestedLines({ agencyId: 'x', items: [{ procedureCode: '2.000815' }] })).toEqual({ ok: true, lines: [{ procedureCode: '2.000815', quantity: 1, copies: 1 }] });
    expect(requestedLines({ agencyId: 'x' }).ok).toBe(false);
    expect(requestedLines({ agencyId: 'x', quantity: 2, items: [{ procedureCode: '2.000815' }] })).toMatchObject({ ok: false, details: [{ path: 'quantity' }] });
  });
});

describe('downstream', () => {
  const d = draft([{ code: '2.000815', quantity: 2, copies: 3 }, { code: '1.004873' }]);
  if (!d.ok) throw new Error(d.refusal);
  const order = d.order;

  it('an order made before lines were kept reads as one line of its procedure', () => {
    const { items: _items, ...old } = order;
    expect(linesOf(old)).toEqual([expect.objectContaining({ procedureCode: '2.000815', amount: order.amount, copies: 3 })]);
    expect(orderLineView(linesOf(old)[0]!).legalBasis).toBeNull();
  });

  it('the receipt lists every line; their sum must be the amount; the XML carries each kind', () => {
    const content = buildReceiptContent({
      order,
      agency: commune,
      number: 1,
      issuedAt: at,
      paymentMethod: 'bank_transfer',
      collector: { username: 'clerk' },
    });
    expect(content.lines?.map((l) => [l.procedureCode, l.kind, l.amount])).toEqual([
      ['2.000815', 'phi', 12_000],
      ['1.004873', 'le_phi', 15_000],
    ]);
    expect(receiptContentSchema.safeParse({ ...content, lines: [{ ...content.lines![0]!, amount: 1 }, content.lines![1]] }).success).toBe(false);
    const xml = buildReceiptXml(eReceiptFromContent(content));
    expect(xml).toContain('<LPhi>Phí</LPhi>');
    expect(xml).toContain('<LPhi>Lệ phí</LPhi>');
    expect(xml).toContain('<TgTien>27000</TgTien>');
  });

  it('the day summary counts each line under its own procedure', () => {
    const s = summariseDay({ agencyId: commune.id, day: '2026-09-01', orders: [order], transfers: [], receipts: [], orderById: new Map() });
    expect(s.orders.byProcedure).toEqual({ '2.000815': { count: 1, amount: 12_000 }, '1.004873': { count: 1, amount: 15_000 } });
    expect(s.orders.amount).toBe(27_000);
  });
});
