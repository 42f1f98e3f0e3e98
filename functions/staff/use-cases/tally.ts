/** The volunteer's tally: people helped today and this month (Vietnam days), by procedure. */
import type { FeeOrder } from '../../../shared/order';
import { vietnamDate, vietnamDayBounds } from '../../../shared/time';
import type { StaffPrincipal } from '../../lib/accounts/login';
import type { StaffDeps } from '../context';

/** One's own tally; an admin may ask for anyone's. */
export function tallyFor(d: StaffDeps, p: StaffPrincipal, asked: string | undefined) {
  return tally(d, p.role === 'admin' && asked ? asked : p.username);
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
