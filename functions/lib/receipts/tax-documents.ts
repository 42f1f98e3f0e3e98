/**
 * Documents the collecting organisation sends the tax authority (the day's summary table
 * 01/TH-BLĐT, error notices 04/SS-CTĐT), kept in an outbox in the table until the tax
 * authority has answered. Each document moves pending → sent → accepted | rejected:
 *
 * - pending: made and signed, not yet handed over (or the last try failed: `nextAttemptAt`
 *   says when to try again, with backoff);
 * - sent: the connector acknowledged it (technical receipt) and holds a transaction id;
 *   the data check (01/TB-KTDL) is still to come;
 * - accepted: the data check said valid, with the tax authority's reference;
 * - rejected: the data check said invalid, with its errors, kept for the clerk; a fix is a
 *   new document (nothing sent is ever changed).
 *
 * Every state change is conditional on the version read; every attempt is logged.
 */
export type TaxDocumentKind = 'summary' | 'notice';
export type TransmissionStatus = 'pending' | 'sent' | 'accepted' | 'rejected';

export interface TaxError {
  code: string;
  message: string;
}

/** The tax authority's answer to a document, as recorded. */
export interface TaxAnswer {
  accepted: boolean;
  /** The tax authority's reference of its notice (01/TB-KTDL, 01/TB-SSĐT). */
  reference?: string;
  errors: TaxError[];
  at: string;
  /** Who recorded it: the connector, or the username of an admin who entered it by hand. */
  recordedBy: string;
}

/** One try to hand the document over, or one poll for its answer. */
export interface TransmissionAttempt {
  at: string;
  action: 'send' | 'poll' | 'answer';
  outcome: 'sent' | 'failed' | 'waiting' | 'accepted' | 'rejected';
  detail?: string;
}

export interface TaxDocument {
  agencyId: string;
  kind: TaxDocumentKind;
  /** Unique per agency: the sort key's meaning (day and amendment, or the notice's time and id). */
  id: string;
  /** The Vietnam date it concerns (a summary: the day of the receipts; a notice: the day it was made). */
  day: string;
  /** A summary's amendment number: 0 the first time, then 1, 2... */
  amendment?: number;
  /** For a summary: the rows it carries, as `symbol|number|status` (what a later amendment need not repeat). */
  rowKeys?: string[];
  /** For a notice: the receipts it is about. */
  receiptIds?: string[];
  /** The signed XML as sent. */
  xml: string;
  status: TransmissionStatus;
  createdAt: string;
  createdBy: string;
  /** The connector's transaction id, once sent. */
  transactionId?: string;
  /** When the next send or poll is due. */
  nextAttemptAt?: string;
  attempts: TransmissionAttempt[];
  answer?: TaxAnswer;
  version: number;
}

/** The outbox: an agency's documents, in the table (storage/tax-documents-table.ts). */
export interface TaxDocumentStore {
  /** Creates a document; false when one with its id exists already (a concurrent run made it). */
  createTaxDocument(doc: TaxDocument): Promise<boolean>;
  /** Replaces it if its version is still `expectedVersion`; false otherwise. */
  updateTaxDocument(doc: TaxDocument, expectedVersion: number): Promise<boolean>;
  getTaxDocument(agencyId: string, kind: TaxDocumentKind, id: string): Promise<TaxDocument | undefined>;
  /** A day's summaries, by amendment (first time first). */
  daySummaries(agencyId: string, day: string): Promise<TaxDocument[]>;
  /** The agency's documents still on their way (pending or sent), summaries of days and notices made from `sinceDay` on. */
  openTaxDocuments(agencyId: string, sinceDay: string): Promise<TaxDocument[]>;
  /** The agency's notices made from `since` (ISO instant) on. */
  notices(agencyId: string, since: string): Promise<TaxDocument[]>;
}

/** A summary's id: the day and the amendment, as its sort key orders them. */
export const summaryDocumentId = (day: string, amendment: number) => `${day}#${String(amendment).padStart(3, '0')}`;

/** The row of a summary as the outbox remembers it. */
export const rowKey = (row: { symbol: string; number: number; status: string }) => `${row.symbol}|${row.number}|${row.status}`;

/** Waits between tries: 5 minutes doubled each time, at most 6 hours. */
export function backoff(failures: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, failures - 1), 6 * 3_600_000);
}

/** The state of a day's sending, from its documents (the latest decides; none: pending). */
export function dayTransmission(docs: readonly TaxDocument[]): { status: TransmissionStatus; documents: TaxDocumentView[] } {
  const latest = docs.at(-1);
  return { status: latest?.status ?? 'pending', documents: docs.map(taxDocumentView) };
}

/** What the API shows of a document (not its XML, which has its own URL). */
export interface TaxDocumentView {
  id: string;
  kind: TaxDocumentKind;
  day: string;
  amendment?: number;
  status: TransmissionStatus;
  createdAt: string;
  transactionId?: string;
  nextAttemptAt?: string;
  attempts: TransmissionAttempt[];
  answer?: TaxAnswer;
  rows?: number;
}

export function taxDocumentView(d: TaxDocument): TaxDocumentView {
  return {
    id: d.id,
    kind: d.kind,
    day: d.day,
    ...(d.amendment !== undefined ? { amendment: d.amendment } : {}),
    status: d.status,
    createdAt: d.createdAt,
    ...(d.transactionId ? { transactionId: d.transactionId } : {}),
    ...(d.nextAttemptAt && (d.status === 'pending' || d.status === 'sent') ? { nextAttemptAt: d.nextAttemptAt } : {}),
    attempts: d.attempts,
    ...(d.answer ? { answer: d.answer } : {}),
    ...(d.rowKeys ? { rows: d.rowKeys.length } : {}),
  };
}
