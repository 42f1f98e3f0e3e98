/**
 * How an agency's account is watched: which aggregator tells us of the money arriving
 * (payOS, SePay, Casso), or none, when only the bank's statement shows it. The choice
 * decides the QR an order shows: payOS notifies only payments of payment requests made
 * through its API (../shared/domain/webhooks.md), so a payOS agency's order shows
 * payOS's own QR; the others show our VietQR with the payment-code memo. Pure.
 */
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, isValidReference } from './reference';

export const WATCHERS = ['payos', 'sepay', 'casso', 'none'] as const;
export type Watcher = (typeof WATCHERS)[number];

/** What an account says when it says nothing: SePay, the provider every account worked with before the choice existed. */
export const DEFAULT_WATCHER: Watcher = 'sepay';

/** The watcher of an agency's account (anything holding a bank account). */
export function watcherOf(agency: { bank: { watcher?: Watcher | undefined } }): Watcher {
  return agency.bank.watcher ?? DEFAULT_WATCHER;
}

/**
 * payOS's `orderCode` for an order: its reference read as a number in base 31 (the
 * reference alphabet), so it is unique as the reference is, reproducible from the order
 * alone, and back again (referenceOfOrderCode). 31^8 ≈ 8.5·10^11, far inside a safe integer.
 */
export function orderCodeOf(reference: string): number {
  if (!isValidReference(reference)) throw new RangeError('not a valid order reference');
  let code = 0;
  for (const ch of reference) code = code * REFERENCE_ALPHABET.length + REFERENCE_ALPHABET.indexOf(ch);
  return code;
}

/** The reference an orderCode was made from; undefined when it was not made by orderCodeOf. */
export function referenceOfOrderCode(orderCode: number): string | undefined {
  if (!Number.isSafeInteger(orderCode) || orderCode < 0) return undefined;
  let rest = orderCode;
  let out = '';
  for (let i = 0; i < REFERENCE_LENGTH; i++) {
    out = REFERENCE_ALPHABET[rest % REFERENCE_ALPHABET.length]! + out;
    rest = Math.floor(rest / REFERENCE_ALPHABET.length);
  }
  return rest === 0 && isValidReference(out) ? out : undefined;
}

/** payOS takes at most 25 characters of description (9 for accounts it does not manage). */
export const PAYOS_DESCRIPTION_MAX = 25;
