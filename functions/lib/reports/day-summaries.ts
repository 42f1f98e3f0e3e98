/**
 * The dashboard's figures: per-agency-per-day summaries, each closed day's stored once and
 * recomputed only when staff changed that day's records since. Used by the dashboard route
 * (functions/staff/reports.ts) and by the nightly job that closes yesterday for every
 * agency ahead of anyone asking (functions/nightly).
 */
import { inService } from '../../../shared/agency-tree';
import type { Agency } from '../../../shared/catalogue';
import type { FeeOrder } from '../../../shared/order';
import { addDays, daysBetween, vietnamDate, vietnamDayBounds } from '../../../shared/time';
import type { TransferRecord } from '../../../shared/transfer';
import type { Catalogue } from '../deps';
import { buildDashboard, fingerprintOf, ordersNeeded, sameFingerprint, summariseDay, type Dashboard, type DaySummary } from './dashboard';
import type { ReportsStore } from './ports';
import type { StoredReceipt } from '../storage/store';

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

/** Where a dashboard's day summaries came from. */
export interface SummarySource {
  /** Stored summaries of closed days that still hold. */
  cached: number;
  /** Closed days computed from their records now, and stored. */
  computed: number;
  /** Open days (today), computed and not stored. */
  live: number;
}

/**
 * The summaries of `days` for the agencies given. Per agency: the stored summaries of
 * closed days, kept if computed by the current rules after the day closed and if the day's
 * fingerprint (its transfers still unmatched, still awaiting a refund, its receipts
 * cancelled; read from the sparse indexes of just those) is still the one the summary
 * counted; every other day is computed from its records, and stored once closed. An open
 * day (today) is always computed live.
 */
export async function summariesFor(d: ReportDeps, agencies: readonly Pick<Agency, 'id'>[], days: readonly string[]): Promise<{ summaries: DaySummary[]; source: SummarySource }> {
  const generatedAt = d.now();
  const closed = (day: string) => isClosed(day, generatedAt);
  const source: SummarySource = { cached: 0, computed: 0, live: 0 };
  const summaries: DaySummary[] = [];

  await eachLimited(agencies, AGENCIES_AT_ONCE, async (agency) => {
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
  return { summaries, source };
}

/** A day (Vietnam date) is closed, and its summary worth storing, CLOSE_MARGIN_MS after its last instant. */
export function isClosed(day: string, now: Date): boolean {
  return now.getTime() >= Date.parse(vietnamDayBounds(day).end) + CLOSE_MARGIN_MS;
}

/** The dashboard over [from, to] for the agencies given (see summariesFor). */
export async function loadDashboard(d: ReportDeps, query: { from: string; to: string; agencies: readonly Pick<Agency, 'id' | 'name'>[] }): Promise<Dashboard> {
  const generatedAt = d.now();
  const { summaries, source } = await summariesFor(d, query.agencies, daysBetween(query.from, query.to));
  const procedureNames = new Map((await d.catalogue.procedures()).map((p) => [p.code, p.name]));
  return buildDashboard({ from: query.from, to: query.to, generatedAt: generatedAt.toISOString(), agencies: query.agencies, summaries, source, procedureNames });
}

/** Days a nightly run looks back over by default: a week of missed runs is caught up. */
export const NIGHTLY_LOOKBACK_DAYS = 7;

export interface ClosedDays extends SummarySource {
  /** The first and last day looked at (Vietnam dates). */
  from: string;
  to: string;
  agencies: number;
}

/**
 * The nightly job: every agency's (in service) summaries of the last `days` closed days, stored ahead
 * of anyone opening the dashboard. A day already stored, and still true, is only checked
 * (a few sparse-index reads); a day a late change touched is computed again.
 */
export async function closeDays(d: ReportDeps, options: { days?: number } = {}): Promise<ClosedDays> {
  const now = d.now();
  const yesterday = addDays(vietnamDate(now), -1);
  // Just after midnight, yesterday is still inside its margin: end the day before.
  const to = isClosed(yesterday, now) ? yesterday : addDays(yesterday, -1);
  const from = addDays(to, -((options.days ?? NIGHTLY_LOOKBACK_DAYS) - 1));
  // Agencies in service: one of the old map takes nothing new, and its days closed long ago
  // (its figures are still computed when asked for by id).
  const agencies = (await d.catalogue.agencies()).filter(inService);
  const { source } = await summariesFor(d, agencies, daysBetween(from, to));
  return { from, to, agencies: agencies.length, ...source };
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
