/**
 * Reports: the daily reconciliation and the receipt register of one agency, and the
 * district dashboard. JSON, or CSV with `?format=csv` or `Accept: text/csv`. What each
 * reads is in use-cases/reports.ts.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import { vietnamDate } from '../../../shared/time';
import { readQuery } from '../../lib/platform/http';
import { isDay } from '../../../shared/time';
import { dailyReportCsv, dashboardCsv, receiptRegisterCsv } from '../../lib/reports/csv';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { agencyFor, dashboardFor, loadDailyReport, loadReceiptRegister, reportDeps } from '../use-cases/reports';
import type { Dashboard as DashboardView, DailyReport as DailyReportView } from '../../../shared/report-views';

const day = z.string().refine(isDay, bilingual('Ngày phải có dạng YYYY-MM-DD và là ngày có thật.', 'Dates must be real dates written YYYY-MM-DD.'));
const agencyParam = z.string().max(64).optional();
const format = z.enum(['json', 'csv']).optional();
const dayQuery = z.object({ date: day.optional(), agencyId: agencyParam, format });
const rangeQuery = z.object({ from: day.optional(), to: day.optional(), agencyId: agencyParam, format });

function wantsCsv(c: Context, asked: 'json' | 'csv' | undefined): boolean {
  return asked === 'csv' || (asked !== 'json' && /\btext\/csv\b/i.test(c.req.header('accept') ?? ''));
}

function csv(c: Context, text: string, filename: string): Response {
  return c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${filename}"`,
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
      return wantsCsv(c, q.format) ? csv(c, dailyReportCsv(report), `doi-soat-${agency.id}-${report.date}.csv`) : c.json(report satisfies DailyReportView);
    },
    receiptRegister: async (c) => {
      const q = readQuery(c, dayQuery);
      const d = reportDeps(deps());
      const agency = await agencyFor(d, principalOf(c), q.agencyId);
      const register = await loadReceiptRegister(d, agency, q.date ?? vietnamDate(d.now()));
      return wantsCsv(c, q.format) ? csv(c, receiptRegisterCsv(register), `bang-ke-bien-lai-${agency.id}-${register.date}.csv`) : c.json(register);
    },
    dashboard: async (c) => {
      const q = readQuery(c, rangeQuery);
      const dashboard = await dashboardFor(reportDeps(deps()), principalOf(c), q);
      return wantsCsv(c, q.format) ? csv(c, dashboardCsv(dashboard), `so-lieu-${q.agencyId ?? 'tat-ca'}-${dashboard.from}-${dashboard.to}.csv`) : c.json(dashboard satisfies DashboardView);
    },
  }) satisfies Partial<StaffHandlers>;
