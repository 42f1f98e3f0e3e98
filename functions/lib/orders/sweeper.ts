/**
 * Expires unpaid orders past their expiry, a page at a time, through the index of
 * unpaid orders by expiry day (never a scan). Each change is conditional on the
 * version read, so a payment landing at the same moment wins and is never undone: the
 * order is read again, and a paid order does not expire.
 */
import { advance } from '../../../shared/order-state';
import type { BaseDeps } from '../deps';
import { RACE_LOST, retryOnConflict } from '../platform/retry';
import { cancelPaymentRequest } from './payment-request';

export interface SweepResult {
  expired: number;
  /** Paid (or otherwise moved) between the index read and the write: left as they are. */
  skipped: number;
  pages: number;
}

const DAY_MS = 86_400_000;

/**
 * Looks back `lookbackDays` expiry days (UTC): orders whose expiry passed while the
 * sweeper was down that long are still caught; older ones stay visible as PENDING in
 * the staff lists.
 */
export async function sweepExpired(
  deps: Pick<BaseDeps, 'store' | 'now' | 'paymentRequests'>,
  options: { lookbackDays?: number; pageSize?: number } = {},
): Promise<SweepResult> {
  const now = deps.now();
  const until = now.toISOString();
  const lookback = options.lookbackDays ?? 7;
  const result: SweepResult = { expired: 0, skipped: 0, pages: 0 };
  for (let d = lookback; d >= 0; d--) {
    const day = new Date(now.getTime() - d * DAY_MS).toISOString().slice(0, 10);
    let cursor: string | undefined;
    do {
      const page = await deps.store.dueForExpiry(day, until, { limit: options.pageSize ?? 100, ...(cursor ? { cursor } : {}) });
      result.pages++;
      for (const id of page.ids) {
        (await expireOne(deps, id, until)) ? result.expired++ : result.skipped++;
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return result;
}

async function expireOne(deps: Pick<BaseDeps, 'store' | 'paymentRequests'>, id: string, at: string): Promise<boolean> {
  const expired = await retryOnConflict(async () => {
    const order = await deps.store.getOrder(id);
    if (!order) return undefined;
    const step = advance(order, { type: 'EXPIRE', at });
    // Paid, cancelled (or otherwise moved) since the index was read: left as it is.
    if (!step.ok) return undefined;
    return (await deps.store.updateOrder(step.order, order.version)) ? step.order : RACE_LOST;
  });
  if (!expired || expired === RACE_LOST) return false;
  // Once expired here, its payOS payment request (if any) goes too.
  await cancelPaymentRequest(deps, expired, 'Order expired');
  return true;
}
