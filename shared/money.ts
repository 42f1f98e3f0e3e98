/**
 * The one bound on an amount of money the product accepts, wherever it comes from: an
 * order's fee, a provider's notification, cash at the counter, a refund, a statement line.
 * NAPAS 247 instant transfers must be under 500,000,000 VND per transaction, and the
 * đồng has no smaller unit in use, so every amount is a whole number of VND in
 * 1..499,999,999: far inside the safe integers, so totals of reports stay exact.
 */
import * as z from 'zod';
import { bilingual } from './errors';
import { MAX_TRANSFER_VND } from './money-limit';

export { MAX_TRANSFER_VND };

const TOO_LARGE = bilingual('Số tiền phải dưới 500.000.000 đồng (hạn mức một giao dịch NAPAS 247).', 'The amount must be under 500,000,000 VND (the NAPAS 247 limit per transfer).');

/** A positive amount of VND within the one bound. */
export const amountVnd = z
  .int()
  .min(1)
  .max(MAX_TRANSFER_VND, { error: TOO_LARGE });
