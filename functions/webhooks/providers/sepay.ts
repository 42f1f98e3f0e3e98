/**
 * SePay: a flat body, authenticated by the header `Authorization: Apikey <key>` alone
 * (the body is not signed), so the key is checked before the body is even read.
 */
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import {
  accountNumber, amountVnd, headerValue, malformed, memoText, notGenuine, optional, optionalText, parseJson, parseWith,
  providerNumber, sameSecret, sampleId, vietnamLocalTime, vietnamTime,
  type ProviderAdapter, type SampleTransfer,
} from './common';

const APIKEY_SCHEME = /^apikey\s+/i;

const SepayNotification = z
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
  verify({ rawBody, headers, secret }) {
    const authorization = headerValue(headers, 'authorization')?.trim() ?? '';
    if (!APIKEY_SCHEME.test(authorization)) return notGenuine('missing Apikey authorization');
    if (!secret) return notGenuine('no API key configured');
    if (!sameSecret(secret, authorization.replace(APIKEY_SCHEME, ''))) return notGenuine('wrong API key');
    const json = parseJson(rawBody);
    if (!json.ok) return malformed('body is not JSON');
    return { ok: true, body: json.value };
  },
  parse(body) {
    return parseWith(SepayNotification, body, (b) => ({
      provider: 'sepay',
      providerId: String(b.id),
      direction: b.transferType,
      amount: b.transferAmount,
      // `content` is the memo as SePay cut it out of the bank's message; the whole message is the fallback.
      memo: b.content || b.description || '',
      accountNumber: b.accountNumber,
      ...optional('bankName', b.gateway),
      ...optional('bankReference', b.referenceCode),
      occurredAt: b.transactionDate,
    }));
  },
  success: () => ({ success: true }),
};

export const sepayAuthorization = (apiKey: string): string => `Apikey ${apiKey}`;

/** A realistic SePay body (all fields SePay sends), for tests and `npm run pay`. */
export function sampleSepayBody(sample: SampleTransfer) {
  return {
    id: sampleId('sepay', sample.reference),
    gateway: sample.bankName ?? 'MBBank',
    transactionDate: vietnamLocalTime(sample.at),
    accountNumber: sample.accountNumber,
    subAccount: null,
    code: null,
    content: sample.memo,
    transferType: sample.direction ?? 'in',
    transferAmount: sample.amount,
    accumulated: sample.amount,
    referenceCode: sample.reference,
    description: `BankAPINotify ${sample.memo}`,
  };
}
