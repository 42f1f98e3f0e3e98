/**
 * The values the e-receipt documents carry, checked before any XML is written: a document
 * the tax authority would refuse, or one whose words disagree with its figures, is never
 * built. The same rules are in the XSDs beside this file.
 */
import * as z from 'zod';
import { MAX_RECEIPT_NUMBER, RECEIPT_TEMPLATES } from '../receipt';
import { receiptSymbolSchema } from '../receipt-symbol';
import { bilingual } from '../errors';

// Control characters (C0, DEL, C1) and bidirectional overrides can hide or reorder text on
// a printed receipt; no name, fee or reason needs them.
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** One line of text, 1 to `max` characters, NFC (canonical signatures compare code points). */
export const text = (max: number) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1)
        .max(max)
        .refine((s) => !UNSAFE_TEXT.test(s), bilingual('Có ký tự điều khiển không được phép.', 'Contains control characters that are not allowed.')),
    );

/** An organisation's tax code: 10 digits, or 13 with a branch ("0100109106-001"). */
export const organisationTaxCode = z
  .string()
  .regex(/^\d{10}(-\d{3})?$/, bilingual('Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, gạch ngang và 3 chữ số.', 'A tax code is 10 digits, or 10 digits, a hyphen and 3 digits.'));

/** A payer's tax code may also be a person's 12-digit identity number. */
export const payerTaxCode = z
  .string()
  .regex(/^(\d{10}(-\d{3})?|\d{12})$/, bilingual('Mã số thuế gồm 10 hoặc 12 chữ số.', 'A tax code is 10 or 12 digits.'));

export const template = z.enum(RECEIPT_TEMPLATES);
export const symbol = receiptSymbolSchema;
export const receiptNumber = z.number().int().min(1).max(MAX_RECEIPT_NUMBER);
export const instant = z.iso.datetime({ offset: true });
export const calendarDate = z.iso.date();
/** Whole VND, at least 1. */
export const amount = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** What names one receipt in a summary row, a notice or a replacing receipt. */
export const receiptIdentity = z.strictObject({ template, symbol, number: receiptNumber, issuedAt: instant });

export const organisation = z.strictObject({
  name: text(400),
  taxCode: organisationTaxCode,
  address: text(400).optional(),
});

/** Parses or throws a RangeError naming the first problem: a builder's input is the caller's bug. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    const message = first?.message.includes('|') ? first.message.split('|')[1] : first?.message;
    throw new RangeError(`${what} is invalid at ${first?.path.join('.') || '(root)'}: ${message ?? 'unknown'}`);
  }
  return result.data;
}
