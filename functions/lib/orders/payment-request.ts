/**
 * The payOS side of an order (agencies watched by payOS, shared/watcher.ts): a payment
 * request made with the order, whose QR the order shows, and its cancellation when the
 * order is cancelled or expires. payOS notifies only payments of requests made through
 * its API, so for these agencies our own VietQR would be paid and never reported.
 */
import { findBank } from '../../../shared/banks';
import type { Agency } from '../../../shared/catalogue';
import type { FeeOrder } from '../../../shared/order';
import { orderCodeOf, PAYOS_DESCRIPTION_MAX, watcherOf } from '../../../shared/watcher';
import type { BaseDeps, Deps } from '../deps';
import { ApiError } from '../platform/errors';
import { log } from '../platform/log';
import { PaymentProviderUnavailable, type PaymentRequests } from '../payments/payos-client';

let warnedOff = false;

/**
 * payOS's client for this agency's orders, or undefined when its orders show our own
 * VietQR: any agency not watched by payOS, and, in development only (payOS off), a payOS
 * one, said once in the log. An agency watched by payOS whose credentials are missing
 * while payOS is on cannot take orders: 503, nothing stored.
 */
export function payosFor(deps: Pick<BaseDeps, 'paymentRequests'>, agency: Agency): PaymentRequests | undefined {
  if (watcherOf(agency) !== 'payos') return undefined;
  if (!deps.paymentRequests) {
    if (!warnedOff) log.warn('payOS is off (no PAYOS_CLIENT_ID or PAYOS_AGENCIES): orders of payOS agencies show a plain VietQR, which payOS will not report', { agencyId: agency.id });
    warnedOff = true;
    return undefined;
  }
  if (!deps.paymentRequests.available(agency.id)) {
    log.error('an agency watched by payOS has no payOS credentials', { agencyId: agency.id });
    throw new ApiError('PAYMENT_PROVIDER_UNAVAILABLE');
  }
  return deps.paymentRequests;
}

/**
 * The drafted order with payOS's payment request: orderCode from the reference,
 * description = our memo (prefix + reference, within payOS's 25 characters), expiry =
 * the order's, back to the pay page either way. The order then shows payOS's QR and the
 * account it pays into. payOS unreachable or refusing: 503, nothing stored.
 */
export async function withPaymentRequest(deps: Pick<Deps, 'orderTokens'>, payos: PaymentRequests, order: FeeOrder): Promise<FeeOrder> {
  const memo = order.vietqr.memo;
  if (memo.length > PAYOS_DESCRIPTION_MAX) throw new Error(`memo "${memo}" is longer than payOS takes`);
  const payPage = `${payos.siteUrl}/pay.html?id=${encodeURIComponent(order.id)}&token=${encodeURIComponent(deps.orderTokens.issue(order.id))}`;
  let created;
  try {
    created = await payos.create(order.agencyId, {
      orderCode: orderCodeOf(order.reference),
      amount: order.amount,
      description: memo,
      returnUrl: payPage,
      cancelUrl: payPage,
      expiredAt: Math.floor(Date.parse(order.expiresAt) / 1000),
    });
  } catch (error) {
    if (error instanceof PaymentProviderUnavailable) throw new ApiError('PAYMENT_PROVIDER_UNAVAILABLE');
    throw error;
  }
  return {
    ...order,
    vietqr: {
      payload: created.qrCode,
      bankBin: created.bin,
      bankName: findBank(created.bin)?.shortName ?? order.vietqr.bankName,
      accountNumber: created.accountNumber,
      accountName: created.accountName,
      // What the payer's bank app fills in from payOS's QR: ours, as we sent it.
      memo: created.description || memo,
    },
    paymentRequest: { provider: 'payos', paymentLinkId: created.paymentLinkId, orderCode: created.orderCode, checkoutUrl: created.checkoutUrl },
  };
}

/**
 * Cancels the order's payOS payment request, once the order is cancelled or expired, so
 * nobody pays it at payOS afterwards. Best effort: payOS expires it by itself at the
 * order's expiry anyway, and a payment that still arrives is recorded as refund-due.
 * Resolves to whether payOS confirmed the cancellation.
 */
export async function cancelPaymentRequest(deps: Pick<BaseDeps, 'paymentRequests'>, order: FeeOrder, reason: string): Promise<boolean> {
  const request = order.paymentRequest;
  if (!request || !deps.paymentRequests) return false;
  try {
    await deps.paymentRequests.cancel(order.agencyId, request.orderCode, reason);
    log.info('payOS payment request cancelled', { orderId: order.id, status: order.status });
    return true;
  } catch (error) {
    log.warn('payOS payment request not cancelled (it expires by itself)', { orderId: order.id, error: (error as Error).name });
    return false;
  }
}
