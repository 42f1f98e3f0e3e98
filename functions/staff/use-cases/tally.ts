/** The volunteer's tally: people helped today and this month (Vietnam days), by procedure. */
import type { FeeOrder } from '../../../shared/order';
import { vietnamDate, vietnamDayBounds } from '../../../shared/time';
import { ApiError } from '../../lib/platform/errors';
import type { Staff, StaffDeps } from '../context';
import { managesUser } from './users';

/** One's own tally; an admin may ask for that of anyone whose account they manage (404 otherwise). */
export async function tallyFor(d: StaffDeps, p: Staff, asked: string | undefined) {
  if (p.role !== 'admin' || !asked) return tally(d, p.username);
  if (p.agencyId !== undefined && !(await managesUser(d, p, asked))) throw new ApiError('USER_NOT_FOUND');
  return tally(d, asked);
}

async function tally(d: StaffDeps, username: string) {
  const now = d.now();
  const today = vietnamDate(now);
  const monthStart = `${today.slice(0, 8)}01`;
  const orders: FeeOrder[] = [];
  let cursor: string | undefined;
  do {
    const page = await d.store.listAssistedOrders(username, { limit: 200, from: vietnamDayBounds(monthStart).start, ...(cursor ? { cursor } : {}) });
    orders.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const byProcedure = new Map<string, { procedureCode: string; procedureName: string; today: number; month: number }>();
  let todayCount = 0;
  for (const o of orders) {
    const isToday = vietnamDate(o.createdAt) === today;
    if (isToday) todayCount++;
    const row = byProcedure.get(o.procedureCode) ?? { procedureCode: o.procedureCode, procedureName: o.procedureName, today: 0, month: 0 };
    row.month++;
    if (isToday) row.today++;
    byProcedure.set(o.procedureCode, row);
  }
  return {
    username,
    date: today,
    today: todayCount,
    month: orders.length,
    paidThisMonth: orders.filter((o) => ['PAID', 'OVERPAID', 'CONFIRMED'].includes(o.status)).length,
    byProcedure: [...byProcedure.values()].sort((a, b) => b.month - a.month),
  };
}
