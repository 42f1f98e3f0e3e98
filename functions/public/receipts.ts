import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import * as z from 'zod';
import { readQuery } from '../lib/platform/http';
import type { Deps } from '../lib/deps';
import { publicReceiptContent, type ReceiptContent } from '../../shared/receipt';

export const verifyQuery = z.object({ token: z.string().min(1).max(4096) });

/** Which receipt a token claims to be: read from its payload, trusted only after the comparison below. */
function claimedId(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { agency?: { id?: unknown }; symbol?: unknown; number?: unknown };
    const { agency, symbol, number } = payload;
    if (typeof agency?.id !== 'string' || typeof symbol !== 'string' || typeof number !== 'number') return undefined;
    return `${agency.id}-${symbol}-${number}`;
  } catch {
    return undefined;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Anyone holding a receipt (or its QR) can check it. Online, a receipt is genuine when it
 * is, character for character, the signed receipt on record; so this function needs no
 * key at all (the signature is for checking offline, with the published public key).
 * The answer says whether it still stands or was cancelled.
 */
export function receiptRoutes(deps: () => Deps) {
  return new Hono().get('/receipts/verify', async (c) => {
    const { token } = readQuery(c, verifyQuery);
    const id = claimedId(token);
    const stored = id ? await deps().store.getReceipt(id) : undefined;
    if (!stored || !sameToken(stored.token, token)) return c.json({ genuine: false, reason: 'not_on_record' });
    return c.json({
      genuine: true,
      status: stored.status,
      receipt: publicReceiptContent(stored.content as unknown as ReceiptContent),
      // The e-receipt's signer as recorded when it was signed (receipts from before e-receipts have none).
      ...(stored.signer ? { signer: stored.signer } : {}),
      ...(stored.cancellation ? { cancellation: { at: stored.cancellation.at, reason: stored.cancellation.reason } } : {}),
    });
  });
}
