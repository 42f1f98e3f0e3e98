/**
 * The storage port. Routes and the domain see only this; the DynamoDB adapter
 * (dynamo-store.ts) owns every key, index and condition.
 */
import type { Agency, Procedure } from '../../shared/catalogue';
import type { FeeOrder } from '../../shared/order';

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
}
