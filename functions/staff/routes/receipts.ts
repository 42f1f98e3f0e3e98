/** Receipts: read one as stored, cancel one (never an edit; its number stays used). */
import { cancelReceiptSchema } from '../../../shared/receipt';
import { readJson } from '../../lib/platform/http';
import { principalOf, staffOrderView, type StaffDeps, type StaffHandlers } from '../context';
import { ApiError } from '../../lib/platform/errors';
import { cancelReceipt, receiptToActOn, receiptXmlUrl } from '../use-cases/money';
import { receiptNotices } from '../use-cases/tax-documents';

export const receiptRoutes = (deps: () => StaffDeps) =>
  ({
    getReceipt: async (c) => {
      const { xml, ...receipt } = await receiptToActOn(deps(), principalOf(c), c.req.param('id'));
      // The error notices made about it (04/SS-CTĐT), with their state at the tax authority.
      const notices = await receiptNotices(deps(), { xml, ...receipt });
      return c.json({ ...receipt, ...(xml ? { xmlUrl: receiptXmlUrl(receipt.id) } : {}), notices });
    },
    getReceiptXml: async (c) => {
      const receipt = await receiptToActOn(deps(), principalOf(c), c.req.param('id'));
      // Receipts issued before e-receipts (JWS only) have no XML.
      if (!receipt.xml) throw new ApiError('RECEIPT_NOT_FOUND');
      return c.body(receipt.xml, 200, {
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="bien-lai-${receipt.symbol}-${String(receipt.number).padStart(7, '0')}.xml"`,
        'Cache-Control': 'private, no-store',
      });
    },
    cancelReceipt: async (c) => {
      const { value } = await readJson(c, cancelReceiptSchema);
      const { receipt, order } = await cancelReceipt(deps(), principalOf(c), c.req.param('id'), value.reason);
      return c.json({ receipt, order: staffOrderView(order, true) });
    },
  }) satisfies Partial<StaffHandlers>;
