/**
 * Everything on one machine: DynamoDB Local (unless DYNAMODB_ENDPOINT names one), the
 * table and demo data, the very same Hono apps the Lambdas export, and the static site.
 */
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { ensureTable } from './table';
import { seedIfEmpty } from './seed';

export interface LocalOptions {
  port: number;
  host: string;
  dataDir: string;
  tableName: string;
  /** An already running DynamoDB-compatible endpoint; otherwise DynamoDB Local is started. */
  dynamodbEndpoint?: string;
  /** The built site; served at /. */
  webDir: string;
  /** How often the expiry sweeper runs (the scheduled Lambda's local stand-in). Default 60 s; 0 turns it off. */
  sweepIntervalMs?: number;
  log?: (line: string) => void;
}

export interface LocalServer {
  url: string;
  dynamodbEndpoint: string;
  seeded: boolean;
  close(): Promise<void>;
}

export async function startLocal(options: LocalOptions): Promise<LocalServer> {
  const say = options.log ?? (() => {});
  let database: DynamoDbLocal | undefined;
  let endpoint = options.dynamodbEndpoint;
  if (!endpoint) {
    database = await startDynamoDbLocal({ dataDir: path.join(options.dataDir, 'dynamodb') });
    endpoint = database.endpoint;
    say(`DynamoDB Local on ${endpoint} (data in ${path.join(options.dataDir, 'dynamodb')})`);
  }
  let server: ServerType | undefined;
  try {
    // The apps read their configuration from the environment, exactly as on Lambda.
    process.env.DYNAMODB_ENDPOINT = endpoint;
    process.env.TABLE_NAME = options.tableName;
    const { createDeps } = await import('../functions/lib/deps');
    const { app: publicApp } = await import('../functions/public/app');
    const { app: webhooksApp } = await import('../functions/webhooks/app');
    const { app: staffApp } = await import('../functions/staff/app');
    const { sweepExpired } = await import('../functions/lib/sweeper');

    const { dynamoClient } = await import('../functions/lib/dynamo-store');
    const { databaseConfig } = await import('../functions/lib/config');
    const created = await ensureTable(dynamoClient(databaseConfig()), options.tableName);
    if (created === 'created') say(`Created table ${options.tableName}`);
    const deps = createDeps();
    const seeded = await seedIfEmpty(deps.store);
    if (seeded) say('Seeded demo data (agencies, procedures)');

    const root = new Hono();
    root.route('/', publicApp);
    root.route('/', webhooksApp);
    root.route('/', staffApp);
    (await import('./dev-routes')).mountDevRoutes(root); // development tools (pay page's simulated bank payment); mounts nothing when NODE_ENV=production
    root.use(
      '/*',
      serveStatic({ root: path.relative(process.cwd(), options.webDir) || '.' }),
    );
    root.notFound((c) => c.text('Not found', 404));

    const url = await new Promise<string>((resolve, reject) => {
      server = serve({ fetch: root.fetch, port: options.port, hostname: options.host }, (info) => {
        resolve(`http://${options.host}:${info.port}`);
      });
      server.once('error', reject);
    });
    const interval = options.sweepIntervalMs ?? 60_000;
    let sweeping = false;
    const sweeper =
      interval > 0
        ? setInterval(() => {
            if (sweeping) return;
            sweeping = true;
            sweepExpired(deps)
              .then((r) => r.expired && say(`Sweeper: expired ${r.expired} unpaid order(s)`))
              .catch((err: unknown) => say(`Sweeper failed: ${err instanceof Error ? err.message : String(err)}`))
              .finally(() => (sweeping = false));
          }, interval)
        : undefined;
    sweeper?.unref();

    return {
      url,
      dynamodbEndpoint: endpoint,
      seeded,
      close: async () => {
        if (sweeper) clearInterval(sweeper);
        await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
        await database?.stop();
      },
    };
  } catch (err) {
    server?.close();
    await database?.stop();
    throw err;
  }
}
