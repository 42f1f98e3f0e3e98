/** Receipts: read one as stored, cancel one (never an edit; its number stays used). */
import { cancelReceiptSchema } from '../../../shared/receipt';
import { readJson } from '../../lib/platform/http';
import { principalOf, staffOrderView, type StaffDeps, type StaffHandlers } from '../context';
import { cancelReceipt, receiptToActOn } from '../use-cases/money';

export const receiptRoutes = (deps: () => StaffDeps) =>
  ({
    getReceipt: async (c) => c.json(await receiptToActOn(deps(), principalOf(c), c.req.param('id'))),
    cancelReceipt: async (c) => {
      const { value } = await readJson(c, cancelReceiptSchema);
      const { receipt, order } = await cancelReceipt(deps(), principalOf(c), c.req.param('id'), value.reason);
      return c.json({ receipt, order: staffOrderView(order, true) });
    },
  }) satisfies Partial<StaffHandlers>;
