/**
 * The order access token is a capability: whoever holds it may see the order. It is an
 * HMAC of the order id under a server secret, so nothing secret is stored with the
 * order, an idempotent replay returns the very same token, and checking it needs no read.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface OrderTokens {
  issue(orderId: string): string;
  verify(orderId: string, token: string | undefined): boolean;
}

export function orderTokens(secret: string): OrderTokens {
  const issue = (orderId: string) => createHmac('sha256', secret).update(`order-access:${orderId}`).digest('base64url').slice(0, 32);
  return {
    issue,
    verify(orderId, token) {
      if (!token) return false;
      const expected = Buffer.from(issue(orderId));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
