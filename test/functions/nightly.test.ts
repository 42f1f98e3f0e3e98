/**
 * The nightly job (functions/nightly): closes the last days for every agency ahead of
 * anyone opening the dashboard, on a real DynamoDB Local table, at fixed clocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { closeDays, computeDays, loadDashboard, NIGHTLY_LOOKBACK_DAYS, type ReportDeps } from '../../functions/lib/reports/day-summaries';
import { placeOrder } from '../../functions/lib/orders/place-order';
import { settleTransfer } from '../../functions/lib/payments/settlement';
import { matchTransfer } from '../../functions/staff/use-cases/money';
import { AGENCIES } from '../../shared/catalogue';
import type { FeeOrder } from '../../shared/order';
import type { IncomingTransfer } from '../../shared/transfer';
import type { StaffPrincipal } from '../../functions/lib/accounts/login';
import { reportsStoreBeside } from '../support/composition';
import { staffWorld, type StaffWorld } from '../support/staff';
import { procedureWithFee } from '../support/fixtures';

/** An instant on a Vietnamese day at a Vietnamese wall-clock time. */
const at = (day: string, hhmmss: string) => new Date(Date.parse(`${day}T${hhmmss}+07:00`));
// A day of its own, far from any other test's records.
const D = '2025-03-10';

let world: StaffWorld;
let clock = at(D, '08:00:00');
let reportDeps: ReportDeps;
let paid: FeeOrder;
let waiting: FeeOrder;
let unmatchedKey: string;

const transfer = (o: Pick<FeeOrder, 'vietqr'>, amount: number, memo: string): IncomingTransfer => ({
  provider: 'sepay',
  providerId: randomUUID(),
  direction: 'in',
  amount,
  memo,
  accountNumber: o.vietqr.accountNumber,
  occurredAt: clock.toISOString(),
});

beforeAll(async () => {
  world = await staffWorld();
  world.deps.now = () => new Date(clock);
  reportDeps = { reports: reportsStoreBeside(world.deps.store)!, catalogue: world.deps.catalogue, now: () => new Date(clock) };
  const place = async () => (await placeOrder(world.deps, { input: { procedureCode: procedureWithFee('flat', 'commune').code, agencyId: world.own }, raw: {} })).order;
  // On day D, at the own commune: one order paid, one waiting, and a transfer whose memo names no order.
  clock = at(D, '08:00:00');
  paid = await place();
  waiting = await place();
  clock = at(D, '09:00:00');
  expect(await settleTransfer(world.deps, transfer(paid, paid.amount, `MBVCB.3278519.${paid.reference}.CT tu 0123456789`), '{}')).toMatchObject({ kind: 'settled', outcome: 'PAID' });
  const stray = await settleTransfer(world.deps, transfer(waiting, waiting.amount, 'nop phi chung thuc'), '{}');
  expect(stray).toMatchObject({ kind: 'unmatched' });
  unmatchedKey = stray.key;
});

describe('the nightly job', () => {
  it('at 00:30 stores the last seven closed days of every agency, yesterday included', async () => {
    clock = at('2025-03-12', '00:30:00');
    const result = await closeDays(reportDeps);
    expect(result).toEqual({ from: '2025-03-05', to: '2025-03-11', agencies: AGENCIES.length, cached: 0, computed: NIGHTLY_LOOKBACK_DAYS * AGENCIES.length, live: 0 });
    // What is stored is what the records say.
    const [stored] = await reportDeps.reports.daySummaries(world.own, D, D);
    expect(stored!.summary).toEqual((await computeDays(reportDeps.reports, world.own, [D]))[0]);
    expect(stored!.summary).toMatchObject({ day: D });
  });

  it('a second run only checks: nothing is computed again', async () => {
    expect(await closeDays(reportDeps)).toMatchObject({ cached: NIGHTLY_LOOKBACK_DAYS * AGENCIES.length, computed: 0 });
  });

  it('the dashboard then reads the stored days only', async () => {
    const dashboard = await loadDashboard(reportDeps, { from: '2025-03-05', to: '2025-03-11', agencies: AGENCIES });
    expect(dashboard.source).toEqual({ cached: NIGHTLY_LOOKBACK_DAYS * AGENCIES.length, computed: 0, live: 0 });
  });

  it('just after midnight, yesterday is still inside its margin and is left for the next run', async () => {
    clock = at('2025-03-13', '00:10:00');
    expect(await closeDays(reportDeps, { days: 2 })).toMatchObject({ from: '2025-03-10', to: '2025-03-11', computed: 0, cached: 2 * AGENCIES.length });
  });

  it('a day a clerk changed later is computed again, and only that day', async () => {
    clock = at('2025-03-13', '10:00:00');
    const clerk: StaffPrincipal = { username: 'clerk', role: 'clerk', agencyId: world.own, displayName: 'Cán bộ', tokenId: 't' };
    await matchTransfer(world.deps, clerk, unmatchedKey, waiting.id);
    clock = at('2025-03-14', '00:30:00');
    const result = await closeDays(reportDeps, { days: 5 });
    expect(result).toMatchObject({ from: '2025-03-09', to: '2025-03-13' });
    // 2025-03-12 and 03-13 are new for every agency; of the others only D at the own commune.
    expect(result.computed).toBe(2 * AGENCIES.length + 1);
    const [stored] = await reportDeps.reports.daySummaries(world.own, D, D);
    expect(stored!.summary).toEqual((await computeDays(reportDeps.reports, world.own, [D]))[0]);
  });

  it('backfills as many days as it is asked', async () => {
    clock = at('2025-03-14', '00:30:00');
    expect(await closeDays(reportDeps, { days: 30 })).toMatchObject({ from: '2025-02-12', to: '2025-03-13', computed: 21 * AGENCIES.length, cached: 9 * AGENCIES.length });
  });
});

describe('the Lambda entry', () => {
  it('refuses a manual run with a bad number of days, and runs with a good one', async () => {
    process.env.TABLE_NAME = world.db.tableName;
    process.env.DYNAMODB_ENDPOINT = world.db.endpoint;
    const { handler } = await import('../../functions/nightly/index');
    for (const days of [0, 367, 1.5, '7']) await expect(handler({ days } as never)).rejects.toThrow(/days/);
    const result = (await handler({ days: 1, source: 'aws.events', 'detail-type': 'Scheduled Event' } as never)) as { from: string; to: string; agencies: number };
    expect(result.from).toBe(result.to);
    expect(result.agencies).toBe(AGENCIES.length);
  });
});
