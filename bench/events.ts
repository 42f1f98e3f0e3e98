/**
 * Outgoing events on DynamoDB Local: what the outbox adds to a settlement, and how long
 * an event takes from the settlement to the receiver's 2xx. In one process, interleaved
 * (one of each kind per step, so drift hits all alike), on fresh PENDING orders:
 *
 * 1. the settlement's bare TransactWriteItems without the outbox (transfer Put + order
 *    Update, as before events existed): the baseline;
 * 2. the same transaction with its outbox item (what settlement writes now);
 * 3. settleTransfer, the use case (agency lookup, memo matching, the write with its event);
 * 4. end to end: settleTransfer, the new event read from the outbox (the stand-in for the
 *    stream's invocation, which DynamoDB Local does not have), fanned out, signed, POSTed
 *    to a real receiver that verifies it with `standardwebhooks`, until its 2xx.
 *
 * Target: (2) at most 1.3x (1) at p50. BENCH_EVENTS_N sets the orders per kind (default 200).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { composeRoot } from '../functions/composition/root';
import { deliveryDeps } from '../functions/composition/integrations';
import { baseDeps } from '../functions/composition/root';
import { newApiKey, newSigningSecret } from '../functions/lib/integrations/credentials';
import { deliverEvents } from '../functions/lib/integrations/delivery';
import { assumedExactPayment, settleTransfer } from '../functions/lib/payments/settlement';
import { DEFAULT_PAYMENT_CODE_PREFIX, secret } from '../functions/lib/platform/config';
import { DynamoIntegrationStore } from '../functions/lib/storage/integrations-table';
import { assumedEventPuts, eventOf } from '../functions/lib/storage/outbox-items';
import { assumedOrderUpdate, settlementTransaction } from '../functions/lib/storage/transfers-table';
import { ADAPTERS, signedNotification } from '../functions/webhooks/providers';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { seedIfEmpty } from '../local/seed';
import { ensureTable } from '../local/table';
import { AGENCIES, PROCEDURES } from '../shared/catalogue';
import { draftOrder, type FeeOrder } from '../shared/order';
import { newReference } from '../shared/reference';
import { transferKey, type TransferRecord } from '../shared/transfer';
import { startReceiver } from './webhook-receiver';
import { ms, percentile, ratio, table } from './lib';

const KINDS = [
  'settlement write alone (transfer Put + order Update)',
  'settlement write + its outbox event',
  'settleTransfer (use case, with its event)',
  'end to end: settleTransfer → receiver 2xx',
] as const;

export async function benchEvents(): Promise<string> {
  const n = Number(process.env.BENCH_EVENTS_N ?? 200);
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-events-'));
  const tableName = `bench-events-${Date.now()}`;
  const receiver = await startReceiver();
  // The app logs one JSON line per settlement, as on Lambda: built and written, not shown.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && chunk.startsWith('{"level":') ? true : write(chunk, ...rest)) as typeof process.stdout.write;
  try {
    const root = composeRoot({ database: { tableName, endpoint, region: 'ap-southeast-1' }, secrets: {}, paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX });
    await ensureTable(root.client, tableName);
    await seedIfEmpty(root.store, new Date());
    const deps = baseDeps(root);
    const delivery = deliveryDeps(root);
    const integrations = delivery.integrations as DynamoIntegrationStore;
    const agency = AGENCIES.find((a) => a.level === 'commune')!;
    const procedure = PROCEDURES.find((p) => p.level === 'commune' && p.fee.kind === 'tiered')!;
    const signingSecret = newSigningSecret(randomBytes);
    receiver.secret = signingSecret;
    const id = 'int_00000000000bec40';
    await integrations.createIntegration({
      id, name: 'bench', webhookUrl: receiver.url, agencyIds: [agency.id], status: 'ACTIVE', createdAt: new Date().toISOString(), createdBy: 'bench',
      keys: [newApiKey(id, randomBytes, new Date()).record], signingSecret, version: 1,
    });

    let serial = 0;
    const newOrder = async (): Promise<FeeOrder> => {
      const drafted = draftOrder({ input: { procedureCode: procedure.code, agencyId: agency.id, quantity: 3 }, procedure, agency, reference: newReference(randomBytes), paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX, now: new Date() });
      if (!drafted.ok) throw new Error(drafted.refusal);
      if ((await root.store.createOrder(drafted.order)).kind !== 'created') throw new Error('order not created');
      return drafted.order;
    };
    const paymentOf = (order: FeeOrder) => {
      const { body } = signedNotification('payos', { amount: order.amount, memo: `MBVCB.1.${order.vietqr.memo}.CT`, accountNumber: order.vietqr.accountNumber, reference: `FT26B${String(serial++).padStart(8, '0')}`, at: new Date() }, secret('PAYOS_CHECKSUM_KEY', {}), new Date());
      const parsed = ADAPTERS.payos.parse(JSON.parse(body));
      if (!parsed.ok) throw new Error('payOS sample does not parse');
      return { body, transfer: parsed.transfer };
    };
    /** The bare settlement transaction of an exact payment, with or without its outbox item. */
    const bareWrite = (order: FeeOrder, withEvent: boolean) => {
      const { body, transfer } = paymentOf(order);
      const key = transferKey(transfer);
      const guess = assumedExactPayment(order.id, order.agencyId, { type: 'PAYMENT', amount: transfer.amount, at: transfer.occurredAt, transferKey: key })!;
      const record: TransferRecord = { key, transfer, rawBody: body, receivedAt: new Date().toISOString(), status: 'MATCHED', agencyId: order.agencyId, orderId: order.id, outcome: guess.applied.outcome, refundDue: 0 };
      const events: TransactWriteItem[] = withEvent ? assumedEventPuts(tableName, guess.payment) : [];
      return { command: new TransactWriteItemsCommand(settlementTransaction(tableName, record, assumedOrderUpdate(tableName, guess.payment), events)), events };
    };
    /** Events of the bare and use-case kinds leave the outbox untimed, so the end-to-end kind reads only its own. */
    const clearOutbox = async () => {
      for (const e of await integrations.pendingEvents(100)) await integrations.markFannedOut(e);
    };

    const timed: Record<(typeof KINDS)[number], number[]> = Object.fromEntries(KINDS.map((k) => [k, []])) as never;
    const step = async (warm: boolean) => {
      const orders = await Promise.all(KINDS.map(() => newOrder()));
      const record = (kind: (typeof KINDS)[number], t0: number) => warm || timed[kind].push(performance.now() - t0);
      // 1 and 2: the bare writes.
      for (const [i, withEvent] of [[0, false], [1, true]] as const) {
        const { command, events } = bareWrite(orders[i]!, withEvent);
        const t0 = performance.now();
        await root.client.send(command);
        record(KINDS[i], t0);
        for (const e of events) await integrations.markFannedOut(eventOf(e.Put!.Item!));
      }
      // 3: the use case.
      {
        const { body, transfer } = paymentOf(orders[2]!);
        const t0 = performance.now();
        const res = await settleTransfer(deps, transfer, body);
        record(KINDS[2], t0);
        if (res.kind !== 'settled') throw new Error(`not settled: ${res.kind}`);
        await clearOutbox();
      }
      // 4: end to end.
      {
        const order = orders[3]!;
        const { body, transfer } = paymentOf(order);
        const arrived = receiver.next();
        const t0 = performance.now();
        await settleTransfer(deps, transfer, body);
        const events = (await integrations.pendingEvents(100)).filter((e) => e.data.orderId === order.id);
        const run = await deliverEvents(delivery, events);
        record(KINDS[3], t0);
        const got = await arrived;
        if (run.delivered !== 1 || !got.verified || got.payload?.data.orderId !== order.id) throw new Error('the event was not delivered and verified');
      }
    };
    for (let i = 0; i < 20; i++) await step(true);
    for (let i = 0; i < n; i++) await step(false);

    const stats = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    };
    const base = stats(timed[KINDS[0]]);
    const rows = KINDS.map((kind) => {
      const s = stats(timed[kind]);
      return { kind, n: timed[kind].length, p50: ms(s.p50), p99: ms(s.p99), 'p50 vs settlement alone': ratio(s.p50, base.p50), 'p99 vs settlement alone': ratio(s.p99, base.p99) };
    });
    const outboxRatio = stats(timed[KINDS[1]]).p50 / base.p50;
    return [
      'Outgoing events vs the settlement alone (DynamoDB Local, one process, concurrency 1, interleaved; receiver verifies with standardwebhooks; target: outbox write p50 ≤ 1.3x the settlement\'s)',
      table(rows),
      `outbox write p50 ratio: ${outboxRatio.toFixed(2)}x (${outboxRatio <= 1.3 ? 'within' : 'OVER'} the 1.3x target)`,
    ].join('\n');
  } finally {
    process.stdout.write = write;
    await receiver.close();
    await ownDb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
