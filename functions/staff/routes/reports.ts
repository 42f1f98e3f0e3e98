/**
 * Reports: the daily reconciliation and the receipt register of one agency, and the
 * district dashboard. JSON; or a file: CSV with `?format=csv` or `Accept: text/csv`
 * (`&dialect=excel` for the one Excel opens in columns whatever its regional settings),
 * an Excel workbook with `?format=xlsx` or its Accept type. What each reads is in
 * use-cases/reports.ts; the tables of a file in lib/reports/tables.ts.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import { REPORT_FILE_TYPES, type ReportFileFormat } from '../../../shared/report-views';
import { isDay, vietnamDate } from '../../../shared/time';
import { readQuery } from '../../lib/platform/http';
import { csvFile } from '../../lib/reports/csv';
import { dailyReportTables, dashboardTables, receiptRegisterTables, type ReportTable } from '../../lib/reports/tables';
import { toXlsx } from '../../lib/reports/xlsx';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { agencyFor, dashboardFor, loadDailyReport, loadReceiptRegister, reportDeps } from '../use-cases/reports';
import type { Dashboard as DashboardView, DailyReport as DailyReportView } from '../../../shared/report-views';

const day = z.string().refine(isDay, bilingual('Ngày phải có dạng YYYY-MM-DD và là ngày có thật.', 'Dates must be real dates written YYYY-MM-DD.'));
const agencyParam = z.string().max(64).optional();
const file = {
  format: z.enum(['json', 'csv', 'xlsx']).optional(),
  dialect: z.enum(['rfc4180', 'excel']).optional(),
};
export const dayQuery = z.object({ date: day.optional(), agencyId: agencyParam, ...file });
export const rangeQuery = z.object({ from: day.optional(), to: day.optional(), agencyId: agencyParam, ...file });

type FileQuery = { format?: 'json' | ReportFileFormat | undefined; dialect?: 'rfc4180' | 'excel' | undefined };

/** The file asked for, by `?format=` or else by Accept; JSON (null) otherwise. `?format=json` wins over the header. */
function fileAsked(c: Context, q: FileQuery): ReportFileFormat | null {
  if (q.format === 'json') return null;
  if (q.format) return q.format;
  const accept = c.req.header('accept') ?? '';
  if (accept.toLowerCase().includes(REPORT_FILE_TYPES.xlsx)) return 'xlsx';
  return /\btext\/csv\b/i.test(accept) ? 'csv' : null;
}

/** The report as the file asked for, named `<basename>.<csv|xlsx>`, never cached. */
function reportFile(c: Context, format: ReportFileFormat, q: FileQuery, tables: ReportTable[], basename: string): Response {
  const { bytes, contentType } = format === 'xlsx' ? { bytes: toXlsx(tables), contentType: REPORT_FILE_TYPES.xlsx } : csvFile(tables, q.dialect ?? 'rfc4180');
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${basename}.${format}"`,
    'cache-control': 'no-store',
  });
}

export const reportRoutes = (deps: () => StaffDeps) =>
  ({
    reportDaily: async (c) => {
      const q = readQuery(c, dayQuery);
      const d = reportDeps(deps());
      const agency = await agencyFor(d, principalOf(c), q.agencyId);
      const report = await loadDailyReport(d, agency, q.date ?? vietnamDate(d.now()));
      const asked = fileAsked(c, q);
      return asked ? reportFile(c, asked, q, dailyReportTables(report), `doi-soat-${agency.id}-${report.date}`) : c.json(report satisfies DailyReportView);
    },
    receiptRegister: async (c) => {
      const q = readQuery(c, dayQuery);
      const d = reportDeps(deps());
      const agency = await agencyFor(d, principalOf(c), q.agencyId);
      const register = await loadReceiptRegister(d, agency, q.date ?? vietnamDate(d.now()));
      const asked = fileAsked(c, q);
      return asked ? reportFile(c, asked, q, receiptRegisterTables(register), `bang-ke-bien-lai-${agency.id}-${register.date}`) : c.json(register);
    },
    dashboard: async (c) => {
      const q = readQuery(c, rangeQuery);
      const dashboard = await dashboardFor(reportDeps(deps()), principalOf(c), q);
      const asked = fileAsked(c, q);
      return asked ? reportFile(c, asked, q, dashboardTables(dashboard), `so-lieu-${q.agencyId ?? 'tat-ca'}-${dashboard.from}-${dashboard.to}`) : c.json(dashboard satisfies DashboardView);
    },
  }) satisfies Partial<StaffHandlers>;
