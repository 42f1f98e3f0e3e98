/**
 * What a machine client does with its API key (functions/integration/app.ts): authenticate
 * (401 for a wrong, revoked or expired key, without saying which), be counted against its
 * key's rate limit (429), place an order for a dossier (idempotent on the dossier code per
 * integration) and find it again by dossier code, only for its own agencies (403), every
 * use audited.
 */
import type { CreateOrderInput, FeeOrder } from '../../../shared/order';
import type { Deps } from '../deps';
import { placeOrder, requestHashOf } from '../orders/place-order';
import { ApiError } from '../platform/errors';
import { auditOf } from './admin';
import { matchingKey, parseApiKey } from './credentials';
import type { IntegrationRecord, IntegrationStore } from './ports';

export interface IntegrationClientDeps extends Deps {
  integrations: IntegrationStore;
  /** Requests a key may make per minute (INTEGRATION_RATE_LIMIT, default 120). */
  integrationRateLimit: number;
}

/** An authenticated client: its integration, and the actor its audit entries name. */
export interface Client {
  integration: IntegrationRecord;
  actor: { username: string; role: string };
}

/** The seconds left in the current minute: a rate-limited client's Retry-After. */
export const retryAfterOfMinute = (now: Date) => String(60 - (Math.floor(now.getTime() / 1000) % 60));

export async function authenticateClient(deps: IntegrationClientDeps, header: string | undefined): Promise<Client> {
  const parsed = parseApiKey(header);
  const integration = parsed ? await deps.integrations.getIntegration(parsed.integrationId) : undefined;
  const now = deps.now();
  const key = matchingKey(integration, parsed?.secret ?? '', now);
  if (!integration || !key) throw new ApiError('API_KEY_INVALID');
  if (!(await deps.integrations.countRequest(`${integration.id}#${key.slice(0, 16)}`, now, deps.integrationRateLimit))) throw new ApiError('RATE_LIMITED', undefined, { 'Retry-After': retryAfterOfMinute(now) });
  return { integration, actor: { username: `integration:${integration.id}`, role: 'integration' } };
}

function forAgency(client: Client, agencyId: string): void {
  if (!client.integration.agencyIds.includes(agencyId)) throw new ApiError('INTEGRATION_AGENCY_FORBIDDEN', [{ path: 'agencyId', message: 'Cơ quan ngoài phạm vi của tích hợp.', messageEn: 'The agency is outside the integration’s agencies.' }]);
}

export async function placeDossierOrder(deps: IntegrationClientDeps, client: Client, input: CreateOrderInput & { dossierCode: string }, raw: unknown): Promise<{ created: boolean; order: FeeOrder }> {
  forAgency(client, input.agencyId);
  const { integration } = client;
  const requestHash = requestHashOf(raw);
  const placed = await placeOrder(deps, {
    input,
    raw,
    create: async (order, now) => {
      const res = await deps.integrations.createDossierOrder({ integrationId: integration.id, dossierCode: input.dossierCode, orderId: order.id, requestHash, createdAt: now.toISOString() }, order);
      return res.kind === 'exists' ? { kind: 'idempotency_replay', record: { key: input.dossierCode, requestHash: res.record.requestHash, orderId: res.record.orderId, createdAt: res.record.createdAt } } : res;
    },
  });
  await deps.store.appendAudit(
    auditOf(deps.now(), client.actor, placed.created ? 'INTEGRATION_ORDER_CREATED' : 'INTEGRATION_ORDER_READ', { type: 'order', id: placed.order.id, agencyId: placed.order.agencyId }, { note: `dossier ${input.dossierCode}` }),
  );
  return placed;
}

export async function dossierOrder(deps: IntegrationClientDeps, client: Client, dossierCode: string): Promise<FeeOrder> {
  const record = await deps.integrations.getDossier(client.integration.id, dossierCode);
  const order = record ? await deps.store.getOrder(record.orderId) : undefined;
  if (!order) throw new ApiError('ORDER_NOT_FOUND');
  forAgency(client, order.agencyId);
  await deps.store.appendAudit(auditOf(deps.now(), client.actor, 'INTEGRATION_ORDER_READ', { type: 'order', id: order.id, agencyId: order.agencyId }, { note: `dossier ${dossierCode}` }));
  return order;
}
