/** The clerk's queue: transfers waiting for a match or a refund, and acting on them. */
import * as z from 'zod';
import { readJson, readQuery } from '../../lib/platform/http';
import { listAgency, pageBody, principalOf, staffOrderView, transferView, type StaffDeps, type StaffHandlers } from '../context';
import { matchTransfer } from '../use-cases/money';
import { confirmRefundByClerk, payoutRefund, recordManualRefund } from '../use-cases/refunds';
import { bilingual } from '../../../shared/errors';
import { amountVnd } from '../../../shared/money';
import { cursor, day, PAGE, reasonText } from './inputs';
import type { ListPage, OrderPaymentView, TransferView } from '../../../shared/views';

export const listQuery = z.object({ status: z.enum(['UNMATCHED', 'REFUND_DUE']).default('UNMATCHED'), agencyId: z.string().max(64).optional(), cursor });
export const matchBody = z.strictObject({ orderId: z.string().min(1).max(64) });
const bankReference = z.string().regex(/^[A-Za-z0-9._/-]{1,40}$/, bilingual('Mã giao dịch ngân hàng chỉ gồm chữ, số và . _ / -', 'The bank reference may only hold letters, digits and . _ / -'));
/**
 * A refund sent: by hand (`via` "manual", the default: the transfer's amount, bank
 * reference and day as the clerk has them) or through payOS payouts (`via` "payos", to
 * `to` or the account the money came from).
 */
export const refundBody = z.strictObject({
  note: reasonText,
  via: z.enum(['manual', 'payos']).default('manual'),
  amount: amountVnd.optional(),
  bankReference: bankReference.optional(),
  sentOn: day.optional(),
  to: z
    .strictObject({
      bin: z.string().regex(/^\d{6}$/, bilingual('BIN ngân hàng gồm 6 chữ số.', 'A bank BIN has 6 digits.')),
      accountNumber: z.string().regex(/^\d{6,19}$/, bilingual('Số tài khoản gồm 6 đến 19 chữ số.', 'An account number has 6 to 19 digits.')),
    })
    .optional(),
});
export const confirmBody = z.strictObject({ note: reasonText, bankReference: bankReference.optional() });

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
      const { via, to, note, ...manual } = value;
      const transfer =
        via === 'payos'
          ? await payoutRefund(deps(), principalOf(c), c.req.param('id'), { note, ...(to ? { to } : {}) })
          : await recordManualRefund(deps(), principalOf(c), c.req.param('id'), { note, ...manual });
      return c.json({ transaction: transferView(transfer) });
    },
    confirmRefund: async (c) => {
      const { value } = await readJson(c, confirmBody);
      const transfer = await confirmRefundByClerk(deps(), principalOf(c), c.req.param('id'), { note: value.note, ...(value.bankReference ? { bankReference: value.bankReference } : {}) });
      return c.json({ transaction: transferView(transfer) });
    },
  }) satisfies Partial<StaffHandlers>;
