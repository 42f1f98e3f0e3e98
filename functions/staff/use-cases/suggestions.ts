/**
 * The likely orders for a transfer that matched nothing (shared/suggest.ts scores them):
 * the receiving agency's orders created in the 48 hours before the money moved. Read
 * only: the clerk confirms one through the match route; nothing is matched here.
 */
import { CLOCK_SLACK_MS, SUGGEST_WINDOW_MS, suggestOrders, type Suggestion } from '../../../shared/suggest';
import type { FeeOrder } from '../../../shared/order';
import type { StaffPrincipal } from '../../lib/accounts/login';
import { ApiError } from '../../lib/platform/errors';
import { canActForAgency, type StaffDeps } from '../context';

/** An agency takes a few hundred orders in two days at most; past this the newest are enough. */
const MAX_CANDIDATES = 2000;
const PAGE = 200;

export async function suggestionsFor(deps: StaffDeps, p: StaffPrincipal, key: string): Promise<Suggestion[]> {
  const record = key.length <= 200 ? await deps.store.getTransfer(key) : undefined;
  if (!record || !canActForAgency(p, record.agencyId)) throw new ApiError('TRANSFER_NOT_FOUND');
  if (record.status !== 'UNMATCHED' || !record.agencyId) return [];
  const at = record.transfer.occurredAt;
  const from = new Date(Date.parse(at) - SUGGEST_WINDOW_MS).toISOString();
  const to = `${new Date(Date.parse(at) + CLOCK_SLACK_MS).toISOString()}~`;
  const candidates: FeeOrder[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.listAgencyOrders(record.agencyId, { from, to, limit: PAGE, ...(cursor ? { cursor } : {}) });
    candidates.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && candidates.length < MAX_CANDIDATES);
  return suggestOrders({ agencyId: record.agencyId, amount: record.transfer.amount, memo: record.transfer.memo, occurredAt: at }, candidates);
}
