/** The treasury data and its pure arithmetic: shares by day and procedure, rounding, old receipts without lines, months in Vietnam time. */
import { describe, expect, it } from 'vitest';
import { receiptLines, treasuryMonth, vietnamMonthBounds } from '../../functions/lib/reports/treasury';
import type { StoredReceipt } from '../../functions/lib/storage/store';
import { AGENCIES } from '../../shared/catalogue';
import { BUDGET_SUBITEMS, retainedPart, retainedShareOn, type RetainedShare } from '../../shared/treasury';
import { FEE_SCHEDULES } from '../../shared/fee-schedules';

describe('retained shares', () => {
  const shares: Record<string, RetainedShare[]> = {
    a: [
      { percent: 50, decision: 'Quyết định 1/QĐ-UBND', from: '2026-01-01', to: '2026-06-30' },
      { percent: 12.5, decision: 'Quyết định 2/QĐ-UBND', from: '2026-07-01', procedureCodes: ['2.000815'] },
    ],
  };
  it('the share in force on the day, for the procedure; none: 100 % remitted', () => {
    expect(retainedShareOn('a', '2.000884', '2026-06-30', shares)?.percent).toBe(50);
    expect(retainedShareOn('a', '2.000884', '2026-07-01', shares)).toBeNull();
    expect(retainedShareOn('a', '2.000815', '2026-07-01', shares)?.percent).toBe(12.5);
    expect(retainedShareOn('a', '2.000815', '2025-12-31', shares)).toBeNull();
    expect(retainedShareOn('b', '2.000815', '2026-07-01', shares)).toBeNull();
  });
  it('rounds the retained part down to the đồng, exactly for two decimals', () => {
    expect(retainedPart(12_345, 30)).toBe(3_703);
    expect(retainedPart(10_000, 12.5)).toBe(1_250);
    expect(retainedPart(3, 33.33)).toBe(0);
    expect(retainedPart(100_000, 100)).toBe(100_000);
    expect(retainedPart(100_000, 0)).toBe(0);
  });
  it('every phí of the schedules has a budget sub-item', () => {
    for (const [code, s] of Object.entries(FEE_SCHEDULES)) if (s.feeKind === 'phi') expect(BUDGET_SUBITEMS[code], code).toBeDefined();
  });
});

describe('a month from receipts', () => {
  const agency = AGENCIES.find((a) => a.id === 'xa-giong-trom')!;
  const receipt = (issuedAt: string, content: object, status: StoredReceipt['status'] = 'ISSUED'): StoredReceipt =>
    ({ id: issuedAt, agencyId: agency.id, symbol: '1C26TGT', number: 1, issuedAt, orderId: 'X', status, content }) as unknown as StoredReceipt;

  it('a month is bounded in Vietnam time', () => {
    expect(vietnamMonthBounds('2026-11')).toEqual({ start: '2026-10-31T17:00:00.000Z', end: '2026-11-30T17:00:00.000Z' });
    expect(vietnamMonthBounds('2026-12').end).toBe('2026-12-31T17:00:00.000Z');
  });

  it('an old receipt without lines counts as one line of its procedure’s kind', () => {
    expect(receiptLines(receipt('2026-11-02T01:00:00.000Z', { procedureCode: '2.000815', feeName: 'Chứng thực', amount: 6000 }))).toEqual([{ kind: 'phi', procedureCode: '2.000815', feeName: 'Chứng thực', amount: 6000 }]);
    expect(receiptLines(receipt('2026-11-02T01:00:00.000Z', { procedureCode: '9.999999', feeName: 'X', amount: 1000 }))[0]!.kind).toBe('le_phi');
  });

  it('sums valid receipts by kind, keeps 30 % of the phí, leaves out cancelled ones and those outside the month', () => {
    const r = treasuryMonth({
      agency,
      month: '2026-11',
      generatedAt: '2026-12-01T00:00:00.000Z',
      receipts: [
        receipt('2026-10-31T17:00:00.000Z', { lines: [{ kind: 'phi', procedureCode: '2.000815', feeName: 'Chứng thực', amount: 10_001 }, { kind: 'le_phi', procedureCode: '1.004873', feeName: 'Xác nhận', amount: 5_000 }] }),
        receipt('2026-11-05T03:00:00.000Z', { lines: [{ kind: 'phi', procedureCode: '2.000815', feeName: 'Chứng thực', amount: 2_000 }] }, 'CANCELLED'),
        receipt('2026-10-31T16:59:59.000Z', { lines: [{ kind: 'phi', procedureCode: '2.000815', feeName: 'Chứng thực', amount: 99_000 }] }),
      ],
      cancelledInMonth: [],
    });
    expect(r.totals).toEqual({ collected: 15_001, phi: { collected: 10_001, retained: 3_000, toBudget: 7_001 }, lePhi: { collected: 5_000, toBudget: 5_000 }, toBudget: 12_001 });
    expect(r.receipts).toEqual({ counted: 1, cancelledLeftOut: 1, cancelledLeftOutAmount: 2_000 });
    expect(r.lines[0]!.working).toBe('Phí 10.001 ₫ × 30 % = 3.000 ₫ để lại (làm tròn xuống đồng); nộp 10.001 ₫ − 3.000 ₫ = 7.001 ₫.');
    expect(r.deposit).toMatchObject({ amount: 15_001, by: '2026-12-07' });
    expect(r.declare).toMatchObject({ remit: 12_001, retained: 3_000, by: '2026-12-21' });
  });
});
