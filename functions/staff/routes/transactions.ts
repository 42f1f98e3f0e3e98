/** The clerk's queue: transfers waiting for a match or a refund, and acting on them. */
import * as z from 'zod';
import { readJson, readQuery } from '../../lib/platform/http';
import { listAgency, pageBody, principalOf, staffOrderView, transferView, type StaffDeps, type StaffHandlers } from '../context';
import { matchTransfer, recordRefund } from '../use-cases/money';
import { cursor, PAGE, reasonText } from './inputs';
import type { ListPage, OrderPaymentView, TransferView } from '../../../shared/views';

export const listQuery = z.object({ status: z.enum(['UNMATCHED', 'REFUND_DUE']).default('UNMATCHED'), agencyId: z.string().max(64).optional(), cursor });
export const matchBody = z.strictObject({ orderId: z.string().min(1).max(64) });
export const refundBody = z.strictObject({ note: reasonText });

export const transactionRoutes = (deps: () => StaffDeps) =>
  ({
    listTransfers: async (c) => {
      const q = readQuery(c, listQuery);
      const page = await deps().store.listTransfers(listAgency(principalOf(c), q.agencyId), q.status, { limit: PAGE, ...(q.cursor ? { cursor: q.cursor } : {}) });
      return c.json(pageBody(page, transferView) satisfies ListPage<TransferView>);
    },
    matchTransfer: async (c) => {
      const { value } = await readJson(c, matchBody);
      const { order, transfer } = await matchTransfer(deps(), principalOf(c), c.req.param('id'), value.orderId.toUpperCase());
      return c.json({ order: staffOrderView(order, true), transaction: transferView(transfer) } satisfies OrderPaymentView);
    },
    recordRefund: async (c) => {
      const { value } = await readJson(c, refundBody);
      const transfer = await recordRefund(deps(), principalOf(c), c.req.param('id'), value.note);
      return c.json({ transaction: transferView(transfer) });
    },
  }) satisfies Partial<StaffHandlers>;
