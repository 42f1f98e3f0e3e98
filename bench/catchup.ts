/**
 * `npm run bench -- catchup`: settling 5,000 transfers found by a catch-up against 5,000
 * arriving as webhooks, in the same run, on DynamoDB Local (issue 16, target: within 1.5x
 * per transfer). The webhooks are SePay notifications POSTed to the local server at
 * concurrency 16; the catch-up reads SePay's transaction list from a local stand-in of
 * the pull API (one page of 5,000, as SePay's `limit` allows) and settles each record
 * through the same settleTransfer, 8 at a time, as the scheduled run does. Each side pays
 * its own orders, placed beforehand; two interleaved rounds of half the transfers each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { catchUpDeps } from '../functions/composition/catch-up';
import { publicDeps } from '../functions/composition/public';
import { composeRoot, configFromEnv } from '../functions/composition/root';
import { placeOrder } from '../functions/lib/orders/place-order';
import { runCatchUp } from '../functions/lib/payments/catch-up/catch-up';
import { DEV_SECRETS } from '../functions/lib/platform/config';
import { signedNotification, type SampleTransfer } from '../functions/webhooks/providers';
import { startDynamoDbLocal, freePort } from '../local/dynamodb-local';
import { ensureTable } from '../local/table';
import { startLocal, type LocalServer } from '../local/server';
import { AGENCIES, PROCEDURES, handles, isPayableHere } from '../shared/catalogue';
import type { FeeOrder } from '../shared/order';
import { sepayRecordFor, startSepayStandIn, type StandIn } from '../local/pull-stand-ins';
import { ratio, table } from './lib';
import { post } from './lib';

const TOKEN = 'bench-sepay-api-token-0123456789';
const ROUNDS = 2;

async function pool<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

export async function benchCatchUp(options: { total?: number } = {}): Promise<string> {
  const total = options.total ?? 5000;
  const perRound = Math.ceil(total / ROUNDS);
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-bench-'));
  const tableName = `bench-catchup-${Date.now()}`;
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && chunk.startsWith('{"level":') ? true : write(chunk, ...rest)) as typeof process.stdout.write;
  let server: LocalServer | undefined;
  let api: StandIn | undefined;
  try {
    api = await startSepayStandIn(TOKEN);
    const env = { TABLE_NAME: tableName, DYNAMODB_ENDPOINT: endpoint, AWS_REGION: 'ap-southeast-1', SEPAY_API_URL: api.url, SEPAY_API_TOKEN: TOKEN, SEPAY_API_KEY: DEV_SECRETS.SEPAY_API_KEY };
    server = await startLocal({ port: await freePort(), host: '127.0.0.1', dataDir, tableName, dynamodbEndpoint: endpoint, webDir: dataDir, sweepIntervalMs: 0, env: { ...process.env, ...env } });
    const root = composeRoot(configFromEnv(env));
    await ensureTable(root.client, tableName);
    const deps = publicDeps(root);
    const agency = AGENCIES.find((a) => a.level === 'commune' && !a.historical)!;
    const procedure = PROCEDURES.find((p) => isPayableHere(p) && handles(agency, p) && p.fee.kind !== 'free')!;
    const quantity = procedure.fee.kind === 'flat' ? 1 : 2;
    const orders: FeeOrder[] = [];
    await pool(Array.from({ length: 2 * total }), 16, async () => {
      orders.push((await placeOrder(deps, { input: { procedureCode: procedure.code, agencyId: agency.id, quantity }, raw: {} })).order);
    });
    let id = 0;
    const sampleOf = (o: FeeOrder): SampleTransfer => ({ amount: o.amount, memo: `MBVCB.1234567890.${o.vietqr.memo}.CT tu 0011004123456`, accountNumber: o.vietqr.accountNumber, reference: `FT26BENCH${String(++id).padStart(8, '0')}`, at: new Date() });

    const timings = { webhooks: 0, catchUp: 0 };
    const counted = { webhooks: 0, catchUp: 0 };
    const catchUp = catchUpDeps(root);
    for (let round = 0; round < ROUNDS; round++) {
      const slice = orders.splice(0, 2 * perRound);
      const viaWebhook = slice.slice(0, perRound).map(sampleOf);
      const viaCatchUp = slice.slice(perRound).map(sampleOf);
      // SePay numbers its transactions in arrival order: ids that grow, as since_id expects.
      const first = api.records.length + 1;
      api.records.push(...viaCatchUp.map((s, i) => ({ ...sepayRecordFor(s), id: first + i })));

      let t0 = performance.now();
      await pool(viaWebhook, 16, async (s) => {
        const { body, headers } = signedNotification('sepay', s, DEV_SECRETS.SEPAY_API_KEY, new Date());
        const res = await post(`${server!.url}/api/webhooks/sepay`, body, headers);
        if (res.status !== 200 || !res.body.includes('settled')) throw new Error(`webhook: ${res.status} ${res.body}`);
        counted.webhooks++;
      });
      timings.webhooks += performance.now() - t0;

      t0 = performance.now();
      const result = await runCatchUp(catchUp);
      timings.catchUp += performance.now() - t0;
      if (result.settled !== viaCatchUp.length) throw new Error(`catch-up settled ${result.settled} of ${viaCatchUp.length}: ${JSON.stringify(result.sources)}`);
      counted.catchUp += result.settled;
    }
    const per = (k: keyof typeof timings) => timings[k] / counted[k];
    return [
      `Settling ${counted.catchUp} transfers found by catch-up vs ${counted.webhooks} arriving as SePay webhooks (DynamoDB Local; ${ROUNDS} interleaved rounds; target: catch-up within 1.5x per transfer)`,
      table([
        { path: 'webhooks (HTTP, concurrency 16)', transfers: counted.webhooks, total: `${(timings.webhooks / 1000).toFixed(2)} s`, 'per transfer': `${per('webhooks').toFixed(3)} ms`, ratio: '1.00x' },
        { path: 'catch-up (pull API, 8 at a time)', transfers: counted.catchUp, total: `${(timings.catchUp / 1000).toFixed(2)} s`, 'per transfer': `${per('catchUp').toFixed(3)} ms`, ratio: ratio(per('catchUp'), per('webhooks')) },
      ]),
    ].join('\n');
  } finally {
    process.stdout.write = write;
    await server?.close();
    await api?.close();
    await ownDb?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
