/** The public function's dependencies (see root.ts). */
import type { Deps } from '../lib/deps';
import { orderTokens } from '../lib/orders/order-token';
import { secret } from '../lib/platform/config';
import { paymentRequestsOf } from './payos';
import { baseDeps, type Root } from './root';

/** The public API: also issues and checks order tokens. */
export function publicDeps(root: Root): Deps {
  return { ...baseDeps(root), ...paymentRequestsOf(root), orderTokens: orderTokens(secret('ORDER_TOKEN_SECRET', root.config.secrets)) };
}
