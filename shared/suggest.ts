/**
 * Suggesting orders for a transfer that matched nothing (issue 16, item 6): a clerk's
 * help, never a match by itself. Candidates are the receiving agency's orders created in
 * the 48 hours before the money moved and still owing something; each is scored by
 * whether the transfer pays exactly what it still owes, how near the memo comes to its
 * reference (a typo, a missing or swapped character, the prefix glued on), and whether
 * the payer's name appears in the memo. Best first; nothing that shares neither the
 * amount nor a trace of the reference is offered. Pure: the caller hands the orders and
 * the transfer.
 */
import { amountDue, type FeeOrder } from './order';
import { foldForSearch } from './text';

/** How far back from the transfer an order may have been created. */
export const SUGGEST_WINDOW_MS = 48 * 3600_000;
/**
 * Banks stamp a transfer to the second, on their own clock: an order placed in the same
 * second (or on a clock a little ahead) must not count as made after the money moved.
 */
export const CLOCK_SLACK_MS = 5 * 60_000;
/** How many suggestions a clerk sees. */
export const MAX_SUGGESTIONS = 5;
/** Below this, a memo says nothing about a reference. */
const MEMO_THRESHOLD = 0.6;

export interface Suggestion {
  orderId: string;
  reference: string;
  /** 0..1, higher is likelier. */
  score: number;
  /** Why it is suggested: the transfer pays exactly what is due, the memo is near the reference, the payer's name is in it. */
  reasons: ('AMOUNT_DUE_EQUAL' | 'MEMO_SIMILAR' | 'PAYER_NAME')[];
  amountDue: number;
  createdAt: string;
  status: FeeOrder['status'];
}

type Candidate = Pick<FeeOrder, 'id' | 'reference' | 'agencyId' | 'amount' | 'paidAmount' | 'status' | 'createdAt' | 'payer'>;

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * How near the memo comes to the reference, 0..1: the best window of the memo's letters
 * and digits (spaces and punctuation dropped, so "AB3K 7MX3" counts) against the reference.
 */
export function memoSimilarity(memo: string, reference: string): number {
  const text = foldForSearch(memo).replace(/ /g, '').toUpperCase();
  const ref = reference.toUpperCase();
  if (!text || !ref) return 0;
  if (text.includes(ref)) return 1;
  let best = Infinity;
  for (const len of [ref.length - 1, ref.length, ref.length + 1]) {
    if (len <= 0) continue;
    for (let i = 0; i + len <= text.length; i++) best = Math.min(best, editDistance(text.slice(i, i + len), ref));
  }
  if (text.length < ref.length - 1) best = editDistance(text, ref);
  return Math.max(0, 1 - best / ref.length);
}

function payerNameIn(memo: string, name: string | undefined): boolean {
  if (!name) return false;
  const folded = foldForSearch(name);
  return folded.split(' ').length >= 2 && ` ${foldForSearch(memo)} `.includes(` ${folded} `);
}

export function suggestOrders(transfer: { agencyId?: string; amount: number; memo: string; occurredAt: string }, orders: readonly Candidate[]): Suggestion[] {
  if (!transfer.agencyId) return [];
  const at = Date.parse(transfer.occurredAt);
  const out: Suggestion[] = [];
  for (const order of orders) {
    if (order.agencyId !== transfer.agencyId) continue;
    // Orders that could still take a payment; a confirmed or cancelled order is not a guess to offer.
    if (!['PENDING', 'UNDERPAID', 'EXPIRED'].includes(order.status)) continue;
    const created = Date.parse(order.createdAt);
    if (!(created <= at + CLOCK_SLACK_MS && at - created <= SUGGEST_WINDOW_MS)) continue;
    const due = amountDue(order);
    if (due <= 0) continue;
    const reasons: Suggestion['reasons'] = [];
    const similarity = memoSimilarity(transfer.memo, order.reference);
    if (due === transfer.amount) reasons.push('AMOUNT_DUE_EQUAL');
    if (similarity >= MEMO_THRESHOLD) reasons.push('MEMO_SIMILAR');
    if (payerNameIn(transfer.memo, order.payer?.name)) reasons.push('PAYER_NAME');
    if (!reasons.includes('AMOUNT_DUE_EQUAL') && !reasons.includes('MEMO_SIMILAR')) continue;
    // The amount weighs most, the memo next, the name a little; the newer order wins a tie (nearer the transfer).
    const recency = 1 - Math.max(0, at - created) / SUGGEST_WINDOW_MS;
    const score = (reasons.includes('AMOUNT_DUE_EQUAL') ? 0.5 : 0) + 0.35 * (similarity >= MEMO_THRESHOLD ? similarity : 0) + (reasons.includes('PAYER_NAME') ? 0.1 : 0) + 0.05 * recency;
    out.push({ orderId: order.id, reference: order.reference, score: Math.round(score * 1000) / 1000, reasons, amountDue: due, createdAt: order.createdAt, status: order.status });
  }
  return out.sort((a, b) => b.score - a.score || b.createdAt.localeCompare(a.createdAt)).slice(0, MAX_SUGGESTIONS);
}

/** GET /api/staff/transactions/{id}/suggestions. */
export interface SuggestionsView {
  items: Suggestion[];
}
