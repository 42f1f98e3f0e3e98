/**
 * Report routes: the daily reconciliation and the receipt register of one agency (clerk:
 * own; admin: any), and the district dashboard (admin, leader). JSON, or CSV with
 * `?format=csv` or `Accept: text/csv`. Reads go through the reports port (keys designed
 * for them, no scan); the dashboard merges per-agency-per-day summaries, storing a closed
 * day's once and recomputing it only when staff changed that day's records since.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import type { Agency } from '../../shared/catalogue';
import { bilingual } from '../../shared/errors';
import type { Dashboard as DashboardView, DailyReport as DailyReportView } from '../../shared/report-views';
import { vietnamDate, vietnamDayBounds } from '../../shared/time';
import { ApiError } from '../lib/errors';
import { readQuery } from '../lib/http';
import { loadDashboard, MAX_DASHBOARD_DAYS, type ReportDeps } from '../lib/day-summaries';
import { dailyReport, dailyReportCsv, dashboardCsv, isDay, receiptRegister, receiptRegisterCsv, type DailyReport, type ReceiptRegister } from '../lib/reports';
import { reportsStoreBeside, type ReportsStore } from '../lib/reports-store';
import type { StaffPrincipal } from '../lib/users';
import { guard, listAgency, principalOf, type StaffDeps, type StaffEnv } from './context';

export { CLOSE_MARGIN_MS, computeDays, loadDashboard, MAX_DASHBOARD_DAYS, REPORT_RULES_VERSION, runs, type ReportDeps } from '../lib/day-summaries';

export type ReportRouteDeps = StaffDeps & { reports?: ReportsStore };

function reportDeps(d: ReportRouteDeps): ReportDeps {
  const reports = d.reports ?? reportsStoreBeside(d.store);
  if (!reports) throw new Error('reports need a reports store (none given, and the store is not DynamoDB)');
  return { reports, catalogue: d.catalogue, now: d.now };
}

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

/** The agency a report is about: a clerk's own (another answers 404), any for an admin, who must say which. */
async function agencyFor(d: ReportDeps, p: StaffPrincipal, asked: string | undefined): Promise<Agency> {
  const agency = await d.catalogue.agency(listAgency(p, asked));
  if (!agency) throw new ApiError('NOT_FOUND');
  return agency;
}

export function reportRoutes(deps: () => ReportRouteDeps) {
  return new Hono<StaffEnv>()
    .get('/staff/reports/daily', guard(deps, 'reportDaily'), async (c) => {
      const q = readQuery(c, dayQuery);
      const d = reportDeps(deps());
      const agency = await agencyFor(d, principalOf(c), q.agencyId);
      const report = await loadDailyReport(d, agency, q.date ?? vietnamDate(d.now()));
      return wantsCsv(c, q.format) ? csv(c, dailyReportCsv(report), `doi-soat-${agency.id}-${report.date}.csv`) : c.json(report satisfies DailyReportView);
    })
    .get('/staff/reports/receipts', guard(deps, 'receiptRegister'), async (c) => {
      const q = readQuery(c, dayQuery);
      const d = reportDeps(deps());
      const agency = await agencyFor(d, principalOf(c), q.agencyId);
      const register = await loadReceiptRegister(d, agency, q.date ?? vietnamDate(d.now()));
      return wantsCsv(c, q.format) ? csv(c, receiptRegisterCsv(register), `bang-ke-bien-lai-${agency.id}-${register.date}.csv`) : c.json(register);
    })
    .get('/staff/reports/dashboard', guard(deps, 'dashboard'), async (c) => {
      const q = readQuery(c, rangeQuery);
      const d = reportDeps(deps());
      const range = dashboardRange(q.from, q.to, d.now());
      const all = await d.catalogue.agencies();
      const agencies = q.agencyId ? all.filter((a) => a.id === q.agencyId) : all;
      if (!agencies.length) throw new ApiError('NOT_FOUND');
      const dashboard = await loadDashboard(d, { ...range, agencies });
      return wantsCsv(c, q.format) ? csv(c, dashboardCsv(dashboard), `so-lieu-${q.agencyId ?? 'toan-huyen'}-${dashboard.from}-${dashboard.to}.csv`) : c.json(dashboard satisfies DashboardView);
    });
}

/** From the first of the month to today by default; never past today; at most MAX_DASHBOARD_DAYS. */
export function dashboardRange(from: string | undefined, to: string | undefined, now: Date): { from: string; to: string } {
  const today = vietnamDate(now);
  const end = to && to < today ? to : today;
  const start = from ?? `${end.slice(0, 8)}01`;
  const invalid = (path: string, vi: string, en: string) => new ApiError('INVALID_QUERY', [{ path, message: vi, messageEn: en }]);
  if (start > end) throw invalid('from', 'Ngày bắt đầu phải trước ngày kết thúc (và không sau hôm nay).', 'The start must not be after the end (nor after today).');
  const days = Math.round((Date.parse(end) - Date.parse(start)) / 86_400_000) + 1;
  if (days > MAX_DASHBOARD_DAYS) throw invalid('to', `Khoảng thời gian tối đa ${MAX_DASHBOARD_DAYS} ngày.`, `The range can be at most ${MAX_DASHBOARD_DAYS} days.`);
  return { from: start, to: end };
}

export async function loadDailyReport(d: ReportDeps, agency: Agency, date: string): Promise<DailyReport> {
  const { start, end } = vietnamDayBounds(date);
  const r = d.reports;
  const [transfers, receipts, previousReceipt, cancelledOnDay, refundedOnDay, unmatched, refundDue] = await Promise.all([
    r.transfersReceived(agency.id, start, end),
    r.receiptsIssued(agency.id, start, end),
    r.lastReceiptBefore(agency.id, start),
    r.receiptsCancelledBetween(agency.id, start, end),
    r.refundsRecordedBetween(agency.id, start, end),
    r.openTransfers(agency.id, 'UNMATCHED'),
    r.openTransfers(agency.id, 'REFUND_DUE'),
  ]);
  return dailyReport({
    agency,
    date,
    generatedAt: d.now().toISOString(),
    transfers,
    receipts,
    ...(previousReceipt ? { previousReceipt } : {}),
    cancelledOnDay,
    refundedOnDay,
    backlog: { unmatched, refundDue },
  });
}

export async function loadReceiptRegister(d: ReportDeps, agency: Agency, date: string): Promise<ReceiptRegister> {
  const { start, end } = vietnamDayBounds(date);
  const receipts = await d.reports.receiptsIssued(agency.id, start, end);
  return receiptRegister({ agency, date, generatedAt: d.now().toISOString(), receipts });
}
