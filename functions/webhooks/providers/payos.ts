/**
 * payOS: `{code, desc, success, data, signature}`. Only `data` is signed, in the canonical
 * form of payOS's own Node SDK (@payos/node 2.0.5: NodeCryptoProvider.createSignatureFromObj,
 * which its webhooks.verify() uses), reproduced quirk for quirk so that we accept exactly
 * what the SDK accepts, then compared in constant time (the SDK uses !==).
 */
import { createHmac } from 'node:crypto';
import * as z from 'zod';
import { findBank } from '../../../shared/banks';
import { bilingual } from '../../../shared/errors';
import {
  SAMPLE_COUNTER_ACCOUNT, accountNumber, amountVnd, counterAccount, isPlainObject, malformed, memoText, notGenuine, optional, optionalText,
  parseJson, parseWith, providerNumber, sameDigest, sampleHex, sampleId, vietnamLocalTime, vietnamTime,
  type ProviderAdapter, type SampleTransfer,
} from './common';

type Pair = [key: string, value: string];

/** The SDK's sortObjDataByKey: sorted keys inserted into a fresh `{}` (which is what makes the quirks below). */
function sortObjDataByKey(object: object): Record<string, unknown> {
  const source = object as Record<string, unknown>;
  return Object.keys(source)
    .sort()
    .reduce<Record<string, unknown>>((obj, key) => {
      obj[key] = source[key];
      return obj;
    }, {});
}

/**
 * The SDK's `key=value` pairs of `data` (convertObjToQueryStr over sortObjDataByKey), or
 * undefined where the SDK itself throws (an array holding null; an object with no string form).
 * Quirks, kept on purpose:
 * - integer-like keys ("9", "10") come first, in numeric order, whatever sort() said;
 * - a `__proto__` key vanishes (assigning it to `{}` sets the prototype instead);
 * - undefined drops the key; null and the strings "null" and "undefined" sign as "";
 * - numbers and booleans as String() writes them; a nested object as "[object Object]",
 *   so its content is not signed at all;
 * - an array as JSON of its elements, each shallow-sorted (a number becomes {}, "ab" becomes {"0":"a","1":"b"});
 * - nothing is escaped, so "&" and "=" inside keys and values are ambiguous (see unambiguous()).
 */
function payosPairs(data: object): Pair[] | undefined {
  try {
    const sorted = sortObjDataByKey(data);
    return Object.keys(sorted)
      .filter((key) => sorted[key] !== undefined)
      .map((key): Pair => {
        let value = sorted[key];
        if (value && Array.isArray(value)) value = JSON.stringify(value.map((item) => sortObjDataByKey(item as object)));
        if (value === null || value === undefined || value === 'undefined' || value === 'null') value = '';
        return [key, `${value as string}`];
      });
  } catch {
    return undefined;
  }
}

const joinPairs = (pairs: Pair[]): string => pairs.map(([key, value]) => `${key}=${value}`).join('&');

/** The string payOS signs for `data`; undefined where @payos/node would throw. */
export function payosCanonical(data: object): string | undefined {
  const pairs = payosPairs(data);
  return pairs && joinPairs(pairs);
}

/** HMAC-SHA256 hex of `data` as payOS signs it (throws where @payos/node would). */
export function signPayos(data: object, checksumKey: string): string {
  const canonical = payosCanonical(data);
  if (canonical === undefined) throw new TypeError('payOS cannot sign this data (an array holding null, or an object with no string form)');
  return createHmac('sha256', checksumKey).update(canonical, 'utf8').digest('hex');
}

/**
 * Unescaped `key=value&...` means one signature fits every other way of cutting the same
 * string into keys and values: from one genuine body whose memo reads
 * "X&orderCode=1&paymentLinkId=f&reference=FAKE&...", anyone holding it could forge another
 * with new ids (a replay counted twice). Refuse bodies where the cut is not forced: no "&"
 * or "=" in keys, no "&" in the account number or in any value signed after the memo (the
 * ids, the time), and no "&<earlier field>=" inside the memo. Genuine memos keep their "&".
 */
function unambiguous(pairs: Pair[]): boolean {
  let afterMemo = false;
  for (const [key, value] of pairs) {
    if (/[&=]/.test(key)) return false;
    if (key === 'description') {
      for (const m of value.matchAll(/&([^&=]*)=/g)) if ((m[1] ?? '') <= 'description') return false;
      afterMemo = true;
    } else if ((afterMemo || key === 'accountNumber') && value.includes('&')) return false;
  }
  return true;
}

/** The strings payOS's signing form turns into "" (payosPairs): they sign exactly like an absent value. */
const SIGNS_AS_EMPTY: ReadonlySet<unknown> = new Set(['null', 'undefined']);

/**
 * The body with every `data` value read as it was signed: "null" and "undefined" become
 * "", the empty value they sign as (so a reference reads as absent, a memo as empty). Otherwise one genuine notification with an empty
 * reference could be resent with "null" and again with "undefined", under the same
 * signature, each time keyed as a new transfer (a replay counted three times).
 */
function asSigned(body: unknown): unknown {
  if (!isPlainObject(body) || !isPlainObject(body.data)) return body;
  const data = Object.fromEntries(Object.entries(body.data).map(([key, value]) => [key, SIGNS_AS_EMPTY.has(value) ? '' : value]));
  return { ...body, data };
}

export const PayosNotification = z.object({
  // code, desc and success sit outside `data`, unsigned: nothing may rest on them.
  data: z.object({
    orderCode: providerNumber,
    amount: amountVnd,
    description: memoText,
    accountNumber,
    reference: optionalText,
    transactionDateTime: vietnamTime,
    currency: z.literal('VND', { error: bilingual('Chỉ nhận tiền đồng (VND).', 'Only VND is accepted.') }).nullish(),
    paymentLinkId: z.string().min(1).max(64),
    counterAccountBankId: optionalText,
    counterAccountBankName: optionalText,
    counterAccountName: optionalText,
    counterAccountNumber: optionalText,
  }),
});

export const payos: ProviderAdapter = {
  provider: 'payos',
  verify({ rawBody, secret }) {
    const json = parseJson(rawBody);
    if (!json.ok) return malformed('body is not JSON');
    const body = json.value;
    if (!isPlainObject(body) || !isPlainObject(body.data)) return malformed('no data object to verify');
    if (typeof body.signature !== 'string' || !body.signature) return notGenuine('missing signature');
    if (!secret) return notGenuine('no checksum key configured');
    const pairs = payosPairs(body.data);
    if (!pairs) return notGenuine('data cannot be signed');
    const expected = createHmac('sha256', secret).update(joinPairs(pairs), 'utf8').digest('hex');
    if (!sameDigest(expected, body.signature)) return notGenuine('signature does not match');
    if (!unambiguous(pairs)) return notGenuine('signed content is ambiguous');
    return { ok: true, body };
  },
  parse(body) {
    return parseWith(PayosNotification, asSigned(body), ({ data: d }) => ({
      provider: 'payos',
      // payOS's test call (on saving the webhook URL) is signed too: a genuine transfer
      // into a sample account ("12345678") that no agency owns, so it pays nothing.
      providerId: d.reference || `${d.paymentLinkId}:${d.orderCode}`,
      direction: 'in', // payOS notifies incoming payments only
      amount: d.amount,
      memo: d.description,
      accountNumber: d.accountNumber,
      ...optional('bankReference', d.reference),
      occurredAt: d.transactionDateTime,
      ...counterAccount(d.counterAccountName, d.counterAccountNumber, d.counterAccountBankName || (d.counterAccountBankId && findBank(d.counterAccountBankId)?.shortName)),
    }));
  },
  success: () => ({ success: true }),
};

/** The receiving account a payOS body names (not yet verified: only to choose whose checksum key must verify it). */
export function payosAccountOf(rawBody: string): string | undefined {
  const json = parseJson(rawBody);
  if (!json.ok || !isPlainObject(json.value) || !isPlainObject(json.value.data)) return undefined;
  const account = json.value.data.accountNumber;
  return typeof account === 'string' ? account : undefined;
}

/** A realistic payOS `data` (all fields payOS sends), for tests and `npm run pay`. */
export function samplePayosData(sample: SampleTransfer) {
  const counter = { ...SAMPLE_COUNTER_ACCOUNT, ...sample.counterAccount };
  return {
    orderCode: sampleId('payos', sample.reference),
    amount: sample.amount,
    description: sample.memo,
    accountNumber: sample.accountNumber,
    reference: sample.reference,
    transactionDateTime: vietnamLocalTime(sample.at),
    currency: 'VND',
    paymentLinkId: sampleHex('payos', sample.reference, 32),
    code: '00',
    desc: 'success',
    counterAccountBankId: counter.bankId ?? '',
    counterAccountBankName: counter.bankName ?? '',
    counterAccountName: counter.name ?? '',
    counterAccountNumber: counter.number ?? '',
    virtualAccountName: '',
    virtualAccountNumber: '',
  };
}

/** A whole payOS notification, signed with `checksumKey`. */
export function samplePayosBody(sample: SampleTransfer, checksumKey: string) {
  const data = samplePayosData(sample);
  return { code: '00', desc: 'success', success: true, data, signature: signPayos(data, checksumKey) };
}
