import { Hono } from 'hono';
import * as z from 'zod';
import { verifyReceiptToken } from '../lib/receipt-signing';
import { readQuery } from '../lib/http';
import type { Deps } from '../lib/deps';

const verifyQuery = z.object({ token: z.string().min(1).max(4096) });

/**
 * Anyone holding a receipt (or its QR) can check it: the signature must be ours, and the
 * receipt must be the one on record, with its status (a cancelled one says so).
 */
export function receiptRoutes(deps: () => Deps) {
  return new Hono().get('/receipts/verify', async (c) => {
    const { token } = readQuery(c, verifyQuery);
    const d = deps();
    const verified = await verifyReceiptToken(token, await d.receiptVerificationKeys());
    if (!verified.ok) return c.json({ genuine: false, reason: verified.reason });
    const { content } = verified;
    const stored = await d.store.getReceipt(`${content.agency.id}-${content.symbol}-${content.number}`);
    if (!stored || stored.token !== token) return c.json({ genuine: false, reason: 'not_on_record' });
    return c.json({
      genuine: true,
      status: stored.status,
      receipt: content,
      ...(stored.cancellation ? { cancellation: { at: stored.cancellation.at, reason: stored.cancellation.reason } } : {}),
    });
  });
}
