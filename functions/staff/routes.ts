/**
 * Staff routes: login, the counter's orders and money, the clerk's queue, receipts,
 * the volunteer's tally, the audit log and user administration. Every route passes
 * `guard` (token + role from STAFF_ROUTES) and then checks agency scope per object.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { AUDIT_ACTIONS } from '../../shared/audit';
import { bilingual } from '../../shared/errors';
import { createOrderSchema, ORDER_STATUSES, type FeeOrder } from '../../shared/order';
import { cancelReceiptSchema } from '../../shared/receipt';
import { vietnamDate, vietnamDayBounds } from '../../shared/time';
import { foldForSearch } from '../../shared/text';
import type { AssistedOrderView, ConfirmedOrderView, ListPage, OrderPaymentView, StaffOrderView, StaffSessionView, TallyView, TransferView } from '../../shared/views';
import { clientIp } from '../lib/client-ip';
import { ApiError } from '../lib/errors';
import { jsonBodyLimit, readJson, readQuery } from '../lib/http';
import { orderView, parseIdempotencyKey, placeOrder } from '../lib/orders';
import { createUserSchema, login, loginSchema, resetPasswordSchema, userAdmin, type StaffPrincipal } from '../lib/users';
import { STAFF_ROUTES } from './access';
import { cancelOrder, cancelReceipt, confirmOrder, matchTransfer, receiptToActOn, recordCash, recordRefund } from './actions';
import { auditEntry, canActForAgency, canSeeOrder, guard, listAgency, principalOf, staffOrderView, transferView, type StaffDeps, type StaffEnv } from './context';

const PAGE = 50;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, bilingual('Ngày phải có dạng YYYY-MM-DD.', 'Dates must be YYYY-MM-DD.'));

const orderListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  agencyId: z.string().max(64).optional(),
  from: day.optional(),
  to: day.optional(),
  q: z.string().max(100).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

const reasonText = z
  .string()
  .trim()
  .min(3, bilingual('Hãy ghi lý do (ít nhất 3 ký tự).', 'Give a reason (at least 3 characters).'))
  .max(500)
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), bilingual('Có ký tự điều khiển không được phép.', 'Contains control characters that are not allowed.'));

const cashSchema = z.strictObject({
  amount: z.number().int().min(1).max(499_999_999).optional(),
  note: reasonText.optional(),
});
const cancelSchema = z.strictObject({ reason: reasonText });
const matchSchema = z.strictObject({ orderId: z.string().min(1).max(64) });
const refundSchema = z.strictObject({ note: reasonText });

function range(from?: string, to?: string): { from?: string; to?: string } {
  return { ...(from ? { from: vietnamDayBounds(from).start } : {}), ...(to ? { to: vietnamDayBounds(to).end } : {}) };
}

export function staffRoutes(deps: () => StaffDeps) {
  const g = (name: keyof typeof STAFF_ROUTES) => guard(deps, name);
  const admin = () => {
    const d = deps();
    return userAdmin({ users: d.users, now: d.now, limiter: d.limiter, agencyExists: async (id) => Boolean(await d.catalogue.agency(id)) });
  };

  return (
    new Hono<StaffEnv>()
      // ---- Session -------------------------------------------------------------------
      .post('/auth/login', jsonBodyLimit, async (c) => {
        const d = deps();
        const { value } = await readJson(c, loginSchema);
        const session = { username: value.username.trim().toLowerCase().slice(0, 64), role: 'anonymous' };
        try {
          const result = await login({ users: d.users, limiter: d.limiter, keys: d.keys, now: d.now }, { ...value, clientIp: clientIp(c) });
          await d.store.appendAudit(auditEntry(d, { ...result.user, agencyId: result.user.agencyId ?? undefined }, 'LOGIN', { type: 'session', id: result.user.username }));
          return c.json(result satisfies StaffSessionView);
        } catch (err) {
          if (err instanceof ApiError && (err.code === 'INVALID_CREDENTIALS' || err.code === 'TOO_MANY_ATTEMPTS')) {
            await d.store.appendAudit(auditEntry(d, session, 'LOGIN_FAILED', { type: 'session', id: session.username }, { note: err.code }));
          }
          throw err;
        }
      })
      .get('/staff/me', g('me'), (c) => c.json({ user: principalOf(c) }))

      // ---- Orders --------------------------------------------------------------------
      .get('/staff/orders', g('listOrders'), async (c) => {
        const p = principalOf(c);
        const q = readQuery(c, orderListQuery);
        const d = deps();
        const full = false; // lists are masked for everyone; the order's own page shows what the role needs
        const reference = q.q ? q.q.toUpperCase().replace(/[^A-Z0-9]/g, '') : '';
        if (reference.length === 8) {
          const one = await d.store.getOrder(reference);
          const visible = one && canSeeOrder(p, one) && (p.role === 'volunteer' || one.agencyId === listAgency(p, q.agencyId ?? one.agencyId));
          return c.json({ items: visible ? [staffOrderView(one, full)] : [], nextCursor: null } satisfies ListPage<StaffOrderView>);
        }
        const query = { limit: q.limit ?? PAGE, ...range(q.from, q.to), ...(q.status ? { status: q.status } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) };
        // A volunteer sees the orders they created (at their own agency).
        const agencyId = listAgency(p, q.agencyId);
        const page = p.role === 'volunteer' ? await d.store.listAssistedOrders(p.username, query) : await d.store.listAgencyOrders(agencyId, query);
        const words = q.q ? foldForSearch(q.q) : '';
        const items = words ? page.items.filter((o) => foldForSearch(`${o.procedureName} ${o.dossierCode ?? ''} ${o.reference}`).includes(words)) : page.items;
        return c.json({ items: items.map((o) => staffOrderView(o, full)), nextCursor: page.nextCursor ?? null } satisfies ListPage<StaffOrderView>);
      })
      .post('/staff/orders', g('createOrder'), jsonBodyLimit, async (c) => {
        const p = principalOf(c);
        const d = deps();
        const idempotencyKey = parseIdempotencyKey(c.req.header('idempotency-key'));
        const { value, raw } = await readJson(c, createOrderSchema);
        // At the counter, an order is for one's own agency (an admin may serve any).
        if (p.role !== 'admin' && value.agencyId !== p.agencyId) {
          throw new ApiError('VALIDATION_FAILED', [{ path: 'agencyId', message: 'Chỉ lập đơn cho cơ quan của bạn.', messageEn: 'You can only create orders for your own agency.' }]);
        }
        const { created, order } = await placeOrder(d, { input: value, raw, assistedBy: p.username, ...(idempotencyKey ? { idempotencyKey } : {}) });
        if (created) {
          await d.store.appendAudit(auditEntry(d, p, 'ORDER_ASSISTED', { type: 'order', id: order.id, agencyId: order.agencyId }, { after: { amount: order.amount, procedureCode: order.procedureCode } }));
        }
        return c.json({ ...orderView(order, d.orderTokens.issue(order.id)), assistedBy: p.username } satisfies AssistedOrderView, created ? 201 : 200);
      })
      .get('/staff/orders/:id', g('getOrder'), async (c) => {
        const p = principalOf(c);
        const id = c.req.param('id');
        const order = id.length <= 64 ? await deps().store.getOrder(id) : undefined;
        if (!order || !canSeeOrder(p, order)) throw new ApiError('ORDER_NOT_FOUND');
        return c.json(staffOrderView(order, canActForAgency(p, order.agencyId)));
      })
      .post('/staff/orders/:id/confirm', g('confirmOrder'), async (c) => {
        const { order, receipt } = await confirmOrder(deps(), principalOf(c), c.req.param('id'));
        return c.json({ order: staffOrderView(order, true), receipt: { ...order.receipt!, id: receipt.id } } satisfies ConfirmedOrderView);
      })
      .post('/staff/orders/:id/cash', g('recordCash'), jsonBodyLimit, async (c) => {
        const { value } = await readJson(c, cashSchema);
        const { order, transfer } = await recordCash(deps(), principalOf(c), c.req.param('id'), value);
        return c.json({ order: staffOrderView(order, true), transaction: transferView(transfer) } satisfies OrderPaymentView, 201);
      })
      .post('/staff/orders/:id/cancel', g('cancelOrder'), jsonBodyLimit, async (c) => {
        const { value } = await readJson(c, cancelSchema);
        const order = await cancelOrder(deps(), principalOf(c), c.req.param('id'), value.reason);
        return c.json({ order: staffOrderView(order, true) });
      })

      // ---- The clerk's queue ---------------------------------------------------------
      .get('/staff/transactions', g('listTransfers'), async (c) => {
        const p = principalOf(c);
        const q = readQuery(c, z.object({ status: z.enum(['UNMATCHED', 'REFUND_DUE']).default('UNMATCHED'), agencyId: z.string().max(64).optional(), cursor: z.string().max(2000).optional() }));
        const page = await deps().store.listTransfers(listAgency(p, q.agencyId), q.status, { limit: PAGE, ...(q.cursor ? { cursor: q.cursor } : {}) });
        return c.json({ items: page.items.map(transferView), nextCursor: page.nextCursor ?? null } satisfies ListPage<TransferView>);
      })
      .post('/staff/transactions/:id/match', g('matchTransfer'), jsonBodyLimit, async (c) => {
        const { value } = await readJson(c, matchSchema);
        const { order, transfer } = await matchTransfer(deps(), principalOf(c), c.req.param('id'), value.orderId.toUpperCase());
        return c.json({ order: staffOrderView(order, true), transaction: transferView(transfer) } satisfies OrderPaymentView);
      })
      .post('/staff/transactions/:id/refund', g('recordRefund'), jsonBodyLimit, async (c) => {
        const { value } = await readJson(c, refundSchema);
        const transfer = await recordRefund(deps(), principalOf(c), c.req.param('id'), value.note);
        return c.json({ transaction: transferView(transfer) });
      })

      // ---- Receipts ------------------------------------------------------------------
      .get('/staff/receipts/:id', g('getReceipt'), async (c) => {
        const receipt = await receiptToActOn(deps(), principalOf(c), c.req.param('id'));
        return c.json(receipt);
      })
      .post('/staff/receipts/:id/cancel', g('cancelReceipt'), jsonBodyLimit, async (c) => {
        const { value } = await readJson(c, cancelReceiptSchema);
        const { receipt, order } = await cancelReceipt(deps(), principalOf(c), c.req.param('id'), value.reason);
        return c.json({ receipt, order: staffOrderView(order, true) });
      })

      // ---- The volunteer's tally -----------------------------------------------------
      .get('/staff/tally', g('tally'), async (c) => {
        const p = principalOf(c);
        const q = readQuery(c, z.object({ username: z.string().max(64).optional() }));
        const username = p.role === 'admin' && q.username ? q.username : p.username;
        return c.json(await tally(deps(), username));
      })

      // ---- Audit ---------------------------------------------------------------------
      .get('/staff/audit', g('audit'), async (c) => {
        const d = deps();
        const q = readQuery(c, z.object({ date: day.optional(), actor: z.string().max(64).optional(), action: z.enum(AUDIT_ACTIONS).optional(), cursor: z.string().max(2000).optional() }));
        const page = await d.store.listAudit({
          day: q.date ?? vietnamDate(d.now()),
          limit: PAGE,
          ...(q.actor ? { actor: q.actor } : {}),
          ...(q.action ? { action: q.action } : {}),
          ...(q.cursor ? { cursor: q.cursor } : {}),
        });
        return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
      })

      // ---- Users ---------------------------------------------------------------------
      .get('/staff/users', g('listUsers'), async (c) => {
        const q = readQuery(c, z.object({ cursor: z.string().max(2000).optional() }));
        const page = await admin().listUsers(q.cursor);
        return c.json({ items: page.items, nextCursor: page.nextCursor ?? null });
      })
      .post('/staff/users', g('createUser'), jsonBodyLimit, async (c) => {
        const p = principalOf(c);
        const { value } = await readJson(c, createUserSchema);
        const change = await admin().createUser(value, p.username);
        await deps().store.appendAudit(auditEntry(deps(), p, 'USER_CREATED', { type: 'user', id: change.after.username }, { after: change.after as unknown as Record<string, unknown> }));
        return c.json({ user: change.after }, 201);
      })
      .post('/staff/users/:username/disable', g('disableUser'), async (c) => userChange(c, 'USER_DISABLED', (a, u, by) => a.setDisabled(u, true, by)))
      .post('/staff/users/:username/enable', g('enableUser'), async (c) => userChange(c, 'USER_ENABLED', (a, u, by) => a.setDisabled(u, false, by)))
      .post('/staff/users/:username/password', g('resetPassword'), jsonBodyLimit, async (c) => {
        const { value } = await readJson(c, resetPasswordSchema);
        return userChange(c, 'USER_PASSWORD_RESET', (a, u) => a.resetPassword(u, value.password));
      })
  );

  async function userChange(
    c: Context<StaffEnv>,
    action: 'USER_DISABLED' | 'USER_ENABLED' | 'USER_PASSWORD_RESET',
    run: (a: ReturnType<typeof admin>, username: string, by: string) => ReturnType<ReturnType<typeof admin>['setDisabled']>,
  ) {
    const p: StaffPrincipal = principalOf(c);
    const change = await run(admin(), c.req.param('username') ?? '', p.username);
    await deps().store.appendAudit(
      auditEntry(deps(), p, action, { type: 'user', id: change.after.username }, { before: (change.before ?? undefined) as Record<string, unknown> | undefined, after: change.after as unknown as Record<string, unknown> }),
    );
    return c.json({ user: change.after });
  }
}

/** People helped today and this month (Vietnam days), by procedure. */
async function tally(d: StaffDeps, username: string): Promise<TallyView> {
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
