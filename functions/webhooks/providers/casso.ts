/**
 * Casso (webhook v2): `X-Casso-Signature: t=<unix ms>,v1=<hex>`, v1 = HMAC-SHA512 of
 * `<t>.<JSON of the whole body, object keys sorted recursively>`; a timestamp more than
 * five minutes from now is refused, so a captured notification cannot be replayed later.
 */
import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { findBank } from '../../../shared/banks';
import {
  SAMPLE_COUNTER_ACCOUNT, accountNumber, counterAccount, headerValue, isPlainObject, malformed, memoText, notGenuine, optional,
  optionalText, parseJson, parseWith, providerNumber, sameDigest, sampleId, signedAmountVnd, vietnamLocalTime, vietnamTime,
  type ProviderAdapter, type SampleTransfer,
} from './common';

export const CASSO_TOLERANCE_MS = 5 * 60 * 1000;

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (!isPlainObject(value)) return value;
  // A null prototype keeps a "__proto__" key as data, as JSON.parse made it.
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep(value[key]);
  return sorted;
}

function cassoDigest(body: unknown, timestamp: string, secret: string): string {
  return createHmac('sha512', secret).update(`${timestamp}.${JSON.stringify(sortKeysDeep(body))}`, 'utf8').digest('hex');
}

/** The `X-Casso-Signature` header Casso would send for `body` at `nowMs`. */
export function cassoSignatureHeader(body: unknown, secret: string, nowMs: number): string {
  return `t=${nowMs},v1=${cassoDigest(body, String(nowMs), secret)}`;
}

function readSignatureHeader(header: string): { timestamp: string; v1: string } | undefined {
  const fields = new Map<string, string>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const timestamp = fields.get('t');
  const v1 = fields.get('v1');
  if (!timestamp || !/^\d{1,16}$/.test(timestamp) || !v1) return undefined;
  return { timestamp, v1 };
}

export const CassoNotification = z.object({
  error: z.number().nullish(),
  data: z.object({
    id: providerNumber, // Casso's own test call sends id 0
    reference: optionalText,
    description: memoText,
    amount: signedAmountVnd,
    runningBalance: z.number().nullish(),
    transactionDateTime: vietnamTime,
    accountNumber,
    bankName: optionalText,
    bankAbbreviation: optionalText,
    virtualAccountNumber: optionalText,
    virtualAccountName: optionalText,
    counterAccountName: optionalText,
    counterAccountNumber: optionalText,
    counterAccountBankId: optionalText,
    counterAccountBankName: optionalText,
  }),
});

export const casso: ProviderAdapter = {
  provider: 'casso',
  verify({ rawBody, headers, now, secret }) {
    const header = headerValue(headers, 'x-casso-signature');
    const signature = header === undefined ? undefined : readSignatureHeader(header);
    if (!signature) return notGenuine('missing or unreadable X-Casso-Signature');
    if (Math.abs(now.getTime() - Number(signature.timestamp)) > CASSO_TOLERANCE_MS) return notGenuine('timestamp more than 5 minutes from now');
    if (!secret) return notGenuine('no secret configured');
    const json = parseJson(rawBody);
    if (!json.ok) return malformed('body is not JSON');
    if (!sameDigest(cassoDigest(json.value, signature.timestamp, secret), signature.v1)) return notGenuine('signature does not match');
    return { ok: true, body: json.value };
  },
  parse(body) {
    return parseWith(CassoNotification, body, ({ data: d }) => ({
      provider: 'casso',
      providerId: String(d.id),
      // Casso reports money out of the account with a negative amount.
      direction: d.amount > 0 ? 'in' : 'out',
      amount: Math.abs(d.amount),
      memo: d.description,
      accountNumber: d.accountNumber,
      ...optional('bankName', d.bankName || d.bankAbbreviation),
      ...optional('bankReference', d.reference),
      occurredAt: d.transactionDateTime,
      ...counterAccount(d.counterAccountName, d.counterAccountNumber, d.counterAccountBankName || (d.counterAccountBankId && findBank(d.counterAccountBankId)?.shortName)),
    }));
  },
  success: () => ({ success: true }),
};

/** A realistic Casso v2 body (all fields Casso sends), for tests and `npm run pay`. */
export function sampleCassoBody(sample: SampleTransfer) {
  const counter = { ...SAMPLE_COUNTER_ACCOUNT, ...sample.counterAccount };
  return {
    error: 0,
    data: {
      id: sampleId('casso', sample.reference),
      reference: sample.reference,
      description: sample.memo,
      amount: sample.direction === 'out' ? -sample.amount : sample.amount,
      runningBalance: sample.amount,
      transactionDateTime: vietnamLocalTime(sample.at),
      accountNumber: sample.accountNumber,
      bankName: sample.bankName ?? 'MBBank',
      bankAbbreviation: sample.bankName ?? 'MB',
      virtualAccountNumber: '',
      virtualAccountName: '',
      counterAccountName: counter.name ?? '',
      counterAccountNumber: counter.number ?? '',
      counterAccountBankId: counter.bankId ?? '',
      counterAccountBankName: counter.bankName ?? '',
    },
  };
}
