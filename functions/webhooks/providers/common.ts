/**
 * What the three payment-notification adapters share: the adapter's shape, constant-time
 * comparison, Vietnam-time conversion and the zod pieces of a transfer.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { bilingual, zodDetails, type ErrorDetail } from '../../../shared/errors';
import { amountVnd, MAX_TRANSFER_VND } from '../../../shared/money';
import { fromVietnamWallClock, vietnamWallClock } from '../../../shared/time';
import type { IncomingTransfer, Provider } from '../../../shared/transfer';
import type { SepayAuthMethod } from '../../lib/platform/config';

export type HeadersInput = Headers | Record<string, string | undefined>;

export interface VerifyInput {
  rawBody: string;
  headers: HeadersInput;
  now: Date;
  secret: string;
  /** SePay only: the method its webhook was configured with for this account (default 'apikey'). payOS and Casso have one each. */
  method?: SepayAuthMethod;
}

export type VerifyResult = { ok: true; body: unknown } | { ok: false; status: 400 | 401; reason: string };
export type ParseResult = { ok: true; transfer: IncomingTransfer } | { ok: false; details: ErrorDetail[] };

export interface ProviderAdapter {
  provider: Provider;
  /** Verify authenticity from the raw body text + headers, in constant time, BEFORE parsing into anything stored. */
  verify(input: VerifyInput): VerifyResult;
  /** Parse a verified body into transfers (one notification = one transfer for these three) or a 400 with zod details. */
  parse(body: unknown): ParseResult;
  /** The success answer the provider expects (SePay wants {"success": true}). */
  success(): unknown;
}

export const notGenuine = (reason: string): VerifyResult => ({ ok: false, status: 401, reason });
export const malformed = (reason: string): VerifyResult => ({ ok: false, status: 400, reason });

/**
 * How deep a notification may nest. The providers' bodies are two or three levels deep;
 * the bound keeps every recursive walk (Casso's key sort, zod, the store's marshalling)
 * far from the stack's limit, whatever an unauthenticated sender posts.
 */
export const MAX_JSON_DEPTH = 16;

/**
 * The deepest nesting of arrays and objects in a JSON text, found in one pass without
 * recursion (brackets inside strings do not count), stopping as soon as it exceeds `limit`.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (++depth > limit) return true;
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) depth--;
  }
  return false;
}

/** JSON of a notification, refused (before any recursive work) when it nests deeper than MAX_JSON_DEPTH. */
export function parseJson(rawBody: string): { ok: true; value: unknown } | { ok: false } {
  if (jsonDepthExceeds(rawBody, MAX_JSON_DEPTH)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(rawBody) as unknown };
  } catch {
    return { ok: false };
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function headerValue(headers: HeadersInput, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted && value !== undefined) return value;
  return undefined;
}

/**
 * Equality of a computed digest and a received one without an early exit: timingSafeEqual
 * over equal-length buffers. The digest's length is public, so a length mismatch may
 * answer at once (and must: timingSafeEqual throws on unequal lengths).
 */
export function sameDigest(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Equality of two secrets of any length: hashing first makes the lengths equal and hides them. */
export function sameSecret(expected: string, received: string): boolean {
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(received, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** "YYYY-MM-DD HH:mm:ss" on Vietnam's clock (UTC+7, no daylight saving) → ISO 8601 UTC. */
export function vietnamTimeToIso(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Date.UTC rolls 2024-02-30 over to March: a date that does not round-trip does not exist.
  if (wall.getUTCFullYear() !== y || wall.getUTCMonth() !== mo - 1 || wall.getUTCDate() !== d || wall.getUTCHours() !== h || wall.getUTCMinutes() !== mi || wall.getUTCSeconds() !== s) return undefined;
  return fromVietnamWallClock(wall).toISOString();
}

/** An instant as the providers write it: "YYYY-MM-DD HH:mm:ss", Vietnam time. */
export function vietnamLocalTime(at: Date): string {
  return vietnamWallClock(at).toISOString().slice(0, 19).replace('T', ' ');
}

const TIME_WORDS = bilingual('Thời điểm giao dịch phải có dạng YYYY-MM-DD HH:mm:ss (giờ Việt Nam).', 'The transaction time must be YYYY-MM-DD HH:mm:ss (Vietnam time).');

/** A provider's transaction time, turned into ISO 8601 UTC. */
export const vietnamTime = z.string().transform((text, ctx) => {
  const iso = vietnamTimeToIso(text);
  if (iso === undefined) {
    ctx.issues.push({ code: 'custom', message: TIME_WORDS, input: text });
    return z.NEVER;
  }
  return iso;
});

/** VND has no smaller unit: a positive integer within the one bound (shared/money.ts), never 1.5, never "1000". */
export { amountVnd };
/** Casso reports money out as a negative amount: the same bound either way. */
export const signedAmountVnd = z
  .int()
  .min(-MAX_TRANSFER_VND, { error: bilingual('Số tiền vượt hạn mức một giao dịch.', 'The amount exceeds the limit of one transfer.') })
  .max(MAX_TRANSFER_VND, { error: bilingual('Số tiền vượt hạn mức một giao dịch.', 'The amount exceeds the limit of one transfer.') })
  .refine((n) => n !== 0, { message: bilingual('Số tiền không được bằng 0.', 'The amount must not be zero.') });
export const providerNumber = z.int().min(0);
export const accountNumber = z.string().min(1).max(64);
export const memoText = z.string().max(1000);
export const optionalText = z.string().max(255).nullish();

/** Run a schema over a verified body; the details name the body's own fields (`data.amount`). */
export function parseWith<S extends z.ZodType>(schema: S, body: unknown, toTransfer: (value: z.output<S>) => IncomingTransfer): ParseResult {
  // reportInput: issueWords() tells a missing field from a wrong type by the issue's input, which zod 4 drops unless asked.
  const result = schema.safeParse(body, { reportInput: true });
  if (!result.success) return { ok: false, details: zodDetails(result.error) };
  return { ok: true, transfer: toTransfer(result.data) };
}

export function counterAccount(name: string | null | undefined, number: string | null | undefined, bankName: string | null | undefined): Pick<IncomingTransfer, 'counterAccount'> {
  const account = { ...optional('name', name), ...optional('number', number), ...optional('bankName', bankName) };
  return Object.keys(account).length ? { counterAccount: account } : {};
}

/** Optional fields of a transfer are left out, not set to undefined or '', so records compare and store cleanly. */
export function optional<K extends string>(key: K, value: string | null | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Partial<Record<K, string>>) : {};
}

/** What a test or `npm run pay` wants to have happened at the bank. */
export interface SampleTransfer {
  /** Positive integer VND. */
  amount: number;
  memo: string;
  /** The receiving account. */
  accountNumber: string;
  /** The bank's transaction reference; provider ids derive from it, so the same sample resends the same transfer. */
  reference: string;
  at: Date;
  /** SePay and Casso only: payOS reports incoming money alone. Default 'in'. */
  direction?: 'in' | 'out';
  /** SePay only: the payment code SePay cut out of the memo (`code`), when it found one. Default none. */
  paymentCode?: string;
  /** The receiving bank's short name. Default 'MB'. */
  bankName?: string;
  counterAccount?: { name?: string; number?: string; bankId?: string; bankName?: string };
}

export const SAMPLE_COUNTER_ACCOUNT = { name: 'NGUYEN VAN AN', number: '0011004123456', bankId: '970436', bankName: 'Vietcombank' } as const;

/** A stable positive id below 2^48 for a sample, so resending the same sample is a duplicate. */
export function sampleId(provider: Provider, reference: string): number {
  return Number.parseInt(createHash('sha256').update(`${provider}:${reference}`).digest('hex').slice(0, 12), 16) + 1;
}

export function sampleHex(provider: Provider, reference: string, length: number): string {
  return createHash('sha256').update(`${provider}:${reference}:hex`).digest('hex').slice(0, length);
}
