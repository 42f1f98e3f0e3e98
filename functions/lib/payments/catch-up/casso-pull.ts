/**
 * Casso's transactions (`GET <base>/v2/transactions?fromDate&toDate&page&pageSize&sort=ASC`,
 * `Authorization: Apikey <key>`; ../shared/domain/webhooks.md): read by day, a page at a
 * time; the cursor is the last day read (Vietnam), and each run reads again from that
 * day on, so a record Casso posts late on a day already read is still found (the ones
 * already settled come back as duplicates, which change nothing).
 *
 * The record's `id` is taken to be the webhook's `data.id` (Casso's v2 webhook sends the
 * transaction record itself), so both give the transfer key `casso:<id>`. Casso does not
 * document that they are equal: a record whose key is already recorded with another bank
 * reference or amount is logged by settlement as "duplicate transfer id with different
 * content" for a person to look at.
 */
import * as z from 'zod';
import { addDays, vietnamDate } from '../../../../shared/time';
import { signedAmountVnd } from '../../../webhooks/providers/common';
import type { IncomingTransfer } from '../../../../shared/transfer';
import { isPlainObject, optional, vietnamTime } from '../../../webhooks/providers/common';
import { getJson, PullError } from './pull-http';
import type { Pulled, PullSource } from './source';

export interface CassoPullConfig {
  /** CASSO_API_URL: https://oauth.casso.vn by default. */
  baseUrl: string;
  /** CASSO_API_KEY. */
  apiKey: string;
  pageSize: number;
  timeoutMs: number;
}

export const CASSO_TRANSACTIONS_PATH = '/v2/transactions';
/** Casso's own default window, for the first run. */
export const CASSO_FIRST_DAYS = 7;
const MAX_PAGES = 200;

const text = z.string().max(1000).nullish();
const CassoRecord = z.object({
  id: z.int().min(0),
  tid: z.string().max(255).nullish(),
  description: z.string().max(1000).nullish(),
  amount: signedAmountVnd,
  when: vietnamTime,
  bank_sub_acc_id: text,
  bankSubAccId: text,
  corresponsiveName: text,
  corresponsiveAccount: text,
  corresponsiveBankName: text,
});

/** One Casso record as the transfer its webhook (v2) would have reported. */
export function cassoRecordToTransfer(record: unknown): Pulled {
  const id = isPlainObject(record) && (typeof record.id === 'string' || typeof record.id === 'number') ? String(record.id) : '?';
  const parsed = CassoRecord.safeParse(record);
  if (!parsed.success) return { ok: false, id, reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.code}`).join('; ') };
  const r = parsed.data;
  const account = r.bank_sub_acc_id || r.bankSubAccId;
  if (!account) return { ok: false, id, reason: 'bank_sub_acc_id: missing' };
  const counter = { ...optional('name', r.corresponsiveName), ...optional('number', r.corresponsiveAccount), ...optional('bankName', r.corresponsiveBankName) };
  const transfer: IncomingTransfer = {
    provider: 'casso',
    providerId: String(r.id),
    direction: r.amount > 0 ? 'in' : 'out',
    amount: Math.abs(r.amount),
    memo: r.description ?? '',
    accountNumber: account,
    ...optional('bankReference', r.tid),
    occurredAt: r.when,
    ...(Object.keys(counter).length ? { counterAccount: counter } : {}),
  };
  return { ok: true, transfer, raw: JSON.stringify(record) };
}

const Answer = z.object({
  error: z.literal(0),
  data: z.object({
    page: z.int().min(1).optional(),
    totalPages: z.int().min(0),
    records: z.array(z.unknown()),
  }),
});

export function cassoSource(config: CassoPullConfig): PullSource {
  const pageSize = Math.min(Math.max(1, config.pageSize), 1000);
  return {
    name: 'casso',
    after: (a, b) => a > b,
    async *pull(position, now) {
      const today = vietnamDate(now);
      const fromDate = position && position <= today ? position : addDays(today, -CASSO_FIRST_DAYS);
      let newest = fromDate;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const url = new URL(CASSO_TRANSACTIONS_PATH, config.baseUrl);
        for (const [k, v] of Object.entries({ fromDate, toDate: today, page: String(page), pageSize: String(pageSize), sort: 'ASC' })) url.searchParams.set(k, v);
        const answer = Answer.safeParse(await getJson({ url, headers: { authorization: `Apikey ${config.apiKey}` }, timeoutMs: config.timeoutMs, now }));
        if (!answer.success) throw new PullError({ kind: 'malformed', reason: 'no data.records page' });
        const items = answer.data.data.records.map(cassoRecordToTransfer);
        for (const item of items) if (item.ok) {
          const day = vietnamDate(item.transfer.occurredAt);
          if (day > newest && day <= today) newest = day;
        }
        const last = page >= answer.data.data.totalPages || items.length === 0;
        // The day moves only once every page of the window is settled.
        yield last ? { items, position: newest } : { items };
        if (last) return;
      }
      // More pages than a run reads: the cursor stays, the next run reads the window again.
    },
  };
}
