/** Orders at the counter: list and search, place one for a citizen, read one, and the money actions on it. */
import * as z from 'zod';
import { orderBodySchema, ORDER_STATUSES } from '../../../shared/order';
import { amountVnd } from '../../../shared/money';
import { readJson, readQuery } from '../../lib/platform/http';
import { orderView, parseIdempotencyKey } from '../../lib/orders/place-order';
import { canActForAgency, pageBody, principalOf, staffOrderView, transferView, type StaffDeps, type StaffHandlers } from '../context';
import { cancelOrder, confirmOrder, recordCash } from '../use-cases/money';
import { markPaidOnPortal } from '../use-cases/portal-payment';
import { findOrders, orderToSee, placeAssistedOrder } from '../use-cases/orders';
import { bilingual } from '../../../shared/errors';
import { cursor, day, PAGE, reasonText } from './inputs';
import type { AssistedOrderView, ConfirmedOrderView, ListPage, OrderPaymentView, StaffOrderView } from '../../../shared/views';

export const listQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  agencyId: z.string().max(64).optional(),
  from: day.optional(),
  to: day.optional(),
  q: z.string().max(100).optional(),
  cursor,
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export const cashBody = z.strictObject({ amount: amountVnd.optional(), note: reasonText.optional() });
export const cancelBody = z.strictObject({ reason: reasonText });
/** The portal's payment reference as the dossier shows it: letters, digits and . _ - / only. */
export const portalPaymentBody = z.strictObject({
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._\/-]{3,63}$/, bilingual('Mã thanh toán trên Cổng Dịch vụ công: 4–64 chữ, số, dấu . _ - /.', 'The portal payment reference: 4–64 letters, digits, . _ - /.')),
  note: reasonText,
});

// Lists are masked for everyone; the order's own page shows what the role needs.
const masked = (o: Parameters<typeof staffOrderView>[0]) => staffOrderView(o, false);

export const orderRoutes = (deps: () => StaffDeps) =>
  ({
    listOrders: async (c) => {
      const q = readQuery(c, listQuery);
      return c.json(pageBody(await findOrders(deps(), principalOf(c), { ...q, limit: q.limit ?? PAGE }), masked) satisfies ListPage<StaffOrderView>);
    },
    createOrder: async (c) => {
      const d = deps();
      const p = principalOf(c);
      const idempotencyKey = parseIdempotencyKey(c.req.header('idempotency-key'));
      const { value, raw } = await readJson(c, orderBodySchema);
      const { created, order } = await placeAssistedOrder(d, p, { input: value, raw, idempotencyKey });
      return c.json({ ...orderView(order, d.orderTokens.issue(order.id)), assistedBy: p.username } satisfies AssistedOrderView, created ? 201 : 200);
    },
    getOrder: async (c) => {
      const p = principalOf(c);
      const order = await orderToSee(deps(), p, c.req.param('id'));
      return c.json(staffOrderView(order, canActForAgency(p, order.agencyId)) satisfies StaffOrderView);
    },
    confirmOrder: async (c) => {
      const { order, receipt } = await confirmOrder(deps(), principalOf(c), c.req.param('id'));
      return c.json({ order: staffOrderView(order, true), receipt: { ...order.receipt!, id: receipt.id } } satisfies ConfirmedOrderView);
    },
    recordCash: async (c) => {
      const idempotencyKey = parseIdempotencyKey(c.req.header('idempotency-key'));
      const { value } = await readJson(c, cashBody);
      const { order, transfer, replayed } = await recordCash(deps(), principalOf(c), c.req.param('id'), value, idempotencyKey);
      return c.json({ order: staffOrderView(order, true), transaction: transferView(transfer) } satisfies OrderPaymentView, replayed ? 200 : 201);
    },
    cancelOrder: async (c) => {
      const { value } = await readJson(c, cancelBody);
      const order = await cancelOrder(deps(), principalOf(c), c.req.param('id'), value.reason);
      return c.json({ order: staffOrderView(order, true) });
    },
    markPaidOnPortal: async (c) => {
      const { value } = await readJson(c, portalPaymentBody);
      const order = await markPaidOnPortal(deps(), principalOf(c), c.req.param('id'), value);
      return c.json({ order: staffOrderView(order, true) });
    },
  }) satisfies Partial<StaffHandlers>;
