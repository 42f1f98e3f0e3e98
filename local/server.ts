/**
 * Everything on one machine: DynamoDB Local (unless DYNAMODB_ENDPOINT names one), the
 * table and demo data, the very same Hono apps the Lambdas export, and the static site,
 * with the security headers CloudFront adds in production and the API's JSON 404.
 */
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { accountStorage, staffDeps } from '../functions/composition/staff';
import { composeRoot, type Config } from '../functions/composition/root';
import { nightlyDeps, sweeperDeps, taxJobDeps } from '../functions/composition/jobs';
import { runTaxJob } from '../functions/lib/receipts/summary-transmission';
import { catchUpDeps } from '../functions/composition/catch-up';
import { runCatchUp } from '../functions/lib/payments/catch-up/catch-up';
import { publicDeps } from '../functions/composition/public';
import { webhookDeps } from '../functions/composition/webhooks';
import { deliveryDeps, integrationDeps } from '../functions/composition/integrations';
import { createIntegrationApp } from '../functions/integration/app';
import { deliverPending } from '../functions/lib/integrations/delivery';
import { sweepExpired } from '../functions/lib/orders/sweeper';
import { databaseConfig, paymentCodePrefix } from '../functions/lib/platform/config';
import { notFound, onError } from '../functions/lib/platform/errors';
import { lazy } from '../functions/lib/platform/lazy';
import { closeDays } from '../functions/lib/reports/day-summaries';
import { createPublicApp } from '../functions/public/app';
import { createStaffApp } from '../functions/staff/app';
import { createWebhooksApp } from '../functions/webhooks/app';
import { securityHeaders } from '../infra/security-headers';
import { mountDevRoutes } from './dev-routes';
import { startDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local';
import { ensureTable } from './table';
import { seedIfEmpty } from './seed';
import { siteCacheHeaders, siteCompression, siteNotFound } from './static-site';
import { wholeBody } from './whole-body';

const SECURITY_HEADERS = Object.entries(securityHeaders({ https: false }));

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
  /**
   * How often the nightly job closes the last days' dashboard summaries (the scheduled
   * Lambda's local stand-in; a run only checks days already stored). Default 0: off, so
   * tests and benchmarks see no background work; `npm start` turns it on.
   */
  nightlyIntervalMs?: number;
  /** How often the tax job sends the day's summaries to the tax authority (the scheduled Lambda's stand-in). Default 0: off. */
  taxIntervalMs?: number;
  /**
   * How often catch-up asks the configured providers' pull APIs for missed transfers (the
   * scheduled run's local stand-in; nothing happens while no SEPAY_API_TOKEN or
   * CASSO_API_KEY is set). Default 0: off; `npm start` turns it on (10 minutes).
   */
  catchUpIntervalMs?: number;
  /**
   * How often outgoing events are delivered (the events Lambda's local stand-in: the
   * outbox swept, due retries sent). Default 0: off, as for the nightly job; `npm start`
   * turns it on (EVENTS_INTERVAL_MS, 2 s).
   */
  eventsIntervalMs?: number;
  log?: (line: string) => void;
  /**
   * Where the apps read their secrets (and NODE_ENV, AWS_REGION): read, never written.
   * Default: this process's environment, so development defaults apply unless it sets them.
   */
  env?: NodeJS.ProcessEnv;
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
    // The very apps the Lambdas serve, configured here rather than from the environment.
    const env = options.env ?? process.env;
    // Development receipts are signed by a test CA kept beside the data, so they still check after a restart.
    const secrets = env.RECEIPT_SIGNERS ? env : { ...env, RECEIPT_DEV_CA_FILE: env.RECEIPT_DEV_CA_FILE ?? path.join(options.dataDir, 'receipt-dev-ca.json') };
    const config: Config = { database: { ...databaseConfig(env), tableName: options.tableName, endpoint }, secrets, paymentCodePrefix: paymentCodePrefix(env) };
    const composed = composeRoot(config);
    const created = await ensureTable(composed.client, options.tableName);
    if (created === 'created') say(`Created table ${options.tableName}`);
    const seeded = await seedIfEmpty(composed.store, new Date(), { users: accountStorage(composed).users });
    if (seeded) say('Seeded demo data (agencies, procedures)');

    const root = new Hono();
    // What CloudFront adds to every answer in production (infra/security-headers.ts),
    // less what only means something over HTTPS: this server speaks plain HTTP.
    root.use('*', async (c, next) => {
      await next();
      for (const [name, value] of SECURITY_HEADERS) c.res.headers.set(name, value);
    });
    root.onError(onError);
    root.use('/api/*', wholeBody);
    const forPublic = lazy(() => publicDeps(composed));
    root.route('/', createPublicApp(forPublic));
    root.route('/', createWebhooksApp(lazy(() => webhookDeps(composed))));
    root.route('/', createStaffApp(lazy(() => staffDeps(composed))));
    root.route('/', createIntegrationApp(lazy(() => integrationDeps(composed))));
    mountDevRoutes(root, forPublic, env); // development tools (pay page's simulated bank payment); mounts nothing when NODE_ENV=production
    // An /api path no app answers gets the contract's JSON 404, as the functions answer;
    // the site is never looked up for one.
    root.all('/api', notFound);
    root.all('/api/*', notFound);
    // The site as CloudFront serves it: compressed, cached by kind, its own 404 page.
    root.use('/*', siteCompression, siteCacheHeaders);
    root.use(
      '/*',
      serveStatic({ root: path.relative(process.cwd(), options.webDir) || '.' }),
    );
    root.notFound(siteNotFound(options.webDir));

    const url = await new Promise<string>((resolve, reject) => {
      server = serve({ fetch: root.fetch, port: options.port, hostname: options.host }, (info) => {
        resolve(`http://${options.host}:${info.port}`);
      });
      server.once('error', reject);
    });
    let closing = false;
    /** A job every `interval` ms (never two runs at once); 0 means never. */
    const every = (interval: number, name: string, job: () => Promise<string | undefined>) => {
      if (interval <= 0) return undefined;
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        job()
          .then((line) => line && say(`${name}: ${line}`))
          .catch((err: unknown) => closing || say(`${name} failed: ${err instanceof Error ? err.message : String(err)}`))
          .finally(() => (running = false));
      }, interval);
      timer.unref();
      return timer;
    };
    const sweeper = sweeperDeps(composed);
    const nightly = nightlyDeps(composed);
    const tax = options.taxIntervalMs ? taxJobDeps(composed) : undefined;
    const catchUp = lazy(() => catchUpDeps(composed));
    const delivery = lazy(() => deliveryDeps(composed));
    const timers = [
      every(options.sweepIntervalMs ?? 60_000, 'Sweeper', async () => {
        const r = await sweepExpired(sweeper);
        return r.expired ? `expired ${r.expired} unpaid order(s)` : undefined;
      }),
      every(options.nightlyIntervalMs ?? 0, 'Nightly', async () => {
        const r = await closeDays(nightly);
        return r.computed ? `stored ${r.computed} day summary(ies), ${r.from} to ${r.to}` : undefined;
      }),
      every(options.taxIntervalMs ?? 0, 'Tax', async () => {
        const r = await runTaxJob(tax!, { onError: (agencyId, err) => say(`Tax: ${agencyId}: ${err instanceof Error ? err.message : String(err)}`) });
        return r.prepared || r.sent || r.accepted || r.rejected || r.failed ? `made ${r.prepared}, sent ${r.sent}, accepted ${r.accepted}, rejected ${r.rejected}, failed ${r.failed}; ${r.overdueDays} day(s) overdue` : undefined;
      }),
      every(options.catchUpIntervalMs ?? 0, 'Catch-up', async () => {
        const r = await runCatchUp(catchUp());
        const failed = Object.entries(r.sources).filter(([, o]) => o.status !== 'ok').map(([name, o]) => `${name}: ${o.reason ?? o.status}`);
        return r.found || failed.length ? `found ${r.found}, settled ${r.settled}, duplicates ${r.duplicates}${failed.length ? `; ${failed.join('; ')}` : ''}` : undefined;
      }),
      every(options.eventsIntervalMs ?? 0, 'Events', async () => {
        const r = await deliverPending(delivery());
        return r.attempted ? `${r.attempted} delivery attempt(s), ${r.delivered} delivered` : undefined;
      }),
    ];

    return {
      url,
      dynamodbEndpoint: endpoint,
      seeded,
      close: async () => {
        closing = true;
        for (const timer of timers) if (timer) clearInterval(timer);
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
