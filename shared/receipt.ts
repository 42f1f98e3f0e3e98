/**
 * Electronic fee receipts ("biên lai điện tử thu phí, lệ phí"): what one must contain, its
 * symbols and number, and the year its numbering belongs to. Pure: the instant of issue,
 * the number (from the storage's gapless counter) and the collector are handed in.
 *
 * Legal basis: Decree 254/2026/NĐ-CP (in force 1 July 2026, replacing Decree
 * 123/2020/NĐ-CP) and Circular 91/2026/TT-BTC. A receipt must show its name, the template
 * symbol and receipt symbol, its number, the collecting agency's name and tax code, the
 * fee's name, the amount in figures and in words, the date and the collector's digital
 * signature, in Vietnamese and VND; one that lacks any of these cannot be used for payment
 * or accounting. An issued receipt is never edited or deleted: a mistake is corrected by a
 * cancellation record, and the cancelled number stays used.
 */
import * as z from 'zod';
import { amountInWords } from './amount-words';
import { bilingual } from './errors';
import { FEE_CATEGORIES, type FeeCategory } from './fee-rules';
import type { OrderLine } from './order-lines';
import { maskName } from './privacy';
import { lawfulReceiptSymbol } from './receipt-symbol';
import { vietnamDate, vietnamWallClock } from './time';

/**
 * The template symbol ("ký hiệu mẫu biên lai"). EBL02 is the form with a printed face value,
 * for fees of one fixed price per form (tickets, for example); our amounts depend on the
 * procedure and the quantity (pages, copies, cases), so every receipt here is EBL01,
 * without face value.
 */
export const RECEIPT_TEMPLATE = 'EBL01';
export const RECEIPT_TEMPLATES = ['EBL01', 'EBL02'] as const;
export type ReceiptTemplate = (typeof RECEIPT_TEMPLATES)[number];

/**
 * The receipt's name, printed at the top of the rendered receipt. It is fixed by the
 * template symbol, so it is not repeated in the signed content (the QR stays smaller).
 */
export const RECEIPT_TITLE = 'BIÊN LAI THU PHÍ, LỆ PHÍ';

/** The number has at most 8 digits and restarts at 1 every year. */
export const MAX_RECEIPT_NUMBER = 99_999_999;

export const RECEIPT_STATUSES = ['ISSUED', 'CANCELLED'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export type PaymentMethod = 'bank_transfer' | 'cash';
export const PAYMENT_METHODS = ['bank_transfer', 'cash'] as const satisfies readonly PaymentMethod[];

function toInstant(issuedAt: Date | string): Date {
  const date = typeof issuedAt === 'string' ? new Date(issuedAt) : issuedAt;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(issuedAt)}`);
  return date;
}

/**
 * The year a receipt belongs to, in Vietnam time: its numbering restarts at 1 each year,
 * so a receipt issued at 2026-12-31T18:00Z (01:00 on 1 January in Hà Nội) is year 2027.
 */
export function receiptYear(issuedAt: Date | string): number {
  return vietnamWallClock(toInstant(issuedAt)).getUTCFullYear();
}

/** The date printed on the receipt, 'YYYY-MM-DD' in Vietnam time. */
export function receiptLocalDate(issuedAt: Date | string): string {
  return vietnamDate(toInstant(issuedAt));
}

/**
 * The receipt symbol ("ký hiệu biên lai"): the 2-digit year, the letter 'T' (a receipt
 * the organisation registered with the tax authority), then the agency's two letters from
 * the twenty Circular 91/2026/TT-BTC allows (shared/receipt-symbol.ts):
 * receiptSymbol(2026, 'MT') → '26TMT'; RangeError for letters outside them ('OF').
 */
export const receiptSymbol = lawfulReceiptSymbol;

export const RECEIPT_SYMBOL_PATTERN = /^\d{2}T[ABCDEGHKLMNPQRSTUVXY]{2}$/;

/**
 * The number as printed: 8 digits, zero-padded ('00000042'), the width the law allows, so
 * receipts sort and line up. The stored number is the integer; this is presentation only.
 */
export function formatReceiptNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_RECEIPT_NUMBER) {
    throw new RangeError(`receipt number must be an integer in 1–${MAX_RECEIPT_NUMBER}, got ${n}`);
  }
  return String(n).padStart(8, '0');
}

export interface ReceiptAgency {
  id: string;
  name: string;
  taxCode: string;
  address: string;
}

export interface ReceiptCollector {
  username: string;
  displayName?: string;
}

/** One fee line of a receipt. */
export interface ReceiptLine {
  feeName: string;
  procedureCode: string;
  kind: FeeCategory;
  quantity: number;
  copies: number;
  amount: number;
  /** The relief applied to the line: its kind, percentage and legal basis. */
  relief?: { kind: 'waiver' | 'reduction'; percent: number; legalBasis: string };
}

/**
 * What a receipt says: every content the law requires, and what links it to the order.
 * The payer's phone is never on it (personal data the receipt does not need).
 */
export interface ReceiptContent {
  template: ReceiptTemplate;
  symbol: string;
  number: number;
  /** The instant of issue, ISO 8601 in UTC; shown in Vietnam time. */
  issuedAt: string;
  agency: ReceiptAgency;
  /** The fee's name: the procedure's official name. */
  feeName: string;
  procedureCode: string;
  /** Copies the amount pays for, each charged on its own; only when more than one. */
  copies?: number;
  /**
   * Every fee line, with its kind (phí or lệ phí) and the relief applied; their amounts add
   * up to `amount`. Absent on receipts made before lines were kept (one line: feeName).
   */
  lines?: ReceiptLine[];
  orderId: string;
  reference: string;
  amount: number;
  amountInWords: string;
  currency: 'VND';
  payer?: { name?: string };
  paymentMethod: PaymentMethod;
  collector: ReceiptCollector;
  /**
   * Where to check the receipt. It holds the signature, so it cannot be inside what is
   * signed: signing leaves it out and verification never returns it.
   */
  verifyUrl?: string;
}

/**
 * A receipt as anyone holding its QR may see it online: the payer's name masked and the
 * collector without the staff username (an account name is no one's business and helps
 * whoever guesses passwords). The signed receipt itself is unchanged; its holder prints
 * it from the token they hold.
 */
export type PublicReceiptContent = Omit<ReceiptContent, 'payer' | 'collector'> & { payer?: { name?: string }; collector: { displayName?: string } };

export function publicReceiptContent(content: ReceiptContent): PublicReceiptContent {
  const { payer, collector, ...rest } = content;
  return {
    ...rest,
    ...(payer?.name ? { payer: { name: maskName(payer.name) } } : {}),
    collector: collector.displayName ? { displayName: maskName(collector.displayName) } : {},
  };
}

// Control characters (C0, DEL, C1) and bidirectional overrides can hide or reorder text
// on a printed receipt or in a clerk's list; no name, reason or code needs them.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

const safeLine = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !UNSAFE_TEXT.test(s), bilingual('Có ký tự điều khiển không được phép.', 'Contains control characters that are not allowed.'));

/**
 * The signed content, checked strictly: unknown fields are refused, the words must be the
 * words of the figures and the symbol's year the year of issue in Vietnam time.
 */
export const receiptContentSchema: z.ZodType<ReceiptContent> = z
  .strictObject({
    template: z.enum(RECEIPT_TEMPLATES),
    symbol: z.string().regex(RECEIPT_SYMBOL_PATTERN),
    number: z.number().int().min(1).max(MAX_RECEIPT_NUMBER),
    issuedAt: z.iso.datetime({ offset: true }),
    agency: z.strictObject({
      id: safeLine(64),
      name: safeLine(200),
      // 10 digits, or 13 with a branch suffix ("0100109106-001").
      taxCode: z.string().regex(/^\d{10}(-\d{3})?$/),
      address: safeLine(300),
    }),
    feeName: safeLine(500),
    procedureCode: safeLine(40),
    copies: z.number().int().min(2).max(1_000).optional(),
    lines: z
      .array(
        z.strictObject({
          feeName: safeLine(500),
          procedureCode: safeLine(40),
          kind: z.enum(FEE_CATEGORIES),
          quantity: z.number().int().min(1),
          copies: z.number().int().min(1),
          amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
          relief: z.strictObject({ kind: z.enum(['waiver', 'reduction']), percent: z.number().int().min(1).max(100), legalBasis: safeLine(500) }).optional(),
        }),
      )
      .min(1)
      .max(100)
      .optional(),
    orderId: safeLine(64),
    reference: z.string().regex(/^[A-Z0-9]{1,9}$/),
    amount: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    amountInWords: safeLine(300),
    currency: z.literal('VND'),
    payer: z.strictObject({ name: safeLine(100).optional() }).optional(),
    paymentMethod: z.enum(PAYMENT_METHODS),
    collector: z.strictObject({ username: safeLine(64), displayName: safeLine(100).optional() }),
    verifyUrl: z.string().max(4096).optional(),
  })
  .superRefine((c, ctx) => {
    if (c.lines && c.lines.reduce((sum, l) => sum + l.amount, 0) !== c.amount) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'the lines must add up to the amount' });
    }
    if (Number.isSafeInteger(c.amount) && c.amount >= 1 && c.amountInWords !== amountInWords(c.amount)) {
      ctx.addIssue({ code: 'custom', path: ['amountInWords'], message: 'the amount in words must be the words of the amount' });
    }
    const issued = new Date(c.issuedAt);
    if (!Number.isNaN(issued.getTime()) && c.symbol.slice(0, 2) !== String(receiptYear(issued) % 100).padStart(2, '0')) {
      ctx.addIssue({ code: 'custom', path: ['symbol'], message: 'the symbol year must be the year of issue in Vietnam time' });
    }
  });

export interface BuildReceiptArgs {
  /** The order being confirmed (a FeeOrder fits). */
  order: {
    id: string;
    reference: string;
    procedureCode: string;
    procedureName: string;
    amount: number;
    /** Copies, each charged on its own (absent: one). */
    copies?: number;
    /** The order's lines (absent on orders made before lines were kept). */
    items?: OrderLine[];
    payer?: { name?: string };
  };
  /** The collecting agency (a catalogue Agency fits); receiptSymbol is its two letters. */
  agency: ReceiptAgency & { receiptSymbol: string };
  /** From the storage's gapless counter for (agency, symbol). */
  number: number;
  issuedAt: Date;
  paymentMethod: PaymentMethod;
  collector: ReceiptCollector;
  /**
   * The symbol the number was drawn under. When given it must equal the one derived from
   * issuedAt: a number drawn at 23:59:59 on 31 December must not be printed on a receipt
   * dated the next year.
   */
  symbol?: string;
  template?: ReceiptTemplate;
}

/** The receipt for a confirmed order. Throws RangeError when an argument breaks a rule. */
export function buildReceiptContent(args: BuildReceiptArgs): ReceiptContent {
  const { order, agency, number, issuedAt, paymentMethod, collector } = args;
  const symbol = receiptSymbol(receiptYear(issuedAt), agency.receiptSymbol);
  if (args.symbol !== undefined && args.symbol !== symbol) {
    throw new RangeError(`receipt number was drawn under ${args.symbol} but a receipt issued at ${issuedAt.toISOString()} has symbol ${symbol}`);
  }
  formatReceiptNumber(number); // validates
  if (!Number.isSafeInteger(order.amount) || order.amount < 1) {
    throw new RangeError(`a receipt needs a positive whole amount of VND, got ${order.amount}`);
  }
  const nfc = (s: string) => s.normalize('NFC');
  const payerName = order.payer?.name?.trim();
  const content: ReceiptContent = {
    template: args.template ?? RECEIPT_TEMPLATE,
    symbol,
    number,
    issuedAt: issuedAt.toISOString(),
    agency: { id: agency.id, name: nfc(agency.name), taxCode: agency.taxCode, address: nfc(agency.address) },
    feeName: nfc(order.procedureName),
    procedureCode: order.procedureCode,
    ...(order.copies !== undefined && order.copies > 1 ? { copies: order.copies } : {}),
    ...(order.items?.length
      ? {
          lines: order.items.map((l) => ({
            feeName: nfc(l.procedureName),
            procedureCode: l.procedureCode,
            kind: l.kind,
            quantity: l.quantity,
            copies: l.copies,
            amount: l.amount,
            ...(l.relief ? { relief: { kind: l.relief.kind, percent: l.relief.percent, legalBasis: nfc(l.relief.legalBasis) } } : {}),
          })),
        }
      : {}),
    orderId: order.id,
    reference: order.reference,
    amount: order.amount,
    amountInWords: amountInWords(order.amount),
    currency: 'VND',
    ...(payerName ? { payer: { name: nfc(payerName) } } : {}),
    paymentMethod,
    collector: {
      username: collector.username,
      ...(collector.displayName ? { displayName: nfc(collector.displayName) } : {}),
    },
  };
  const checked = receiptContentSchema.safeParse(content);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new RangeError(`receipt content is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'unknown'}`);
  }
  return content;
}

/**
 * The bytes that are signed: JSON with object keys sorted at every level and no spaces,
 * without verifyUrl. For the values a receipt holds (strings, integers, objects) this is
 * the JSON Canonicalization Scheme (RFC 8785), so anyone can recompute it.
 */
export function canonicalReceiptJson(content: ReceiptContent): string {
  const { verifyUrl: _omitted, ...signed } = content;
  return canonicalJson(signed);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A cancelled receipt keeps its number; this record says why, who and when. */
export interface ReceiptCancellation {
  receiptId: string;
  reason: string;
  /** Username of the clerk or admin who cancelled it. */
  by: string;
  /** ISO 8601 instant. */
  at: string;
}

export const cancelReceiptSchema = z.strictObject({
  reason: z
    .string(bilingual('Lý do hủy phải là chuỗi ký tự.', 'The reason must be text.'))
    .refine((s) => !UNSAFE_TEXT.test(s), bilingual('Lý do hủy có ký tự điều khiển không được phép.', 'The reason contains control characters that are not allowed.'))
    .transform((s) => s.normalize('NFC').replace(/ +/g, ' ').trim())
    .pipe(
      z
        .string()
        .min(5, bilingual('Lý do hủy cần ít nhất 5 ký tự.', 'The reason must be at least 5 characters.'))
        .max(500, bilingual('Lý do hủy tối đa 500 ký tự.', 'The reason can be at most 500 characters.')),
    ),
});

export type CancelReceiptInput = z.output<typeof cancelReceiptSchema>;
