/**
 * `npm start`: the whole product on this machine. Ctrl-C or SIGTERM stops the server and
 * DynamoDB Local, leaving no process behind.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildWeb } from '../scripts/build-web';
import { DEV_SECRETS } from '../functions/lib/platform/config';
import { DEFAULT_TABLE_NAME } from '../functions/lib/storage/table';
import { JavaMissingError } from './dynamodb-local';
import { startLocal } from './server';
import { demoLogins } from './seed';

async function main(): Promise<void> {
  const env = process.env;
  const webDir = path.resolve('dist/web');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  await buildWeb(webDir, { production: false });
  say(`Built the web front into ${path.relative(process.cwd(), webDir)}`);

  const server = await startLocal({
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? '.data'),
    tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME,
    ...(env.DYNAMODB_ENDPOINT ? { dynamodbEndpoint: env.DYNAMODB_ENDPOINT } : {}),
    webDir,
    ...(env.SWEEP_INTERVAL_MS ? { sweepIntervalMs: Number(env.SWEEP_INTERVAL_MS) } : {}),
    // The nightly job's stand-in: each hour, store the summaries of the last closed days.
    nightlyIntervalMs: env.NIGHTLY_INTERVAL_MS ? Number(env.NIGHTLY_INTERVAL_MS) : 3_600_000,
    // The tax job's stand-in: every 30 minutes, the day's summaries to the tax authority (TAX_TRANSMISSION: manual by default).
    taxIntervalMs: env.TAX_INTERVAL_MS ? Number(env.TAX_INTERVAL_MS) : 1_800_000,
    // Catch-up's stand-in: every 10 minutes, as the schedule on AWS (only providers with an API credential).
    catchUpIntervalMs: env.CATCHUP_INTERVAL_MS ? Number(env.CATCHUP_INTERVAL_MS) : 600_000,
    eventsIntervalMs: env.EVENTS_INTERVAL_MS ? Number(env.EVENTS_INTERVAL_MS) : 2_000,
    log: say,
    env,
  });

  // Where the running instance is, for `npm run pay` (removed on a clean stop).
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true }); // with DYNAMODB_ENDPOINT nothing else creates it
  const runtimeFile = path.join(dataDir, 'local.json');
  writeFileSync(runtimeFile, JSON.stringify({ url: server.url, dynamodbEndpoint: server.dynamodbEndpoint, tableName: env.TABLE_NAME || DEFAULT_TABLE_NAME, pid: process.pid }, null, 2));

  say('');
  say(`motcua-pay is running at ${server.url}`);
  say(`  API health: ${server.url}/api/health`);
  say(`  API docs:   ${server.url}/api/docs (OpenAPI: ${server.url}/api/openapi.json)`);
  for (const line of demoLogins()) say(`  ${line}`);
  say(`  Demo password (SEED_PASSWORD): ${env.SEED_PASSWORD ? '(from the environment)' : DEV_SECRETS.SEED_PASSWORD}`);
  say('Press Ctrl-C to stop.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    rmSync(runtimeFile, { force: true });
    await server.close();
    say('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof JavaMissingError) {
    process.stderr.write(`\n${err.message}\n`);
  } else {
    process.stderr.write(`\nCould not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
