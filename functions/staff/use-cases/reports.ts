/**
 * What each report reads: the daily reconciliation and the receipt register of one
 * agency (clerk: own; admin: any), and the district dashboard over a range of days.
 * Reads go through the reports port (keys designed for them, no scan); the dashboard
 * merges per-agency-per-day summaries (lib/day-summaries.ts).
 */
import type { Agency } from '../../../shared/catalogue';
import { vietnamDate, vietnamDayBounds } from '../../../shared/time';
import { loadDashboard, MAX_DASHBOARD_DAYS, type ReportDeps } from '../../lib/reports/day-summaries';
import { ApiError } from '../../lib/platform/errors';
import { dailyReport, type DailyReport } from '../../lib/reports/daily';
import type { Dashboard } from '../../lib/reports/dashboard';
import { receiptRegister, type ReceiptRegister } from '../../lib/reports/register';
import type { AuditEntry } from '../../../shared/audit';
import { portalClosings } from '../../lib/reports/portal-closings';
import { inService } from '../../../shared/agency-tree';
import { inScope, listAgency, type Staff, type StaffDeps } from '../context';

export type ReportRouteDeps = StaffDeps;

/** The daily report also reads the day's audit entries: orders closed as paid on the national portal. */
export type DailyReportDeps = ReportDeps & { audit?: Pick<StaffDeps['store'], 'listAudit'> };

export function reportDeps(d: ReportRouteDeps): DailyReportDeps {
  return { reports: d.reports, catalogue: d.catalogue, now: d.now, audit: d.store };
}

async function closingsOnPortal(d: DailyReportDeps, agencyId: string, day: string) {
  const entries: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    if (!d.audit) break;
    const page = await d.audit.listAudit({ day, action: 'ORDER_PAID_ON_PORTAL', limit: 200, ...(cursor ? { cursor } : {}) });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return portalClosings(entries, agencyId);
}

/** The agency a report is about: a clerk's own (another answers 404), any for an admin, who must say which. */
export async function agencyFor(d: ReportDeps, p: Staff, asked: string | undefined): Promise<Agency> {
  const agency = await d.catalogue.agency(listAgency(p, asked));
  if (!agency) throw new ApiError('NOT_FOUND');
  return agency;
}

/**
 * The dashboard of every agency in service within the person's scope, or of one agency in
 * scope (one of the old map too, asked for by id); from the first of the month to today by
 * default.
 */
export async function dashboardFor(d: ReportDeps, p: Staff, q: { from?: string | undefined; to?: string | undefined; agencyId?: string | undefined }): Promise<Dashboard> {
  const range = dashboardRange(q.from, q.to, d.now());
  const all = (await d.catalogue.agencies()).filter((a) => inScope(p, a.id));
  const agencies = q.agencyId ? all.filter((a) => a.id === q.agencyId) : all.filter(inService);
  if (!agencies.length) throw new ApiError('NOT_FOUND');
  return loadDashboard(d, { ...range, agencies });
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

export async function loadDailyReport(d: DailyReportDeps, agency: Agency, date: string): Promise<DailyReport> {
  const { start, end } = vietnamDayBounds(date);
  const r = d.reports;
  const [transfers, receipts, previousReceipt, cancelledOnDay, refundedOnDay, unmatched, refundDue, paidOnPortal] = await Promise.all([
    r.transfersReceived(agency.id, start, end),
    r.receiptsIssued(agency.id, start, end),
    r.lastReceiptBefore(agency.id, start),
    r.receiptsCancelledBetween(agency.id, start, end),
    r.refundsRecordedBetween(agency.id, start, end),
    r.openTransfers(agency.id, 'UNMATCHED'),
    r.openTransfers(agency.id, 'REFUND_DUE'),
    closingsOnPortal(d, agency.id, date),
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
    paidOnPortal,
  });
}

export async function loadReceiptRegister(d: ReportDeps, agency: Agency, date: string): Promise<ReceiptRegister> {
  const { start, end } = vietnamDayBounds(date);
  const receipts = await d.reports.receiptsIssued(agency.id, start, end);
  return receiptRegister({ agency, date, generatedAt: d.now().toISOString(), receipts });
}
