/**
 * The storage port. Routes and the domain see only this; the DynamoDB adapter
 * (dynamo-store.ts) owns every key, index and condition.
 */
import type { Agency, Procedure } from '../../shared/catalogue';
import type { FeeOrder } from '../../shared/order';
import type { TransferRecord } from '../../shared/transfer';

export interface IdempotencyClaim {
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
  getTransfer(key: string): Promise<TransferRecord | undefined>;
  /**
   * Ids of unpaid orders whose expiry fell on `day` (UTC, YYYY-MM-DD) at or before
   * `until`, a page at a time, through an index of unpaid orders only (no scan).
   */
  dueForExpiry(day: string, until: string, page: { limit: number; cursor?: string }): Promise<{ ids: string[]; cursor?: string }>;
}
