/**
 * The counter's money actions: confirm (issuing the receipt), cash, cancel, match a
 * transfer by hand, record a refund, cancel a receipt. Each reads, moves the order one
 * step with `advance` and writes everything it touches in one conditional transaction
 * with its audit entry; when someone else changed the same order meanwhile, the one
 * retry loop (lib/retry.ts) reads again. Another agency's object answers 404.
 */
import { createHash, randomUUID } from 'node:crypto';
import { orderSnapshot } from '../../../shared/audit';
import type { Agency } from '../../../shared/catalogue';
import { advance, type OrderStateEvent } from '../../../shared/order-state';
import type { FeeOrder, OrderReceipt } from '../../../shared/order';
import { buildReceiptContent, receiptSymbol, receiptYear, RECEIPT_TEMPLATE, type ReceiptContent } from '../../../shared/receipt';
import { buildReceiptXml, eReceiptFromContent } from '../../../shared/e-receipt/receipt-xml';
import { transferKey, type TransferRecord } from '../../../shared/transfer';
import { ApiError } from '../../lib/platform/errors';
import { log } from '../../lib/platform/log';
import { countReceiptCertificateRefused, countReceiptIssued } from '../../lib/platform/metrics';
import { registrationAccepted } from '../../lib/receipts/registration';
import { CertificateNotValidError, signerInfo, SigningUnavailableError } from '../../lib/receipts/signer';
import { signXml } from '../../lib/receipts/xml-signature';
import { signReceipt, verifyUrlFor, type ReceiptKeys } from '../../lib/receipts/signing';
import { RACE_LOST, retryOnConflict, type RaceLost } from '../../lib/platform/retry';
import type { StoredReceipt } from '../../lib/storage/store';
import type { StaffPrincipal } from '../../lib/accounts/login';
import { canActForAgency, type StaffDeps } from '../context';
import { auditEntry } from './audit';
import { cancelPaymentRequest } from '../../lib/orders/payment-request';
import { recordManualRefund } from './refunds';

/** Runs the attempt until its conditional write holds; 409 if the order kept changing under every one. */
export async function untilWritten<T>(attempt: () => Promise<T | RaceLost>): Promise<T> {
  const result = await retryOnConflict(attempt);
  if (result === RACE_LOST) throw new ApiError('CONCURRENT_UPDATE');
  return result;
}

/** The order one step on, or 400 with the state machine's reason. */
export function step(order: FeeOrder, event: OrderStateEvent) {
  const moved = advance(order, event);
  if (!moved.ok) {
    throw new ApiError('INVALID_ORDER_STATE', [
      { path: 'status', message: `Đơn đang ở trạng thái ${order.status}, không thực hiện được thao tác này.`, messageEn: moved.reason },
    ]);
  }
  return moved;
}

/** The order if this person may act on it; 404 otherwise (existence does not leak). */
export async function orderToActOn(deps: StaffDeps, p: StaffPrincipal, id: string): Promise<FeeOrder> {
  const order = id.length <= 64 ? await deps.store.getOrder(id) : undefined;
  if (!order || !canActForAgency(p, order.agencyId)) throw new ApiError('ORDER_NOT_FOUND');
  return order;
}

async function transferToActOn(deps: StaffDeps, p: StaffPrincipal, key: string): Promise<TransferRecord> {
  const record = key.length <= 200 ? await deps.store.getTransfer(key) : undefined;
  if (!record || !canActForAgency(p, record.agencyId)) throw new ApiError('TRANSFER_NOT_FOUND');
  return record;
}

export async function receiptToActOn(deps: StaffDeps, p: StaffPrincipal, id: string): Promise<StoredReceipt> {
  const receipt = id.length <= 100 ? await deps.store.getReceipt(id) : undefined;
  if (!receipt || !canActForAgency(p, receipt.agencyId)) throw new ApiError('RECEIPT_NOT_FOUND');
  return receipt;
}

/** Confirm a paid order and issue its receipt: the number is the agency's next, gapless. */
export async function confirmOrder(deps: StaffDeps, p: StaffPrincipal, id: string): Promise<{ order: FeeOrder; receipt: StoredReceipt }> {
  const keys = await deps.receiptKeys();
  return untilWritten(async () => {
    const order = await orderToActOn(deps, p, id);
    if (order.status === 'CONFIRMED') throw new ApiError('ALREADY_CONFIRMED');
    const now = deps.now();
    const moved = step(order, { type: 'CONFIRM', at: now.toISOString(), by: p.username });
    const agency = await deps.catalogue.agency(order.agencyId);
    if (!agency) throw new Error(`order ${order.id} names unknown agency ${order.agencyId}`);
    // Deployed, no e-receipt before the tax authority accepted the agency's registration (Circular 91/2026 Art. 17).
    if (deps.requireReceiptRegistration && !(await registrationAccepted(deps.registrations, agency.id))) throw new ApiError('E_RECEIPTS_NOT_REGISTERED');
    const symbol = receiptSymbol(receiptYear(now), agency.receiptSymbol);
    const last = await deps.store.receiptCounter(agency.id, symbol);
    const { receipt, summary } = await signedReceipt(deps, order, agency, symbol, last + 1, now, p, keys);
    const next: FeeOrder = { ...moved.order, receipt: summary };
    const audit = auditEntry(deps, p, 'ORDER_CONFIRMED', { type: 'order', id: order.id, agencyId: order.agencyId }, {
      before: orderSnapshot(order),
      after: { ...orderSnapshot(next), receipt: `${symbol} ${receipt.number}` },
    });
    // Another clerk took this number, or the order moved: read both again.
    if ((await deps.store.issueReceipt(receipt, last, next, order.version, audit)) !== 'issued') return RACE_LOST;
    countReceiptIssued();
    return { order: next, receipt };
  });
}

/**
 * The receipt numbered `number`, signed, as stored and as the order shows it: the lawful
 * e-receipt (XML signed with the agency's certificate) and the compact JWS its QR checks.
 * Signing comes before the transaction that takes the number, so a signer that fails
 * leaves no gap: nothing is numbered (503, the order stays paid).
 */
async function signedReceipt(deps: StaffDeps, order: FeeOrder, agency: Agency, symbol: string, number: number, issuedAt: Date, p: StaffPrincipal, keys: ReceiptKeys) {
  const paidInCash = order.history.some((e) => (e as { transferKey?: string }).transferKey?.startsWith('cash:'));
  const content = buildReceiptContent({
    order,
    agency,
    number,
    issuedAt,
    symbol,
    paymentMethod: paidInCash ? 'cash' : 'bank_transfer',
    collector: { username: p.username, displayName: p.displayName },
  });
  const token = await signReceipt(content, keys);
  const { xml, signer } = await signedReceiptXml(deps, agency, content, issuedAt);
  const receipt: StoredReceipt = {
    id: `${agency.id}-${symbol}-${number}`,
    agencyId: agency.id,
    symbol,
    number,
    orderId: order.id,
    issuedAt: content.issuedAt,
    status: 'ISSUED',
    token,
    content: content as unknown as Record<string, unknown>,
    xml,
    signer,
  };
  const summary: OrderReceipt = {
    id: receipt.id,
    template: RECEIPT_TEMPLATE,
    symbol,
    number,
    issuedAt: content.issuedAt,
    amount: content.amount,
    amountInWords: content.amountInWords,
    verifyUrl: verifyUrlFor(token),
    xmlUrl: receiptXmlUrl(receipt.id),
    status: 'ISSUED',
  };
  return { receipt, summary };
}

/** Where staff download a receipt's signed XML. */
export const receiptXmlUrl = (id: string) => `/api/staff/receipts/${encodeURIComponent(id)}/xml`;

/** The e-receipt's XML, signed by the agency; a signer that cannot sign now is a 503, never an unsigned receipt. */
async function signedReceiptXml(deps: StaffDeps, agency: Agency, content: ReceiptContent, issuedAt: Date): Promise<{ xml: string; signer: NonNullable<StoredReceipt['signer']> }> {
  try {
    const signer = await deps.receiptSigners.signerFor(agency);
    const xml = await signXml(buildReceiptXml(eReceiptFromContent(content)), signer, { signingTime: issuedAt });
    const { organisation, taxCode, issuer, serialNumber, validFrom, validTo } = signerInfo((await signer.certificate()).leaf);
    return { xml, signer: { organisation, ...(taxCode ? { taxCode } : {}), issuer, serialNumber, validFrom, validTo } };
  } catch (err) {
    if (err instanceof SigningUnavailableError) {
      log.warn('receipt signing unavailable', { agencyId: agency.id, reason: err.reason });
      throw new ApiError('RECEIPT_SIGNING_UNAVAILABLE');
    }
    if (err instanceof CertificateNotValidError) {
      log.error('receipt signing certificate not valid', { agencyId: agency.id, reason: err.message });
      countReceiptCertificateRefused();
      throw new ApiError('RECEIPT_CERTIFICATE_INVALID');
    }
    throw err;
  }
}

/** Cash paid at the counter, recorded like a transfer so the cashless share is honest. */
/**
 * Cash paid at the counter. Only what is still due is taken (nothing due → 422; more than
 * due → 422: the clerk gives change, the order records the fee). With an Idempotency-Key
 * the cash is one transfer whatever happens to the request: its id is derived from the
 * clerk, the order and the key, so a resent or doubled submission finds the transfer it
 * already wrote and answers it again (`replayed`), and parallel submissions record one
 * payment (issue 12, finding 4: five parallel submissions recorded five).
 */
export async function recordCash(
  deps: StaffDeps,
  p: StaffPrincipal,
  id: string,
  input: { amount?: number; note?: string },
  idempotencyKey?: string,
): Promise<{ order: FeeOrder; transfer: TransferRecord; replayed: boolean }> {
  const providerId = idempotencyKey ? cashIdFor(p.username, id, idempotencyKey) : randomUUID();
  const key = transferKey({ provider: 'cash', providerId });
  return untilWritten(async () => {
    const order = await orderToActOn(deps, p, id);
    if (idempotencyKey) {
      const earlier = await deps.store.getTransfer(key);
      if (earlier) {
        if (input.amount !== undefined && input.amount !== earlier.transfer.amount) throw new ApiError('IDEMPOTENCY_KEY_REUSED');
        return { order, transfer: earlier, replayed: true };
      }
    }
    const due = order.amount - (order.paidAmount - order.refundDue);
    if (due <= 0) throw new ApiError('INVALID_ORDER_STATE', [{ path: 'amount', message: 'Đơn không còn khoản nào phải nộp.', messageEn: 'Nothing is due on this order.' }]);
    const amount = input.amount ?? due;
    if (amount > due) {
      throw new ApiError('INVALID_ORDER_STATE', [
        { path: 'amount', message: `Số tiền mặt nhiều hơn số còn phải nộp (${due.toLocaleString('vi-VN')} đồng).`, messageEn: `The cash is more than what is due (${due.toLocaleString('en-US')} VND).` },
      ]);
    }
    const now = deps.now().toISOString();
    const moved = step(order, { type: 'PAYMENT', amount, at: now, transferKey: key });
    const agency = await deps.catalogue.agency(order.agencyId);
    const record: TransferRecord = {
      key,
      transfer: {
        provider: 'cash',
        providerId,
        direction: 'in',
        amount,
        memo: input.note ? `Tiền mặt: ${input.note}` : 'Tiền mặt tại quầy',
        accountNumber: agency?.bank.accountNumber ?? '',
        occurredAt: now,
      },
      status: 'MATCHED',
      agencyId: order.agencyId,
      orderId: order.id,
      outcome: moved.outcome,
      refundDue: moved.refund,
      rawBody: JSON.stringify({ cash: amount, by: p.username, note: input.note ?? null }),
      receivedAt: now,
      matchedBy: p.username,
    };
    const audit = auditEntry(deps, p, 'CASH_RECORDED', { type: 'order', id: order.id, agencyId: order.agencyId }, {
      before: orderSnapshot(order),
      after: { ...orderSnapshot(moved.order), cash: amount },
      ...(input.note ? { note: input.note } : {}),
    });
    // A lost race (the order moved, or this very cash was written meanwhile) reads again.
    return (await deps.store.recordCash(record, moved.order, order.version, audit)) ? { order: moved.order, transfer: record, replayed: false } : RACE_LOST;
  });
}

/** The id of a cash payment submitted with an Idempotency-Key: the same clerk, order and key give the same id. */
function cashIdFor(username: string, orderId: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${username}\n${orderId}\n${idempotencyKey}`, 'utf8').digest('hex').slice(0, 32);
}

export async function cancelOrder(deps: StaffDeps, p: StaffPrincipal, id: string, reason: string): Promise<FeeOrder> {
  const cancelled = await untilWritten(async () => {
    const order = await orderToActOn(deps, p, id);
    const moved = step(order, { type: 'CANCEL', at: deps.now().toISOString(), by: p.username, reason });
    const audit = auditEntry(deps, p, 'ORDER_CANCELLED', { type: 'order', id: order.id, agencyId: order.agencyId }, { before: orderSnapshot(order), after: orderSnapshot(moved.order), note: reason });
    return (await deps.store.updateOrderAudited(moved.order, order.version, audit)) ? moved.order : RACE_LOST;
  });
  // Cancelled here: its payOS payment request (if any) must not stay payable.
  await cancelPaymentRequest(deps, cancelled, 'Order cancelled');
  return cancelled;
}

/** A clerk matches an unmatched transfer to an order: the order moves as if the memo had matched. */
export async function matchTransfer(deps: StaffDeps, p: StaffPrincipal, key: string, orderId: string): Promise<{ order: FeeOrder; transfer: TransferRecord }> {
  return untilWritten(async () => {
    const record = await transferToActOn(deps, p, key);
    if (record.status !== 'UNMATCHED') throw new ApiError('TRANSFER_ALREADY_MATCHED');
    const order = await deps.store.getOrder(orderId);
    // The money arrived in this agency's account: it can only pay this agency's order.
    if (!order || order.agencyId !== record.agencyId || !canActForAgency(p, order.agencyId)) {
      throw new ApiError('ORDER_NOT_FOUND', [{ path: 'orderId', message: 'Không có đơn này ở cơ quan nhận tiền.', messageEn: 'No such order at the receiving agency.' }]);
    }
    const moved = step(order, { type: 'PAYMENT', amount: record.transfer.amount, at: record.transfer.occurredAt, transferKey: key });
    const matched: TransferRecord = {
      ...record,
      status: 'MATCHED',
      orderId: order.id,
      outcome: moved.outcome,
      refundDue: moved.refund,
      matchedBy: p.username,
      ...(moved.historyEntry.late ? { late: true } : {}),
    };
    delete matched.reason;
    const audit = auditEntry(deps, p, 'TRANSFER_MATCHED', { type: 'transfer', id: key, agencyId: order.agencyId }, {
      before: { transfer: 'UNMATCHED', order: orderSnapshot(order) },
      after: { transfer: 'MATCHED', orderId: order.id, outcome: moved.outcome, order: orderSnapshot(moved.order) },
    });
    const res = await deps.store.matchTransfer(matched, moved.order, order.version, audit);
    if (res === 'transfer_changed') throw new ApiError('TRANSFER_ALREADY_MATCHED');
    return res === 'matched' ? { order: moved.order, transfer: matched } : RACE_LOST;
  });
}

/** Cancels an issued receipt: a cancellation record, never an edit; its number stays used. */
export async function cancelReceipt(deps: StaffDeps, p: StaffPrincipal, id: string, reason: string): Promise<{ receipt: StoredReceipt; order: FeeOrder }> {
  return untilWritten(async () => {
    const receipt = await receiptToActOn(deps, p, id);
    if (receipt.status === 'CANCELLED') throw new ApiError('RECEIPT_ALREADY_CANCELLED');
    const order = await deps.store.getOrder(receipt.orderId);
    if (!order) throw new Error(`receipt ${id} names missing order ${receipt.orderId}`);
    const at = deps.now().toISOString();
    const moved = step(order, { type: 'CANCEL_RECEIPT', at, by: p.username, reason });
    const cancelled: StoredReceipt = { ...receipt, status: 'CANCELLED', cancellation: { at, by: p.username, reason } };
    const next: FeeOrder = order.receipt ? { ...moved.order, receipt: { ...order.receipt, status: 'CANCELLED' } } : moved.order;
    const audit = auditEntry(deps, p, 'RECEIPT_CANCELLED', { type: 'receipt', id, agencyId: receipt.agencyId }, {
      before: { status: 'ISSUED', order: orderSnapshot(order) },
      after: { status: 'CANCELLED', order: orderSnapshot(next) },
      note: reason,
    });
    return (await deps.store.cancelReceipt(cancelled, next, order.version, audit)) ? { receipt: cancelled, order: next } : RACE_LOST;
  });
}

/** The refund-due part of a transfer sent back by hand, with a note only (refunds.ts takes the transfer's details too). */
export function recordRefund(deps: StaffDeps, p: StaffPrincipal, key: string, note: string): Promise<TransferRecord> {
  return recordManualRefund(deps, p, key, { note });
}
