/**
 * The day's summary to the tax authority, sent (Decree 254/2026/NĐ-CP Art. 29.3.b: on the
 * day the receipts were made; Art. 27.3: after an outage, within 3 working days of the
 * fix). The day's table is made, signed by the agency and put in the outbox
 * (tax-documents.ts); `deliver` hands it to the transmission port and records each try
 * and the tax authority's answer. Late changes (a receipt made or cancelled after the
 * table was sent) make a corrected table: an amendment (form 01/TH-BLĐT [02] not the first
 * time, [03] its number) carrying the rows the tax authority has not had. A rejected table
 * counts as not had: its rows go again in the next one, once fixed.
 */
import { buildDailySummaryXml } from '../../../shared/e-receipt/summary-xml';
import { addDays, vietnamDate, vietnamDayBounds, vietnamWallClock } from '../../../shared/time';
import type { Agency } from '../../../shared/catalogue';
import type { Catalogue } from '../deps';
import type { ReportsStore } from '../reports/ports';
import { summaryRows } from './daily-summary';
import type { ReceiptSigners } from './signers';
import { backoff, rowKey, summaryDocumentId, type TaxAnswer, type TaxDocument, type TaxDocumentStore, type TransmissionAttempt } from './tax-documents';
import { TransmissionUnavailableError, type TaxTransmitter, type TaxVerdict } from './transmission';
import { signXml } from './xml-signature';

export interface TaxDeps {
  taxDocuments: TaxDocumentStore;
  transmitter: TaxTransmitter;
  reports: Pick<ReportsStore, 'receiptsIssued' | 'receiptsCancelledBetween'>;
  receiptSigners: ReceiptSigners;
  catalogue: Catalogue;
  now(): Date;
}

/** How many days back the job looks for days not yet sent (3 working days, and a weekend). */
export const TAX_LOOKBACK_DAYS = 7;
/** The summary is made at latest at 23:00 Vietnam time (the day's last receipt is usually long before). */
export const SUMMARY_HOUR = 23;
/** How far back documents still on their way are looked for (a month). */
export const OPEN_WINDOW_DAYS = 31;
/** The log of tries kept per document (the latest). */
const MAX_ATTEMPTS_KEPT = 100;
/** How long after a send the first poll for the answer is due, and between polls. */
const POLL_AFTER_MS = 60_000;

const withAttempt = (doc: TaxDocument, attempt: TransmissionAttempt): TransmissionAttempt[] => [...doc.attempts, attempt].slice(-MAX_ATTEMPTS_KEPT);

/**
 * Makes and signs the day's table when the day has rows the tax authority has not had
 * (none yet sent, or some made or cancelled since, or the last one rejected), and puts it
 * in the outbox as pending. Nothing to send: undefined.
 */
export async function prepareDaySummary(d: TaxDeps, agency: Agency, day: string, by: string, options: { scheduled?: boolean } = {}): Promise<TaxDocument | undefined> {
  const docs = await d.taxDocuments.daySummaries(agency.id, day);
  // A rejected table waits for a person: the schedule sending the same data again would be rejected again.
  if (options.scheduled && docs.at(-1)?.status === 'rejected') return undefined;
  const { start, end } = vietnamDayBounds(day);
  const [issued, cancelled] = await Promise.all([d.reports.receiptsIssued(agency.id, start, end), d.reports.receiptsCancelledBetween(agency.id, start, end)]);
  const received = docs.filter((doc) => doc.status !== 'rejected');
  const had = new Set(received.flatMap((doc) => doc.rowKeys ?? []));
  const rows = summaryRows({ day, agency, issued, cancelled }).filter((row) => !had.has(rowKey(row)));
  if (!rows.length) return undefined;
  const now = d.now();
  const amendment = docs.length ? Math.max(...docs.map((doc) => doc.amendment ?? 0)) + 1 : 0;
  const xml = buildDailySummaryXml({
    day,
    summaryNumber: Number(day.replace(/-/g, '')),
    firstTime: received.length === 0,
    ...(received.length ? { amendment: received.length } : {}),
    organisation: { name: agency.name, taxCode: agency.taxCode },
    madeAt: now.toISOString(),
    rows,
  });
  const signed = await signXml(xml, await d.receiptSigners.signerFor(agency), { signingTime: now });
  const doc: TaxDocument = {
    agencyId: agency.id,
    kind: 'summary',
    id: summaryDocumentId(day, amendment),
    day,
    amendment,
    rowKeys: rows.map(rowKey),
    xml: signed,
    status: 'pending',
    createdAt: now.toISOString(),
    createdBy: by,
    nextAttemptAt: now.toISOString(),
    attempts: [],
    version: 1,
  };
  // Another run made this amendment at the same moment: theirs stands, ours is dropped.
  return (await d.taxDocuments.createTaxDocument(doc)) ? doc : d.taxDocuments.getTaxDocument(agency.id, 'summary', doc.id);
}

function answered(doc: TaxDocument, verdict: Extract<TaxVerdict, { state: 'answered' }>, at: string, by: string): Pick<TaxDocument, 'status' | 'answer'> {
  const answer: TaxAnswer = { accepted: verdict.accepted, errors: verdict.errors, at, recordedBy: by, ...(verdict.reference ? { reference: verdict.reference } : {}) };
  return { status: verdict.accepted ? 'accepted' : 'rejected', answer };
}

/**
 * One step of a document through the port, if one is due: a pending document is handed
 * over (a failure waits with backoff); a sent one is asked for its answer. The state
 * change is conditional on the version read; a lost race answers the winner's state.
 */
export async function deliver(d: TaxDeps, doc: TaxDocument, agency: Agency, options: { force?: boolean } = {}): Promise<TaxDocument> {
  const now = d.now();
  const at = now.toISOString();
  const due = options.force || !doc.nextAttemptAt || doc.nextAttemptAt <= at;
  if (!due || doc.status === 'accepted' || doc.status === 'rejected') return doc;
  let next: TaxDocument;
  if (doc.status === 'pending') {
    try {
      const sent = await d.transmitter.submit({ kind: doc.kind, taxCode: agency.taxCode, messageId: `${agency.taxCode}-${doc.kind}-${doc.id}`, xml: doc.xml });
      const base = { ...doc, transactionId: sent.transactionId, attempts: withAttempt(doc, { at, action: 'send', outcome: 'sent', detail: `${d.transmitter.name}: ${sent.transactionId}` }) };
      if (sent.verdict?.state === 'answered') {
        next = { ...base, ...answered(doc, sent.verdict, at, d.transmitter.name), nextAttemptAt: undefined, attempts: withAttempt(base, { at, action: 'send', outcome: sent.verdict.accepted ? 'accepted' : 'rejected' }) };
      } else {
        // The manual adapter's documents wait for an admin to record the answer: nothing to poll.
        next = { ...base, status: 'sent', nextAttemptAt: d.transmitter.name === 'manual' ? undefined : new Date(now.getTime() + POLL_AFTER_MS).toISOString() };
      }
    } catch (err) {
      if (!(err instanceof TransmissionUnavailableError)) throw err;
      const failures = doc.attempts.filter((a) => a.action === 'send' && a.outcome === 'failed').length + 1;
      next = { ...doc, nextAttemptAt: new Date(now.getTime() + backoff(failures)).toISOString(), attempts: withAttempt(doc, { at, action: 'send', outcome: 'failed', detail: err.message }) };
    }
  } else {
    if (!doc.transactionId || !doc.nextAttemptAt) return doc; // sent by hand: an admin records the answer
    try {
      const verdict = await d.transmitter.verdict(doc.transactionId);
      if (verdict.state === 'waiting') {
        const waits = doc.attempts.filter((a) => a.action === 'poll').length + 1;
        next = { ...doc, nextAttemptAt: new Date(now.getTime() + Math.min(POLL_AFTER_MS * waits, 3_600_000)).toISOString(), attempts: withAttempt(doc, { at, action: 'poll', outcome: 'waiting' }) };
      } else {
        next = { ...doc, ...answered(doc, verdict, at, d.transmitter.name), nextAttemptAt: undefined, attempts: withAttempt(doc, { at, action: 'poll', outcome: verdict.accepted ? 'accepted' : 'rejected' }) };
      }
    } catch (err) {
      if (!(err instanceof TransmissionUnavailableError)) throw err;
      const failures = doc.attempts.filter((a) => a.action === 'poll' && a.outcome === 'failed').length + 1;
      next = { ...doc, nextAttemptAt: new Date(now.getTime() + backoff(failures)).toISOString(), attempts: withAttempt(doc, { at, action: 'poll', outcome: 'failed', detail: err.message }) };
    }
  }
  next = { ...next, version: doc.version + 1 };
  if (next.nextAttemptAt === undefined) delete next.nextAttemptAt;
  if (await d.taxDocuments.updateTaxDocument(next, doc.version)) return next;
  return (await d.taxDocuments.getTaxDocument(doc.agencyId, doc.kind, doc.id)) ?? doc;
}

/** An admin records the tax authority's answer to a document sent by hand (or overrides a connector's silence). */
export async function recordAnswer(d: Pick<TaxDeps, 'taxDocuments' | 'now'>, doc: TaxDocument, verdict: Extract<TaxVerdict, { state: 'answered' }>, by: string): Promise<TaxDocument | 'not_sent' | 'answered' | 'conflict'> {
  if (doc.status === 'accepted' || doc.status === 'rejected') return 'answered';
  const at = d.now().toISOString();
  const next: TaxDocument = { ...doc, ...answered(doc, verdict, at, by), status: verdict.accepted ? 'accepted' : 'rejected', attempts: withAttempt(doc, { at, action: 'answer', outcome: verdict.accepted ? 'accepted' : 'rejected', detail: `recorded by ${by}` }), version: doc.version + 1 };
  delete next.nextAttemptAt;
  return (await d.taxDocuments.updateTaxDocument(next, doc.version)) ? next : 'conflict';
}

/**
 * Whether a day's summary is overdue: not accepted by the end of the next working day
 * (Monday to Friday; public holidays are not known here, so an alarm may come a day
 * early after one).
 */
export function nextWorkingDay(day: string): string {
  let next = addDays(day, 1);
  while ([0, 6].includes(new Date(`${next}T00:00:00Z`).getUTCDay())) next = addDays(next, 1);
  return next;
}
export const isOverdue = (day: string, now: Date) => vietnamDate(now) > nextWorkingDay(day);

/** The days the job makes tables for: the last TAX_LOOKBACK_DAYS, and today from 23:00. */
export function daysToSummarise(now: Date): string[] {
  const today = vietnamDate(now);
  const days = Array.from({ length: TAX_LOOKBACK_DAYS }, (_, i) => addDays(today, -TAX_LOOKBACK_DAYS + i));
  if (vietnamWallClock(now).getUTCHours() >= SUMMARY_HOUR) days.push(today);
  return days;
}

export interface TaxJobResult {
  prepared: number;
  sent: number;
  accepted: number;
  rejected: number;
  failed: number;
  /** Days whose table is not accepted by the next working day (the alarm's measure). */
  overdueDays: number;
}

/** A day is settled when its latest table is accepted and none is still on its way. */
export function daySettled(docs: readonly TaxDocument[]): boolean {
  return docs.at(-1)?.status === 'accepted' && !docs.some((doc) => doc.status === 'pending' || doc.status === 'sent');
}

/**
 * The scheduled run: for every agency in service, make the tables of the days due, move
 * each open document (summaries and notices) one step, then count the days of the window
 * not accepted by the next working day (the alarm's measure). One agency failing (its
 * certificate expired, say) does not stop the others: `onError` hears of it.
 */
export async function runTaxJob(d: TaxDeps, options: { onError?: (agencyId: string, err: unknown) => void } = {}): Promise<TaxJobResult> {
  const result: TaxJobResult = { prepared: 0, sent: 0, accepted: 0, rejected: 0, failed: 0, overdueDays: 0 };
  const agencies = (await d.catalogue.agencies()).filter((a) => !a.historical);
  for (const agency of agencies) {
    try {
      const days = daysToSummarise(d.now());
      for (const day of days) if (await prepareDaySummary(d, agency, day, 'schedule', { scheduled: true })) result.prepared++;
      for (const doc of await d.taxDocuments.openTaxDocuments(agency.id, addDays(vietnamDate(d.now()), -OPEN_WINDOW_DAYS))) {
        const after = await deliver(d, doc, agency);
        if (after.status === 'sent' && doc.status === 'pending') result.sent++;
        if (after.status === 'accepted' && doc.status !== 'accepted') result.accepted++;
        if (after.status === 'rejected' && doc.status !== 'rejected') result.rejected++;
        if (after.attempts.length > doc.attempts.length && after.attempts.at(-1)?.outcome === 'failed') result.failed++;
      }
      for (const day of days) {
        if (!isOverdue(day, d.now())) continue;
        const docs = await d.taxDocuments.daySummaries(agency.id, day);
        if (docs.length && !daySettled(docs)) result.overdueDays++;
      }
    } catch (err) {
      result.failed++;
      options.onError?.(agency.id, err);
    }
  }
  return result;
}
