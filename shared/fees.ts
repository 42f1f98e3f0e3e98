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

import { MAX_TRANSFER_VND } from './money-limit';

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

/**
 * Upper bound on the copies of one order. Each copy is charged on its own (Circular
 * 226/2016/TT-BTC counts the pages of the original for every certified copy); a hundred
 * copies of one paper at one visit is already more than a counter certifies in a day, so a
 * larger number is a typing slip. With MAX_QUANTITY it keeps every product a safe integer;
 * the total is still bounded by MAX_ORDER_AMOUNT where the order is made.
 */
export const MAX_COPIES = 100;

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
 * The amount of ONE copy, in whole VND (feeFor multiplies it by the copies).
 *
 * - `quantity` must be a safe integer in 1..MAX_QUANTITY for every kind, otherwise RangeError
 *   (0, negatives, fractions, NaN, Infinity, 10^12 are all refused the same way).
 * - free → 0.
 * - flat → the amount; the fee is per order, so quantity must be exactly 1 (RangeError
 *   otherwise). Silently ignoring "3" would hand the citizen an amount they did not expect;
 *   three contracts are three orders.
 * - per_unit → unitAmount × quantity.
 * - tiered → sum over the marginal tiers, then bounded by `cap`. For the certified-copy rule
 *   quantity is the pages of the ORIGINAL, which is what ONE copy costs (the 200,000 cap is
 *   per copy); feeFor counts the copies, each on its own.
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

/** One line of the working: `units` at `unitAmount` each (a tier of a tiered fee, or the one rate). */
export interface FeeWorkingPart {
  units: number;
  unitAmount: number;
}

/**
 * How an order's amount is made, for the citizen to check ("2 trang × 2.000 ₫ × 3 bản =
 * 12.000 ₫"): the parts of one copy, what one copy costs (after the cap), how many copies,
 * and the total.
 */
export interface FeeWorking {
  quantity: number;
  copies: number;
  /** The marginal parts of one copy; empty for a free or a flat fee. */
  parts: FeeWorkingPart[];
  /** What one copy costs, after the cap. */
  perCopy: number;
  /** The cap lowered the amount of one copy. */
  capped: boolean;
  amount: number;
}

/**
 * THE amount of an order: `quantity` units per copy (pages of the original for a certified
 * copy, copies for an extract, cases for an attestation), `copies` copies, each counted on
 * its own: 3 certified copies of a 2-page original cost 3 × (2 × 2,000) = 12,000 VND, not
 * the 8,000 of "6 pages" (the cap, too, is per copy: Circular 226/2016/TT-BTC).
 *
 * - quantity: as computeFee (1..MAX_QUANTITY, RangeError otherwise).
 * - copies: a safe integer in 1..MAX_COPIES, RangeError otherwise.
 * - a flat fee is charged once per order, whatever the copies: copies must be 1 (RangeError),
 *   as quantity must (three contracts are three orders).
 * - the total may exceed MAX_ORDER_AMOUNT (a large per-unit fee); whoever makes the order
 *   refuses it. Every product stays a safe integer (≤ 100 × 1,000 × MAX_ORDER_AMOUNT).
 */
export function feeFor(fee: Fee, quantity: number, copies = 1): FeeWorking {
  if (!Number.isSafeInteger(copies) || copies < 1) {
    throw new RangeError(`copies must be a positive whole number, got ${String(copies)}`);
  }
  if (copies > MAX_COPIES) throw new RangeError(`copies must be at most ${MAX_COPIES}, got ${copies}`);
  if (fee.kind === 'flat' && copies !== 1) {
    throw new RangeError(`a flat fee is charged once per order: copies must be 1, got ${copies}`);
  }
  const perCopy = computeFee(fee, quantity);
  const parts = partsOf(fee, quantity);
  const uncapped = parts.reduce((sum, p) => sum + p.units * p.unitAmount, 0);
  return { quantity, copies, parts, perCopy, capped: parts.length > 0 && perCopy < uncapped, amount: perCopy * copies };
}

/** Whether the copies of one paper are a number worth asking for (the fee counts units of one paper). */
export function feeCountsCopies(fee: Fee): boolean {
  return (fee.kind === 'per_unit' || fee.kind === 'tiered') && (fee.unit === 'page' || fee.unit === 'document');
}

function partsOf(fee: Fee, quantity: number): FeeWorkingPart[] {
  switch (fee.kind) {
    case 'free':
    case 'flat':
      return [];
    case 'per_unit':
      return [{ units: quantity, unitAmount: fee.unitAmount }];
    case 'tiered': {
      const parts: FeeWorkingPart[] = [];
      let counted = 0;
      for (const tier of fee.tiers) {
        const upper = Math.min(quantity, tier.upTo ?? Number.POSITIVE_INFINITY);
        if (upper > counted) parts.push({ units: upper - counted, unitAmount: tier.unitAmount });
        counted = Math.max(counted, upper);
        if (counted >= quantity) break;
      }
      return parts;
    }
  }
}
