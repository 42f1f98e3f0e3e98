/**
 * Fee model and the one rule that turns a fee and a quantity into an amount.
 * Pure: no I/O, no clock. Amounts are whole VND (the đồng has no subunit in use).
 *
 * Where the numbers come from (see docs/domain.md, "Fees"):
 * - attestation fees: Circular 226/2016/TT-BTC (flat, per case, and the tiered
 *   certified-copy rule with a cap per copy);
 * - copies of civil-status extracts: Circular 281/2016/TT-BTC (per copy);
 * - civil-status, construction-permit, business-household and land-certificate fees:
 *   set by each province's People's Council (Circular 85/2019/TT-BTC, which replaced
 *   Circular 250/2016/TT-BTC), so the catalogue carries a default an administrator adjusts.
 */

import { MAX_TRANSFER_VND } from './money';

export type FeeUnit = 'page' | 'copy' | 'case' | 'document';

export type Fee =
  | { kind: 'free' }
  /** Whole VND per order (one contract, one permit, one registration). */
  | { kind: 'flat'; amount: number }
  /** e.g. 10,000 VND per signature-attestation case. */
  | { kind: 'per_unit'; unit: FeeUnit; unitAmount: number }
  /**
   * Marginal tiers: units 1..upTo[0] at tiers[0].unitAmount, the next ones up to upTo[1]
   * at tiers[1].unitAmount, ...; the last tier has upTo null (no upper bound).
   * `cap` bounds the total of one order (the certified-copy rule caps each copy).
   */
  | {
      kind: 'tiered';
      unit: FeeUnit;
      tiers: { upTo: number | null; unitAmount: number }[];
      cap: number | null;
    };

/**
 * An order is paid with one VietQR transfer, so it can never be larger than one transfer
 * may be (shared/money.ts).
 */
export const MAX_ORDER_AMOUNT = MAX_TRANSFER_VND;

/**
 * Upper bound on the units one order counts. The quantity is pages of ONE certified copy,
 * copies of an extract, or attestation cases at one counter visit: a thousand is already
 * far beyond any real request (a certified copy stops growing at 198 pages because of the
 * 200,000 VND cap), so anything larger is a typing slip or abuse (10^12 pages) and is
 * refused before any arithmetic. It also keeps every per-unit amount far below
 * MAX_ORDER_AMOUNT and every product a safe integer.
 */
export const MAX_QUANTITY = 1_000;

/** The certified-copy rule of Circular 226/2016/TT-BTC, as a Fee. Quantity = pages of one copy. */
export const CERTIFIED_COPY_FEE: Fee = {
  kind: 'tiered',
  unit: 'page',
  tiers: [
    { upTo: 2, unitAmount: 2_000 },
    { upTo: null, unitAmount: 1_000 },
  ],
  cap: 200_000,
};

/**
 * The amount of one order, in whole VND.
 *
 * - `quantity` must be a safe integer in 1..MAX_QUANTITY for every kind, otherwise RangeError
 *   (0, negatives, fractions, NaN, Infinity, 10^12 are all refused the same way).
 * - free → 0.
 * - flat → the amount; the fee is per order, so quantity must be exactly 1 (RangeError
 *   otherwise). Silently ignoring "3" would hand the citizen an amount they did not expect;
 *   three contracts are three orders.
 * - per_unit → unitAmount × quantity.
 * - tiered → sum over the marginal tiers, then bounded by `cap`. For the certified-copy rule
 *   quantity is the pages of ONE copy (the 200,000 cap is per copy): several copies are
 *   several orders, or several certified copies would be under-charged.
 *
 * The result is returned even above MAX_ORDER_AMOUNT (possible only for a per-unit or
 * uncapped tiered fee with a large unit amount): whoever makes the order must refuse it,
 * since one NAPAS 247 transfer cannot carry it. With quantity ≤ MAX_QUANTITY and amounts
 * ≤ MAX_ORDER_AMOUNT (feeSchema) every product stays a safe integer.
 */
export function computeFee(fee: Fee, quantity: number): number {
  if (!Number.isSafeInteger(quantity) || quantity < 1) {
    throw new RangeError(`quantity must be a positive whole number, got ${String(quantity)}`);
  }
  if (quantity > MAX_QUANTITY) {
    throw new RangeError(`quantity must be at most ${MAX_QUANTITY}, got ${quantity}`);
  }
  const amount = amountOf(fee, quantity);
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`fee amount is not a whole number of VND: ${String(amount)}`);
  }
  return amount;
}

function amountOf(fee: Fee, quantity: number): number {
  switch (fee.kind) {
    case 'free':
      return 0;
    case 'flat':
      if (quantity !== 1) {
        throw new RangeError(`a flat fee is charged once per order: quantity must be 1, got ${quantity}`);
      }
      return fee.amount;
    case 'per_unit':
      return fee.unitAmount * quantity;
    case 'tiered': {
      let total = 0;
      let counted = 0;
      for (const tier of fee.tiers) {
        const upper = tier.upTo ?? Number.POSITIVE_INFINITY;
        const units = Math.max(0, Math.min(quantity, upper) - counted);
        total += units * tier.unitAmount;
        counted = Math.max(counted, Math.min(quantity, upper));
        if (quantity <= upper) break;
      }
      if (counted < quantity) {
        // Only reachable with malformed tiers (last tier bounded); refuse rather than under-charge.
        throw new RangeError(`tiered fee does not cover ${quantity} units`);
      }
      return fee.cap === null ? total : Math.min(total, fee.cap);
    }
  }
}
