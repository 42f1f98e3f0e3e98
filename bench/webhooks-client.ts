/**
 * The load generator of `npm run bench -- webhooks`, run in a process of its own
 * (child.ts): genuine signed payment notifications over keep-alive HTTP, and the bare
 * TransactWriteItems a settlement costs, from the same process, against the same table.
 * Every notification is a genuine signed payment for its own pre-created order, so each
 * one settles (no duplicates, no contention on an order).
 */
import { randomBytes } from 'node:crypto';
import { GetItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { AGENCIES, PROCEDURES } from '../shared/catalogue';
import { draftOrder, type FeeOrder } from '../shared/order';
import { advance } from '../shared/order-state';
import { newReference } from '../shared/reference';
import { PROVIDERS, transferKey, type Provider, type TransferRecord } from '../shared/transfer';
import { DEFAULT_PAYMENT_CODE_PREFIX, secret } from '../functions/lib/platform/config';
import { dynamoClient, keyItem } from '../functions/lib/storage/dynamo';
import { DynamoStore } from '../functions/lib/storage/dynamo-store';
import { versionedOrderPut } from '../functions/lib/storage/items';
import { orderKey } from '../functions/lib/storage/keys';
import { assumedOrderUpdate, settlementTransaction } from '../functions/lib/storage/transfers-table';
import { assumedExactPayment } from '../functions/lib/payments/settlement';
import { ADAPTERS, signedNotification, type SampleTransfer } from '../functions/webhooks/providers';
import { serveAsChild } from './child';
import { measure, post } from './lib';

export interface WebhooksInput {
  url: string;
  endpoint: string;
  tableName: string;
  total: number;
  rounds: number;
  warmup: number;
  concurrencies: number[];
}

export const WEBHOOK_PATHS = [
  'bare TransactWriteItems (transfer Put + order Update)',
  '  (for reading: the same with the order Put whole, versioned)',
  '  (for reading: order GetItem + that versioned write, the fallback)',
  'POST /api/webhooks/payos (HTTP)',
  'POST /api/webhooks/* mixed payOS/SePay/Casso',
] as const;
export type WebhookPath = (typeof WEBHOOK_PATHS)[number];

/** By concurrency and path: latencies (ms), how long its rounds took together, and the server's Server-Timing (db, app). */
export type WebhooksOutput = { concurrency: number; paths: Record<WebhookPath, { latencies: number[]; elapsedMs: number; db: number[]; app: number[] }> }[];

async function run(input: WebhooksInput): Promise<WebhooksOutput> {
  const { url, tableName } = input;
  // The secrets the server's webhooks app reads (environment, else the dev defaults).
  const secrets: Record<Provider, string> = { payos: secret('PAYOS_CHECKSUM_KEY'), sepay: secret('SEPAY_API_KEY'), casso: secret('CASSO_SECRET') };
  const client = dynamoClient({ tableName, endpoint: input.endpoint, region: 'ap-southeast-1' });
  const store = new DynamoStore(client, tableName);
  const agency = AGENCIES.find((a) => a.level === 'commune')!;
  const procedure = PROCEDURES.find((p) => p.level === 'commune' && p.fee.kind === 'tiered')!;

  /** `n` fresh PENDING orders, written straight to the store before any timing. */
  const createOrders = async (n: number): Promise<FeeOrder[]> => {
    const orders: FeeOrder[] = [];
    await measure(n, 16, async () => {
      const drafted = draftOrder({ input: { procedureCode: procedure.code, agencyId: agency.id, quantity: 3 }, procedure, agency, reference: newReference(randomBytes), paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX, now: new Date() });
      if (!drafted.ok) throw new Error(drafted.refusal);
      if ((await store.createOrder(drafted.order)).kind !== 'created') throw new Error('order not created');
      orders.push(drafted.order);
    });
    return orders;
  };
  let serial = 0;
  const sampleFor = (order: FeeOrder): SampleTransfer => ({
    amount: order.amount,
    memo: `MBVCB.3278519234.${order.reference}.CT tu 0071001234567 NGUYEN VAN AN toi ${order.vietqr.accountNumber} UBND XA tai Agribank`,
    accountNumber: order.vietqr.accountNumber,
    reference: `FT26${Date.now().toString(36).toUpperCase()}${String(serial++).padStart(6, '0')}`,
    at: new Date(),
  });

  // The bare write: exactly the transaction settlement sends for an exact payment of a
  // pending order (the transfer Put, new, and the order Update conditional on what the
  // settlement assumes), built by the same functions, with the items it would write (a
  // real signed payOS body as the raw body), prepared beforehand so only the write is timed.
  const prepared = async (n: number) =>
    (await createOrders(n)).map((order) => {
      const { body } = signedNotification('payos', sampleFor(order), secrets.payos, new Date());
      const parsed = ADAPTERS.payos.parse(JSON.parse(body));
      if (!parsed.ok) throw new Error('payOS sample does not parse');
      const key = transferKey(parsed.transfer);
      const moved = advance(order, { type: 'PAYMENT', amount: parsed.transfer.amount, at: parsed.transfer.occurredAt, transferKey: key });
      if (!moved.ok) throw new Error(moved.reason);
      const record: TransferRecord = {
        key, transfer: parsed.transfer, rawBody: body, receivedAt: new Date().toISOString(), status: 'MATCHED',
        agencyId: order.agencyId, orderId: order.id, outcome: moved.outcome, refundDue: moved.refund,
      };
      // The very assumption and update settlement builds for this payment.
      const guess = assumedExactPayment(order.id, order.agencyId, { type: 'PAYMENT', amount: parsed.transfer.amount, at: parsed.transfer.occurredAt, transferKey: key });
      if (!guess) throw new Error('an exact, timely payment must be settled in one write');
      const assumed = assumedOrderUpdate(tableName, guess.payment);
      const versioned = versionedOrderPut(tableName, moved.order, order.version);
      return {
        order,
        assumedWrite: new TransactWriteItemsCommand(settlementTransaction(tableName, record, assumed)),
        versionedWrite: new TransactWriteItemsCommand(settlementTransaction(tableName, record, versioned)),
      };
    });
  // Each path prepares its n tasks (orders, items, signed bodies) untimed, then is timed.
  type Prepare = (n: number) => Promise<(i: number) => Promise<void>>;

  // Where the server's Server-Timing of the path being measured goes.
  let timings: { db: number[]; app: number[] } | undefined;
  let settled = 0;
  const notifications =
    (providers: readonly Provider[]): Prepare =>
    async (n) => {
      // Genuine, signed as each provider signs (Casso's timestamp is good for 5 minutes,
      // far longer than one round), one per order.
      const requests = (await createOrders(n)).map((order, i) => {
        const provider = providers[i % providers.length]!;
        return { provider, ...signedNotification(provider, sampleFor(order), secrets[provider], new Date()) };
      });
      return async (i) => {
        const { provider, body, headers } = requests[i]!;
        const res = await post(`${url}/api/webhooks/${provider}`, body, headers);
        const answer = JSON.parse(res.body) as { result?: string };
        if (res.status !== 200 || answer.result !== 'settled') throw new Error(`${provider} notification answered ${res.status} ${JSON.stringify(answer)}`);
        if (timings && res.timing) {
          timings.db.push(res.timing.db);
          timings.app.push(res.timing.app);
        }
        settled++;
      };
    };

  const paths: Record<WebhookPath, Prepare> = {
    'bare TransactWriteItems (transfer Put + order Update)': async (n) => {
      const writes = await prepared(n);
      return async (i) => void (await client.send(writes[i]!.assumedWrite));
    },
    '  (for reading: the same with the order Put whole, versioned)': async (n) => {
      const writes = await prepared(n);
      return async (i) => void (await client.send(writes[i]!.versionedWrite));
    },
    // The way an order that is not as assumed is settled (a consistent read of the order,
    // then the write conditional on its version), with no HTTP and no app around it.
    '  (for reading: order GetItem + that versioned write, the fallback)': async (n) => {
      const writes = await prepared(n);
      return async (i) => {
        await client.send(new GetItemCommand({ TableName: tableName, Key: keyItem(orderKey(writes[i]!.order.id)), ConsistentRead: true }));
        await client.send(writes[i]!.versionedWrite);
      };
    },
    'POST /api/webhooks/payos (HTTP)': notifications(['payos']),
    'POST /api/webhooks/* mixed payOS/SePay/Casso': notifications(PROVIDERS),
  };

  // Warm every path (JIT, connections, the server's catalogue cache).
  for (const path of WEBHOOK_PATHS) await measure(input.warmup, 8, await paths[path](input.warmup));

  // Interleaved rounds, the order rotating each round, so that every path sees the same
  // machine (a shared 2-core box drifts a lot over a minute); latencies are pooled.
  const output: WebhooksOutput = [];
  const perRound = Math.ceil(input.total / input.rounds);
  for (const concurrency of input.concurrencies) {
    const pooled = Object.fromEntries(WEBHOOK_PATHS.map((p) => [p, { latencies: [] as number[], elapsedMs: 0, db: [] as number[], app: [] as number[] }])) as WebhooksOutput[number]['paths'];
    for (let round = 0; round < input.rounds; round++) {
      for (let k = 0; k < WEBHOOK_PATHS.length; k++) {
        const path = WEBHOOK_PATHS[(round + k) % WEBHOOK_PATHS.length]!;
        const task = await paths[path](perRound);
        timings = pooled[path];
        const stats = await measure(perRound, concurrency, task, pooled[path].latencies);
        timings = undefined;
        pooled[path].elapsedMs += (perRound / stats.perSecond) * 1000;
      }
    }
    output.push({ concurrency, paths: pooled });
  }
  const expectedSettled = 2 * input.warmup + 2 * input.rounds * perRound * input.concurrencies.length;
  if (settled !== expectedSettled) throw new Error(`${settled} notifications settled, ${expectedSettled} sent`);
  return output;
}

serveAsChild(run);
