/**
 * "Never paid twice" (issue 14, item 6): a dossier filed online whose fee the citizen paid
 * on the national public-service portal. A clerk (or admin) records the portal's payment
 * reference and the order is closed without a second payment: one conditional step of
 * the state machine (PAID_ON_PORTAL, PENDING or EXPIRED → CANCELLED), written with its
 * audit entry in one transaction. Refused (422) once any money arrived here, or when the
 * order has no dossier code. A transfer arriving afterwards is recorded and owed back
 * whole, as for any cancelled order. No payment event is written: nothing was paid here.
 */
import { orderSnapshot } from '../../../shared/audit';
import type { FeeOrder } from '../../../shared/order';
import { ApiError } from '../../lib/platform/errors';
import { RACE_LOST } from '../../lib/platform/retry';
import { cancelPaymentRequest } from '../../lib/orders/payment-request';
import type { StaffPrincipal } from '../../lib/accounts/login';
import type { StaffDeps } from '../context';
import { auditEntry } from './audit';
import { orderToActOn, step, untilWritten } from './money';

export async function markPaidOnPortal(deps: StaffDeps, p: StaffPrincipal, id: string, input: { reference: string; note: string }): Promise<FeeOrder> {
  const closed = await untilWritten(async () => {
    const order = await orderToActOn(deps, p, id);
    if (!order.dossierCode) {
      throw new ApiError('INVALID_ORDER_STATE', [
        {
          path: 'dossierCode',
          message: 'Đơn không gắn mã hồ sơ nộp trực tuyến, nên không đóng được là “đã nộp trên Cổng Dịch vụ công”.',
          messageEn: 'The order carries no dossier code, so it cannot be closed as paid on the national portal.',
        },
      ]);
    }
    if (order.paidAmount > 0) {
      throw new ApiError('INVALID_ORDER_STATE', [
        {
          path: 'paidAmount',
          message: 'Đơn đã nhận tiền tại đây: hãy hoàn trả khoản đã nộp thay vì đóng đơn.',
          messageEn: 'Money has already arrived for this order here: refund it instead of closing the order.',
        },
      ]);
    }
    const at = deps.now().toISOString();
    const moved = step(order, { type: 'PAID_ON_PORTAL', at, by: p.username, reference: input.reference });
    const next: FeeOrder = { ...moved.order, paidOnPortal: { reference: input.reference, note: input.note, at, by: p.username } };
    const audit = auditEntry(deps, p, 'ORDER_PAID_ON_PORTAL', { type: 'order', id: order.id, agencyId: order.agencyId }, {
      before: orderSnapshot(order),
      after: { ...orderSnapshot(next), amount: next.amount, dossierCode: next.dossierCode, portalReference: input.reference },
      note: input.note,
    });
    return (await deps.store.updateOrderAudited(next, order.version, audit)) ? next : RACE_LOST;
  });
  // Closed here: its payOS payment request (if any) must not stay payable.
  await cancelPaymentRequest(deps, closed, 'Paid on the national public-service portal');
  return closed;
}
