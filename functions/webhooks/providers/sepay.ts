/**
 * SePay: a flat body, authenticated in one of two ways, as the merchant chose in SePay's
 * webhook settings (the caller says which: `method`, per agency, functions/webhooks/app.ts):
 *  - `apikey`: the header `Authorization: Apikey <key>` alone (the body is not signed),
 *    so the key is checked before the body is even read;
 *  - `hmac` (what SePay recommends): `X-SePay-Signature: sha256=<hex>`, an HMAC-SHA256
 *    of the timestamp and the raw body (sepaySignature), with `X-SePay-Timestamp`
 *    refused when more than 5 minutes from now, so a captured notification cannot be
 *    replayed later (within the window a replay is a duplicate: settlement records a
 *    transfer once).
 */
import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import type { SepayAuthMethod } from '../../lib/platform/config';
import {
  accountNumber, amountVnd, headerValue, isPlainObject, malformed, memoText, notGenuine, optional, optionalText, parseJson, parseWith,
  providerNumber, sameDigest, sameSecret, sampleId, vietnamLocalTime, vietnamTime,
  type ProviderAdapter, type SampleTransfer, type VerifyInput, type VerifyResult,
} from './common';

const APIKEY_SCHEME = /^apikey\s+/i;

/** How far SePay's timestamp may be from our clock, either way (SePay's own advice: 5 minutes). */
export const SEPAY_TOLERANCE_MS = 5 * 60 * 1000;
/** Unix seconds, as SePay's timestamp is read here (see sepaySignature). */
const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * The one place the HMAC construction lives: `X-SePay-Signature` is `sha256=` + the hex
 * HMAC-SHA256, keyed with the webhook's secret, of `<X-SePay-Timestamp as sent>.<raw body>`,
 * the timestamp being Unix seconds.
 *
 * CONFIRM against SePay's documentation (developer.sepay.vn, "Xác thực webhook",
 * HMAC-SHA256) before relying on it: SePay's page names the headers and the 5-minute
 * window, but this construction follows community code and ../shared/domain/webhooks.md,
 * not a published example. If SePay differs (order, separator, encoding, milliseconds),
 * change it here and nowhere else.
 */
export function sepaySignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

/** The headers SePay sends with an HMAC-signed notification of `rawBody` at `now`. */
export function sepayHmacHeaders(rawBody: string, secret: string, now: Date): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { 'x-sepay-timestamp': timestamp, 'x-sepay-signature': sepaySignature(secret, timestamp, rawBody) };
}

function verifyApiKey({ rawBody, headers, secret }: VerifyInput): VerifyResult {
  const authorization = headerValue(headers, 'authorization')?.trim() ?? '';
  if (!APIKEY_SCHEME.test(authorization)) return notGenuine('missing Apikey authorization');
  if (!secret) return notGenuine('no API key configured');
  if (!sameSecret(secret, authorization.replace(APIKEY_SCHEME, ''))) return notGenuine('wrong API key');
  const json = parseJson(rawBody);
  if (!json.ok) return malformed('body is not JSON');
  return { ok: true, body: json.value };
}

function verifyHmac({ rawBody, headers, now, secret }: VerifyInput): VerifyResult {
  const timestamp = headerValue(headers, 'x-sepay-timestamp')?.trim();
  const signature = SIGNATURE.exec(headerValue(headers, 'x-sepay-signature')?.trim() ?? '');
  if (!timestamp || !TIMESTAMP.test(timestamp)) return notGenuine('missing or unreadable X-SePay-Timestamp');
  if (!signature) return notGenuine('missing or unreadable X-SePay-Signature');
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > SEPAY_TOLERANCE_MS) return notGenuine('timestamp more than 5 minutes from now');
  if (!secret) return notGenuine('no webhook secret configured');
  // Over the raw body as received, before any parsing: a body changed in any byte fails.
  if (!sameDigest(sepaySignature(secret, timestamp, rawBody), `sha256=${signature[1]!.toLowerCase()}`)) return notGenuine('signature does not match');
  const json = parseJson(rawBody);
  if (!json.ok) return malformed('body is not JSON');
  return { ok: true, body: json.value };
}

/**
 * The receiving account a SePay body names, read before it is verified, only to choose
 * whose credentials must verify it (see functions/webhooks/app.ts); undefined when the
 * body does not say.
 */
export function sepayAccountOf(rawBody: string): string | undefined {
  const json = parseJson(rawBody);
  if (!json.ok || !isPlainObject(json.value)) return undefined;
  const account = json.value.accountNumber;
  return typeof account === 'string' ? account : undefined;
}

export const SepayNotification = z
  .object({
    id: providerNumber,
    gateway: optionalText,
    transactionDate: vietnamTime,
    accountNumber,
    subAccount: optionalText,
    code: optionalText,
    content: memoText.nullish(),
    transferType: z.enum(['in', 'out'], { error: bilingual('Chiều giao dịch phải là "in" hoặc "out".', 'transferType must be "in" or "out".') }),
    transferAmount: amountVnd,
    accumulated: z.number().nullish(),
    referenceCode: optionalText,
    description: memoText.nullish(),
  })
  .refine((b) => typeof b.content === 'string' || typeof b.description === 'string', {
    path: ['content'],
    message: bilingual('Thiếu nội dung chuyển khoản.', 'The transfer memo is missing.'),
  });

export const sepay: ProviderAdapter = {
  provider: 'sepay',
  verify(input) {
    return (input.method ?? 'apikey') === 'hmac' ? verifyHmac(input) : verifyApiKey(input);
  },
  parse(body) {
    return parseWith(SepayNotification, body, (b) => ({
      provider: 'sepay',
      providerId: String(b.id),
      direction: b.transferType,
      amount: b.transferAmount,
      // `content` is the memo as SePay cut it out of the bank's message; the whole message is the fallback.
      memo: b.content || b.description || '',
      // What SePay itself read as a payment code (our prefix + a reference), when it did.
      ...optional('paymentCode', b.code),
      accountNumber: b.accountNumber,
      ...optional('bankName', b.gateway),
      ...optional('bankReference', b.referenceCode),
      occurredAt: b.transactionDate,
    }));
  },
  success: () => ({ success: true }),
};

export const sepayAuthorization = (apiKey: string): string => `Apikey ${apiKey}`;

/** The headers of a SePay notification of `rawBody`, authenticated with `method`. */
export function sepayHeaders(rawBody: string, secret: string, now: Date, method: SepayAuthMethod = 'apikey'): Record<string, string> {
  return method === 'hmac' ? sepayHmacHeaders(rawBody, secret, now) : { authorization: sepayAuthorization(secret) };
}

/** A realistic SePay body (all fields SePay sends), for tests and `npm run pay`. */
export function sampleSepayBody(sample: SampleTransfer) {
  return {
    id: sampleId('sepay', sample.reference),
    gateway: sample.bankName ?? 'MBBank',
    transactionDate: vietnamLocalTime(sample.at),
    accountNumber: sample.accountNumber,
    subAccount: null,
    code: sample.paymentCode ?? null,
    content: sample.memo,
    transferType: sample.direction ?? 'in',
    transferAmount: sample.amount,
    accumulated: sample.amount,
    referenceCode: sample.reference,
    description: `BankAPINotify ${sample.memo}`,
  };
}
