/**
 * Payment notifications as the aggregators really deliver them, against the real local
 * server (a child process, `local/start.ts`) on the run's DynamoDB Local:
 *
 * - a storm: hundreds of signed notifications from payOS, SePay and Casso for hundreds
 *   of orders, a third of them repeats, some payments split in two, shuffled and sent
 *   32 at a time; every distinct transfer must be recorded once and every order must end
 *   exactly where the money says;
 * - a crash: the server is SIGKILLed in the middle of the storm (DynamoDB survives),
 *   started again, and sent what the providers would retry; the end state is the same.
 *
 * The expected state is computed here from the transfers sent, by a small model of the
 * fee rules written for this test (not by the state machine under test).
 */
import { whenListening } from '../support/server';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamoClient } from '../../functions/lib/storage/dynamo';
import { DynamoStore } from '../../functions/lib/storage/dynamo-store';
import { signedNotification, type SampleTransfer } from '../../functions/webhooks/providers';
import { sampleId } from '../../functions/webhooks/providers/common';
import { PROCEDURES, isPayableHere, type Agency } from '../../shared/catalogue';
import { matchReference } from '../../shared/memo';
import type { OrderStatus } from '../../shared/order';
import { PROVIDERS, type Provider, type TransferRecord } from '../../shared/transfer';
import { freePort } from '../../local/dynamodb-local';
import { cassoRecordFor, sepayRecordFor, startCassoStandIn, startSepayStandIn } from '../support/pull-stand-ins';

const ORDERS = 240;
const CONCURRENCY = 32;
/** Secrets of our own, handed to the server, so nothing depends on the developer's environment. */
const SECRETS: Record<Provider, string> = {
  payos: 'storm-payos-checksum-key-0123456789',
  sepay: 'storm-sepay-api-key-0123456789',
  casso: 'storm-casso-secret-0123456789',
};

// ---------------------------------------------------------------------------------------
// The server as a child process

interface Server {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<void>;
}

const children = new Set<ChildProcess>();
const dataDirs: string[] = [];

afterAll(async () => {
  // Nothing left behind, whatever happened in the tests.
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await gone;
    }),
  );
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function startServer(tableName: string, dataDir: string, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  // `node --import tsx` rather than the tsx CLI: one process, so SIGKILL kills the server
  // itself and not a wrapper that would leave it running.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      TABLE_NAME: tableName,
      SWEEP_INTERVAL_MS: '0',
      PAYOS_CHECKSUM_KEY: SECRETS.payos,
      SEPAY_API_KEY: SECRETS.sepay,
      CASSO_SECRET: SECRETS.casso,
      CATCHUP_INTERVAL_MS: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { url, output } = await whenListening(child, 60_000);
  return { child, url, output, exited };
}

async function stopServer(server: Server, signal: NodeJS.Signals): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}

// ---------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a small seeded PRNG, so every run sends the same storm in the same order. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: () => number, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const digits = (rng: () => number, n: number): string => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');

function shuffle<T>(rng: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

// ---------------------------------------------------------------------------------------
// Orders, transfers, notifications

interface PlacedOrder {
  id: string;
  reference: string;
  amount: number;
  agencyId: string;
  accountNumber: string;
  /** The memo its QR pre-fills: the payment-code prefix + the reference. */
  memo: string;
}

interface Transfer {
  provider: Provider;
  /** provider + the provider's id: what the server must record exactly once. */
  key: string;
  orderId: string;
  sample: SampleTransfer;
}

interface Notification {
  transfer: Transfer;
  /** A repeat of a transfer that is also sent once as its own notification. */
  repeat: boolean;
}

interface Expected {
  status: OrderStatus;
  paidAmount: number;
  refundDue: number;
  keys: string[];
}

interface Storm {
  orders: PlacedOrder[];
  transfers: Transfer[];
  notifications: Notification[];
  expected: Map<string, Expected>;
}

async function pool<T>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length && !stop()) {
        const i = next++;
        await task(items[i]!, i);
      }
    }),
  );
}

/** Fee orders through the public API, for commune-level per-unit and tiered procedures at the commune agencies. */
async function placeOrders(url: string, count: number, rng: () => number): Promise<PlacedOrder[]> {
  const agencies = ((await (await fetch(`${url}/api/agencies`)).json()) as { items: Agency[] }).items.filter((a) => a.level === 'commune');
  expect(agencies.length).toBeGreaterThanOrEqual(2);
  const procedures = PROCEDURES.filter((p) => p.level === 'commune' && (p.fee.kind === 'tiered' || p.fee.kind === 'per_unit') && isPayableHere(p));
  expect(procedures.some((p) => p.fee.kind === 'tiered') && procedures.some((p) => p.fee.kind === 'per_unit')).toBe(true);
  const requests = Array.from({ length: count }, () => {
    const procedure = pick(rng, procedures);
    const quantity = procedure.fee.kind === 'tiered' ? int(rng, 1, 30) : int(rng, 1, 5);
    return { procedureCode: procedure.code, agencyId: pick(rng, agencies).id, quantity };
  });
  const orders: PlacedOrder[] = new Array(count);
  await pool(requests, 16, async (body, i) => {
    const res = await fetch(`${url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await res.json()) as { id: string; reference: string; amount: number; agencyId: string; status: string; vietqr: { accountNumber: string; memo: string } };
    expect(res.status, JSON.stringify(json)).toBe(201);
    expect(json.status).toBe('PENDING');
    // In request order, whatever order the answers come in: the plan depends on the seed alone.
    orders[i] = { id: json.id, reference: json.reference, amount: json.amount, agencyId: json.agencyId, accountNumber: json.vietqr.accountNumber, memo: json.vietqr.memo };
  });
  return orders;
}

/** The server's payment-code prefix (the development default: the storm's servers set none). */
const PREFIX = 'MCP';

/** The reference as banks deliver it, with or without the prefix, in the styles of test/shared/memo-corpus.ts. */
function bankMemo(rng: () => number, reference: string, order: PlacedOrder): string {
  const payer = pick(rng, ['NGUYEN VAN AN', 'TRAN THI BICH', 'LE HOANG NAM', 'PHAM THU HA']);
  const from = `00${digits(rng, 11)}`;
  const vcbTail = `CT tu ${from} ${payer} toi ${order.accountNumber} UBND XA tai Agribank`;
  const styles: (() => string)[] = [
    () => reference,
    () => `MBVCB.${digits(rng, 10)}.${reference}.${vcbTail}`,
    () => `IBVCB.${digits(rng, 10)}.${reference.toLowerCase()}.${vcbTail}`,
    // Truncated after the reference, inside the bank's tail.
    () => `MBVCB.${digits(rng, 10)}.${reference}.${vcbTail}`.slice(0, 30 + int(rng, 0, 12)),
    () => `CT DEN:${digits(rng, 12)} ${reference} Nop le phi chung thuc`,
    () => `REM Tfr Ac: ${from} ${reference}`,
    () => `TKThe :${from}, tai BIDV. ${reference} -CTLNHIDI000${digits(rng, 8)}`,
    () => `${reference} FT26${digits(rng, 3)}${digits(rng, 8)}`,
    () => `${reference}- Ma GD ACSP/ ${pick(rng, ['Xy', 'Qt', 'Mn'])}${digits(rng, 6)}`,
    () => `${reference} GD ${digits(rng, 6)}-031426 10:${digits(rng, 1)}4:${digits(rng, 1)}5`,
    () => `IBFT ${reference.toLowerCase()}`,
    () => `Nop phi ${reference.slice(0, 4)} ${reference.slice(4)} ho tich`,
    () => `${payer} chuyen tien ${reference.slice(0, 4)}-${reference.slice(4)}`,
    () => `Thanh toán lệ phí ${reference} cho UBND xã`,
    // The memo as the QR pre-filled it (prefix + reference), and what banks do around it.
    () => `MBVCB.${digits(rng, 10)}.${order.memo}.${vcbTail}`,
    () => `${order.memo} FT26${digits(rng, 3)}${digits(rng, 8)}`,
    () => `IBFT ${order.memo.toLowerCase()}`,
    () => `CT DEN:${digits(rng, 12)}${order.memo}`,
    () => `${PREFIX} ${reference.slice(0, 4)} ${reference.slice(4)}`,
  ];
  const memo = pick(rng, styles)();
  // A spaced reference that is all letters or all digits is, rightly, not taken: a clerk
  // would see it. This storm is about counting, so such memos are sent in plain form.
  const match = matchReference(memo, { prefix: PREFIX });
  return match.kind === 'one' && match.reference === reference ? memo : `${payer} ${reference}`;
}

/** The fee rules, modelled here for the expectation: kept money counts towards the fee; anything past it is refund-due. */
function settle(amount: number, payments: readonly number[]): Omit<Expected, 'keys'> {
  let status: OrderStatus = 'PENDING';
  let paidAmount = 0;
  let refundDue = 0;
  for (const payment of payments) {
    paidAmount += payment;
    if (status === 'PENDING' || status === 'UNDERPAID') {
      const kept = paidAmount - refundDue;
      status = kept < amount ? 'UNDERPAID' : kept === amount ? 'PAID' : 'OVERPAID';
      refundDue += Math.max(0, kept - amount);
    } else {
      refundDue += payment; // already paid: the whole transfer goes back
    }
  }
  return { status, paidAmount, refundDue };
}

/** How an order is paid: amounts in whole thousands, as people pay. */
function paymentsFor(rng: () => number, amount: number): number[] {
  const thousands = amount / 1000;
  const r = rng();
  if (r < 0.34 || thousands < 3) return [amount]; // exact
  if (r < 0.68) {
    const first = int(rng, 1, thousands - 1) * 1000; // split in two parts that add up
    return [first, amount - first];
  }
  if (r < 0.78) return [amount + int(rng, 1, 20) * 1000]; // overpaid in one transfer
  if (r < 0.86) return [amount - 1000, int(rng, 2, thousands - 1) * 1000]; // two parts, together too much
  if (r < 0.93) return [int(rng, 1, thousands - 1) * 1000]; // underpaid, never completed
  return [amount, amount]; // paid twice: the second is a duplicate payment, refund-due
}

function transferKey(provider: Provider, bankReference: string): string {
  // payOS keys by the bank's reference; SePay and Casso by their own numeric ids.
  return `${provider}:${provider === 'payos' ? bankReference : String(sampleId(provider, bankReference))}`;
}

function planStorm(orders: PlacedOrder[], rng: () => number, tag: string): Storm {
  const transfers: Transfer[] = [];
  const expected = new Map<string, Expected>();
  const now = Date.now();
  for (const order of orders) {
    expect(order.amount % 1000).toBe(0);
    const payments = paymentsFor(rng, order.amount);
    const outcome = settle(order.amount, payments);
    // Arrival order is shuffled below: the plan only holds if the outcome does not depend on it.
    expect(settle(order.amount, [...payments].reverse())).toEqual(outcome);
    const keys: string[] = [];
    for (const amount of payments) {
      const provider = pick(rng, PROVIDERS);
      const bankReference = `FT26${tag}${String(transfers.length).padStart(7, '0')}`;
      const key = transferKey(provider, bankReference);
      keys.push(key);
      transfers.push({
        provider,
        key,
        orderId: order.id,
        sample: {
          amount,
          memo: bankMemo(rng, order.reference, order),
          accountNumber: order.accountNumber,
          reference: bankReference,
          at: new Date(now - int(rng, 0, 600) * 1000),
          bankName: pick(rng, ['MB', 'VCB', 'TCB', 'ACB', 'BIDV']),
        },
      });
    }
    expected.set(order.id, { ...outcome, keys: keys.sort() });
  }
  expect(new Set(transfers.map((t) => t.key)).size).toBe(transfers.length);
  // A third of everything sent is a repeat: repeats = half the distinct transfers. Some repeat twice.
  const repeats = Array.from({ length: Math.round(transfers.length / 2) }, () => ({ transfer: pick(rng, transfers), repeat: true }));
  const notifications = shuffle(rng, [...transfers.map((transfer) => ({ transfer, repeat: false })), ...repeats]);
  return { orders, transfers, notifications, expected };
}

type Answer = { ok: true; status: number; result: string } | { ok: false; status?: number; error: string };

/** One notification, signed at send time (Casso's signature carries a timestamp). */
async function send(url: string, n: Notification): Promise<Answer> {
  const { provider, sample } = n.transfer;
  const { body, headers } = signedNotification(provider, sample, SECRETS[provider], new Date());
  try {
    const res = await fetch(`${url}/api/webhooks/${provider}`, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) return { ok: false, status: res.status, error: text };
    return { ok: true, status: res.status, result: (JSON.parse(text) as { result: string }).result };
  } catch (err) {
    // The server died with the request in flight (or before it was accepted).
    return { ok: false, error: err instanceof Error ? `${err.message} ${String((err as { cause?: unknown }).cause ?? '')}` : String(err) };
  }
}

// ---------------------------------------------------------------------------------------
// Reading back what was stored

async function storedTransfers(tableName: string): Promise<TransferRecord[]> {
  const client = dynamoClient({ tableName, endpoint: inject('dynamodbEndpoint'), region: 'ap-southeast-1' });
  const out: TransferRecord[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(PK, :t)',
        ExpressionAttributeValues: { ':t': { S: 'TRANSFER#' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) out.push((unmarshall(item) as { record: TransferRecord }).record);
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Every distinct transfer recorded once, every order exactly where its money puts it. */
async function expectFinalState(tableName: string, storm: Storm): Promise<void> {
  const store = new DynamoStore(dynamoClient({ tableName, endpoint: inject('dynamodbEndpoint'), region: 'ap-southeast-1' }), tableName);
  const records = await storedTransfers(tableName);
  const byKey = new Map(records.map((r) => [r.key, r]));
  expect(records).toHaveLength(storm.transfers.length);
  expect(byKey.size).toBe(records.length);

  const problems: string[] = [];
  for (const t of storm.transfers) {
    const r = byKey.get(t.key);
    if (!r) {
      problems.push(`${t.key}: not recorded`);
      continue;
    }
    if (r.status !== 'MATCHED' || r.orderId !== t.orderId || r.transfer.amount !== t.sample.amount || r.transfer.provider !== t.provider) {
      problems.push(`${t.key}: recorded as ${r.status} ${r.reason ?? ''} for ${r.orderId} amount ${r.transfer.amount}, sent ${t.sample.amount} for ${t.orderId}`);
    }
    // The raw body is kept for audit; Casso's differs only by the signature header, not the body.
    if (!r.rawBody.includes(String(t.sample.amount))) problems.push(`${t.key}: raw body not kept`);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  expect(sum(records.map((r) => r.transfer.amount))).toBe(sum(storm.transfers.map((t) => t.sample.amount)));

  const refundByOrder = new Map<string, number>();
  for (const r of records) if (r.orderId) refundByOrder.set(r.orderId, (refundByOrder.get(r.orderId) ?? 0) + r.refundDue);

  const orders = await Promise.all(storm.orders.map((o) => store.getOrder(o.id)));
  for (const [i, placed] of storm.orders.entries()) {
    const order = orders[i];
    const want = storm.expected.get(placed.id)!;
    if (!order) {
      problems.push(`${placed.id}: order missing`);
      continue;
    }
    const payments = order.history.filter((h) => h.event === 'PAYMENT_RECEIVED') as { transferKey?: string }[];
    const got = {
      status: order.status,
      paidAmount: order.paidAmount,
      refundDue: order.refundDue,
      keys: payments.map((p) => p.transferKey ?? '?').sort(),
    };
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${placed.id} (fee ${placed.amount}): got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    // One version per payment: no write was lost or applied twice.
    if (order.version !== 1 + want.keys.length) problems.push(`${placed.id}: version ${order.version} after ${want.keys.length} payment(s)`);
    if ((refundByOrder.get(placed.id) ?? 0) !== order.refundDue) problems.push(`${placed.id}: transfers owe back ${refundByOrder.get(placed.id)}, order says ${order.refundDue}`);
  }
  expect(problems).toEqual([]);
}

function newDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'motcua-storm-'));
  dataDirs.push(dir);
  return dir;
}

function describeStorm(storm: Storm): string {
  const statuses = new Map<string, number>();
  for (const e of storm.expected.values()) statuses.set(e.status, (statuses.get(e.status) ?? 0) + 1);
  const providers = new Map<string, number>();
  for (const n of storm.notifications) providers.set(n.transfer.provider, (providers.get(n.transfer.provider) ?? 0) + 1);
  return `${storm.notifications.length} notifications (${storm.transfers.length} distinct, ${storm.notifications.filter((n) => n.repeat).length} repeats) for ${storm.orders.length} orders; expected ${JSON.stringify(Object.fromEntries(statuses))}; by provider ${JSON.stringify(Object.fromEntries(providers))}`;
}

function expectStormShape(storm: Storm): void {
  expect(storm.orders.length).toBeGreaterThanOrEqual(100);
  expect(storm.notifications.length).toBeGreaterThanOrEqual(500);
  const repeats = storm.notifications.filter((n) => n.repeat).length / storm.notifications.length;
  expect(repeats).toBeGreaterThan(0.3);
  expect(repeats).toBeLessThan(0.37);
  for (const p of PROVIDERS) expect(storm.transfers.filter((t) => t.provider === p).length).toBeGreaterThan(50);
  const count = (status: OrderStatus) => [...storm.expected.values()].filter((e) => e.status === status).length;
  expect(count('PAID')).toBeGreaterThan(50);
  expect(count('OVERPAID')).toBeGreaterThan(5);
  expect(count('UNDERPAID')).toBeGreaterThan(5);
  // Some orders are paid in two parts that add up to exactly the fee.
  const splitExact = storm.orders.filter((o) => {
    const e = storm.expected.get(o.id)!;
    return e.keys.length === 2 && e.status === 'PAID' && e.refundDue === 0;
  });
  expect(splitExact.length).toBeGreaterThan(30);
}

// ---------------------------------------------------------------------------------------

describe('a storm of payment notifications against the local server', () => {
  it('records every distinct transfer once and leaves every order exactly where its money puts it', async () => {
    const tableName = `storm-${Date.now().toString(36)}`;
    const server = await startServer(tableName, newDataDir());
    try {
      const rng = prng(20260314);
      const storm = planStorm(await placeOrders(server.url, ORDERS, rng), rng, 'S');
      expectStormShape(storm);

      const answers: Answer[] = new Array(storm.notifications.length);
      const t0 = performance.now();
      await pool(storm.notifications, CONCURRENCY, async (n, i) => {
        answers[i] = await send(server.url, n);
      });
      console.info(`storm: ${describeStorm(storm)}; sent in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      const failed = answers.flatMap((a, i) => (a.ok ? [] : [`${storm.notifications[i]!.transfer.key}: ${a.status ?? ''} ${a.error}`]));
      expect(failed).toEqual([]);
      // Exactly one answer per distinct transfer settled it; every other was a duplicate.
      const settledPerKey = new Map<string, number>();
      for (const [i, a] of answers.entries()) {
        if (!a.ok) continue;
        expect(['settled', 'duplicate']).toContain(a.result);
        if (a.result === 'settled') settledPerKey.set(storm.notifications[i]!.transfer.key, (settledPerKey.get(storm.notifications[i]!.transfer.key) ?? 0) + 1);
      }
      expect(settledPerKey.size).toBe(storm.transfers.length);
      expect([...settledPerKey.values()].every((n) => n === 1)).toBe(true);

      await expectFinalState(tableName, storm);
    } finally {
      await stopServer(server, 'SIGTERM');
    }
  }, 150_000);

  it('survives a SIGKILL in the middle: replaying what the providers retry gives the same final state', async () => {
    const tableName = `crash-${Date.now().toString(36)}`;
    const dataDir = newDataDir();
    const first = await startServer(tableName, dataDir);
    let second: Server | undefined;
    try {
      const rng = prng(20260315);
      const storm = planStorm(await placeOrders(first.url, ORDERS, rng), rng, 'C');
      expectStormShape(storm);

      // Send the storm; after a third of it is answered, kill the server outright. What is
      // in flight fails; what was not sent yet stays unsent.
      const killAfter = Math.round(storm.notifications.length / 3);
      const acknowledged = new Set<number>();
      let answered = 0;
      let killed = false;
      const failedInFlight: string[] = [];
      await pool(
        storm.notifications,
        CONCURRENCY,
        async (n, i) => {
          const answer = await send(first.url, n);
          if (answer.ok) acknowledged.add(i);
          else if (killed) failedInFlight.push(answer.error);
          else throw new Error(`before the crash: ${answer.status ?? ''} ${answer.error}`);
          if (++answered >= killAfter && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        },
        () => killed,
      );
      await first.exited;
      expect(first.child.signalCode).toBe('SIGKILL');
      console.info(`crash: ${describeStorm(storm)}; killed after ${answered} answers, ${acknowledged.size} acknowledged, ${failedInFlight.length} failed in flight`);
      expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter - CONCURRENCY);
      expect(acknowledged.size).toBeLessThan(storm.notifications.length / 2);
      // What the crash did: transfers whose settlement committed but whose answer was lost
      // (the provider will send them again and must get a duplicate, not a second payment).
      const ackedKeys = new Set([...acknowledged].map((i) => storm.notifications[i]!.transfer.key));
      const committed = await storedTransfers(tableName);
      const lost = committed.filter((r) => !ackedKeys.has(r.key)).length;
      console.info(`crash: at the kill ${committed.length} of ${storm.transfers.length} transfers were recorded, ${lost} of them never acknowledged`);

      // Start again on the same table: the data are there, nothing is seeded twice.
      second = await startServer(tableName, dataDir);
      expect(second.output()).not.toContain('Seeded demo data');
      expect(second.output()).not.toContain('Created table');

      // What the providers send again: everything not acknowledged, and every repeat
      // (which, in a real outage, is exactly the kind of thing that arrives again).
      let pending = storm.notifications.map((n, i) => ({ n, i })).filter(({ n, i }) => !acknowledged.has(i) || n.repeat);
      const replayed = pending.length;
      for (let round = 0; pending.length > 0; round++) {
        expect(round, `still unacknowledged after ${round} rounds`).toBeLessThan(5);
        const stillFailing: typeof pending = [];
        const server = second;
        await pool(pending, CONCURRENCY, async (p) => {
          const answer = await send(server.url, p.n);
          if (answer.ok) {
            expect(['settled', 'duplicate']).toContain(answer.result);
            acknowledged.add(p.i);
          } else stillFailing.push(p);
        });
        pending = stillFailing;
      }
      console.info(`crash: replayed ${replayed} notifications after the restart`);
      expect(acknowledged.size).toBe(storm.notifications.length);

      await expectFinalState(tableName, storm);
    } finally {
      await stopServer(first, 'SIGKILL');
      if (second) await stopServer(second, 'SIGTERM');
    }
  }, 150_000);

  it('a catch-up running while the storm arrives: each transfer still recorded exactly once', async () => {
    const token = 'storm-sepay-api-token-0123456789';
    const key = 'storm-casso-api-key-0123456789';
    const [sepayApi, cassoApi] = await Promise.all([startSepayStandIn(token), startCassoStandIn(key)]);
    const tableName = `race-${Date.now().toString(36)}`;
    // The server's own catch-up timer (the schedule's local stand-in) runs all through the storm.
    const server = await startServer(tableName, newDataDir(), {
      CATCHUP_INTERVAL_MS: '150',
      SEPAY_API_URL: sepayApi.url,
      SEPAY_API_TOKEN: token,
      CASSO_API_URL: cassoApi.url,
      CASSO_API_KEY: key,
      CASSO_API_PAGE_SIZE: '50',
    });
    try {
      const rng = prng(20260316);
      const storm = planStorm(await placeOrders(server.url, ORDERS, rng), rng, 'R');
      expectStormShape(storm);
      // Everything reached the bank: the pull APIs list every SePay and Casso transfer while their webhooks storm in.
      for (const t of storm.transfers) {
        if (t.provider === 'sepay') sepayApi.records.push(sepayRecordFor(t.sample));
        if (t.provider === 'casso') cassoApi.records.push(cassoRecordFor(t.sample));
      }
      const answers: Answer[] = new Array(storm.notifications.length);
      await pool(storm.notifications, CONCURRENCY, async (n, i) => {
        answers[i] = await send(server.url, n);
      });
      expect(answers.flatMap((a, i) => (a.ok ? [] : [`${storm.notifications[i]!.transfer.key}: ${a.status ?? ''} ${a.error}`]))).toEqual([]);
      for (const a of answers) if (a.ok) expect(['settled', 'duplicate']).toContain(a.result);
      // Two more whole catch-up runs after the storm: whatever they find is already recorded.
      const asked = sepayApi.requests.length;
      while (sepayApi.requests.length < asked + 2) await new Promise((resolve) => setTimeout(resolve, 50));
      const records = await storedTransfers(tableName);
      const byCatchUp = records.filter((r) => r.rawBody.includes('"transaction_content"') || r.rawBody.includes('"tid"')).length;
      console.info(`race: ${describeStorm(storm)}; ${byCatchUp} transfers recorded by catch-up, the rest by webhooks`);
      await expectFinalState(tableName, storm);
    } finally {
      await stopServer(server, 'SIGTERM');
      await Promise.all([sepayApi.close(), cassoApi.close()]);
    }
  }, 150_000);
});
