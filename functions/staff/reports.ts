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
import type { FeeOrder } from '../../shared/order';
import { vietnamDate, vietnamDayBounds } from '../../shared/time';
import type { TransferRecord } from '../../shared/transfer';
import type { Catalogue } from '../lib/deps';
import { ApiError } from '../lib/errors';
import { readQuery } from '../lib/http';
import {
  buildDashboard,
  dailyReport,
  dailyReportCsv,
  dashboardCsv,
  daysBetween,
  fingerprintOf,
  isDay,
  ordersNeeded,
  receiptRegister,
  receiptRegisterCsv,
  sameFingerprint,
  summariseDay,
  type DailyReport,
  type Dashboard,
  type DaySummary,
  type ReceiptRegister,
} from '../lib/reports';
import { reportsStoreBeside, type ReportsStore } from '../lib/reports-store';
import type { StoredReceipt } from '../lib/store';
import type { StaffPrincipal } from '../lib/users';
import { guard, listAgency, principalOf, type StaffDeps, type StaffEnv } from './context';

/** Bumped whenever a summary's rules change: every stored summary is then recomputed on read. */
export const REPORT_RULES_VERSION = 1;
/**
 * A record's time is taken a moment before it is written (a settlement retries for seconds,
 * an index follows its table within a second or so): a day counts as closed, and its
 * summary worth storing, only this long after its last instant.
 */
export const CLOSE_MARGIN_MS = 15 * 60_000;
export const MAX_DASHBOARD_DAYS = 366;
/** Days read in one go when summaries are computed (bounds the memory of one request). */
const RUN_DAYS = 31;
const AGENCIES_AT_ONCE = 4;

export interface ReportDeps {
  reports: ReportsStore;
  catalogue: Catalogue;
  now(): Date;
}

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
      return wantsCsv(c, q.format) ? csv(c, dailyReportCsv(report), `doi-soat-${agency.id}-${report.date}.csv`) : c.json(report);
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
      return wantsCsv(c, q.format) ? csv(c, dashboardCsv(dashboard), `so-lieu-${q.agencyId ?? 'toan-huyen'}-${dashboard.from}-${dashboard.to}.csv`) : c.json(dashboard);
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

/**
 * The dashboard over [from, to] for the agencies given. Per agency: the stored summaries of
 * closed days, kept if computed by the current rules after the day closed and if the day's
 * fingerprint (its transfers still unmatched, still awaiting a refund, its receipts
 * cancelled; read from the sparse indexes of just those) is still the one the summary
 * counted; every other day is computed from its records, and stored once closed. An open
 * day (today) is always computed live.
 */
export async function loadDashboard(d: ReportDeps, query: { from: string; to: string; agencies: readonly Pick<Agency, 'id' | 'name'>[] }): Promise<Dashboard> {
  const generatedAt = d.now();
  const closed = (day: string) => generatedAt.getTime() >= Date.parse(vietnamDayBounds(day).end) + CLOSE_MARGIN_MS;
  const source = { cached: 0, computed: 0, live: 0 };
  const summaries: DaySummary[] = [];
  const days = daysBetween(query.from, query.to);

  await eachLimited(query.agencies, AGENCIES_AT_ONCE, async (agency) => {
    const kept = await storedSummaries(d, agency.id, days.filter(closed));
    source.cached += kept.size;
    summaries.push(...kept.values());
    for (const run of runs(days.filter((x) => !kept.has(x)), RUN_DAYS)) {
      const computedAt = d.now().toISOString();
      const computed = await computeDays(d.reports, agency.id, run);
      summaries.push(...computed);
      const toStore = computed.filter((s) => closed(s.day));
      source.computed += toStore.length;
      source.live += computed.length - toStore.length;
      await d.reports.putDaySummaries(toStore.map((summary) => ({ agencyId: agency.id, day: summary.day, version: REPORT_RULES_VERSION, computedAt, summary })));
    }
  });
  const procedureNames = new Map((await d.catalogue.procedures()).map((p) => [p.code, p.name]));
  return buildDashboard({ from: query.from, to: query.to, generatedAt: generatedAt.toISOString(), agencies: query.agencies, summaries, source, procedureNames });
}

/** The stored summaries among `closedDays` that still hold. */
async function storedSummaries(d: ReportDeps, agencyId: string, closedDays: readonly string[]): Promise<Map<string, DaySummary>> {
  const kept = new Map<string, DaySummary>();
  if (!closedDays.length) return kept;
  const first = closedDays[0]!;
  const last = closedDays[closedDays.length - 1]!;
  const { start } = vietnamDayBounds(first);
  const { end } = vietnamDayBounds(last);
  const [stored, unmatched, refundDue, cancelled] = await Promise.all([
    d.reports.daySummaries(agencyId, first, last),
    d.reports.openTransfers(agencyId, 'UNMATCHED', { start, end }),
    d.reports.openTransfers(agencyId, 'REFUND_DUE', { start, end }),
    d.reports.cancelledReceipts(agencyId, start, end),
  ]);
  // An unmatched transfer owes no refund, so no record is counted twice.
  const transfersOn = groupBy([...unmatched, ...refundDue], (t) => vietnamDate(t.receivedAt));
  const receiptsOn = groupBy(cancelled, (r) => vietnamDate(r.issuedAt));
  for (const s of stored) {
    if (s.version !== REPORT_RULES_VERSION) continue;
    if (Date.parse(s.computedAt) < Date.parse(vietnamDayBounds(s.day).end) + CLOSE_MARGIN_MS) continue;
    if (!sameFingerprint(s.summary.fingerprint, fingerprintOf(transfersOn.get(s.day) ?? [], receiptsOn.get(s.day) ?? []))) continue;
    kept.set(s.day, s.summary);
  }
  return kept;
}

/** Summaries of consecutive days, from one read of each kind of record over the whole run. */
export async function computeDays(reports: ReportsStore, agencyId: string, run: readonly string[]): Promise<DaySummary[]> {
  const { start } = vietnamDayBounds(run[0]!);
  const { end } = vietnamDayBounds(run[run.length - 1]!);
  const [orders, transfers, receipts] = await Promise.all([
    reports.ordersCreated(agencyId, start, end),
    reports.transfersReceived(agencyId, start, end),
    reports.receiptsIssued(agencyId, start, end),
  ]);
  const orderById = new Map<string, FeeOrder>(orders.map((o) => [o.id, o]));
  const missing = ordersNeeded(transfers, receipts).filter((id) => !orderById.has(id));
  for (const o of await reports.ordersById(missing)) orderById.set(o.id, o);
  const ordersOn = groupBy(orders, (o) => vietnamDate(o.createdAt));
  const transfersOn = groupBy<TransferRecord>(transfers, (t) => vietnamDate(t.receivedAt));
  const receiptsOn = groupBy<StoredReceipt>(receipts, (r) => vietnamDate(r.issuedAt));
  return run.map((day) =>
    summariseDay({ agencyId, day, orders: ordersOn.get(day) ?? [], transfers: transfersOn.get(day) ?? [], receipts: receiptsOn.get(day) ?? [], orderById }),
  );
}

function groupBy<T>(items: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Sorted days cut into runs of consecutive days, each at most `max` long. */
export function runs(days: readonly string[], max: number): string[][] {
  const out: string[][] = [];
  for (const x of days) {
    const run = out[out.length - 1];
    const prev = run?.[run.length - 1];
    if (run && prev && run.length < max && Date.parse(x) - Date.parse(prev) === 86_400_000) run.push(x);
    else out.push([x]);
  }
  return out;
}

async function eachLimited<T>(items: readonly T[], limit: number, task: (x: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]!);
    }),
  );
}
