/**
 * What the integrations' use cases need from storage (DynamoDB adapter:
 * functions/lib/storage/integrations-table.ts): machine clients, the orders they made for
 * dossiers, their request counts, the outbox of events and the deliveries of each event.
 */
import type { OutgoingEvent, EventType } from '../../../shared/events';
import type { DeliveryAttempt, DeliveryStatus, IntegrationView } from '../../../shared/integrations';
import type { FeeOrder } from '../../../shared/order';

export interface ApiKeyRecord {
  /** SHA-256 (hex) of the key's secret part: the key itself is never stored. */
  hash: string;
  /** The key's first characters, to tell keys apart in a list. */
  prefix: string;
  createdAt: string;
  /** Set on the old key by a rotation: it works until then. */
  validUntil?: string;
}

/** The integration as stored: what the API shows (IntegrationView), with its keys' hashes and the signing secret. */
export interface IntegrationRecord extends Omit<IntegrationView, 'keys'> {
  keys: ApiKeyRecord[];
  /** The Standard Webhooks secret (`whsec_` + base64): kept to sign, never shown again. */
  signingSecret: string;
  version: number;
}

export interface DeliveryRecord {
  integrationId: string;
  eventId: string;
  type: EventType;
  /** The exact body sent on every attempt (`{type, timestamp, data}`). */
  body: string;
  status: DeliveryStatus;
  createdAt: string;
  /** While PENDING: when the next attempt is due. */
  nextAttemptAt?: string;
  attempts: DeliveryAttempt[];
  /** Failed attempts since the last success or replay (the retry schedule's position). */
  failures: number;
}

export interface DossierRecord {
  integrationId: string;
  dossierCode: string;
  orderId: string;
  requestHash: string;
  createdAt: string;
}

export type DossierOrderResult = { kind: 'created' } | { kind: 'reference_taken' } | { kind: 'exists'; record: DossierRecord };

export interface IntegrationStore {
  createIntegration(record: IntegrationRecord): Promise<void>;
  getIntegration(id: string): Promise<IntegrationRecord | undefined>;
  listIntegrations(): Promise<IntegrationRecord[]>;
  /** Saves a record read at `readVersion`; false if it changed meanwhile. */
  updateIntegration(record: IntegrationRecord, readVersion: number): Promise<boolean>;
  /** Counts one request of a key in its minute; false once `limit` are counted. */
  countRequest(keyId: string, now: Date, limit: number): Promise<boolean>;
  /** The order and its dossier record together, or the record already there. */
  createDossierOrder(record: DossierRecord, order: FeeOrder): Promise<DossierOrderResult>;
  getDossier(integrationId: string, dossierCode: string): Promise<DossierRecord | undefined>;

  // ---- The outbox and its deliveries
  /** Events not yet fanned out, oldest first. */
  pendingEvents(limit: number): Promise<OutgoingEvent[]>;
  getEvent(id: string): Promise<OutgoingEvent | undefined>;
  /** Takes the event off the outbox index once each of its deliveries exists. */
  markFannedOut(event: OutgoingEvent): Promise<void>;
  /** A new delivery; false when it already exists (a second fan-out of the same event). */
  createDelivery(record: DeliveryRecord): Promise<boolean>;
  getDelivery(integrationId: string, eventId: string): Promise<DeliveryRecord | undefined>;
  /** An integration's deliveries, newest first. */
  listDeliveries(integrationId: string, page: { limit: number; cursor?: string }): Promise<{ items: DeliveryRecord[]; nextCursor?: string }>;
  /** Deliveries due at or before `until`, soonest first. */
  dueDeliveries(until: string, limit: number): Promise<DeliveryRecord[]>;
  /**
   * Takes a delivery for one attempt: only if it is due (PENDING, its time come) and no
   * other worker holds it; the lease ends at `leaseUntil`. Returns the lease token.
   */
  leaseDelivery(integrationId: string, eventId: string, now: string, leaseUntil: string, force?: boolean): Promise<string | undefined>;
  /** Saves the attempt's outcome, only under the lease taken for it. */
  saveDelivery(record: DeliveryRecord, lease: string): Promise<boolean>;
}
