/**
 * Fee orders: what the citizen owes for one procedure at one agency, and the VietQR
 * that pays it. Pure: the clock and the reference are handed in.
 */
import * as z from 'zod';
import { bilingual } from './errors';
import { inService, type Agency, type Procedure } from './catalogue';
import { MAX_COPIES, MAX_ORDER_AMOUNT, MAX_QUANTITY } from './fees';
import { FILING_CHANNELS, type AppliedRelief, type FilingChannel } from './fee-rules';
import { MAX_ORDER_LINES, ordersName, priceLines, type LineRequest, type OrderLine } from './order-lines';
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

/** How a clerk recorded that an order's fee was paid on the national public-service portal. */
export interface PaidOnPortal {
  /** The portal's payment reference (as shown in the dossier's payment on dichvucong.gov.vn). */
  reference: string;
  note: string;
  at: string;
  by: string;
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
  /** The first line's procedure (an order of several lines lists them all in `items`). */
  procedureCode: string;
  /** The first line's name; with several lines, "… (và n khoản khác)". */
  procedureName: string;
  /** Units the fee counts in one copy: pages of the original, copies of an extract, cases. */
  quantity: number;
  /**
   * Copies, each charged on its own (amount = copies × the fee of `quantity` units).
   * Absent on orders made before copies were counted: those were one copy.
   */
  copies?: number;
  /** The sum of the lines' amounts. */
  amount: number;
  currency: 'VND';
  /**
   * The lines, each with its kind of fee, the rule in force when the order was made and
   * the relief applied. Absent on orders made before lines were kept: those had one line,
   * the order's procedure, quantity and copies (order-lines.ts linesOf).
   */
  items?: OrderLine[];
  /** Where the citizen said they file (decides reliefs); absent when not said. */
  channel?: FilingChannel;
  /** Whether the citizen said they hold a VNeID level-2 account; absent when not said. */
  vneidLevel2?: boolean;
  status: OrderStatus;
  /** Every transfer ever recorded against the order (nothing is dropped). */
  paidAmount: number;
  /** The part of paidAmount owed back to the payer (surplus, duplicates, payments to a cancelled order). */
  refundDue: number;
  /** Settled by money that arrived after the order's expiry. */
  paidLate: boolean;
  payer?: Payer;
  dossierCode?: string;
  /**
   * The fee was paid on the national public-service portal for this dossier: a clerk
   * closed the order (CANCELLED) without a second payment (issue 14, item 6).
   */
  paidOnPortal?: PaidOnPortal;
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

const procedureCodeSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, bilingual('Mã thủ tục không hợp lệ.', 'Invalid procedure code.'));

const quantitySchema = z
  .number()
  .int()
  .min(1, bilingual('Số lượng phải từ 1 trở lên.', 'Quantity must be at least 1.'))
  .max(MAX_QUANTITY, bilingual(`Số lượng tối đa là ${MAX_QUANTITY}.`, `Quantity can be at most ${MAX_QUANTITY}.`));

const copiesSchema = z
  .number(bilingual('Nhập số bản, ví dụ 2.', 'Enter the number of copies, for example 2.'))
  .int(bilingual('Số bản là số đếm, ví dụ 2.', 'The number of copies is a count, for example 2.'))
  .min(1, bilingual('Số bản phải từ 1 trở lên.', 'The number of copies must be at least 1.'))
  .max(MAX_COPIES, bilingual(`Mỗi đơn tối đa ${MAX_COPIES} bản; nhiều hơn thì lập thêm đơn.`, `One order holds at most ${MAX_COPIES} copies; make another order for more.`));

/** One line of an order of several fees: `items` instead of procedureCode/quantity/copies. */
export const orderItemSchema = z.strictObject({
  procedureCode: procedureCodeSchema,
  quantity: quantitySchema.optional(),
  copies: copiesSchema.optional(),
});

/**
 * The body of POST /api/orders (and /api/staff/orders). Either procedureCode (with
 * quantity and copies) or items, never both and not neither: checked by requestedLines(),
 * so that the schema stays an object others can extend.
 */
export const createOrderSchema = z.strictObject({
  procedureCode: procedureCodeSchema.optional(),
  items: z
    .array(orderItemSchema)
    .min(1, bilingual('Cần ít nhất một khoản phí.', 'At least one fee line is needed.'))
    .max(MAX_ORDER_LINES, bilingual(`Một đơn tối đa ${MAX_ORDER_LINES} khoản; nhiều hơn thì lập thêm đơn.`, `One order holds at most ${MAX_ORDER_LINES} lines; make another order for more.`))
    .optional(),
  channel: z.enum(FILING_CHANNELS, bilingual('Hình thức nộp phải là "counter" hoặc "online".', 'Channel must be "counter" or "online".')).optional(),
  vneidLevel2: z.boolean(bilingual('vneidLevel2 phải là true hoặc false.', 'vneidLevel2 must be true or false.')).optional(),
  agencyId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9-]+$/, bilingual('Mã cơ quan không hợp lệ.', 'Invalid agency id.')),
  quantity: quantitySchema.optional(),
  copies: copiesSchema.optional(),
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

/**
 * The body as the routes read it: createOrderSchema, and a missing procedure code named
 * beside any other missing field (the refinement runs even when another field failed).
 * The rest of the one-of rule is requestedLines(), which placeOrder applies to every caller.
 */
export const orderBodySchema = createOrderSchema.refine((v) => v.procedureCode !== undefined || v.items !== undefined, {
  path: ['procedureCode'],
  message: bilingual('Thiếu thông tin bắt buộc (mã thủ tục, hoặc danh sách "items").', 'This field is required (a procedure code, or a list of "items").'),
  when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
});

/**
 * The lines a valid body asks for, or the problems that make it invalid (400): exactly one
 * of procedureCode and items; quantity and copies beside procedureCode only.
 */
export function requestedLines(input: CreateOrderInput): { ok: true; lines: { procedureCode: string; quantity: number; copies: number }[] } | { ok: false; details: { path: string; message: string; messageEn: string }[] } {
  if (input.items !== undefined) {
    const stray = (['procedureCode', 'quantity', 'copies'] as const).filter((k) => input[k] !== undefined);
    if (stray.length > 0) {
      return {
        ok: false,
        details: stray.map((k) => ({ path: k, message: `Có "items" thì không gửi "${k}": ghi vào từng khoản.`, messageEn: `With "items", "${k}" goes inside each line.` })),
      };
    }
    return { ok: true, lines: input.items.map((i) => ({ procedureCode: i.procedureCode, quantity: i.quantity ?? 1, copies: i.copies ?? 1 })) };
  }
  if (input.procedureCode === undefined) {
    return { ok: false, details: [{ path: 'procedureCode', message: 'Cần mã thủ tục (hoặc danh sách "items").', messageEn: 'A procedure code (or a list of "items") is required.' }] };
  }
  return { ok: true, lines: [{ procedureCode: input.procedureCode, quantity: input.quantity ?? 1, copies: input.copies ?? 1 }] };
}

/** Why an order cannot be made for a request that is otherwise well formed. */
export type OrderRefusal = 'FEE_NOT_REQUIRED' | 'FEE_COLLECTED_ELSEWHERE' | 'PROCEDURE_NOT_OFFERED' | 'AGENCY_SUPERSEDED' | 'AMOUNT_TOO_LARGE' | 'QUANTITY_NOT_APPLICABLE' | 'COPIES_NOT_APPLICABLE' | 'DUPLICATE_LINE';

export interface DraftOrderArgs {
  input: CreateOrderInput;
  /** The procedure of a one-line order (input.procedureCode's); ignored when `lines` is given. */
  procedure?: Procedure;
  /** The lines, with their procedures, in the order asked (an order of several fees). */
  lines?: LineRequest[];
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

/** Why a draft was refused; `line` is the index of the line at fault, `relief` the relief that waived it. */
export interface DraftRefusal {
  ok: false;
  refusal: OrderRefusal;
  line?: number;
  relief?: AppliedRelief;
}

export function draftOrder(args: DraftOrderArgs): { ok: true; order: FeeOrder } | DraftRefusal {
  const { input, agency, reference, now } = args;
  // An agency of the old map keeps its records but takes nothing new (a merger never
  // rewrites the past, and never sends today's money into yesterday's account).
  if (!inService(agency)) return { ok: false, refusal: 'AGENCY_SUPERSEDED' };
  const requests: LineRequest[] =
    args.lines ?? (args.procedure ? [{ procedure: args.procedure, quantity: input.quantity ?? 1, copies: input.copies ?? 1 }] : []);
  if (requests.length === 0) throw new RangeError('an order needs at least one line');
  const filing = { ...(input.channel ? { channel: input.channel } : {}), ...(input.vneidLevel2 !== undefined ? { vneidLevel2: input.vneidLevel2 } : {}) };
  // Each line priced by the rule in force now, less the largest relief for this filing
  // (shared/fee-rules.ts feeDue); each copy counted on its own.
  const priced = priceLines(requests, agency, now, filing);
  if (!priced.ok) {
    const { ok: _ok, ...refusal } = priced;
    return { ok: false, ...refusal };
  }
  const { lines } = priced;
  const amount = lines.reduce((sum, l) => sum + l.amount, 0);
  if (amount > MAX_ORDER_AMOUNT) return { ok: false, refusal: 'AMOUNT_TOO_LARGE' };
  const first = lines[0]!;
  const ttlHours = Math.min(...requests.map((r) => r.procedure.orderTtlHours ?? DEFAULT_ORDER_TTL_HOURS));

  const memo = memoFor(reference, args.paymentCodePrefix);
  const payload = encodeVietQr({
    bankBin: agency.bank.bin,
    accountNumber: agency.bank.accountNumber,
    service: 'QRIBFTTA',
    amount,
    purpose: memo,
  });
  const createdAt = now.toISOString();
  const order: FeeOrder = {
    id: reference,
    reference,
    agencyId: agency.id,
    procedureCode: first.procedureCode,
    procedureName: ordersName(lines),
    quantity: first.quantity,
    copies: first.copies,
    amount,
    currency: 'VND',
    items: lines,
    ...filing,
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
