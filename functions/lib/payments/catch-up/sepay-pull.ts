/**
 * SePay's transaction list (`GET <base>/userapi/transactions/list`, `Authorization:
 * Bearer <API token>`, `since_id`, `limit` ≤ 5000; ../shared/domain/webhooks.md): the
 * cursor is the highest transaction id settled. Its `id` is the webhook's `id`, so a
 * record maps to the very transfer key the webhook gives (`sepay:<id>`), with the same
 * amount, memo, payment code, account and time.
 */
import * as z from 'zod';
import { amountVnd } from '../../../../shared/money';
import type { IncomingTransfer } from '../../../../shared/transfer';
import { isPlainObject, optional, vietnamTime } from '../../../webhooks/providers/common';
import { getJson, PullError } from './pull-http';
import type { Pulled, PullSource } from './source';

export interface SepayPullConfig {
  /** SEPAY_API_URL: https://my.sepay.vn by default. */
  baseUrl: string;
  /** SEPAY_API_TOKEN. */
  token: string;
  /** Records per page (SePay allows up to 5000). */
  limit: number;
  timeoutMs: number;
}

export const SEPAY_LIST_PATH = '/userapi/transactions/list';
export const SEPAY_MAX_LIMIT = 5000;
/** A run reads at most this many pages; the rest waits for the next run (the cursor holds). */
const MAX_PAGES = 50;

/** "18067000.00": a decimal string of whole VND (SePay writes two decimals, always zero for VND). */
const decimalVnd = z
  .union([z.string().regex(/^\d{1,12}(\.0{1,4})?$/), z.number().int().min(0)])
  .transform((v) => Math.round(Number(v)));

const SepayRecord = z.object({
  id: z.union([z.int().min(1), z.string().regex(/^\d{1,15}$/).transform(Number)]),
  account_number: z.string().min(1).max(64),
  transaction_date: vietnamTime,
  amount_in: decimalVnd,
  amount_out: decimalVnd,
  transaction_content: z.string().max(1000).nullish(),
  reference_number: z.string().max(255).nullish(),
  code: z.string().max(255).nullish(),
  bank_brand_name: z.string().max(255).nullish(),
});

/** One SePay record as the transfer its webhook would have reported. */
export function sepayRecordToTransfer(record: unknown): Pulled {
  const id = isPlainObject(record) && (typeof record.id === 'string' || typeof record.id === 'number') ? String(record.id) : '?';
  const parsed = SepayRecord.safeParse(record);
  if (!parsed.success) return { ok: false, id, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ') };
  const r = parsed.data;
  const direction = r.amount_in > 0 ? 'in' : 'out';
  const amount = amountVnd.safeParse(direction === 'in' ? r.amount_in : r.amount_out);
  if (!amount.success) return { ok: false, id, reason: 'amount out of bounds' };
  const transfer: IncomingTransfer = {
    provider: 'sepay',
    providerId: String(r.id),
    direction,
    amount: amount.data,
    memo: r.transaction_content ?? '',
    ...optional('paymentCode', r.code),
    accountNumber: r.account_number,
    ...optional('bankName', r.bank_brand_name),
    ...optional('bankReference', r.reference_number),
    occurredAt: r.transaction_date,
  };
  return { ok: true, transfer, raw: JSON.stringify(record) };
}

const Answer = z.object({ transactions: z.array(z.unknown()) });

export function sepaySource(config: SepayPullConfig): PullSource {
  const limit = Math.min(Math.max(1, config.limit), SEPAY_MAX_LIMIT);
  return {
    name: 'sepay',
    after: (a, b) => Number(a) > Number(b),
    async *pull(position, now) {
      let since = position ?? '0';
      for (let page = 0; page < MAX_PAGES; page++) {
        const url = new URL(SEPAY_LIST_PATH, config.baseUrl);
        url.searchParams.set('since_id', since);
        url.searchParams.set('limit', String(limit));
        const answer = Answer.safeParse(await getJson({ url, headers: { authorization: `Bearer ${config.token}` }, timeoutMs: config.timeoutMs, now }));
        if (!answer.success) throw new PullError({ kind: 'malformed', reason: 'no transactions list' });
        const items = answer.data.transactions.map(sepayRecordToTransfer);
        // Settled oldest first; the page may come in any order, repeat a record, or reach back before `since`.
        const ids = items.map((i) => (i.ok ? Number(i.transfer.providerId) : Number(i.id))).filter((n) => Number.isSafeInteger(n));
        const highest = Math.max(Number(since), ...ids);
        items.sort((a, b) => idOf(a) - idOf(b));
        yield { items, position: String(highest) };
        // A short page is the last; a full one that did not move the cursor would repeat for ever.
        if (answer.data.transactions.length < limit || String(highest) === since) return;
        since = String(highest);
      }
    },
  };
}

const idOf = (p: Pulled) => Number(p.ok ? p.transfer.providerId : p.id) || 0;
