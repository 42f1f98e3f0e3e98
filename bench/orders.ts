/**
 * An order through the local HTTP server on DynamoDB Local, against the bare conditional
 * PutItem it costs, measured in the same run at concurrency 1 and 16.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AGENCIES, PROCEDURES } from '../shared/catalogue';
import { draftOrder } from '../shared/order';
import { DEFAULT_PAYMENT_CODE_PREFIX } from '../functions/lib/platform/config';
import { newReference } from '../shared/reference';
import { dynamoClient } from '../functions/lib/storage/dynamo';
import { orderItem } from '../functions/lib/storage/items';
import { startDynamoDbLocal, freePort } from '../local/dynamodb-local';
import { startLocal } from '../local/server';
import { measure, ms, pooledStats, post, ratio, table, type Stats } from './lib';

const ROUNDS = 4;

export async function benchOrders(options: { total?: number } = {}): Promise<string> {
  const total = options.total ?? 600;
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  const tableName = `bench-${Date.now()}`;
  const server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName, dynamodbEndpoint: endpoint, webDir: dataDir });
  try {
    const client = dynamoClient({ tableName, endpoint, region: 'ap-southeast-1' });
    const agency = AGENCIES.find((a) => a.level === 'commune')!;
    const procedure = PROCEDURES.find((p) => p.level === 'commune' && p.fee.kind === 'tiered')!;
    const body = JSON.stringify({ procedureCode: procedure.code, agencyId: agency.id, quantity: 3, payer: { name: 'Nguyễn Văn An', phone: '0912345678' } });

    // The bare write: the same item, the same condition, the same SDK client, no HTTP or app.
    const bareWrite = async () => {
      const drafted = draftOrder({ input: { procedureCode: procedure.code, agencyId: agency.id, quantity: 3 }, procedure, agency, reference: newReference(randomBytes), paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX, now: new Date() });
      if (!drafted.ok) throw new Error(drafted.refusal);
      await client.send(new PutItemCommand({ TableName: tableName, Item: orderItem(drafted.order), ConditionExpression: 'attribute_not_exists(PK)' }));
    };
    const order = async () => {
      const res = await post(`${server.url}/api/orders`, body);
      if (res.status !== 201) throw new Error(`order answered ${res.status}`);
    };

    // Warm both paths (JIT, connections, the catalogue cache).
    await measure(100, 8, bareWrite);
    await measure(100, 8, order);

    // Interleaved rounds, the order of the two paths swapping each round, so both see the
    // same machine (a shared 2-core box drifts over a minute); latencies are pooled.
    const rows: Record<string, string | number>[] = [];
    for (const concurrency of [1, 16]) {
      const pooled = [bareWrite, order].map(() => ({ latencies: [] as number[], elapsedMs: 0 }));
      const perRound = Math.ceil(total / ROUNDS);
      for (let round = 0; round < ROUNDS; round++) {
        for (const index of round % 2 ? [1, 0] : [0, 1]) {
          const stats = await measure(perRound, concurrency, [bareWrite, order][index]!, pooled[index]!.latencies);
          pooled[index]!.elapsedMs += (perRound / stats.perSecond) * 1000;
        }
      }
      const [base, ord] = pooled.map(pooledStats) as [Stats, Stats];
      rows.push(
        { concurrency, path: 'bare conditional PutItem', n: base.n, p50: ms(base.p50), p99: ms(base.p99), 'per s': base.perSecond.toFixed(0), 'p50 ratio': '1.00x', 'p99 ratio': '1.00x' },
        { concurrency, path: 'POST /api/orders (HTTP)', n: ord.n, p50: ms(ord.p50), p99: ms(ord.p99), 'per s': ord.perSecond.toFixed(0), 'p50 ratio': ratio(ord.p50, base.p50), 'p99 ratio': ratio(ord.p99, base.p99) },
      );
    }
    return `Fee orders vs the bare write they cost (DynamoDB Local; server in-process; ${ROUNDS} interleaved rounds; target: p50 ratio ≤ 1.5x)\n${table(rows)}`;
  } finally {
    await server.close();
    await ownDb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
