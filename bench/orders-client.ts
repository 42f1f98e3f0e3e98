/**
 * The load generator of `npm run bench -- orders`, run in a process of its own (child.ts):
 * fee orders over keep-alive HTTP and the bare writes they cost, from the same process,
 * against the same table. Every path prepares its items untimed, so a bare write times
 * the write alone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { AGENCIES, PROCEDURES } from '../shared/catalogue';
import { DEFAULT_PAYMENT_CODE_PREFIX } from '../functions/lib/platform/config';
import { draftOrder, type FeeOrder } from '../shared/order';
import { newReference } from '../shared/reference';
import { dynamoClient } from '../functions/lib/storage/dynamo';
import { keyedOrderTransaction, newOrderPut } from '../functions/lib/storage/orders-table';
import { serveAsChild } from './child';
import { measure, post, type Answer } from './lib';

export interface OrdersInput {
  url: string;
  endpoint: string;
  tableName: string;
  total: number;
  rounds: number;
  concurrencies: number[];
  /** Only these paths (to profile one); default all. */
  only?: OrderPath[];
}

export const ORDER_PATHS = ['bare PutItem', 'order', 'bare TransactWriteItems', 'order with key', 'refused before writing'] as const;
export type OrderPath = (typeof ORDER_PATHS)[number];

/**
 * Latencies (ms) by concurrency and path, how long each path's rounds took together, and
 * for HTTP paths the server's own Server-Timing of each request (db, app).
 */
export type OrdersOutput = { concurrency: number; paths: Record<OrderPath, { latencies: number[]; elapsedMs: number; db: number[]; app: number[] }> }[];

async function run(input: OrdersInput): Promise<OrdersOutput> {
  const { url, tableName } = input;
  const client = dynamoClient({ tableName, endpoint: input.endpoint, region: 'ap-southeast-1' });
  const agency = AGENCIES.find((a) => a.level === 'commune')!;
  const procedure = PROCEDURES.find((p) => p.level === 'commune' && p.fee.kind === 'tiered')!;
  const payload = { procedureCode: procedure.code, agencyId: agency.id, quantity: 3, payer: { name: 'Nguyễn Văn An', phone: '0912345678' } };
  const body = JSON.stringify(payload);
  const refusedBody = JSON.stringify({ ...payload, agencyId: 'no-such-agency' });

  const drafted = (): FeeOrder => {
    const d = draftOrder({ input: payload, procedure, agency, reference: newReference(randomBytes), paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX, now: new Date() });
    if (!d.ok) throw new Error(d.refusal);
    return d.order;
  };
  // Where the server's Server-Timing of the path being measured goes.
  let timings: { db: number[]; app: number[] } | undefined;
  const expect = (status: number) => (res: Answer) => {
    if (res.status !== status) throw new Error(`expected ${status}, answered ${res.status} ${res.body}`);
    if (timings && res.timing) {
      timings.db.push(res.timing.db);
      timings.app.push(res.timing.app);
    }
  };

  // Each path makes its n tasks (items, keys) untimed, then only the tasks are timed.
  type Prepare = (n: number) => (i: number) => Promise<void>;
  const paths: Record<OrderPath, Prepare> = {
    // The same item, the same condition, the same SDK settings: no HTTP, no app.
    'bare PutItem': (n) => {
      const writes = Array.from({ length: n }, () => new PutItemCommand(newOrderPut(tableName, drafted())));
      return async (i) => void (await client.send(writes[i]!));
    },
    order: () => async () => expect(201)(await post(`${url}/api/orders`, body)),
    // What an order with an Idempotency-Key writes: the key's record and the order, one transaction.
    'bare TransactWriteItems': (n) => {
      const now = new Date();
      const writes = Array.from(
        { length: n },
        () =>
          new TransactWriteItemsCommand(
            keyedOrderTransaction(tableName, drafted(), { key: randomBytes(32).toString('hex'), requestHash: randomBytes(32).toString('hex'), expiresAt: new Date(now.getTime() + 86_400_000) }, now),
          ),
      );
      return async (i) => void (await client.send(writes[i]!));
    },
    'order with key': (n) => {
      const keys = Array.from({ length: n }, () => randomUUID());
      return async (i) => expect(201)(await post(`${url}/api/orders`, body, { 'idempotency-key': keys[i]! }));
    },
    // HTTP, body, validation and the catalogue, and no database: the agency does not exist.
    'refused before writing': () => async () => expect(400)(await post(`${url}/api/orders`, refusedBody)),
  };

  // Warm every path (JIT, connections, the server's catalogue cache).
  const measured = ORDER_PATHS.filter((p) => !input.only || input.only.includes(p));
  for (const path of measured) await measure(100, 8, paths[path](100));

  // Interleaved rounds, the order of the paths rotating each round, so that all see the
  // same machine (a shared 2-core box drifts over a minute); latencies are pooled.
  const output: OrdersOutput = [];
  const perRound = Math.ceil(input.total / input.rounds);
  for (const concurrency of input.concurrencies) {
    const pooled = Object.fromEntries(ORDER_PATHS.map((p) => [p, { latencies: [] as number[], elapsedMs: 0, db: [] as number[], app: [] as number[] }])) as OrdersOutput[number]['paths'];
    for (let round = 0; round < input.rounds; round++) {
      for (let k = 0; k < measured.length; k++) {
        const path = measured[(round + k) % measured.length]!;
        const task = paths[path](perRound);
        timings = pooled[path];
        const stats = await measure(perRound, concurrency, task, pooled[path].latencies);
        timings = undefined;
        pooled[path].elapsedMs += (perRound / stats.perSecond) * 1000;
      }
    }
    output.push({ concurrency, paths: pooled });
  }
  return output;
}

serveAsChild(run);
