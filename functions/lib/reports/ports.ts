/**
 * What the reports need from storage: records by the windows of time they cover, and the
 * closed days' stored summaries (DynamoDB adapter: functions/lib/storage/reports-store.ts).
 */
import type { FeeOrder } from '../../../shared/order';
import type { TransferRecord } from '../../../shared/transfer';
import type { StoredReceipt } from '../storage/store';
import type { DaySummary } from './dashboard';

export interface StoredDaySummary {
  agencyId: string;
  day: string;
  /** The rules it was computed by (REPORT_RULES_VERSION): older ones are recomputed. */
  version: number;
  /** When its records were read. */
  computedAt: string;
  summary: DaySummary;
}

export interface ReportsStore {
  /** Transfers recorded for an agency with receivedAt in [start, end). */
  transfersReceived(agencyId: string, start: string, end: string): Promise<TransferRecord[]>;
  /** Receipts issued by an agency with issuedAt in [start, end). */
  receiptsIssued(agencyId: string, start: string, end: string): Promise<StoredReceipt[]>;
  /** Orders created at an agency with createdAt in [start, end). */
  ordersCreated(agencyId: string, start: string, end: string): Promise<FeeOrder[]>;
  /** Orders by id (GetItem, batched); missing ones are left out. */
  ordersById(ids: readonly string[]): Promise<FeeOrder[]>;
  /** The agency's last receipt issued before `at`. */
  lastReceiptBefore(agencyId: string, at: string): Promise<StoredReceipt | undefined>;
  /** Receipts cancelled (whenever issued) with the cancellation in [start, end). */
  receiptsCancelledBetween(agencyId: string, start: string, end: string): Promise<StoredReceipt[]>;
  /** Transfers (whenever received) whose refund was recorded in [start, end). */
  refundsRecordedBetween(agencyId: string, start: string, end: string): Promise<TransferRecord[]>;
  /** What is still open for the agency (unmatched, or with a refund due), all of it or received in [start, end). */
  openTransfers(agencyId: string, kind: 'UNMATCHED' | 'REFUND_DUE', window?: { start: string; end: string }): Promise<TransferRecord[]>;
  /** Receipts issued in [start, end) that were cancelled since. */
  cancelledReceipts(agencyId: string, start: string, end: string): Promise<StoredReceipt[]>;
  /** Stored summaries of an agency's days from `fromDay` to `toDay`, both included. */
  daySummaries(agencyId: string, fromDay: string, toDay: string): Promise<StoredDaySummary[]>;
  /**
   * Stores summaries, 25 to a request. Unconditional on purpose: an older computation that
   * lands after a newer one carries an older fingerprint, which the next reader finds
   * stale and recomputes, so last-writer-wins cannot keep a wrong figure.
   */
  putDaySummaries(summaries: readonly StoredDaySummary[]): Promise<void>;
}
