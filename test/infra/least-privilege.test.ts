/**
 * Least privilege, proven on the synthesized template: each function's real code serves
 * real requests against DynamoDB Local while every DynamoDB command it sends is recorded;
 * each recorded command, translated into the IAM requests AWS authorises it as, must be
 * allowed by that function's own role in the template. Then the other way round: each
 * grant is used by some recorded request (nothing granted "just in case"), and requests
 * a function must never make (webhooks reading a user, the public function issuing a
 * receipt, anybody scanning) are refused by its role.
 */
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lazy } from '../../functions/lib/platform/lazy';
import { DEV_SECRETS, providerSecretsFromEnv } from '../../functions/lib/platform/config';
import { closeDays } from '../../functions/lib/reports/day-summaries';
import { sweepExpired } from '../../functions/lib/orders/sweeper';
import { composeRoot, configFromEnv } from '../../functions/composition/root';
import { taxJobDeps } from '../../functions/composition/jobs';
import { runTaxJob } from '../../functions/lib/receipts/summary-transmission';
import { createPublicApp } from '../../functions/public/app';
import { createStaffApp } from '../../functions/staff/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { createIntegrationApp } from '../../functions/integration/app';
import { deliveryDeps, integrationDeps } from '../../functions/composition/integrations';
import { deliverPending } from '../../functions/lib/integrations/delivery';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { signedNotification } from '../../functions/webhooks/providers';
import { TABLE_ACCESS, type TableAccess } from '../../infra/table-access';
import { vietnamDate } from '../../shared/time';
import { createBaseDeps, createDeps, createStaffDeps, reportsStoreBeside } from '../support/composition';
import { testDb, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';
import { allows, iamRequestsOf, keyPrefix, roleStatements, wildcard, type IamRequest } from './iam';
import { synthesizeWithStubs, type Synthesized } from './synth';
import { runCatchUp } from '../../functions/lib/payments/catch-up/catch-up';
import { catchUpDeps } from '../../functions/composition/catch-up';
import { sepayRecordFor, startSepayStandIn, type StandIn } from '../support/pull-stand-ins';

type FunctionName = keyof typeof TABLE_ACCESS;
const FUNCTIONS = Object.keys(TABLE_ACCESS) as FunctionName[];

let synth: Synthesized & { cleanup(): Promise<void> };
let db: TestDb;
let env: NodeJS.ProcessEnv;
let current: FunctionName | undefined;
/** SePay's pull API, for catch-up (the sweeper's scheduled run, and an admin's request to the staff function). */
let sepayApi: StandIn;
const SEPAY_TOKEN = 'least-privilege-sepay-api-token';
const recorded: Record<FunctionName, IamRequest[]> = { public: [], webhooks: [], staff: [], sweeper: [], nightly: [], tax: [], integration: [], events: [] };
let receiver: Receiver | undefined;

beforeAll(async () => {
  synth = await synthesizeWithStubs();
  // Seeded by `npm start`'s own seeding (catalogue and demo users), not recorded.
  db = await testDb();
  sepayApi = await startSepayStandIn(SEPAY_TOKEN);
  env = { TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, AWS_REGION: 'ap-southeast-1', SEPAY_API_URL: sepayApi.url, SEPAY_API_TOKEN: SEPAY_TOKEN };
  const send = DynamoDBClient.prototype.send;
  vi.spyOn(DynamoDBClient.prototype, 'send').mockImplementation(function (this: DynamoDBClient, command: unknown, ...rest: unknown[]) {
    if (current) recorded[current].push(...iamRequestsOf(command));
    return (send as (...a: unknown[]) => unknown).call(this, command, ...rest) as never;
  });
  await exercise();
  current = undefined;
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  vi.restoreAllMocks();
  await synth?.cleanup();
  await sepayApi?.close();
});

// ---------------------------------------------------------------------------------------
// The functions at work, wired exactly as their Lambda entries wire them.

const json = (body: unknown, headers: Record<string, string> = {}) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function exercise(): Promise<void> {
  const commune = agencyOfLevel('commune');
  const procedureCode = procedureWithFee('tiered', 'commune').code;
  const publicApp = createPublicApp(lazy(() => createDeps(env)));
  const webhooks = createWebhooksApp(lazy(() => ({ ...createBaseDeps(env), providerSecret: providerSecretsFromEnv(env) })));
  const staff = createStaffApp(lazy(() => createStaffDeps(env)));
  const ok = async (res: Response | Promise<Response>, ...statuses: number[]) => {
    const r = await res;
    if (!(statuses.length ? statuses : [200, 201]).includes(r.status)) throw new Error(`${r.status} ${await r.text()}`);
    return r;
  };

  // ---- public: the citizen's side
  current = 'public';
  await ok(publicApp.request('/api/health'));
  await ok(publicApp.request('/api/agencies'));
  await ok(publicApp.request('/api/procedures?q=khai%20sinh'));
  await ok(publicApp.request(`/api/procedures/${procedureCode}`));
  const placed: { id: string; accessToken: string; amount: number; reference: string; vietqr: { accountNumber: string } }[] = [];
  for (let i = 0; i < 6; i++) {
    placed.push(await (await ok(publicApp.request('/api/orders', json({ procedureCode, agencyId: commune.id, quantity: 2 })))).json());
  }
  const key = randomUUID();
  const body = { procedureCode, agencyId: commune.id, quantity: 3 };
  const keyed = await (await ok(publicApp.request('/api/orders', json(body, { 'idempotency-key': key })))).json();
  await ok(publicApp.request('/api/orders', json(body, { 'idempotency-key': key })), 200);
  await ok(publicApp.request('/api/orders', json({ ...body, quantity: 4 }, { 'idempotency-key': key })), 409);
  await ok(publicApp.request(`/api/orders/${keyed.id}`, { headers: { 'x-order-token': keyed.accessToken } }));
  await ok(publicApp.request(`/api/orders/${keyed.id}/qr.svg?token=${keyed.accessToken}`));
  await ok(publicApp.request(`/api/orders/${keyed.id}/qr.png?token=${keyed.accessToken}`));

  // ---- webhooks: a payment, its resend, an unmatched and an ignored transfer
  current = 'webhooks';
  const notify = (provider: 'payos' | 'sepay' | 'casso', s: { amount: number; memo: string; accountNumber: string; reference?: string }) => {
    const secret = { payos: DEV_SECRETS.PAYOS_CHECKSUM_KEY, sepay: DEV_SECRETS.SEPAY_API_KEY, casso: DEV_SECRETS.CASSO_SECRET }[provider];
    const n = signedNotification(provider, { reference: `FT${randomUUID().slice(0, 12)}`, at: new Date(), ...s }, secret, new Date());
    return webhooks.request(`/api/webhooks/${provider}`, { method: 'POST', headers: n.headers, body: n.body });
  };
  const [paid, paid2, forCash, forCancel, forMatch, early] = placed as [typeof keyed, typeof keyed, typeof keyed, typeof keyed, typeof keyed, typeof keyed];
  // One order placed days ago and paid today: today's figures must fetch it by id.
  const before = (await db.store.getOrder(early.id))!;
  const daysAgo = new Date(Date.now() - 5 * 86_400_000).toISOString();
  await db.store.updateOrder({ ...before, createdAt: daysAgo, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), version: before.version + 1 }, before.version);
  const account = paid.vietqr.accountNumber;
  const payment = { amount: paid.amount, memo: `CK ${paid.reference} le phi`, accountNumber: account, reference: 'FT-PAID-1' };
  await ok(notify('sepay', payment));
  await ok(notify('sepay', payment)); // the provider resends: a duplicate
  await ok(notify('payos', { amount: paid2.amount, memo: `${paid2.reference}`, accountNumber: account }));
  await ok(notify('casso', { amount: paid2.amount + 5000, memo: `${paid2.reference} them`, accountNumber: account })); // overpaid: a refund is due
  await ok(notify('sepay', { amount: early.amount, memo: `${early.reference}`, accountNumber: account }));
  await ok(notify('sepay', { amount: 20000, memo: 'chuyen tien le phi', accountNumber: account })); // unmatched
  await ok(notify('sepay', { amount: 20000, memo: 'chuyen tien', accountNumber: '999999999' })); // ignored: not our account

  // Two more orders, to be paid through catch-up (the staff function's, then the sweeper's).
  const [forCatchUp, forScheduled] = [
    await (await ok(publicApp.request('/api/orders', json({ procedureCode, agencyId: commune.id, quantity: 2 })))).json(),
    await (await ok(publicApp.request('/api/orders', json({ procedureCode, agencyId: commune.id, quantity: 2 })))).json(),
  ] as { amount: number; reference: string; vietqr: { accountNumber: string } }[];
  // SePay numbers transactions as they arrive: ids that grow, as the cursor (since_id) expects.
  const pulled = (o: { amount: number; reference: string; vietqr: { accountNumber: string } }, reference: string, id: number) => ({
    ...sepayRecordFor({ amount: o.amount, memo: `CK ${o.reference}`, accountNumber: o.vietqr.accountNumber, reference, at: new Date() }),
    id,
  });

  // ---- staff: login, the counter, the clerk's queue, receipts, reports, audit, users
  current = 'staff';
  const login = async (username: string, password: string, status = 200) => (await (await ok(staff.request('/api/auth/login', json({ username, password })), status)).json()).token as string;
  await login('clerk', 'not-the-password', 401);
  const clerk = await login('clerk', DEV_SECRETS.SEED_PASSWORD);
  const admin = await login('admin', DEV_SECRETS.SEED_PASSWORD);
  const volunteer = await login('volunteer', DEV_SECRETS.SEED_PASSWORD);
  const as = (token: string, path: string, init: RequestInit = {}) => staff.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
  await ok(as(clerk, '/api/staff/me'));
  await ok(as(clerk, '/api/staff/orders'));
  await ok(as(clerk, '/api/staff/orders?status=PAID'));
  await ok(as(clerk, `/api/staff/orders?q=${paid.reference}`));
  await ok(as(clerk, `/api/staff/orders/${paid.id}`));
  await ok(as(volunteer, '/api/staff/orders'));
  await ok(as(volunteer, '/api/staff/orders', json({ procedureCode, agencyId: commune.id, quantity: 1 }, { 'idempotency-key': randomUUID() })));
  await ok(as(volunteer, '/api/staff/tally'));
  const confirmed = await (await ok(as(clerk, `/api/staff/orders/${paid.id}/confirm`, { method: 'POST' }))).json();
  await ok(as(clerk, `/api/staff/receipts/${confirmed.receipt.id}`));
  await ok(as(clerk, `/api/staff/orders/${forCash.id}/cash`, json({})));
  await ok(as(clerk, `/api/staff/orders/${forCancel.id}/cancel`, json({ reason: 'Công dân đổi thủ tục' })));
  const unmatched = (await (await ok(as(clerk, '/api/staff/transactions?status=UNMATCHED'))).json()).items as { id: string }[];
  await ok(as(clerk, `/api/staff/transactions/${encodeURIComponent(unmatched[0]!.id)}/match`, json({ orderId: forMatch.id })), 200, 409, 422);
  const refunds = (await (await ok(as(clerk, '/api/staff/transactions?status=REFUND_DUE'))).json()).items as { id: string }[];
  await ok(as(clerk, `/api/staff/transactions/${encodeURIComponent(refunds[0]!.id)}/refund`, json({ note: 'Đã hoàn qua chuyển khoản' })));
  // ---- webhooks: the refund's outgoing transfer, reported by SePay, confirms it
  current = 'webhooks';
  const refunded = (await db.store.getTransfer(refunds[0]!.id))!;
  const out = signedNotification('sepay', { reference: `FT${randomUUID().slice(0, 12)}`, at: new Date(), amount: refunded.refundDue, memo: `HOAN TIEN ${refunded.orderId}`, accountNumber: account, direction: 'out' }, DEV_SECRETS.SEPAY_API_KEY, new Date());
  await ok(webhooks.request('/api/webhooks/sepay', { method: 'POST', headers: out.headers, body: out.body }));
  if (!(await db.store.getTransfer(refunds[0]!.id))!.refundConfirmation) throw new Error('the outgoing transfer did not confirm the refund');
  current = 'staff';
  const today = vietnamDate(new Date());
  // The reports, if they are there yet (another piece of work adds them): whatever they answer, every request is checked.
  await as(clerk, `/api/staff/reports/daily?date=${today}`);
  await as(clerk, `/api/staff/reports/receipts?date=${today}`);
  // Closed days are summarised once and stored (DAYSUM#), today is computed afresh.
  await as(admin, `/api/staff/reports/dashboard?from=${vietnamDate(new Date(Date.now() - 2 * 86_400_000))}&to=${today}`);
  await ok(as(admin, '/api/staff/audit'));
  await ok(as(admin, '/api/staff/users'));
  const username = `tmp${randomUUID().slice(0, 6)}`;
  await ok(as(admin, '/api/staff/users', json({ username, role: 'volunteer', agencyId: commune.id, displayName: 'Tạm', password: 'a-long-enough-password' })));
  await ok(as(admin, `/api/staff/users/${username}/disable`, { method: 'POST' }));
  await ok(as(admin, `/api/staff/users/${username}/enable`, { method: 'POST' }));
  await ok(as(admin, `/api/staff/users/${username}/password`, json({ password: 'another-long-password' })));
  await ok(as(clerk, `/api/staff/receipts/${confirmed.receipt.id}/cancel`, json({ reason: 'Sai thông tin người nộp' })));
  // An admin's catch-up: its cursor, and a payment settled as the webhooks settle one.
  sepayApi.records.push(pulled(forCatchUp!, 'FT-CATCHUP-1', 1));
  const caught = await (await ok(as(admin, '/api/staff/catch-up', { method: 'POST' }))).json();
  if (caught.settled !== 1) throw new Error(`the staff function's catch-up settled ${JSON.stringify(caught)}`);

  // ---- tax: the scheduled run the next day (wired as functions/tax wires it), which makes
  // today's summary table of the receipt above and hands it over (manual: marked sent).
  current = 'tax';
  const taxDeps = { ...taxJobDeps(composeRoot(configFromEnv(env))), now: () => new Date(Date.now() + 86_400_000) };
  const taxRun = await runTaxJob(taxDeps, { onError: (_agency, err) => { throw err; } });
  if (taxRun.prepared === 0) throw new Error('the tax job made no summary');

  // ---- staff again: the day's documents for the tax authority
  current = 'staff';
  const sent = await (await ok(as(admin, '/api/staff/receipts/daily-summary/send', json({ date: today, agencyId: commune.id })))).json();
  const summaryDoc = sent.transmission.documents[0] as { id: string; xmlUrl: string };
  await ok(as(clerk, summaryDoc.xmlUrl));
  await ok(as(admin, '/api/staff/tax-documents/answer', json({ agencyId: commune.id, kind: 'summary', id: summaryDoc.id, accepted: true, reference: 'TB-1' })));
  await ok(as(clerk, `/api/staff/receipts/${confirmed.receipt.id}/error-notice`, json({ action: 'cancel', reason: 'Biên lai đã hủy do sai thông tin' })));
  await ok(as(clerk, `/api/staff/receipts/${confirmed.receipt.id}`));

  // ---- public again: a receipt checked by anyone holding it
  current = 'public';
  const token = new URL(confirmed.receipt.verifyUrl, 'https://x').searchParams.get('token')!;
  await ok(publicApp.request(`/api/receipts/verify?token=${encodeURIComponent(token)}`));
  await ok(publicApp.request('/api/receipts/verify?token=not.a.receipt'));

  // ---- sweeper: a run two days on, when the unpaid orders have expired
  current = 'sweeper';
  const base = createBaseDeps(env);
  const result = await sweepExpired({ store: base.store, now: () => new Date(Date.now() + 2 * 86_400_000) });
  if (result.expired === 0) throw new Error('the sweeper expired nothing');
  // The scheduled catch-up (the same function, wired as functions/sweeper wires it): a
  // payment, and the same transfer listed twice on a page (a duplicate, read back).
  current = 'public';
  const late = await (await ok(publicApp.request('/api/orders', json({ procedureCode, agencyId: commune.id, quantity: 2 })))).json();
  current = 'sweeper';
  sepayApi.records.push(pulled(late, 'FT-CATCHUP-2', 2), pulled(late, 'FT-CATCHUP-2', 2), pulled(forScheduled!, 'FT-CATCHUP-3', 3));
  const scheduled = await runCatchUp(catchUpDeps(composeRoot(configFromEnv(env))));
  if (scheduled.settled < 1 || scheduled.duplicates < 1) throw new Error(`the scheduled catch-up: ${JSON.stringify(scheduled)}`);

  // ---- nightly: a run two days on, when today's orders, transfers and receipts are in
  // closed days (wired as functions/nightly wires it, its own deps from the environment).
  // Two days back, as `{ "days": 2 }` asks: today is computed, and the early order (placed
  // five days ago, paid today) lies outside the run, so it is read by id (BatchGetItem)
  // whichever days the staff's dashboard above stored.
  current = 'nightly';
  const nightlyBase = createBaseDeps(env);
  const nightlyDeps = { reports: reportsStoreBeside(nightlyBase.store)!, catalogue: nightlyBase.catalogue, now: () => new Date(Date.now() + 2 * 86_400_000) };
  const closed = await closeDays(nightlyDeps, { days: 2 });
  if (closed.computed === 0) throw new Error('the nightly job stored no summary');

  // ---- integrations: an admin registers a client; it places and reads an order for a
  // dossier; the order is paid; the events function delivers; the admin replays, revokes.
  receiver = await startReceiver();
  current = 'staff';
  const registered = await (await ok(as(admin, '/api/staff/integrations', json({ name: 'Một cửa tỉnh', webhookUrl: receiver.url, agencyIds: [commune.id] })))).json();
  receiver.secret = registered.signingSecret;
  await ok(as(admin, '/api/staff/integrations'));
  await ok(as(admin, `/api/staff/integrations/${registered.id}`));
  const rotated = await (await ok(as(admin, `/api/staff/integrations/${registered.id}/rotate`, json({ overlapHours: 1 })))).json();
  current = 'integration';
  const integrationApp = createIntegrationApp(lazy(() => integrationDeps(composeRoot(configFromEnv(env)))));
  const dossierCode = `HS-${randomUUID().slice(0, 8)}`;
  const byKey = (init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers as Record<string, string>), 'x-api-key': rotated.apiKey } });
  const dossierOrder = await (await ok(integrationApp.request('/api/integration/orders', byKey(json({ procedureCode, agencyId: commune.id, quantity: 2, dossierCode }))))).json();
  await ok(integrationApp.request(`/api/integration/orders?dossierCode=${dossierCode}`, byKey()));
  current = 'webhooks';
  await ok(notify('sepay', { amount: dossierOrder.amount, memo: dossierOrder.vietqr.memo, accountNumber: account }));
  current = 'events';
  const run = await deliverPending(deliveryDeps(composeRoot(configFromEnv(env))));
  if (run.delivered === 0) throw new Error('the events function delivered nothing');
  current = 'staff';
  const listedDeliveries = (await (await ok(as(admin, `/api/staff/integrations/${registered.id}/deliveries`))).json()).items as { id: string }[];
  await ok(as(admin, `/api/staff/integrations/${registered.id}/deliveries/${listedDeliveries[0]!.id}/replay`, { method: 'POST' }));
  await ok(as(admin, `/api/staff/integrations/${registered.id}/revoke`, { method: 'POST' }));
}

// ---------------------------------------------------------------------------------------

function statementsOf(name: FunctionName) {
  const role = synth.stack.functions.get(name)!.role;
  return roleStatements(synth.resources, synth.logicalId(role.node.defaultChild));
}
const tableArn = () => `arn:${synth.logicalId(synth.stack.table.node.defaultChild)}:Arn`;
const describeRequest = (r: IamRequest) => `${r.action} ${r.resource} ${r.leadingKeys.join(',')}`;

describe('every request the code makes is allowed by its own role', () => {
  it.each(FUNCTIONS)('%s', (name) => {
    expect(recorded[name].length, `${name} made no request`).toBeGreaterThan(0);
    const refused = recorded[name].filter((r) => !allows(statementsOf(name), tableArn(), r));
    expect([...new Set(refused.map(describeRequest))], `refused for ${name}: grant it in infra/table-access.ts if it is right`).toEqual([]);
  });
});

/** Grants the flows above do not reach, each with why it stays. */
const NOT_EXERCISED: Partial<Record<FunctionName, Record<string, string>>> = {
  // Read only when a transaction's cancellation reasons come back without the old item.
  public: { 'dynamodb:GetItem IDEM#*': 'fallback read of an idempotency record (dynamo-store getIdempotency)' },
  staff: { 'dynamodb:GetItem IDEM#*': 'same fallback, for orders placed at the counter with a key' },
  tax: { 'dynamodb:GetItem TAXDOC#*': 'read back a document another run wrote at the same moment (a lost conditional write)' },
};

function grants(access: TableAccess): { action: string; resource: string; pattern: string }[] {
  const out: { action: string; resource: string; pattern: string }[] = [];
  const fields = { getItem: 'GetItem', query: 'Query', putItem: 'PutItem', updateItem: 'UpdateItem', deleteItem: 'DeleteItem', batchGetItem: 'BatchGetItem', batchWriteItem: 'BatchWriteItem' } as const;
  for (const [field, action] of Object.entries(fields)) {
    for (const pattern of (access as Record<string, readonly string[] | undefined>)[field] ?? []) out.push({ action: `dynamodb:${action}`, resource: 'table', pattern });
  }
  for (const [index, patterns] of Object.entries(access.queryIndex ?? {})) {
    for (const pattern of patterns ?? []) out.push({ action: 'dynamodb:Query', resource: `table/index/${index}`, pattern });
  }
  return out;
}

describe('every grant is used', () => {
  it.each(FUNCTIONS)('%s', (name) => {
    const access: TableAccess = TABLE_ACCESS[name];
    const unused = grants(access)
      .filter((g) => !recorded[name].some((r) => r.action === g.action && r.resource === g.resource && r.leadingKeys.some((k) => wildcard(g.pattern, k))))
      .map((g) => `${g.action}${g.resource === 'table' ? '' : ` ${g.resource}`} ${g.pattern}`)
      .filter((g) => !(g in (NOT_EXERCISED[name] ?? {})));
    expect(unused).toEqual([]);
    if (access.describe) expect(recorded[name].some((r) => r.action === 'dynamodb:DescribeTable')).toBe(true);
  });
});

describe('what each function must never do', () => {
  const forbidden: Record<FunctionName, IamRequest[]> = {
    webhooks: [
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI1', leadingKeys: ['USERS'] },
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['LOGINFAIL#user#admin'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['RECEIPT#a-26TMT-1'] },
      { action: 'dynamodb:UpdateItem', resource: 'table', leadingKeys: ['COUNTER#RECEIPT#a#26TMT'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['CATALOGUE'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['AUDIT#2026-01-01'] },
    ],
    public: [
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['RECEIPT#a-26TMT-1'] },
      { action: 'dynamodb:UpdateItem', resource: 'table', leadingKeys: ['COUNTER#RECEIPT#a#26TMT'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['COUNTER#RECEIPT#a#26TMT'] },
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['TRANSFER#sepay:1'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI1', leadingKeys: ['AGENCY#x'] },
    ],
    nightly: [
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI1', leadingKeys: ['USERS'] },
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['DAYSUM#x'] },
      { action: 'dynamodb:BatchWriteItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
      { action: 'dynamodb:BatchWriteItem', resource: 'table', leadingKeys: ['DAYSUM#x', 'AUDIT#2026-01-01'] },
      { action: 'dynamodb:BatchGetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      { action: 'dynamodb:Query', resource: 'table', leadingKeys: ['AUDIT#2026-01-01'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI3', leadingKeys: ['ASSISTED#x'] },
      { action: 'dynamodb:DescribeTable', resource: 'table', leadingKeys: [] },
    ],
    sweeper: [
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      // It settles transfers (catch-up) as the webhooks function does, and no more: no receipt, no audit, no user.
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['RECEIPT#a-26TMT-1'] },
      { action: 'dynamodb:UpdateItem', resource: 'table', leadingKeys: ['COUNTER#RECEIPT#a#26TMT'] },
      { action: 'dynamodb:UpdateItem', resource: 'table', leadingKeys: ['TRANSFER#sepay:1'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['AUDIT#2026-01-01'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI2', leadingKeys: ['UNMATCHED#x'] },
      { action: 'dynamodb:DescribeTable', resource: 'table', leadingKeys: [] },
    ],
    tax: [
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI1', leadingKeys: ['USERS'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['RECEIPT#a-26TMT-1'] },
      { action: 'dynamodb:UpdateItem', resource: 'table', leadingKeys: ['COUNTER#RECEIPT#a#26TMT'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['DAYSUM#x'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI2', leadingKeys: ['UNMATCHED#x'] },
      { action: 'dynamodb:DescribeTable', resource: 'table', leadingKeys: [] },
    ],
    integration: [
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['TRANSFER#sepay:1'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['RECEIPT#a-26TMT-1'] },
      // A client cannot forge an event, nor touch another's integration record.
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['EVENT#evt_1'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['INTEGRATION#int_0000000000000000'] },
      { action: 'dynamodb:Query', resource: 'table/index/GSI1', leadingKeys: ['USERS'] },
    ],
    events: [
      { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: ['USER#admin'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['EVENT#evt_1'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['TRANSFER#sepay:1'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['AUDIT#2026-01-01'] },
      { action: 'dynamodb:DescribeTable', resource: 'table', leadingKeys: [] },
    ],
    staff: [
      { action: 'dynamodb:DeleteItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
      { action: 'dynamodb:DeleteItem', resource: 'table', leadingKeys: ['AUDIT#2026-01-01'] },
      { action: 'dynamodb:PutItem', resource: 'table', leadingKeys: ['CATALOGUE'] },
      { action: 'dynamodb:BatchWriteItem', resource: 'table', leadingKeys: ['ORDER#ABCDEFGH'] },
    ],
  };
  const everybody: IamRequest[] = [
    { action: 'dynamodb:Scan', resource: 'table', leadingKeys: [] },
    { action: 'dynamodb:Scan', resource: 'table/index/GSI1', leadingKeys: [] },
    // A request naming no key at all must not slip through ForAllValues.
    { action: 'dynamodb:GetItem', resource: 'table', leadingKeys: [] },
    { action: 'dynamodb:Query', resource: 'table', leadingKeys: ['ORDER#X', 'USER#admin'] },
    { action: 'dynamodb:DeleteTable', resource: 'table', leadingKeys: [] },
  ];
  it.each(FUNCTIONS)('%s', (name) => {
    for (const request of [...forbidden[name], ...everybody]) {
      expect(allows(statementsOf(name), tableArn(), request), describeRequest(request)).toBe(false);
    }
  });

  it('the recorded requests touch the keys each function is meant to touch', () => {
    const prefixes = (name: FunctionName, action: string) => [...new Set(recorded[name].filter((r) => r.action === action).flatMap((r) => r.leadingKeys.map(keyPrefix)))].sort();
    expect(prefixes('webhooks', 'dynamodb:GetItem')).not.toContain('USER#*');
    expect(prefixes('public', 'dynamodb:PutItem')).toEqual(['IDEM#*', 'ORDER#*']);
    expect(prefixes('staff', 'dynamodb:UpdateItem')).toContain('COUNTER#*');
    // The nightly job stores summaries (BatchWriteItem), and nothing else.
    expect(prefixes('nightly', 'dynamodb:BatchWriteItem')).toEqual(['DAYSUM#*']);
    expect(recorded.nightly.filter((r) => !['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem'].includes(r.action))).toEqual([]);
    // The tax job writes its outbox (TAXDOC#) and nothing else.
    expect(prefixes('tax', 'dynamodb:PutItem')).toEqual(['TAXDOC#*']);
  });
});
