/**
 * Delivering the outbox: each event fanned out to the integrations subscribed to its
 * agency (one delivery each, made once however often the event is seen), each delivery
 * sent as a Standard Webhook under a lease (one worker at a time), at least once, with the
 * same `webhook-id` on every attempt; retried on the schedule of shared/events.ts, later if
 * the receiver's `Retry-After` asks, never again after a 410.
 *
 * The same code runs on AWS (the events function: DynamoDB Streams for new events, a
 * schedule for retries and for whatever the stream missed) and in `npm start` (a timer).
 */
import { retryAfterSeconds, retryOffsetSeconds, type OutgoingEvent, type WebhookBody } from '../../../shared/events';
import type { DeliveryAttempt } from '../../../shared/integrations';
import type { Store } from '../storage/store';
import { log } from '../platform/log';
import type { DeliveryRecord, IntegrationStore } from './ports';
import { sendWebhook, signedHeaders, type SendResult } from './sender';

export interface DeliveryDeps {
  integrations: IntegrationStore;
  store: Pick<Store, 'getOrder'>;
  now(): Date;
  /** NODE_ENV=production: https and public addresses only (url-guard.ts). */
  production: boolean;
  /** How long a receiver has to answer (default 10 s). */
  webhookTimeoutMs: number;
}

/** Attempts kept on a delivery (the schedule's ten plus replays). */
const MAX_ATTEMPTS_KEPT = 30;

/** The deliveries of one event, made if missing; then the event leaves the outbox index. */
export async function fanOut(deps: DeliveryDeps, event: OutgoingEvent): Promise<DeliveryRecord[]> {
  const subscribed = (await deps.integrations.listIntegrations()).filter((i) => i.status === 'ACTIVE' && i.agencyIds.includes(event.agencyId));
  const deliveries: DeliveryRecord[] = [];
  if (subscribed.length) {
    // What the change did not read (an assumed payment): the order's fixed fields.
    const order = await deps.store.getOrder(event.data.orderId);
    const data = {
      ...event.data,
      ...(order ? { reference: order.reference, procedureCode: order.procedureCode, ...(order.dossierCode ? { dossierCode: order.dossierCode } : {}) } : {}),
    };
    const body = JSON.stringify({ type: event.type, timestamp: event.at, data } satisfies WebhookBody);
    const now = deps.now().toISOString();
    for (const integration of subscribed) {
      const record: DeliveryRecord = { integrationId: integration.id, eventId: event.id, type: event.type, body, status: 'PENDING', createdAt: now, nextAttemptAt: now, attempts: [], failures: 0 };
      if (await deps.integrations.createDelivery(record)) deliveries.push(record);
    }
  }
  await deps.integrations.markFannedOut(event);
  return deliveries;
}

/** The delivery after an attempt with this result. */
export function afterAttempt(delivery: DeliveryRecord, result: SendResult, at: Date, replay: boolean): DeliveryRecord {
  const attempt: DeliveryAttempt = {
    at: at.toISOString(),
    ...(result.status !== undefined ? { status: result.status } : {}),
    ...(result.error ? { error: result.error } : {}),
    ...(result.answer ? { answer: result.answer } : {}),
    durationMs: result.durationMs,
    ...(replay ? { replay: true } : {}),
  };
  const attempts = [...delivery.attempts, attempt].slice(-MAX_ATTEMPTS_KEPT);
  const { nextAttemptAt: _, ...rest } = delivery;
  const ok = result.status !== undefined && result.status >= 200 && result.status < 300;
  if (ok) return { ...rest, attempts, status: 'DELIVERED', failures: 0 };
  if (result.status === 410) return { ...rest, attempts, status: 'GONE' };
  // A replay that fails leaves a finished delivery finished (the admin sees the answer).
  if (replay && delivery.status !== 'PENDING') return { ...rest, attempts, status: delivery.status === 'DELIVERED' ? 'FAILED' : delivery.status };
  const failures = delivery.failures + 1;
  const offset = retryOffsetSeconds(failures);
  if (offset === undefined) return { ...rest, attempts, failures, status: 'FAILED' };
  const firstAt = Date.parse(delivery.attempts[0]?.at ?? attempt.at);
  const scheduled = firstAt + offset * 1000;
  const asked = retryAfterSeconds(result.retryAfter, at);
  const next = Math.max(scheduled, asked === undefined ? 0 : at.getTime() + asked * 1000);
  return { ...rest, attempts, failures, status: 'PENDING', nextAttemptAt: new Date(next).toISOString() };
}

/**
 * One attempt of one delivery, if it is due and no other worker holds it (or, replaying,
 * whatever its state). Undefined when there was nothing to do.
 */
export async function attemptDelivery(deps: DeliveryDeps, integrationId: string, eventId: string, replay = false): Promise<DeliveryRecord | undefined> {
  const now = deps.now();
  const leaseUntil = new Date(now.getTime() + deps.webhookTimeoutMs + 30_000).toISOString();
  const lease = await deps.integrations.leaseDelivery(integrationId, eventId, now.toISOString(), leaseUntil, replay);
  if (!lease) return undefined;
  const [delivery, integration] = await Promise.all([deps.integrations.getDelivery(integrationId, eventId), deps.integrations.getIntegration(integrationId)]);
  if (!delivery || !integration) return undefined;
  let result: SendResult;
  if (integration.status !== 'ACTIVE') result = { error: 'integration revoked', durationMs: 0, status: 410 };
  else {
    const at = deps.now();
    result = await sendWebhook(integration.webhookUrl, signedHeaders(integration.signingSecret, delivery.eventId, at, delivery.body), delivery.body, {
      production: deps.production,
      timeoutMs: deps.webhookTimeoutMs,
    });
  }
  const next = afterAttempt(delivery, result, now, replay);
  if (!(await deps.integrations.saveDelivery(next, lease))) log.warn('delivery lease lost', { integrationId, eventId });
  return next;
}

export interface DeliveryRun {
  fannedOut: number;
  attempted: number;
  delivered: number;
}

async function attemptAll(deps: DeliveryDeps, deliveries: Pick<DeliveryRecord, 'integrationId' | 'eventId'>[], run: DeliveryRun): Promise<void> {
  // A few at a time: one slow receiver must not hold up the rest for long.
  for (let i = 0; i < deliveries.length; i += 8) {
    const done = await Promise.all(deliveries.slice(i, i + 8).map((d) => attemptDelivery(deps, d.integrationId, d.eventId)));
    for (const d of done) {
      if (!d) continue;
      run.attempted++;
      if (d.status === 'DELIVERED') run.delivered++;
    }
  }
}

/** New events (from the stream, or just written): fanned out and first attempts made. */
export async function deliverEvents(deps: DeliveryDeps, events: OutgoingEvent[]): Promise<DeliveryRun> {
  const run: DeliveryRun = { fannedOut: 0, attempted: 0, delivered: 0 };
  const created: DeliveryRecord[] = [];
  for (const event of events) {
    created.push(...(await fanOut(deps, event)));
    run.fannedOut++;
  }
  await attemptAll(deps, created, run);
  return run;
}

/**
 * The sweep: events still in the outbox (a crash, or a stream that has not delivered
 * them yet) fanned out, then every delivery whose time has come attempted.
 */
export async function deliverPending(deps: DeliveryDeps, limit = 100): Promise<DeliveryRun> {
  const run = await deliverEvents(deps, await deps.integrations.pendingEvents(limit));
  await attemptAll(deps, await deps.integrations.dueDeliveries(deps.now().toISOString(), limit), run);
  return run;
}
