/** The day's summary rows (form 01/TH-BLĐT) from the receipts on record: each case of functions/lib/receipts/daily-summary.ts. */
import { describe, expect, it } from 'vitest';
import { summaryRows } from '../../../functions/lib/receipts/daily-summary';
import type { StoredReceipt } from '../../../functions/lib/storage/store';

const receipt = (number: number, issuedAt: string, cancelledAt?: string): StoredReceipt => ({
  id: `xa-giong-trom-26TGR-${number}`,
  agencyId: 'xa-giong-trom',
  symbol: '26TGR',
  number,
  orderId: `ORDER${number}`,
  issuedAt,
  status: cancelledAt ? 'CANCELLED' : 'ISSUED',
  token: 'x.y.z',
  content: { template: 'EBL01', feeName: 'Chứng thực bản sao', amount: 4_000 },
  ...(cancelledAt ? { cancellation: { at: cancelledAt, by: 'clerk', reason: 'Sai số tiền' } } : {}),
});

describe('summary rows of 2026-12-03 (Vietnam days)', () => {
  const day = '2026-12-03';
  it('a receipt made that day is new; cancelled later, it is still new in that day’s table', () => {
    const rows = summaryRows({ day, agency: { name: 'x', taxCode: '9900000202' }, issued: [receipt(2, '2026-12-03T02:00:00Z', '2026-12-04T02:00:00Z'), receipt(1, '2026-12-03T01:00:00Z')], cancelled: [] });
    expect(rows.map((r) => [r.number, r.status])).toEqual([[1, 'new'], [2, 'new']]);
  });

  it('made and cancelled the same day: cancelled, with the reason', () => {
    const rows = summaryRows({ day, agency: { name: 'x', taxCode: '9900000202' }, issued: [receipt(3, '2026-12-03T01:00:00Z', '2026-12-03T09:00:00Z')], cancelled: [receipt(3, '2026-12-03T01:00:00Z', '2026-12-03T09:00:00Z')] });
    expect(rows).toEqual([expect.objectContaining({ number: 3, status: 'cancelled', explanation: 'Sai số tiền' })]);
    expect(rows[0]!.adjustedPeriod).toBeUndefined();
  });

  it('made on an earlier day and cancelled this day: a row that adjusts the earlier period', () => {
    // 16:30 UTC on 2 December is 23:30 in Vietnam: still the 2nd.
    const rows = summaryRows({ day, agency: { name: 'x', taxCode: '9900000202' }, issued: [], cancelled: [receipt(4, '2026-12-02T16:30:00Z', '2026-12-03T03:00:00Z')] });
    expect(rows).toEqual([expect.objectContaining({ number: 4, status: 'cancelled', adjustedPeriod: '2026-12-02', explanation: 'Sai số tiền', amount: 4_000 })]);
  });
});
