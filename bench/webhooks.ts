/**
 * Payment notifications through the local HTTP server on DynamoDB Local, against the bare
 * TransactWriteItems a settlement costs (transfer Put with attribute_not_exists + order
 * Update conditional on the order being as assumed, built by the same functions, same
 * items, same SDK client settings), in the same run, at
 * concurrency 16. Every notification is a genuine signed payment for its own pre-created
 * order, so each one settles (no duplicates, no contention on an order).
 *
 * The server runs in this process (startLocal, as bench/orders.ts does), not as a child:
 * the suites then compare like with like, and it skips the web build of `npm start`. The
 * cost is that the HTTP client and the server share one event loop, which makes the HTTP
 * figures somewhat pessimistic, never flattering.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
import { startDynamoDbLocal, freePort } from '../local/dynamodb-local';
import { startLocal, type LocalServer } from '../local/server';
import { measure, ms, pooledStats, post, ratio, table, type Stats } from './lib';

const WARMUP = 100;
const ROUNDS = 4;

export async function benchWebhooks(options: { total?: number; concurrency?: number } = {}): Promise<string> {
  const total = options.total ?? 600;
  const concurrency = options.concurrency ?? 16;
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  const tableName = `bench-webhooks-${Date.now()}`;
  // The webhooks app logs one JSON line per notification to stdout, as on Lambda. The line
  // is still built (that cost is real) but not printed, so the table stays readable.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && chunk.startsWith('{"level":') ? true : write(chunk, ...rest)) as typeof process.stdout.write;
  let server: LocalServer | undefined;
  try {
    server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName, dynamodbEndpoint: endpoint, webDir: dataDir, sweepIntervalMs: 0 });
    const url = server.url;
    // The secrets the server's webhooks app reads (environment, else the dev defaults).
    const secrets: Record<Provider, string> = { payos: secret('PAYOS_CHECKSUM_KEY'), sepay: secret('SEPAY_API_KEY'), casso: secret('CASSO_SECRET') };
    const client = dynamoClient({ tableName, endpoint, region: 'ap-southeast-1' });
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

    const bare: Prepare = async (n) => {
      const writes = await prepared(n);
      return async (i) => {
        await client.send(writes[i]!.assumedWrite);
      };
    };

    // For reading the table only: the way an order that is not as assumed is settled (a
    // consistent read of the order, then the write conditional on its version), with no
    // HTTP and no app around it.
    const readThenWrite: Prepare = async (n) => {
      const writes = await prepared(n);
      return async (i) => {
        await client.send(new GetItemCommand({ TableName: tableName, Key: keyItem(orderKey(writes[i]!.order.id)), ConsistentRead: true }));
        await client.send(writes[i]!.versionedWrite);
      };
    };

    // The notifications: genuine, signed as each provider signs (Casso's timestamp is good
    // for 5 minutes, far longer than one round), one per order.
    let settled = 0;
    const notifications =
      (providers: readonly Provider[]): Prepare =>
      async (n) => {
        const requests = (await createOrders(n)).map((order, i) => {
          const provider = providers[i % providers.length]!;
          return { provider, ...signedNotification(provider, sampleFor(order), secrets[provider], new Date()) };
        });
        return async (i) => {
          const { provider, body, headers } = requests[i]!;
          const res = await post(`${url}/api/webhooks/${provider}`, body, headers);
          const answer = JSON.parse(res.body) as { result?: string };
          if (res.status !== 200 || answer.result !== 'settled') throw new Error(`${provider} notification answered ${res.status} ${JSON.stringify(answer)}`);
          settled++;
        };
      };

    const versionedOnly: Prepare = async (n) => {
      const writes = await prepared(n);
      return async (i) => {
        await client.send(writes[i]!.versionedWrite);
      };
    };

    const paths = [
      { label: 'bare TransactWriteItems (transfer Put + order Update)', prepare: bare },
      { label: '  (for reading: the same with the order Put whole, versioned)', prepare: versionedOnly },
      { label: '  (for reading: order GetItem + that versioned write, the fallback)', prepare: readThenWrite },
      { label: 'POST /api/webhooks/payos (HTTP)', prepare: notifications(['payos']) },
      { label: 'POST /api/webhooks/* mixed payOS/SePay/Casso', prepare: notifications(PROVIDERS) },
    ];

    // Warm every path (JIT, connections, the catalogue cache).
    for (const p of paths) await measure(WARMUP, 8, await p.prepare(WARMUP));

    // Interleaved rounds, the order rotating each round, so that every path sees the same
    // machine (a shared 2-core box drifts a lot over a minute); latencies are pooled.
    const pooled = paths.map(() => ({ latencies: [] as number[], elapsedMs: 0 }));
    const perRound = Math.ceil(total / ROUNDS);
    for (let round = 0; round < ROUNDS; round++) {
      for (let k = 0; k < paths.length; k++) {
        const index = (round + k) % paths.length;
        const task = await paths[index]!.prepare(perRound);
        const stats = await measure(perRound, concurrency, task, pooled[index]!.latencies);
        pooled[index]!.elapsedMs += (perRound / stats.perSecond) * 1000;
      }
    }
    const expectedSettled = 2 * WARMUP + 2 * ROUNDS * perRound;
    if (settled !== expectedSettled) throw new Error(`${settled} notifications settled, ${expectedSettled} sent`);

    const [base, ...others] = pooled.map(pooledStats) as [Stats, ...Stats[]];

    const row = (label: string, s: Stats) => ({
      concurrency, path: label, n: s.n, p50: ms(s.p50), p99: ms(s.p99), 'per s': s.perSecond.toFixed(0),
      'p50 ratio': ratio(s.p50, base.p50), 'p99 ratio': ratio(s.p99, base.p99),
    });
    return [
      `Payment notifications vs the bare TransactWriteItems a settlement costs (DynamoDB Local; server in-process; ${ROUNDS} interleaved rounds; target: p50 ratio ≤ 1.5x)`,
      table([row(paths[0]!.label, base), ...others.map((s, i) => row(paths[i + 1]!.label, s))]),
    ].join('\n');
  } finally {
    process.stdout.write = write;
    await server?.close();
    await ownDb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
