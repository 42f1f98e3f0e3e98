/**
 * `npm run pay` as someone trying the product runs it: a real `npm start` process on
 * the run's DynamoDB Local, real orders, and the script's signed notifications going
 * through verification, matching and settlement of each provider.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { PROVIDERS } from '../../shared/transfer';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

const tsxCli = path.resolve('node_modules/tsx/dist/cli.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-pay-'));
const emptyDataDir = mkdtempSync(path.join(tmpdir(), 'motcua-pay-none-'));

// What the server and the script share: the same (development) secrets, no API_URL; and
// one agency whose SePay webhook signs with HMAC (every other one uses the API key).
const HMAC_AGENCY = agencyOfLevel('commune', 1);
const baseEnv: NodeJS.ProcessEnv = { ...process.env };
for (const name of ['API_URL', 'PAYOS_CHECKSUM_KEY', 'SEPAY_API_KEY', 'SEPAY_WEBHOOK_SECRET', 'SEPAY_WEBHOOK_AUTH', 'SEPAY_WEBHOOK_AGENCIES', 'PAYMENT_CODE_PREFIX', 'CASSO_SECRET', 'NODE_ENV']) delete baseEnv[name];
baseEnv.SEPAY_WEBHOOK_AGENCIES = JSON.stringify({ [HMAC_AGENCY.id]: { auth: 'hmac', secret: 'pay-test-sepay-hmac-secret-0123456789' } });

let server: ChildProcess | undefined;
let serverOutput = '';
let url = '';

beforeAll(async () => {
  const port = await freePort();
  server = spawn(process.execPath, [tsxCli, 'local/start.ts'], {
    env: {
      ...baseEnv,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_NAME: `pay-${randomUUID().slice(0, 8)}`,
      SWEEP_INTERVAL_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (serverOutput += d));
  server.stderr!.on('data', (d) => (serverOutput += d));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`start timed out:\n${serverOutput}`)), 60_000);
    server!.stdout!.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(serverOutput);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${serverOutput}`));
    });
  });
}, 90_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    // A clean stop removes the file `npm run pay` looks for.
    expect(existsSync(path.join(dataDir, 'local.json'))).toBe(false);
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(emptyDataDir, { recursive: true, force: true });
}, 30_000);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runPay(args: string[], env: NodeJS.ProcessEnv = { DATA_DIR: dataDir }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, 'scripts/pay.ts', ...args], { env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

interface CreatedOrder {
  id: string;
  reference: string;
  accessToken: string;
  amount: number;
  vietqr: { memo: string };
}

async function createOrder(agencyId = agencyOfLevel('commune').id): Promise<CreatedOrder> {
  const res = await fetch(`${url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId, quantity: 3 }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as CreatedOrder;
}

async function orderNow(order: CreatedOrder): Promise<{ status: string; paidAmount: number; refundDue?: number }> {
  const res = await fetch(`${url}/api/orders/${order.id}`, { headers: { 'X-Order-Token': order.accessToken } });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; paidAmount: number };
}

/** "AB3K7MX2" → "ab3k-7mx2": how someone copying it from a screen might type it. */
const typedLoosely = (reference: string) => `${reference.slice(0, 4)}-${reference.slice(4)}`.toLowerCase();

describe('npm run pay', () => {
  it('pays an order in full through each provider', async () => {
    const orders = await Promise.all(PROVIDERS.map(() => createOrder()));
    const runs = await Promise.all(
      PROVIDERS.map((provider, i) => {
        const order = orders[i]!;
        // One reference typed loosely, one with spaces; the amount given explicitly, as 50.000 style once.
        const ref = i === 0 ? typedLoosely(order.reference) : i === 1 ? ` ${order.reference.slice(0, 3)} ${order.reference.slice(3)} ` : order.id;
        const amount = i === 1 ? order.amount.toLocaleString('vi-VN') : String(order.amount);
        return runPay([ref, amount, '--provider', provider]);
      }),
    );
    for (const [i, provider] of PROVIDERS.entries()) {
      const run = runs[i]!;
      const order = orders[i]!;
      expect(run.code, `${provider}\n${run.stdout}\n${run.stderr}\n${serverOutput}`).toBe(0);
      expect(run.stdout).toContain(`provider  ${provider}`);
      // The memo the QR pre-filled: the payment-code prefix (development default MCP) + the reference.
      expect(order.vietqr.memo).toBe(`MCP${order.reference}`);
      expect(run.stdout).toMatch(new RegExp(`memo\\s+MBVCB\\.\\d{7}\\.${order.vietqr.memo}\\.CT tu \\d+ [A-Z ]+ toi \\d+`));
      expect(run.stdout).toMatch(/Answer: 200 /);
      expect(run.stdout).toMatch(/"result":"settled"/);
      expect(run.stdout).toMatch(new RegExp(`Order ${order.reference} now: PAID`));
      const after = await orderNow(order);
      expect(after.status, provider).toBe('PAID');
      expect(after.paidAmount).toBe(order.amount);
    }
  }, 120_000);

  it('tops up an underpaid order with what is still due, and each run is a new transfer', async () => {
    const order = await createOrder();
    const part = Math.floor(order.amount / 3);
    const first = await runPay([order.reference, String(part), '-p', 'sepay']);
    expect(first.code, first.stderr).toBe(0);
    expect(await orderNow(order)).toMatchObject({ status: 'UNDERPAID', paidAmount: part });

    // No amount: what is still due, through another provider.
    const topUp = await runPay([order.reference.toLowerCase(), '--provider', 'casso']);
    expect(topUp.code, topUp.stderr).toBe(0);
    expect(topUp.stdout).toContain('(what is still due)');
    expect(await orderNow(order)).toMatchObject({ status: 'PAID', paidAmount: order.amount });

    // Nothing due: the full fee again, a deliberate duplicate payment, recorded as refund-due.
    const again = await runPay([order.reference]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('a duplicate payment');
    expect(again.stdout).toMatch(/"result":"settled"/);
    expect(again.stdout).toMatch(new RegExp(`Order ${order.reference} now: PAID`));
    expect(await orderNow(order)).toMatchObject({ status: 'PAID', paidAmount: 2 * order.amount });
  }, 120_000);

  it("signs SePay's notification the way the server expects for the order's agency, or as asked with --sepay-auth", async () => {
    const [hmacOrder, wrongMethod, keyOrder, forcedHmac] = await Promise.all([createOrder(HMAC_AGENCY.id), createOrder(HMAC_AGENCY.id), createOrder(), createOrder()]);
    const [byConfig, refused, byKey, refusedHmac] = await Promise.all([
      runPay([hmacOrder.reference, '-p', 'sepay']),
      runPay([wrongMethod.reference, '-p', 'sepay', '--sepay-auth', 'apikey']),
      runPay([keyOrder.reference, '--provider', 'sepay', '--sepay-auth', 'APIKEY']),
      runPay([forcedHmac.reference, '-p', 'sepay', '--sepay-auth', 'hmac']),
    ]);
    expect(byConfig.code, `${byConfig.stdout}\n${byConfig.stderr}\n${serverOutput}`).toBe(0);
    expect(byConfig.stdout).toContain('auth      hmac (X-SePay-Signature, X-SePay-Timestamp)');
    expect(byConfig.stdout).toMatch(/"result":"settled"/);
    expect(await orderNow(hmacOrder)).toMatchObject({ status: 'PAID', paidAmount: hmacOrder.amount });

    // The agency's webhook signs with HMAC: an API key is refused, and nothing is paid.
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain('auth      apikey (Authorization: Apikey)');
    expect(refused.stdout).toMatch(/Answer: 401 /);
    expect(refused.stderr).toContain('same SePay method');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(await orderNow(wrongMethod)).toMatchObject({ status: 'PENDING', paidAmount: 0 });

    expect(byKey.code, byKey.stderr).toBe(0);
    expect(await orderNow(keyOrder)).toMatchObject({ status: 'PAID' });
    // An agency on the API key refuses an HMAC signature (made with SEPAY_WEBHOOK_SECRET).
    expect(refusedHmac.code).not.toBe(0);
    expect(refusedHmac.stdout).toMatch(/Answer: 401 /);
    expect(await orderNow(forcedHmac)).toMatchObject({ status: 'PENDING', paidAmount: 0 });
  }, 120_000);

  it('refuses bad arguments with the usage text and a non-zero exit', async () => {
    const order = await createOrder();
    const cases: string[][] = [
      [],
      [order.reference, '--provider', 'momo'],
      [order.reference, '0'],
      [order.reference, '12.5'],
      [order.reference, 'abc'],
      [order.reference, '1000', 'extra'],
      ['--bogus'],
      [order.reference, '-p', 'sepay', '--sepay-auth', 'oauth'],
      [order.reference, '-p', 'casso', '--sepay-auth', 'hmac'],
    ];
    const runs = await Promise.all(cases.map((args) => runPay(args)));
    for (const [i, run] of runs.entries()) {
      expect(run.code, JSON.stringify(cases[i])).not.toBe(0);
      expect(run.stderr, JSON.stringify(cases[i])).toContain('Usage: npm run pay');
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    const help = await runPay(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run pay');

    expect(await orderNow(order)).toMatchObject({ status: 'PENDING', paidAmount: 0 });
  }, 60_000);

  it('says plainly when the reference is not one, the order does not exist, or no server runs', async () => {
    const order = await createOrder();
    // A typo in one character: the check character catches it.
    const typo = order.reference.slice(0, 7) + (order.reference[7] === '2' ? '3' : '2');
    const [bad, missing, stopped] = await Promise.all([
      runPay([typo]),
      runPay(['22222222']),
      runPay([order.reference], { DATA_DIR: emptyDataDir }),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('is not an order reference');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('No order 22222222');
    expect(stopped.code).not.toBe(0);
    expect(stopped.stderr).toContain('start it with npm start');
    for (const run of [bad, missing, stopped]) expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(await orderNow(order)).toMatchObject({ status: 'PENDING', paidAmount: 0 });
  }, 60_000);
});
