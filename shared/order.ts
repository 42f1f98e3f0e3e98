/**
 * Fee orders: what the citizen owes for one procedure at one agency, and the VietQR
 * that pays it. Pure: the clock and the reference are handed in.
 */
import * as z from 'zod';
import { bilingual } from './errors';
import { handles, inService, isPayableHere, type Agency, type Procedure } from './catalogue';
import { feeFor, MAX_COPIES, MAX_ORDER_AMOUNT, MAX_QUANTITY } from './fees';
import { paymentCodeFor } from './memo';
import { encodeVietQr } from './vietqr';

export const ORDER_STATUSES = ['PENDING', 'PAID', 'UNDERPAID', 'OVERPAID', 'CONFIRMED', 'EXPIRED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const DEFAULT_ORDER_TTL_HOURS = 24;

export interface Payer {
  name?: string;
  phone?: string;
}

export interface OrderVietQr {
  payload: string;
  bankBin: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
  memo: string;
}

export interface OrderEvent {
  at: string;
  event: string;
  from?: OrderStatus;
  to: OrderStatus;
  by?: string;
  note?: string;
}

/** A payment request made at a provider for the order (payOS: the only one that needs it). */
export interface OrderPaymentRequest {
  provider: 'payos';
  paymentLinkId: string;
  orderCode: number;
  checkoutUrl: string;
}

/** The receipt issued for an order, as the order shows it. */
export interface OrderReceipt {
  id: string;
  template: string;
  symbol: string;
  number: number;
  issuedAt: string;
  amount: number;
  amountInWords: string;
  verifyUrl: string;
  /** The signed e-receipt (XML) for staff: `/api/staff/receipts/{id}/xml`. */
  xmlUrl?: string;
  status: 'ISSUED' | 'CANCELLED';
}

export interface FeeOrder {
  id: string;
  reference: string;
  agencyId: string;
  procedureCode: string;
  procedureName: string;
  /** Units the fee counts in one copy: pages of the original, copies of an extract, cases. */
  quantity: number;
  /**
   * Copies, each charged on its own (amount = copies × the fee of `quantity` units).
   * Absent on orders made before copies were counted: those were one copy.
   */
  copies?: number;
  amount: number;
  currency: 'VND';
  status: OrderStatus;
  /** Every transfer ever recorded against the order (nothing is dropped). */
  paidAmount: number;
  /** The part of paidAmount owed back to the payer (surplus, duplicates, payments to a cancelled order). */
  refundDue: number;
  /** Settled by money that arrived after the order's expiry. */
  paidLate: boolean;
  payer?: Payer;
  dossierCode?: string;
  assistedBy?: string;
  createdAt: string;
  expiresAt: string;
  vietqr: OrderVietQr;
  receipt?: OrderReceipt;
  /**
   * The payOS payment request made for the order (an agency watched by payOS): its QR is
   * the order's `vietqr`. Cancelled with the order, or when it expires.
   */
  paymentRequest?: OrderPaymentRequest;
  version: number;
  history: OrderEvent[];
}

// Control characters (C0, DEL, C1) and bidirectional overrides can hide text in a
// clerk's list or a receipt; no legitimate name or code needs them.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

function safeText(max: number) {
  return z
    .string()
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), bilingual('Có ký tự điều khiển không được phép.', 'Contains control characters that are not allowed.'))
    .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim());
}

/** Vietnamese phone numbers: 0 or +84 then 9 digits (mobile) or 10 (landline 02x). Spaces, dots and dashes allowed when typing. */
const phoneSchema = z
  .string()
  .max(20)
  .transform((s) => s.replace(/[\s.\-()]/g, ''))
  .refine((s) => /^(?:0|\+84)(?:[35789]\d{8}|2\d{9})$/.test(s), bilingual('Số điện thoại không hợp lệ (ví dụ 0912 345 678).', 'Invalid phone number (e.g. 0912 345 678).'))
  .transform((s) => (s.startsWith('+84') ? `0${s.slice(3)}` : s));

export const createOrderSchema = z.strictObject({
  procedureCode: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9._-]+$/, bilingual('Mã thủ tục không hợp lệ.', 'Invalid procedure code.')),
  agencyId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9-]+$/, bilingual('Mã cơ quan không hợp lệ.', 'Invalid agency id.')),
  quantity: z
    .number()
    .int()
    .min(1, bilingual('Số lượng phải từ 1 trở lên.', 'Quantity must be at least 1.'))
    .max(MAX_QUANTITY, bilingual(`Số lượng tối đa là ${MAX_QUANTITY}.`, `Quantity can be at most ${MAX_QUANTITY}.`))
    .optional(),
  copies: z
    .number(bilingual('Số bản phải là một số.', 'The number of copies must be a number.'))
    .int(bilingual('Số bản phải là số nguyên.', 'The number of copies must be a whole number.'))
    .min(1, bilingual('Số bản phải từ 1 trở lên.', 'The number of copies must be at least 1.'))
    .max(MAX_COPIES, bilingual(`Mỗi đơn tối đa ${MAX_COPIES} bản; nhiều hơn thì lập thêm đơn.`, `One order holds at most ${MAX_COPIES} copies; make another order for more.`))
    .optional(),
  payer: z
    .strictObject({
      name: safeText(100).optional(),
      phone: phoneSchema.optional(),
    })
    .optional(),
  dossierCode: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9./_-]+$/, bilingual('Mã hồ sơ chỉ gồm chữ, số và . / _ -', 'Dossier code may only contain letters, digits and . / _ -'))
    .optional(),
});

export type CreateOrderInput = z.output<typeof createOrderSchema>;

/** Why an order cannot be made for a request that is otherwise well formed. */
export type OrderRefusal = 'FEE_NOT_REQUIRED' | 'FEE_COLLECTED_ELSEWHERE' | 'PROCEDURE_NOT_OFFERED' | 'AGENCY_SUPERSEDED' | 'AMOUNT_TOO_LARGE' | 'QUANTITY_NOT_APPLICABLE' | 'COPIES_NOT_APPLICABLE';

export interface DraftOrderArgs {
  input: CreateOrderInput;
  procedure: Procedure;
  agency: Agency;
  reference: string;
  /** The deployment's payment-code prefix (PAYMENT_CODE_PREFIX), which the memo starts with. */
  paymentCodePrefix: string;
  now: Date;
  assistedBy?: string;
}

/**
 * The memo the payer's bank app pre-fills (VietQR 62.08) and the pay page shows to type:
 * the deployment's payment-code prefix and the reference, glued ("MCPAB3K7MX2"), so that
 * SePay recognises it as a payment code. See docs/domain.md for what this costs where an
 * aggregator keeps 9 characters only.
 */
export function memoFor(reference: string, paymentCodePrefix: string): string {
  return paymentCodeFor(paymentCodePrefix, reference);
}

export function draftOrder(args: DraftOrderArgs): { ok: true; order: FeeOrder } | { ok: false; refusal: OrderRefusal } {
  const { input, procedure, agency, reference, now } = args;
  // An agency of the old map keeps its records but takes nothing new (a merger never
  // rewrites the past, and never sends today's money into yesterday's account).
  if (!inService(agency)) return { ok: false, refusal: 'AGENCY_SUPERSEDED' };
  if (!handles(agency, procedure)) return { ok: false, refusal: 'PROCEDURE_NOT_OFFERED' };
  if (procedure.fee.kind === 'free') return { ok: false, refusal: 'FEE_NOT_REQUIRED' };
  // Some fees are collected by another body (residence fees: the commune police); a QR
  // into the agency's account would take money it may not keep.
  if (!isPayableHere(procedure)) return { ok: false, refusal: 'FEE_COLLECTED_ELSEWHERE' };
  const quantity = input.quantity ?? 1;
  const copies = input.copies ?? 1;
  // A flat fee is charged once per order: three contracts are three orders.
  if (procedure.fee.kind === 'flat' && quantity !== 1) return { ok: false, refusal: 'QUANTITY_NOT_APPLICABLE' };
  if (procedure.fee.kind === 'flat' && copies !== 1) return { ok: false, refusal: 'COPIES_NOT_APPLICABLE' };
  // Each copy counted on its own (shared/fees.ts feeFor): 3 copies of 2 pages = 3 × 4,000.
  const { amount } = feeFor(procedure.fee, quantity, copies);
  if (amount <= 0) return { ok: false, refusal: 'FEE_NOT_REQUIRED' };
  if (amount > MAX_ORDER_AMOUNT) return { ok: false, refusal: 'AMOUNT_TOO_LARGE' };

  const memo = memoFor(reference, args.paymentCodePrefix);
  const payload = encodeVietQr({
    bankBin: agency.bank.bin,
    accountNumber: agency.bank.accountNumber,
    service: 'QRIBFTTA',
    amount,
    purpose: memo,
  });
  const createdAt = now.toISOString();
  const ttlHours = procedure.orderTtlHours ?? DEFAULT_ORDER_TTL_HOURS;
  const order: FeeOrder = {
    id: reference,
    reference,
    agencyId: agency.id,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    quantity,
    copies,
    amount,
    currency: 'VND',
    status: 'PENDING',
    paidAmount: 0,
    refundDue: 0,
    paidLate: false,
    ...(input.payer && (input.payer.name || input.payer.phone) ? { payer: stripEmpty(input.payer) } : {}),
    ...(input.dossierCode ? { dossierCode: input.dossierCode } : {}),
    ...(args.assistedBy ? { assistedBy: args.assistedBy } : {}),
    createdAt,
    expiresAt: new Date(now.getTime() + ttlHours * 3_600_000).toISOString(),
    vietqr: {
      payload,
      bankBin: agency.bank.bin,
      bankName: agency.bank.bankName,
      accountNumber: agency.bank.accountNumber,
      accountName: agency.bank.accountName,
      memo,
    },
    version: 1,
    history: [{ at: createdAt, event: 'CREATED', to: 'PENDING', ...(args.assistedBy ? { by: args.assistedBy } : {}) }],
  };
  return { ok: true, order };
}

/** What the payer still owes: the fee less what arrived, never below zero. */
export function amountDue(order: Pick<FeeOrder, 'amount' | 'paidAmount'>): number {
  return Math.max(0, order.amount - order.paidAmount);
}

/**
 * The order's VietQR as it must be scanned now: after a partial payment it asks for the
 * amount still due, with the same account and memo, so a citizen who scans again pays
 * exactly the rest. Before any payment, and once nothing is due, it is the order's own.
 */
export function vietqrForDue(order: Pick<FeeOrder, 'amount' | 'paidAmount' | 'vietqr'>): OrderVietQr {
  const due = amountDue(order);
  if (due === 0 || due === order.amount) return order.vietqr;
  const payload = encodeVietQr({
    bankBin: order.vietqr.bankBin,
    accountNumber: order.vietqr.accountNumber,
    service: 'QRIBFTTA',
    amount: due,
    purpose: order.vietqr.memo,
  });
  return { ...order.vietqr, payload };
}

function stripEmpty(payer: Payer): Payer {
  const out: Payer = {};
  if (payer.name) out.name = payer.name;
  if (payer.phone) out.phone = payer.phone;
  return out;
}

export { maskName, maskPayer, maskPhone } from './privacy';
