/**
 * Refunds, by a clerk or an admin (shared/refund.ts): sent by hand (the clerk records the
 * bank transfer: amount, bank reference, day) or through payOS payouts where the agency
 * has a payout channel (idempotency key = the refund's id), and confirmed from the
 * statement by hand when no provider reported the outgoing transfer. Each step
 * conditional (the store's recordRefund / confirmRefund) and audited.
 */
import { BANKS, findBank } from '../../../shared/banks';
import { refundMemo, sendRefund, confirmRefund, type RefundRefusal, type RefundSent } from '../../../shared/refund';
import type { TransferRecord } from '../../../shared/transfer';
import type { StaffPrincipal } from '../../lib/accounts/login';
import { refundIdOf } from '../../lib/payments/refunds';
import { PaymentProviderUnavailable } from '../../lib/payments/payos-client';
import { ApiError } from '../../lib/platform/errors';
import { log } from '../../lib/platform/log';
import { canActForAgency, type StaffDeps } from '../context';
import { auditEntry } from './audit';

export interface ManualRefund {
  note: string;
  amount?: number;
  bankReference?: string;
  sentOn?: string;
}

export interface PayoutRefund {
  note: string;
  /** Where to: the payer's account; absent, the account the money came from. */
  to?: { bin: string; accountNumber: string };
}

async function refundToActOn(deps: StaffDeps, p: StaffPrincipal, key: string): Promise<TransferRecord> {
  const record = key.length <= 200 ? await deps.store.getTransfer(key) : undefined;
  if (!record || !canActForAgency(p, record.agencyId)) throw new ApiError('TRANSFER_NOT_FOUND');
  return record;
}

function refused(refusal: RefundRefusal): never {
  throw new ApiError(refusal);
}

async function saveSent(deps: StaffDeps, p: StaffPrincipal, record: TransferRecord, sent: RefundSent): Promise<TransferRecord> {
  const step = sendRefund(record, sent);
  if (!step.ok) refused(step.refusal);
  const audit = auditEntry(deps, p, 'REFUND_RECORDED', { type: 'transfer', id: record.key, ...(record.agencyId ? { agencyId: record.agencyId } : {}) }, {
    before: { refundDue: record.refundDue, refundState: 'REQUESTED' },
    after: { refundDue: record.refundDue, refundState: 'SENT', method: sent.method ?? 'manual', ...(sent.payoutId ? { payoutId: sent.payoutId } : {}) },
    note: sent.note,
  });
  if (!(await deps.store.recordRefund(step.record, audit))) throw new ApiError('ALREADY_REFUNDED');
  return step.record;
}

/** REQUESTED → SENT by hand: the clerk transferred the money back and records it. */
export async function recordManualRefund(deps: StaffDeps, p: StaffPrincipal, key: string, input: ManualRefund): Promise<TransferRecord> {
  const record = await refundToActOn(deps, p, key);
  return saveSent(deps, p, record, {
    at: deps.now().toISOString(),
    by: p.username,
    note: input.note,
    method: 'manual',
    ...(input.amount !== undefined ? { amount: input.amount } : {}),
    ...(input.bankReference ? { bankReference: input.bankReference } : {}),
    ...(input.sentOn ? { sentOn: input.sentOn } : {}),
  });
}

/**
 * REQUESTED → SENT through payOS payouts: payOS is asked first (the same refund id every
 * time, so asking twice pays once), then the refund recorded as sent.
 */
export async function payoutRefund(deps: StaffDeps, p: StaffPrincipal, key: string, input: PayoutRefund): Promise<TransferRecord> {
  const record = await refundToActOn(deps, p, key);
  if (record.refundDue <= 0) refused('NO_REFUND_DUE');
  if (record.refund) refused('ALREADY_REFUNDED');
  const agencyId = record.agencyId;
  if (!agencyId || !deps.paymentRequests?.payoutsAvailable(agencyId)) throw new ApiError('REFUND_PAYOUT_UNAVAILABLE');
  const counter = record.transfer.counterAccount;
  const to = input.to ?? (counter?.number && counter.bankName ? bankAccountOf(counter.bankName, counter.number) : undefined);
  if (!to || !findBank(to.bin)) {
    throw new ApiError('VALIDATION_FAILED', [{ path: 'to', message: 'Cần số tài khoản và ngân hàng (BIN) của người nhận hoàn tiền.', messageEn: 'The payee’s account number and bank BIN are needed.' }]);
  }
  const referenceId = refundIdOf(record.key);
  let payout;
  try {
    payout = await deps.paymentRequests.payout(agencyId, { referenceId, amount: record.refundDue, description: refundMemo(record.orderId ?? ''), toBin: to.bin, toAccountNumber: to.accountNumber });
  } catch (error) {
    if (error instanceof PaymentProviderUnavailable) throw new ApiError('SERVICE_UNAVAILABLE');
    throw error;
  }
  try {
    return await saveSent(deps, p, record, { at: deps.now().toISOString(), by: p.username, note: input.note, method: 'payos', payoutId: payout.payoutId, to });
  } catch (error) {
    // payOS holds the payout under the refund's id: asking again finds it, never pays twice.
    log.error('payOS payout made but not recorded', { transfer: record.key, payoutId: payout.payoutId });
    throw error;
  }
}

/** SENT → CONFIRMED by a clerk who sees the outgoing transfer on the bank's statement. */
export async function confirmRefundByClerk(deps: StaffDeps, p: StaffPrincipal, key: string, input: { note: string; bankReference?: string }): Promise<TransferRecord> {
  const record = await refundToActOn(deps, p, key);
  const at = deps.now().toISOString();
  const step = confirmRefund(record, { at, source: 'clerk', by: p.username, ...(input.bankReference ? { bankReference: input.bankReference } : {}) });
  if (!step.ok) refused(step.refusal);
  const audit = auditEntry(deps, p, 'REFUND_CONFIRMED', { type: 'transfer', id: record.key, ...(record.agencyId ? { agencyId: record.agencyId } : {}) }, {
    before: { refundState: 'SENT' },
    after: { refundState: 'CONFIRMED', source: 'clerk' },
    note: input.note,
  });
  if (!(await deps.store.confirmRefund(step.record, audit))) throw new ApiError('REFUND_ALREADY_CONFIRMED');
  return step.record;
}

/** The payer's account from a transfer's counter account: its bank by short name on the NAPAS list. */
function bankAccountOf(bankName: string, accountNumber: string): { bin: string; accountNumber: string } | undefined {
  const wanted = bankName.trim().toLowerCase();
  const bank = BANKS.find((b) => b.shortName.toLowerCase() === wanted);
  return bank ? { bin: bank.bin, accountNumber } : undefined;
}
