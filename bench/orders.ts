/**
 * Fee orders through the local HTTP server on DynamoDB Local, against the bare writes they
 * cost, measured in the same run at concurrency 1 and 16. The server runs in this
 * process; the load generator (orders-client.ts) in a process of its own, which sends
 * both the HTTP requests and the bare writes, so each is measured from outside the
 * server as a client would see it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoDbLocal, freePort } from '../local/dynamodb-local';
import { startLocal } from '../local/server';
import { runChild } from './child';
import { ms, percentile, pooledStats, ratio, table, type Stats } from './lib';
import type { OrderPath, OrdersInput, OrdersOutput } from './orders-client';

const ROUNDS = 4;

/** Each row: what it measures and which bare write it is a ratio of. */
const ROWS: { path: OrderPath; label: string; baseline: OrderPath }[] = [
  { path: 'bare PutItem', label: 'bare conditional PutItem', baseline: 'bare PutItem' },
  { path: 'order', label: 'POST /api/orders (HTTP)', baseline: 'bare PutItem' },
  { path: 'bare TransactWriteItems', label: 'bare TransactWriteItems (IDEM record + order)', baseline: 'bare TransactWriteItems' },
  { path: 'order with key', label: 'POST /api/orders with Idempotency-Key (HTTP)', baseline: 'bare TransactWriteItems' },
  { path: 'refused before writing', label: '  (for reading: refused before any write, 400)', baseline: 'bare PutItem' },
];

export async function benchOrders(options: { total?: number } = {}): Promise<string> {
  const total = options.total ?? 600;
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  const tableName = `bench-${Date.now()}`;
  const server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName, dynamodbEndpoint: endpoint, webDir: dataDir, sweepIntervalMs: 0 });
  try {
    const input: OrdersInput = { url: server.url, endpoint, tableName, total, rounds: ROUNDS, concurrencies: [1, 16] };
    const measured = await runChild<OrdersInput, OrdersOutput>(new URL('./orders-client.ts', import.meta.url), input);
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
    const rows = measured.flatMap(({ concurrency, paths }) => {
      const stats = Object.fromEntries(Object.entries(paths).map(([p, pooled]) => [p, pooledStats(pooled)])) as Record<OrderPath, Stats>;
      return ROWS.map(({ path: p, label, baseline }) => {
        const s = stats[p];
        const base = stats[baseline];
        const { db, app } = paths[p];
        return {
          concurrency, path: label, n: s.n, p50: ms(s.p50), p99: ms(s.p99), 'per s': s.perSecond.toFixed(0), 'p50 ratio': ratio(s.p50, base.p50), 'p99 ratio': ratio(s.p99, base.p99),
          'server db / app p50': db.length ? `${median(db).toFixed(2)} / ${median(app).toFixed(2)} ms` : '',
        };
      });
    });
    return [
      `Fee orders vs the bare write each costs (DynamoDB Local; server in this process, load generator in its own; ${ROUNDS} interleaved rounds; target: p50 ratio ≤ 1.5x)`,
      'Ratios: an order against the bare PutItem, an order with a key against the bare transaction. Server db / app: medians of the answers\' Server-Timing.',
      table(rows),
    ].join('\n');
  } finally {
    await server.close();
    await ownDb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
