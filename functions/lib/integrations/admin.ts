/**
 * Administering machine clients (admin only, staff routes/integrations.ts): register one
 * (its API key and signing secret shown once), list and read them without secrets, rotate
 * the key (the old one works for an overlap), revoke, and look at and replay the
 * deliveries of its events. Every change is audited.
 */
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntry } from '../../../shared/audit';
import type { CreateIntegrationInput, DeliveryView, IntegrationSecrets, IntegrationView } from '../../../shared/integrations';
import type { Catalogue } from '../deps';
import { ApiError } from '../platform/errors';
import type { Store } from '../storage/store';
import { newApiKey, newIntegrationId, newSigningSecret } from './credentials';
import { attemptDelivery, type DeliveryDeps } from './delivery';
import type { DeliveryRecord, IntegrationRecord } from './ports';
import { refusalOf } from './url-guard';

export interface IntegrationAdminDeps extends DeliveryDeps {
  store: Pick<Store, 'getOrder' | 'appendAudit'>;
  catalogue: Catalogue;
  randomBytes(n: number): Uint8Array;
}

/** Who acts, and which agencies they may act for. */
export interface IntegrationActor {
  username: string;
  role: string;
  agencyId?: string | undefined;
  mayActFor(agencyId: string): boolean;
}

/** The default overlap of a rotation: a day for the client to deploy its new key. */
export const DEFAULT_KEY_OVERLAP_HOURS = 24;

export function auditOf(now: Date, actor: { username: string; role: string; agencyId?: string | undefined }, action: AuditAction, target: AuditEntry['target'], extra: Pick<AuditEntry, 'before' | 'after' | 'note'> = {}): AuditEntry {
  return { id: randomUUID(), at: now.toISOString(), actor: actor.username, role: actor.role, ...(actor.agencyId ? { actorAgencyId: actor.agencyId } : {}), action, target, ...extra };
}

export function integrationView(r: IntegrationRecord, now: Date): IntegrationView {
  return {
    id: r.id,
    name: r.name,
    webhookUrl: r.webhookUrl,
    agencyIds: r.agencyIds,
    status: r.status,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    ...(r.revokedAt ? { revokedAt: r.revokedAt } : {}),
    keys: r.status === 'ACTIVE' ? liveKeys(r, now).map((k) => ({ prefix: k.prefix, createdAt: k.createdAt, ...(k.validUntil ? { validUntil: k.validUntil } : {}) })) : [],
  };
}

export function deliveryView(d: DeliveryRecord): DeliveryView {
  return {
    id: d.eventId,
    integrationId: d.integrationId,
    eventId: d.eventId,
    type: d.type,
    status: d.status,
    createdAt: d.createdAt,
    ...(d.nextAttemptAt && d.status === 'PENDING' ? { nextAttemptAt: d.nextAttemptAt } : {}),
    attempts: d.attempts,
  };
}

const liveKeys = (r: IntegrationRecord, now: Date) => r.keys.filter((k) => k.validUntil === undefined || Date.parse(k.validUntil) > now.getTime());

async function checkUrl(deps: IntegrationAdminDeps, url: string): Promise<void> {
  const refused = await refusalOf(url, { production: deps.production });
  if (refused) throw new ApiError('WEBHOOK_URL_REFUSED', [{ path: 'webhookUrl', message: `Địa chỉ bị từ chối: ${refused}.`, messageEn: `Refused: ${refused}.` }]);
}

export async function createIntegration(deps: IntegrationAdminDeps, actor: IntegrationActor, input: CreateIntegrationInput): Promise<IntegrationSecrets> {
  const agencyIds = [...new Set(input.agencyIds)];
  const agencies = await deps.catalogue.agencies();
  const unknown = agencyIds.filter((id) => !agencies.some((a) => a.id === id) || !actor.mayActFor(id));
  if (unknown.length) {
    throw new ApiError('AGENCY_NOT_FOUND', unknown.map((id) => ({ path: `agencyIds.${agencyIds.indexOf(id)}`, message: `Không có cơ quan ${id} trong phạm vi của bạn.`, messageEn: `No agency ${id} within your scope.` })));
  }
  await checkUrl(deps, input.webhookUrl);
  const now = deps.now();
  const id = newIntegrationId(deps.randomBytes);
  const { apiKey, record: key } = newApiKey(id, deps.randomBytes, now);
  const signingSecret = newSigningSecret(deps.randomBytes);
  const record: IntegrationRecord = {
    id, name: input.name, webhookUrl: input.webhookUrl, agencyIds, status: 'ACTIVE', createdAt: now.toISOString(), createdBy: actor.username, keys: [key], signingSecret, version: 1,
  };
  await deps.integrations.createIntegration(record);
  await deps.store.appendAudit(auditOf(now, actor, 'INTEGRATION_CREATED', { type: 'integration', id }, { after: { name: record.name, webhookUrl: record.webhookUrl, agencyIds } }));
  return { id, apiKey, signingSecret };
}

/** An integration the actor may administer (all its agencies in their scope); 404 otherwise. */
export async function integrationToAdminister(deps: IntegrationAdminDeps, actor: IntegrationActor, id: string): Promise<IntegrationRecord> {
  const record = /^int_[0-9a-f]{16}$/.test(id) ? await deps.integrations.getIntegration(id) : undefined;
  if (!record || !record.agencyIds.every((a) => actor.mayActFor(a))) throw new ApiError('INTEGRATION_NOT_FOUND');
  return record;
}

export async function listIntegrations(deps: IntegrationAdminDeps, actor: IntegrationActor): Promise<IntegrationView[]> {
  const now = deps.now();
  return (await deps.integrations.listIntegrations()).filter((r) => r.agencyIds.every((a) => actor.mayActFor(a))).map((r) => integrationView(r, now));
}

/** A new key; the old ones keep working for `overlapHours` (0: the old key stops now). */
export async function rotateKey(deps: IntegrationAdminDeps, actor: IntegrationActor, id: string, overlapHours = DEFAULT_KEY_OVERLAP_HOURS): Promise<IntegrationSecrets & { oldKeysValidUntil: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await integrationToAdminister(deps, actor, id);
    if (record.status !== 'ACTIVE') throw new ApiError('INTEGRATION_REVOKED');
    const now = deps.now();
    const until = new Date(now.getTime() + overlapHours * 3_600_000).toISOString();
    const { apiKey, record: key } = newApiKey(id, deps.randomBytes, now);
    // Keys already ending keep their own end; the current one ends after the overlap.
    const old = liveKeys(record, now).map((k) => ({ ...k, validUntil: k.validUntil && k.validUntil < until ? k.validUntil : until }));
    const next: IntegrationRecord = { ...record, keys: [key, ...old.filter((k) => overlapHours > 0 && k.validUntil > now.toISOString())], version: record.version + 1 };
    if (await deps.integrations.updateIntegration(next, record.version)) {
      await deps.store.appendAudit(auditOf(now, actor, 'INTEGRATION_KEY_ROTATED', { type: 'integration', id }, { after: { oldKeysValidUntil: until, overlapHours } }));
      return { id, apiKey, oldKeysValidUntil: until };
    }
  }
  throw new ApiError('CONCURRENT_UPDATE');
}

export async function revokeIntegration(deps: IntegrationAdminDeps, actor: IntegrationActor, id: string): Promise<IntegrationView> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const record = await integrationToAdminister(deps, actor, id);
    const now = deps.now();
    if (record.status === 'REVOKED') return integrationView(record, now);
    const next: IntegrationRecord = { ...record, status: 'REVOKED', revokedAt: now.toISOString(), keys: [], version: record.version + 1 };
    if (await deps.integrations.updateIntegration(next, record.version)) {
      await deps.store.appendAudit(auditOf(now, actor, 'INTEGRATION_REVOKED', { type: 'integration', id }, { before: { status: 'ACTIVE' }, after: { status: 'REVOKED' } }));
      return integrationView(next, now);
    }
  }
  throw new ApiError('CONCURRENT_UPDATE');
}

export async function listDeliveries(deps: IntegrationAdminDeps, actor: IntegrationActor, id: string, cursor?: string) {
  await integrationToAdminister(deps, actor, id);
  const page = await deps.integrations.listDeliveries(id, { limit: 50, ...(cursor ? { cursor } : {}) });
  return { items: page.items.map(deliveryView), nextCursor: page.nextCursor ?? null };
}

/** Sends a delivery once more, now, with the same `webhook-id` (and a fresh timestamp and signature). */
export async function replayDelivery(deps: IntegrationAdminDeps, actor: IntegrationActor, id: string, deliveryId: string): Promise<DeliveryView> {
  const integration = await integrationToAdminister(deps, actor, id);
  if (integration.status !== 'ACTIVE') throw new ApiError('INTEGRATION_REVOKED');
  const existing = /^evt_[0-9a-z]{9}_[0-9a-f]{16}$/.test(deliveryId) ? await deps.integrations.getDelivery(id, deliveryId) : undefined;
  if (!existing) throw new ApiError('DELIVERY_NOT_FOUND');
  const done = await attemptDelivery(deps, id, deliveryId, true);
  // Another worker holds it right now: it is being sent anyway.
  if (!done) throw new ApiError('CONCURRENT_UPDATE');
  await deps.store.appendAudit(auditOf(deps.now(), actor, 'WEBHOOK_REPLAYED', { type: 'delivery', id: deliveryId }, { after: { integrationId: id, status: done.status } }));
  return deliveryView(done);
}
