/** payOS's client (see root.ts): built once per root from PAYOS_* (platform/payos-config.ts). */
import { payosPaymentRequests, type PaymentRequests } from '../lib/payments/payos-client';
import { payosConfigFromEnv } from '../lib/platform/payos-config';
import type { Root } from './root';

const built = new WeakMap<Root, PaymentRequests | undefined>();

/** payOS for the functions that make, cancel or pay out through it; undefined when off (development only). */
export function paymentRequestsOf(root: Root): { paymentRequests?: PaymentRequests } {
  if (!built.has(root)) {
    const config = payosConfigFromEnv(root.config.secrets);
    built.set(root, config && payosPaymentRequests(config));
  }
  const paymentRequests = built.get(root);
  return paymentRequests ? { paymentRequests } : {};
}
