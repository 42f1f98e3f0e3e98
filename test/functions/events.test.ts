/**
 * Outgoing events, end to end on DynamoDB Local: an order placed by an integration, paid
 * through a genuine signed payment notification, confirmed by a clerk; each change writes
 * its events in its own transaction (the outbox) and the delivery sends them as Standard
 * Webhooks to a real HTTP receiver that verifies them with the `standardwebhooks` package.
 * Then the receiver's faults (500, 429 with Retry-After, 410, no answer), a replay (same
 * id), and a crash between the change and its delivery (the outbox is swept).
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { createIntegrationApp } from '../../functions/integration/app';
import { eventsOfStream } from '../../functions/events/index';
import { deliverEvents, deliverPending, type DeliveryDeps } from '../../functions/lib/integrations/delivery';
import { DynamoIntegrationStore } from '../../functions/lib/storage/integrations-table';
import { eventItem } from '../../functions/lib/storage/outbox-items';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { signedNotification } from '../../functions/webhooks/providers';
import { RETRY_SCHEDULE_SECONDS, type OutgoingEvent } from '../../shared/events';
import type { DeliveryView } from '../../shared/integrations';
import { agencyOfLevel, payableProcedureAt } from '../support/fixtures';
import { call, staffWorld, type StaffWorld } from '../support/staff';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

let world: StaffWorld;
let receiver: Receiver;
let integrations: DynamoIntegrationStore;
let integrationApp: ReturnType<typeof createIntegrationApp>;
let webhooks: ReturnType<typeof createWebhooksApp>;
let integration: { id: string; apiKey: string; signingSecret: string };
/** The delivery's clock: real time plus `shift` ms (the receiver checks signatures' times against real time). */
let shift = 0;
let delivery: DeliveryDeps;

const commune = () => agencyOfLevel('commune');

beforeAll(async () => {
  world = await staffWorld();
  receiver = await startReceiver();
  integrations = world.deps.delivery.integrations as DynamoIntegrationStore;
  delivery = { ...world.deps.delivery, now: () => new Date(Date.now() + shift), webhookTimeoutMs: 400 };
  integrationApp = createIntegrationApp(() => ({ ...world.deps, integrations, integrationRateLimit: 1000 }));
  webhooks = createWebhooksApp(() => ({ ...world.deps, providerSecret: () => DEV_SECRETS.SEPAY_API_KEY }));
  const res = await call(world, 'POST', '/api/staff/integrations', world.tokens.admin, { name: 'Hệ thống một cửa tỉnh', webhookUrl: receiver.url, agencyIds: [commune().id] });
  expect(res.status).toBe(201);
  integration = await res.json();
  receiver.secret = integration.signingSecret;
  // Events written before this test's integration existed (the staff world's fixtures) go to nobody.
  await deliverPending(delivery);
}, 120_000);

afterAll(async () => {
  await receiver?.close();
});

beforeEach(() => {
  shift = 0;
  receiver.answers = [];
  receiver.fallback = { status: 204 };
});

async function dossierOrder(dossierCode = `HS-${randomUUID().slice(0, 8)}`) {
  const { procedure, quantity } = payableProcedureAt(commune().id, 2);
  const res = await integrationApp.request('/api/integration/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': integration.apiKey },
    body: JSON.stringify({ procedureCode: procedure.code, agencyId: commune().id, quantity, dossierCode }),
  });
  expect(res.status).toBe(201);
  return { ...((await res.json()) as { id: string; reference: string; amount: number; vietqr: { memo: string; accountNumber: string } }), dossierCode };
}

async function pay(order: { vietqr: { memo: string; accountNumber: string } }, amount: number, reference = `FT${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`) {
  const { body, headers } = signedNotification('sepay', { amount, memo: `MBVCB.1.${order.vietqr.memo}.CT`, accountNumber: order.vietqr.accountNumber, reference, at: new Date() }, DEV_SECRETS.SEPAY_API_KEY, new Date());
  const res = await webhooks.request('/api/webhooks/sepay', { method: 'POST', headers, body });
  const text = await res.text();
  if (process.env.DEBUG_EVENTS) console.log(text, JSON.stringify(await integrations.pendingEvents(100)));
  expect(res.status, text).toBe(200);
  return reference;
}

/** The outbox: events not yet fanned out. */
async function outbox(): Promise<OutgoingEvent[]> {
  return integrations.pendingEvents(1000);
}

async function deliveries(): Promise<DeliveryView[]> {
  const res = await call(world, 'GET', `/api/staff/integrations/${integration.id}/deliveries`, world.tokens.admin);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: DeliveryView[] }).items;
}

describe('the outbox: each change writes its events in its own transaction', () => {
  it('a payment writes order.paid with the order; a duplicate notification writes nothing more', async () => {
    const order = await dossierOrder();
    const reference = await pay(order, order.amount);
    const events = (await outbox()).filter((e) => e.data.orderId === order.id);
    expect(events.map((e) => e.type)).toEqual(['order.paid']);
    expect(events[0]!.agencyId).toBe(commune().id);
    expect(events[0]!.data).toMatchObject({ orderId: order.id, amount: order.amount, paidAmount: order.amount, status: 'PAID' });
    await pay(order, order.amount, reference); // the provider resends the same transfer
    expect((await outbox()).filter((e) => e.data.orderId === order.id)).toHaveLength(1);
    await deliverPending(delivery);
  });

  it('an underpayment, then an overpayment: order.underpaid, order.overpaid and refund.due', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount - 1000);
    await pay(order, 5000);
    const types = (await outbox()).filter((e) => e.data.orderId === order.id).map((e) => e.type);
    expect(types.sort()).toEqual(['order.overpaid', 'order.underpaid', 'refund.due']);
    await deliverPending(delivery);
  });

  it('a change whose transaction fails writes no event (a confirmation of an unpaid order)', async () => {
    const order = await dossierOrder();
    const before = (await outbox()).length;
    const res = await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk);
    expect(res.status).toBe(422);
    expect((await outbox()).length).toBe(before);
  });
});

describe('delivery as Standard Webhooks', () => {
  it('order.paid and receipt.issued reach the receiver, signed, with the dossier code, amounts and receipt', async () => {
    const order = await dossierOrder();
    receiver.received.length = 0;
    await pay(order, order.amount);
    const run = await deliverPending(delivery);
    expect(run.delivered).toBeGreaterThanOrEqual(1);
    const paid = receiver.received.find((r) => r.payload?.data.orderId === order.id)!;
    expect(paid.verified).toBe(true);
    expect(paid.payload).toMatchObject({ type: 'order.paid', data: { orderId: order.id, reference: order.reference, dossierCode: order.dossierCode, amount: order.amount, paidAmount: order.amount, status: 'PAID', receipt: null } });
    expect(paid.signature).toMatch(/^v1,/);

    const confirmed = await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk);
    expect(confirmed.status).toBe(200);
    const { receipt } = await confirmed.json();
    await deliverPending(delivery);
    const issued = receiver.received.find((r) => r.payload?.type === 'receipt.issued' && r.payload.data.orderId === order.id)!;
    expect(issued.verified).toBe(true);
    expect(issued.payload!.data).toMatchObject({ status: 'CONFIRMED', dossierCode: order.dossierCode, receipt: { symbol: receipt.symbol, number: receipt.number, status: 'ISSUED' } });
    expect(issued.id).not.toBe(paid.id);

    const listed = await deliveries();
    expect(listed.find((d) => d.id === paid.id)).toMatchObject({ status: 'DELIVERED', type: 'order.paid', attempts: [{ status: 204 }] });
  });

  it('a cancelled receipt and its replacement: receipt.cancelled, then receipt.replaced', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    const first = await (await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk)).json();
    expect((await call(world, 'POST', `/api/staff/receipts/${first.receipt.id ?? first.order.receipt.id}/cancel`, world.tokens.clerk, { reason: 'Sai tên người nộp' })).status).toBe(200);
    expect((await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk)).status).toBe(200);
    receiver.received.length = 0;
    await deliverPending(delivery);
    const types = receiver.received.filter((r) => r.payload?.data.orderId === order.id).map((r) => r.payload!.type);
    expect(types.sort()).toEqual(['order.paid', 'receipt.cancelled', 'receipt.issued', 'receipt.replaced']);
  });

  it('500: retried on the schedule with the same webhook-id, then delivered', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    receiver.received.length = 0;
    receiver.answers = [{ status: 500 }];
    await deliverPending(delivery);
    const [first] = receiver.received;
    expect(first!.verified).toBe(true);
    let d = (await deliveries()).find((x) => x.id === first!.id)!;
    expect(d).toMatchObject({ status: 'PENDING', attempts: [{ status: 500 }] });
    expect(Date.parse(d.nextAttemptAt!) - Date.parse(d.attempts[0]!.at)).toBe(RETRY_SCHEDULE_SECONDS[0] * 1000);

    // Not yet due: nothing is sent.
    await deliverPending(delivery);
    expect(receiver.received).toHaveLength(1);
    shift = 6_000;
    await deliverPending(delivery);
    expect(receiver.received).toHaveLength(2);
    const second = receiver.received[1]!;
    expect(second.id).toBe(first!.id);
    expect(second.body).toBe(first!.body);
    expect(new Webhook(integration.signingSecret).sign(second.id, new Date(Number(second.timestamp) * 1000), second.body)).toBe(second.signature);
    d = (await deliveries()).find((x) => x.id === first!.id)!;
    expect(d.status).toBe('DELIVERED');
    expect(d.attempts.map((a) => a.status)).toEqual([500, 204]);
  });

  it('429 with Retry-After: the next attempt waits as long as the receiver asked', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    receiver.received.length = 0;
    receiver.answers = [{ status: 429, headers: { 'Retry-After': '120' } }];
    await deliverPending(delivery);
    const id = receiver.received[0]!.id;
    const d = (await deliveries()).find((x) => x.id === id)!;
    expect(d.status).toBe('PENDING');
    expect(Date.parse(d.nextAttemptAt!) - Date.parse(d.attempts[0]!.at)).toBe(120_000);
    shift = 60_000; // past the schedule's 5 s, not past Retry-After
    await deliverPending(delivery);
    expect(receiver.received).toHaveLength(1);
    shift = 121_000;
    await deliverPending(delivery);
    expect(receiver.received.map((r) => r.id)).toEqual([id, id]);
  });

  it('410: the receiver is gone, nothing more is sent', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    receiver.received.length = 0;
    receiver.answers = [{ status: 410 }];
    await deliverPending(delivery);
    const id = receiver.received[0]!.id;
    shift = 2 * 86_400_000;
    await deliverPending(delivery);
    expect(receiver.received).toHaveLength(1);
    expect((await deliveries()).find((x) => x.id === id)).toMatchObject({ status: 'GONE', attempts: [{ status: 410 }] });
  });

  it('a receiver that does not answer: the attempt times out, and is retried', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    receiver.received.length = 0;
    receiver.answers = ['hang'];
    await deliverPending(delivery);
    const id = receiver.received[0]!.id;
    const d = (await deliveries()).find((x) => x.id === id)!;
    expect(d.status).toBe('PENDING');
    expect(d.attempts[0]!.error).toMatch(/timeout/);
    shift = 6_000;
    await deliverPending(delivery);
    expect(receiver.received.map((r) => r.id)).toEqual([id, id]);
    expect((await deliveries()).find((x) => x.id === id)!.status).toBe('DELIVERED');
  });

  it('after a day of failures the delivery is given up, and an admin replays it with the same id', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    receiver.received.length = 0;
    receiver.fallback = { status: 503 };
    await deliverPending(delivery);
    const id = receiver.received[0]!.id;
    for (const offset of RETRY_SCHEDULE_SECONDS) {
      shift = offset * 1000 + 1000;
      await deliverPending(delivery);
    }
    expect(receiver.received.filter((r) => r.id === id)).toHaveLength(RETRY_SCHEDULE_SECONDS.length + 1);
    expect((await deliveries()).find((x) => x.id === id)!.status).toBe('FAILED');

    shift = 0;
    receiver.fallback = { status: 200 };
    const replayed = await call(world, 'POST', `/api/staff/integrations/${integration.id}/deliveries/${id}/replay`, world.tokens.admin);
    expect(replayed.status).toBe(200);
    expect((await replayed.json()).delivery).toMatchObject({ id, status: 'DELIVERED' });
    const last = receiver.received.at(-1)!;
    expect(last.id).toBe(id);
    expect(last.verified).toBe(true);
    const d = (await deliveries()).find((x) => x.id === id)!;
    expect(d.attempts.at(-1)).toMatchObject({ status: 200, replay: true });
    // A clerk may not replay; an unknown delivery is a 404.
    expect((await call(world, 'POST', `/api/staff/integrations/${integration.id}/deliveries/${id}/replay`, world.tokens.clerk)).status).toBe(403);
    expect((await call(world, 'POST', `/api/staff/integrations/${integration.id}/deliveries/evt_000000000_0000000000000000/replay`, world.tokens.admin)).status).toBe(404);
  });
});

describe('nothing is lost when the server fails between the change and its delivery', () => {
  it('an event written but never delivered (the process died) is found by the sweep and sent once', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    // "Crash": the change is committed; no stream record is processed, no delivery made.
    expect((await outbox()).some((e) => e.data.orderId === order.id)).toBe(true);
    receiver.received.length = 0;
    // A new process starts and sweeps.
    await deliverPending({ ...delivery, integrations: new DynamoIntegrationStore(world.db.client, world.db.tableName) });
    expect(receiver.received.filter((r) => r.payload?.data.orderId === order.id).map((r) => r.payload!.type)).toEqual(['order.paid']);
    expect((await outbox()).some((e) => e.data.orderId === order.id)).toBe(false);
    // The stream brings the same event late: its delivery exists already, nothing is sent twice.
    const event = (await integrations.getEvent(receiver.received[0]!.id))!;
    await deliverEvents(delivery, [event]);
    await deliverPending(delivery);
    expect(receiver.received.filter((r) => r.payload?.data.orderId === order.id)).toHaveLength(1);
  });

  it('a crash after the fan-out, before the attempt: the due delivery is sent by the next sweep', async () => {
    const order = await dossierOrder();
    await pay(order, order.amount);
    const event = (await outbox()).find((e) => e.data.orderId === order.id)!;
    receiver.received.length = 0;
    receiver.fallback = 'hang';
    await deliverEvents({ ...delivery, webhookTimeoutMs: 50 }, [event]); // fanned out; the attempt gets no answer
    receiver.fallback = { status: 204 };
    shift = 6_000;
    await deliverPending(delivery);
    expect(receiver.received.map((r) => r.id)).toEqual([event.id, event.id]);
    expect((await deliveries()).find((d) => d.id === event.id)!.status).toBe('DELIVERED');
  });

  it('the stream handler reads new outbox items from stream records and nothing else', () => {
    const event: OutgoingEvent = { id: 'evt_00000000a_0123456789abcdef', type: 'order.paid', at: new Date().toISOString(), agencyId: 'x', data: { orderId: 'A', reference: 'A', agencyId: 'x', amount: 1, paidAmount: 1, refundDue: 0, status: 'PAID', receipt: null } };
    const image = eventItem(event);
    expect(eventsOfStream({ Records: [{ eventName: 'INSERT', dynamodb: { NewImage: image } }, { eventName: 'MODIFY', dynamodb: { NewImage: image } }, { eventName: 'INSERT', dynamodb: { NewImage: { PK: { S: 'ORDER#A' }, type: { S: 'ORDER' } } } }] })).toEqual([event]);
  });

  it('the outbox index holds only events not yet fanned out', async () => {
    await deliverPending(delivery);
    const res = await world.db.client.send(new QueryCommand({ TableName: world.db.tableName, IndexName: 'GSI2', KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': { S: 'OUTBOX' } } }));
    expect(res.Items ?? []).toHaveLength(0);
  });
});
