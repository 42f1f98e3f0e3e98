/** Orders at the counter: the lists staff search, and an order placed for a citizen (audited). */
import type { CreateOrderInput, FeeOrder, OrderStatus } from '../../../shared/order';
import { foldForSearch } from '../../../shared/text';
import { vietnamDayBounds } from '../../../shared/time';
import { ApiError } from '../../lib/platform/errors';
import { placeOrder } from '../../lib/orders/place-order';
import type { Page } from '../../lib/storage/store';
import type { StaffPrincipal } from '../../lib/accounts/login';
import { canSeeOrder, inScope, listAgency, type Staff, type StaffDeps } from '../context';
import { recordAudit } from './audit';

export interface OrderListQuery {
  status?: OrderStatus | undefined;
  agencyId?: string | undefined;
  /** Vietnam dates bounding the creation time. */
  from?: string | undefined;
  to?: string | undefined;
  /** A reference (8 characters once folded), or words of the procedure, dossier code or reference. */
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

function range(from?: string, to?: string): { from?: string; to?: string } {
  return { ...(from ? { from: vietnamDayBounds(from).start } : {}), ...(to ? { to: vietnamDayBounds(to).end } : {}) };
}

/**
 * The orders this person may see: a reference finds its one order (if visible); otherwise
 * the agency's orders (a volunteer's: the ones they created), filtered by the words.
 */
export async function findOrders(d: StaffDeps, p: StaffPrincipal, q: OrderListQuery): Promise<Page<FeeOrder>> {
  const reference = q.q ? q.q.toUpperCase().replace(/[^A-Z0-9]/g, '') : '';
  if (reference.length === 8) {
    const one = await d.store.getOrder(reference);
    const visible = one && canSeeOrder(p, one) && (p.role === 'volunteer' || one.agencyId === listAgency(p, q.agencyId ?? one.agencyId));
    return { items: visible ? [one] : [] };
  }
  const query = { limit: q.limit, ...range(q.from, q.to), ...(q.status ? { status: q.status } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) };
  // A volunteer sees the orders they created (at their own agency).
  const agencyId = listAgency(p, q.agencyId);
  const page = p.role === 'volunteer' ? await d.store.listAssistedOrders(p.username, query) : await d.store.listAgencyOrders(agencyId, query);
  const words = q.q ? foldForSearch(q.q) : '';
  const items = words ? page.items.filter((o) => foldForSearch(`${o.procedureName} ${o.dossierCode ?? ''} ${o.reference}`).includes(words)) : page.items;
  return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The order this person may see, or 404 (existence does not leak). */
export async function orderToSee(d: StaffDeps, p: StaffPrincipal, id: string): Promise<FeeOrder> {
  const order = id.length <= 64 ? await d.store.getOrder(id) : undefined;
  if (!order || !canSeeOrder(p, order)) throw new ApiError('ORDER_NOT_FOUND');
  return order;
}

/** An order placed at the counter for a citizen; for one's own agency (an admin: any agency in scope). */
export async function placeAssistedOrder(d: StaffDeps, p: Staff, args: { input: CreateOrderInput; raw: unknown; idempotencyKey?: string | undefined }) {
  if (p.role === 'admin' ? !inScope(p, args.input.agencyId) : args.input.agencyId !== p.agencyId) {
    throw new ApiError('VALIDATION_FAILED', [{ path: 'agencyId', message: 'Chỉ lập đơn cho cơ quan của bạn.', messageEn: 'You can only create orders for your own agency.' }]);
  }
  const placed = await placeOrder(d, { input: args.input, raw: args.raw, assistedBy: p.username, ...(args.idempotencyKey ? { idempotencyKey: args.idempotencyKey } : {}) });
  const { order } = placed;
  if (placed.created) await recordAudit(d, p, 'ORDER_ASSISTED', { type: 'order', id: order.id, agencyId: order.agencyId }, { after: { amount: order.amount, procedureCode: order.procedureCode } });
  return placed;
}
