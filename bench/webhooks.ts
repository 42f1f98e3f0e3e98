/**
 * Payment notifications through the local HTTP server on DynamoDB Local, against the bare
 * TransactWriteItems a settlement costs (transfer Put with attribute_not_exists + order
 * Update conditional on the order being as assumed, built by the same functions, same
 * items, same SDK client settings), in the same run, at concurrency 1 and 16. The server runs
 * in this process; the load generator (webhooks-client.ts) in a process of its own, which
 * sends both the notifications and the bare writes, so each is measured from outside the
 * server as a provider would see it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDynamoDbLocal, freePort } from '../local/dynamodb-local';
import { startLocal, type LocalServer } from '../local/server';
import { runChild } from './child';
import { ms, percentile, pooledStats, ratio, table, type Stats } from './lib';
import { WEBHOOK_PATHS, type WebhookPath, type WebhooksInput, type WebhooksOutput } from './webhooks-client';

const WARMUP = 100;
const ROUNDS = 4;

export async function benchWebhooks(options: { total?: number; concurrencies?: number[] } = {}): Promise<string> {
  const total = options.total ?? 600;
  const concurrencies = options.concurrencies ?? [1, 16];
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  const tableName = `bench-webhooks-${Date.now()}`;
  // The webhooks app logs one JSON line per notification to stdout, as on Lambda. The line
  // is still built and written (that cost is real) but not shown, so the table stays readable.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && chunk.startsWith('{"level":') ? true : write(chunk, ...rest)) as typeof process.stdout.write;
  let server: LocalServer | undefined;
  try {
    server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName, dynamodbEndpoint: endpoint, webDir: dataDir, sweepIntervalMs: 0 });
    const input: WebhooksInput = { url: server.url, endpoint, tableName, total, rounds: ROUNDS, warmup: WARMUP, concurrencies };
    const measured = await runChild<WebhooksInput, WebhooksOutput>(new URL('./webhooks-client.ts', import.meta.url), input);
    const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
    const rows = measured.flatMap(({ concurrency, paths }) => {
      const stats = Object.fromEntries(WEBHOOK_PATHS.map((p) => [p, pooledStats(paths[p])])) as Record<WebhookPath, Stats>;
      const base = stats[WEBHOOK_PATHS[0]];
      return WEBHOOK_PATHS.map((p) => {
        const s = stats[p];
        const { db, app } = paths[p];
        return {
          concurrency, path: p, n: s.n, p50: ms(s.p50), p99: ms(s.p99), 'per s': s.perSecond.toFixed(0), 'p50 ratio': ratio(s.p50, base.p50), 'p99 ratio': ratio(s.p99, base.p99),
          'server db / app p50': db.length ? `${median(db).toFixed(2)} / ${median(app).toFixed(2)} ms` : '',
        };
      });
    });
    return [
      `Payment notifications vs the bare TransactWriteItems a settlement costs (DynamoDB Local; server in this process, load generator in its own; ${ROUNDS} interleaved rounds; target: p50 ratio ≤ 1.5x)`,
      table(rows),
    ].join('\n');
  } finally {
    process.stdout.write = write;
    await server?.close();
    await ownDb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
