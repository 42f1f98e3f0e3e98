/** Receipts, summaries and notices the e-receipt tests build, sign and validate. */
import { AGENCIES } from '../../shared/catalogue';
import type { ErrorNotice } from '../../shared/e-receipt/notice-xml';
import type { EReceipt } from '../../shared/e-receipt/receipt-xml';
import type { DailySummary, SummaryRow } from '../../shared/e-receipt/summary-xml';

export const agency = AGENCIES.find((a) => a.id === 'xa-giong-trom')!;

export function sampleReceipt(overrides: Partial<EReceipt> = {}): EReceipt {
  return {
    template: 'EBL01',
    symbol: '26TGR',
    number: 42,
    issuedAt: '2026-07-15T03:04:05.000Z',
    collector: { name: agency.name, taxCode: agency.taxCode, address: agency.address },
    payer: { name: 'Nguyễn Thị Hồng Nhung' },
    lines: [{ feeName: 'Lệ phí chứng thực chữ ký', procedureCode: '2.000815', amount: 10_000 }],
    paymentMethod: 'bank_transfer',
    orderReference: 'K7P3QX9R',
    ...overrides,
  };
}

export function sampleSummary(rows?: number): DailySummary {
  const base: SummaryRow[] = [
    { template: 'EBL01', symbol: '26TGR', number: 42, issuedAt: '2026-07-15T03:04:05.000Z', feeName: 'Lệ phí chứng thực', amount: 10_000, status: 'new' },
    {
      template: 'EBL01',
      symbol: '26TGR',
      number: 43,
      issuedAt: '2026-07-15T04:00:00.000Z',
      feeName: 'Lệ phí chứng thực',
      amount: 20_000,
      exchangeRate: 1,
      status: 'new',
      adjustedPeriod: '2026-07-14',
      related: { template: 'EBL01', symbol: '26TGR', number: 12 },
      explanation: 'Thay thế biên lai sai số tiền',
      note: 'Ghi chú',
    },
    { template: 'EBL01', symbol: '26TGR', number: 12, issuedAt: '2026-07-14T09:00:00.000Z', feeName: 'Lệ phí chứng thực', amount: 2_000, status: 'replaced' },
  ];
  const list =
    rows === undefined
      ? base
      : Array.from({ length: rows }, (_, i): SummaryRow => ({
          template: 'EBL01',
          symbol: '26TGR',
          number: i + 1,
          issuedAt: new Date(Date.parse('2026-07-15T01:00:00.000Z') + i * 15_000).toISOString(),
          feeName: 'Lệ phí cấp bản sao trích lục hộ tịch',
          amount: 8_000 + (i % 7) * 1_000,
          status: 'new',
        }));
  return {
    day: '2026-07-15',
    summaryNumber: 196,
    firstTime: true,
    organisation: { name: agency.name, taxCode: agency.taxCode },
    madeAt: '2026-07-15T15:59:00.000Z',
    rows: list,
  };
}

export function sampleNotice(): ErrorNotice {
  return {
    kind: 'own',
    organisation: { name: agency.name, taxCode: agency.taxCode },
    place: 'Giồng Trôm',
    madeAt: '2026-07-15T08:00:00.000Z',
    entries: [{ template: 'EBL01', symbol: '26TGR', number: 42, issuedAt: '2026-07-15T03:04:05.000Z', action: 'explain', reason: 'Sai tên người nộp: đúng là Nguyễn Thị Hồng Nhung' }],
  };
}
