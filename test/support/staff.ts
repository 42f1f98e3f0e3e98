/** A staff app on a fresh seeded table, logins, and fixtures for the counter's objects. */
import { randomUUID } from 'node:crypto';
import { loadSigningKeys } from '../../functions/lib/auth/keys';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { placeOrder } from '../../functions/lib/orders/place-order';
import { devReceiptKeys } from '../../functions/lib/receipts/signing';
import { devReceiptSigners, type ReceiptSigners } from '../../functions/lib/receipts/signers';
import { DynamoLoginLimiter } from '../../functions/lib/storage/login-limiter';
import { DynamoReportsStore } from '../../functions/lib/storage/reports-store';
import { TaxDocumentsTable } from '../../functions/lib/storage/tax-documents-table';
import { manualTransmitter } from '../../functions/lib/receipts/transmission';
import { DynamoUserStore } from '../../functions/lib/storage/user-store';
import { DynamoIntegrationStore } from '../../functions/lib/storage/integrations-table';
import { userAdmin } from '../../functions/lib/accounts/admin';
import { type StaffPrincipal } from '../../functions/lib/accounts/login';
import { confirmOrder } from '../../functions/staff/use-cases/money';
import { createStaffApp } from '../../functions/staff/app';
import type { StaffDeps } from '../../functions/staff/context';
import type { FeeOrder } from '../../shared/order';
import type { TransferRecord } from '../../shared/transfer';
import { testDb, testDeps, type TestDb } from './db';
import { agencyOfLevel, payableProcedureAt } from './fixtures';

export interface StaffWorld {
  db: TestDb;
  deps: StaffDeps;
  app: ReturnType<typeof createStaffApp>;
  /**
   * Bearer tokens of the demo users (admin and leader: the province's; clerk and volunteer:
   * the first commune's), of a clerk and a volunteer at another commune, and of an admin and
   * a leader whose scope is the first commune alone.
   */
  tokens: Record<'admin' | 'clerk' | 'volunteer' | 'leader' | 'clerk2' | 'volunteer2' | 'communeAdmin' | 'communeLeader', string>;
  /** The first commune (the demo clerk's), another commune, and the province above both. */
  own: string;
  other: string;
  province: string;
}

/** One test CA per test process (RSA key generation is the slow part), shared by every staff world. */
let signers: ReceiptSigners | undefined;
export function testReceiptSigners(): ReceiptSigners {
  signers ??= devReceiptSigners({ now: () => new Date() });
  return signers;
}

export const ADMIN: StaffPrincipal = { username: 'admin', role: 'admin', displayName: 'Quản trị', tokenId: 'test' };

export async function staffWorld(): Promise<StaffWorld> {
  const db = await testDb();
  const deps: StaffDeps = {
    ...testDeps(db),
    users: new DynamoUserStore(db.client, db.tableName),
    limiter: new DynamoLoginLimiter(db.client, db.tableName),
    reports: new DynamoReportsStore(db.client, db.tableName),
    keys: loadSigningKeys({}),
    receiptKeys: () => devReceiptKeys(),
    receiptSigners: testReceiptSigners(),
    taxDocuments: new TaxDocumentsTable(db.client, db.tableName),
    transmitter: manualTransmitter(),
    registrations: new TaxDocumentsTable(db.client, db.tableName),
    delivery: { integrations: new DynamoIntegrationStore(db.client, db.tableName), store: db.store, now: () => new Date(), production: false, webhookTimeoutMs: 5000 },
  };
  const app = createStaffApp(() => deps);
  const own = agencyOfLevel('commune', 0).id;
  const other = agencyOfLevel('commune', 1).id;
  const province = agencyOfLevel('province', 0).id;
  const admin = userAdmin({ users: deps.users, now: deps.now });
  const password = 'another-demo-password-2026';
  await admin.createUser({ username: 'clerk2', role: 'clerk', agencyId: other, displayName: 'Cán bộ xã khác', password }, 'admin');
  await admin.createUser({ username: 'volunteer2', role: 'volunteer', agencyId: other, displayName: 'Tình nguyện viên xã khác', password }, 'admin');
  await admin.createUser({ username: 'admin.xa', role: 'admin', agencyId: own, displayName: 'Quản trị viên xã', password }, 'admin');
  await admin.createUser({ username: 'leader.xa', role: 'leader', agencyId: own, displayName: 'Lãnh đạo xã', password }, 'admin');
  const loginAs = async (username: string, pw: string) => {
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: pw }) });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { token: string }).token;
  };
  const seed = DEV_SECRETS.SEED_PASSWORD;
  const tokens = {
    admin: await loginAs('admin', seed),
    clerk: await loginAs('clerk', seed),
    volunteer: await loginAs('volunteer', seed),
    leader: await loginAs('leader', seed),
    clerk2: await loginAs('clerk2', password),
    volunteer2: await loginAs('volunteer2', password),
    communeAdmin: await loginAs('admin.xa', password),
    communeLeader: await loginAs('leader.xa', password),
  };
  return { db, deps, app, tokens, own, other, province };
}

export function call(world: StaffWorld, method: string, path: string, token?: string, body?: unknown) {
  return world.app.request(path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
}

/** An order at the agency, for a procedure it handles (the certified copy at a commune). */
export async function makeOrder(world: StaffWorld, agencyId: string, options: { assistedBy?: string; paid?: boolean; quantity?: number; dossierCode?: string } = {}): Promise<FeeOrder> {
  const { procedure, quantity } = payableProcedureAt(agencyId, options.quantity ?? 3);
  const { order } = await placeOrder(world.deps, {
    input: { procedureCode: procedure.code, agencyId, quantity, payer: { name: 'Nguyễn Văn An', phone: '0912345678' }, ...(options.dossierCode ? { dossierCode: options.dossierCode } : {}) },
    raw: {},
    ...(options.assistedBy ? { assistedBy: options.assistedBy } : {}),
  });
  if (!options.paid) return order;
  const paid = { ...order, status: 'PAID' as const, paidAmount: order.amount, version: order.version + 1 };
  await world.db.store.updateOrder(paid, order.version);
  return paid;
}

export async function makeTransfer(world: StaffWorld, agencyId: string, kind: 'UNMATCHED' | 'REFUND_DUE', amount = 5000): Promise<TransferRecord> {
  const providerId = randomUUID();
  const at = new Date().toISOString();
  const record: TransferRecord = {
    key: `sepay:${providerId}`,
    transfer: { provider: 'sepay', providerId, direction: 'in', amount, memo: kind === 'UNMATCHED' ? 'chuyen tien le phi' : 'duplicate', accountNumber: '0000', occurredAt: at, counterAccount: { name: 'NGUYEN VAN AN', number: '0011004123456' } },
    status: kind === 'UNMATCHED' ? 'UNMATCHED' : 'MATCHED',
    ...(kind === 'UNMATCHED' ? { reason: 'NO_REFERENCE' as const } : { outcome: 'DUPLICATE_PAYMENT', orderId: 'XXXXXXXX' }),
    agencyId,
    refundDue: kind === 'REFUND_DUE' ? amount : 0,
    rawBody: '{}',
    receivedAt: at,
  };
  await world.db.store.recordTransfer(record);
  return record;
}

export async function makeReceipt(world: StaffWorld, agencyId: string): Promise<{ order: FeeOrder; receiptId: string }> {
  const order = await makeOrder(world, agencyId, { paid: true });
  const { receipt, order: confirmed } = await confirmOrder(world.deps, ADMIN, order.id);
  return { order: confirmed, receiptId: receipt.id };
}
