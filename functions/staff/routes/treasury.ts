/**
 * The State Treasury report of one agency (docs/treasury.md): `?month=YYYY-MM` (the current
 * month by default) or `?year=YYYY` for the year's settlement figures. A clerk's own agency;
 * an admin's or a leader's within their scope (a province's for its communes), who must say
 * which. JSON; CSV (`?format=csv`, `&dialect=excel`), xlsx, or a printable page (`?format=html`).
 */
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import { REPORT_FILE_TYPES } from '../../../shared/report-views';
import { vietnamDate } from '../../../shared/time';
import { ApiError } from '../../lib/platform/errors';
import { readQuery } from '../../lib/platform/http';
import { csvFile } from '../../lib/reports/csv';
import { treasuryMonth, treasuryYear, vietnamMonthBounds, type TreasuryMonth } from '../../lib/reports/treasury';
import { treasuryMonthPage, treasuryMonthTables, treasuryYearPage, treasuryYearTables } from '../../lib/reports/treasury-files';
import type { ReportDeps } from '../../lib/reports/day-summaries';
import type { ReportTable } from '../../lib/reports/tables';
import { toXlsx } from '../../lib/reports/xlsx';
import type { Agency } from '../../../shared/catalogue';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { agencyFor, reportDeps } from '../use-cases/reports';

export const treasuryQuery = z
  .object({
    month: z.string().regex(/^(20\d\d)-(0[1-9]|1[0-2])$/, bilingual('Tháng phải có dạng YYYY-MM.', 'The month must be written YYYY-MM.')).optional(),
    year: z.string().regex(/^20\d\d$/, bilingual('Năm phải có dạng YYYY.', 'The year must be written YYYY.')).optional(),
    agencyId: z.string().max(64).optional(),
    format: z.enum(['json', 'csv', 'xlsx', 'html']).optional(),
    dialect: z.enum(['rfc4180', 'excel']).optional(),
  })
  .refine((q) => !(q.month && q.year), { path: ['year'], message: bilingual('Chọn tháng hoặc năm, không chọn cả hai.', 'Ask for a month or a year, not both.') });

const future = (path: string) => new ApiError('INVALID_QUERY', [{ path, message: 'Chưa đến kỳ này.', messageEn: 'That period has not begun.' }]);

export async function loadTreasuryMonth(d: ReportDeps, agency: Agency, month: string): Promise<TreasuryMonth> {
  const { start, end } = vietnamMonthBounds(month);
  const [receipts, cancelledInMonth] = await Promise.all([d.reports.receiptsIssued(agency.id, start, end), d.reports.receiptsCancelledBetween(agency.id, start, end)]);
  return treasuryMonth({ agency, month, generatedAt: d.now().toISOString(), receipts, cancelledInMonth });
}

function answer(c: Parameters<StaffHandlers['treasuryReport']>[0], format: string | undefined, dialect: 'rfc4180' | 'excel' | undefined, json: object, tables: () => ReportTable[], html: () => string, basename: string): Response {
  const headers = { 'cache-control': 'private, no-store' };
  if (format === 'html') return c.body(html(), 200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
  if (format === 'csv' || format === 'xlsx') {
    const { bytes, contentType } = format === 'xlsx' ? { bytes: toXlsx(tables()), contentType: REPORT_FILE_TYPES.xlsx } : csvFile(tables(), dialect ?? 'rfc4180');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { ...headers, 'content-type': contentType, 'content-disposition': `attachment; filename="${basename}.${format}"` });
  }
  return c.json(json, 200, headers);
}

export const treasuryRoutes = (deps: () => StaffDeps) =>
  ({
    treasuryReport: async (c) => {
      const q = readQuery(c, treasuryQuery);
      const d = reportDeps(deps());
      const agency = await agencyFor(d, principalOf(c), q.agencyId);
      const thisMonth = vietnamDate(d.now()).slice(0, 7);
      if (q.year) {
        const year = Number(q.year);
        if (`${q.year}-01` > thisMonth) throw future('year');
        const last = q.year === thisMonth.slice(0, 4) ? Number(thisMonth.slice(5)) : 12;
        const months = await Promise.all(Array.from({ length: last }, (_, i) => loadTreasuryMonth(d, agency, `${q.year}-${String(i + 1).padStart(2, '0')}`)));
        const r = treasuryYear({ agency, year, generatedAt: d.now().toISOString(), months });
        return answer(c, q.format, q.dialect, r, () => treasuryYearTables(r), () => treasuryYearPage(r), `quyet-toan-phi-${agency.id}-${year}`);
      }
      const month = q.month ?? thisMonth;
      if (month > thisMonth) throw future('month');
      const r = await loadTreasuryMonth(d, agency, month);
      return answer(c, q.format, q.dialect, r, () => treasuryMonthTables(r), () => treasuryMonthPage(r), `nop-ngan-sach-${agency.id}-${month}`);
    },
  }) satisfies Partial<StaffHandlers>;
