/**
 * The storage port. Routes and the domain see only this; its DynamoDB adapter
 * (dynamo-store.ts, on the keys of keys.ts) owns every key, index and condition.
 */
import type { Agency, Procedure } from '../../../shared/catalogue';
import type { AuditAction, AuditEntry } from '../../../shared/audit';
import type { FeeOrder, OrderEvent, OrderStatus } from '../../../shared/order';
import type { TransferRecord } from '../../../shared/transfer';

export interface IdempotencyClaim {
  /** The caller's key within the caller's scope, digested (orders/place-order.ts scopedIdempotencyKey). */
  key: string;
  /** SHA-256 of the canonical request, so "same key, other body" is caught. */
  requestHash: string;
  /** Until when the key holds (24 h). */
  expiresAt: Date;
}

export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  orderId: string;
  createdAt: string;
}

export type CreateOrderResult =
  | { kind: 'created' }
  /** Another order already has this reference: draw a new one and try again. */
  | { kind: 'reference_taken' }
  /** The idempotency key was already used (by this same request or another). */
  | { kind: 'idempotency_replay'; record: IdempotencyRecord };

/** One refused login, as the audit log counts it. */
export interface RefusedLogin {
  /** A valid username or "(not-a-username)": never the text as typed. */
  username: string;
  address: string;
  /** Epoch seconds. */
  windowStart: number;
  at: string;
  code: 'INVALID_CREDENTIALS' | 'TOO_MANY_ATTEMPTS';
}

export interface Store {
  /** Resolves once the database answers. */
  ping(): Promise<void>;
  listAgencies(): Promise<Agency[]>;
  listProcedures(): Promise<Procedure[]>;
  /** Writes the catalogue (seeding and administration). */
  saveCatalogue(agencies: readonly Agency[], procedures: readonly Procedure[]): Promise<void>;
  /** True once demo data were seeded into this table. */
  isSeeded(): Promise<boolean>;
  markSeeded(at: Date): Promise<void>;
  /** Writes a new order, conditional on its reference being unused (and the key unclaimed). */
  createOrder(order: FeeOrder, idempotency?: IdempotencyClaim, now?: Date): Promise<CreateOrderResult>;
  /** The claim on an idempotency key while it holds (before calling out to make an order: payOS). */
  findIdempotency(key: string, now: Date): Promise<IdempotencyRecord | undefined>;
  /** Strongly consistent: a citizen who just paid must see it. */
  getOrder(id: string): Promise<FeeOrder | undefined>;

  /** Saves a new state of an order read at `readVersion`; false if it changed meanwhile (read again). */
  updateOrder(order: FeeOrder, readVersion: number): Promise<boolean>;
  /** Records a transfer that pays no order; 'duplicate' when this provider id is already recorded. */
  recordTransfer(record: TransferRecord): Promise<'recorded' | 'duplicate'>;
  /**
   * Records a payment and the order's new state together or not at all: conditional on
   * the transfer being new and the order unchanged since it was read at `readVersion`.
   */
  recordPayment(record: TransferRecord, order: FeeOrder, readVersion: number): Promise<'recorded' | 'duplicate' | 'order_changed'>;
  /**
   * Records a payment against an order that was not read: the order's new state is
   * written only if every stored field the state machine reads is as `payment.assumed`
   * says, together with the transfer or not at all. When the order is not as assumed,
   * the order as it is (if the database returns it) comes back, to settle from.
   */
  recordAssumedPayment(record: TransferRecord, payment: AssumedPayment): Promise<AssumedPaymentResult>;
  getTransfer(key: string): Promise<TransferRecord | undefined>;
  /**
   * Ids of unpaid orders whose expiry fell on `day` (UTC, YYYY-MM-DD) at or before
   * `until`, a page at a time, through an index of unpaid orders only (no scan).
   */
  dueForExpiry(day: string, until: string, page: { limit: number; cursor?: string }): Promise<{ ids: string[]; cursor?: string }>;

  // ---- Staff ----------------------------------------------------------------------
  /** An agency's orders, newest first, optionally by status and creation time. */
  listAgencyOrders(agencyId: string, query: OrderQuery): Promise<Page<FeeOrder>>;
  /** Orders a volunteer created at the counter, newest first. */
  listAssistedOrders(username: string, query: OrderQuery): Promise<Page<FeeOrder>>;
  /** An agency's transfers waiting for a clerk: unmatched, or with a refund due. */
  listTransfers(agencyId: string, kind: 'UNMATCHED' | 'REFUND_DUE', page: PageQuery): Promise<Page<TransferRecord>>;
  /** An order's new state with the audit entry, conditional on the version read. */
  updateOrderAudited(order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean>;
  /**
   * A clerk matched an unmatched transfer by hand: the transfer, the order and the
   * audit entry together, conditional on the transfer still being unmatched and the
   * order unchanged.
   */
  matchTransfer(record: TransferRecord, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<'matched' | 'transfer_changed' | 'order_changed'>;
  /** The refund of a transfer's refund-due part sent back (REQUESTED → SENT), once. */
  recordRefund(record: TransferRecord, audit: AuditEntry): Promise<boolean>;
  /**
   * The refund's outgoing transfer seen (SENT → CONFIRMED), once. A clerk's confirmation
   * comes with its audit entry; one seen by a provider or a statement is recorded on the
   * transfer alone (source, the outgoing transfer's key), the audit log being staff's.
   */
  confirmRefund(record: TransferRecord, audit?: AuditEntry): Promise<boolean>;
  /** Cash at the counter: recorded like a transfer, with the order and the audit entry. */
  recordCash(record: TransferRecord, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean>;
  /** The last receipt number issued for an agency and symbol (0 if none). */
  receiptCounter(agencyId: string, symbol: string): Promise<number>;
  /**
   * Issues a receipt: the counter moves from `expectedLast` to the receipt's number,
   * the receipt is written, the order confirmed and the audit appended, all or nothing.
   * So numbers are unique and gapless however many clerks confirm at once.
   */
  issueReceipt(receipt: StoredReceipt, expectedLast: number, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<'issued' | 'number_taken' | 'order_changed'>;
  getReceipt(id: string): Promise<StoredReceipt | undefined>;
  /** Cancels an issued receipt (the number stays used), with the order and the audit entry. */
  cancelReceipt(receipt: StoredReceipt, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean>;
  appendAudit(entry: AuditEntry): Promise<void>;
  /**
   * Counts a refused login in its one LOGIN_FAILED entry (shared/audit.ts RefusedLogins),
   * made on the first refusal and then only counted (conditional updates, exact under
   * concurrency). A 429 is counted on the username's entry when there is one (a password
   * of it was checked from this address in this window), else on the address's
   * ANY_USERNAME entry.
   */
  countRefusedLogin(refusal: RefusedLogin): Promise<void>;
  /** Audit entries of one day (Vietnam date), newest first, optionally by actor or action. */
  listAudit(query: { day: string; actor?: string; action?: AuditAction; cursor?: string; limit: number }): Promise<Page<AuditEntry>>;
}

/**
 * A payment settled without reading its order first (settlement): the
 * order's fields as assumed, and what the state machine computed from them.
 */
export interface AssumedPayment {
  orderId: string;
  assumed: {
    status: OrderStatus;
    agencyId: string;
    amount: number;
    paidAmount: number;
    refundDue: number;
    paidLate: boolean;
    /** The order expires at or after this instant (ISO 8601 UTC, milliseconds, 'Z'): the payment is not late. */
    expiresNotBefore: string;
    /** The order holds fewer history entries than this. */
    historyBelow: number;
  };
  next: { status: OrderStatus; paidAmount: number; refundDue: number; paidLate: boolean };
  /** Appended to the order's history. */
  historyEntry: OrderEvent;
}

export type AssumedPaymentResult =
  | { kind: 'recorded' }
  | { kind: 'duplicate' }
  /** The order is not as assumed (or absent, or busy): `order` is what is stored, when known. */
  | { kind: 'not_as_assumed'; order?: FeeOrder };

export interface PageQuery {
  limit: number;
  cursor?: string;
}

export interface OrderQuery extends PageQuery {
  status?: OrderStatus;
  /** ISO instants bounding createdAt. */
  from?: string;
  to?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** A receipt as stored: its signed content and whether it still stands. */
export interface StoredReceipt {
  id: string;
  agencyId: string;
  symbol: string;
  number: number;
  orderId: string;
  issuedAt: string;
  status: 'ISSUED' | 'CANCELLED';
  /** The signed receipt (compact JWS): what the verification URL carries. */
  token: string;
  content: Record<string, unknown>;
  /** The e-receipt: XML signed by the agency's certificate (enveloped XML Signature, RSA-SHA256). */
  xml?: string;
  /** Who signed the XML: the organisation, its tax code, the certificate's serial and validity. */
  signer?: { organisation: string; taxCode?: string; issuer: string; serialNumber: string; validFrom: string; validTo: string };
  cancellation?: { at: string; by: string; reason: string };
}
