/**
 * The zod schema of a fee, apart from fees.ts so that the browser can compute fees
 * without carrying zod (about 80 KB) to a citizen's phone.
 */
import * as z from 'zod';
import { MAX_ORDER_AMOUNT, type Fee } from './fees';

const vnd = z.number().int().nonnegative().max(MAX_ORDER_AMOUNT);
/** A charged amount: a zero flat or per-unit fee is not a fee, it is kind 'free'. */
const positiveVnd = vnd.min(1);

export const feeUnitSchema = z.enum(['page', 'copy', 'case', 'document']);

const tierSchema = z.strictObject({
  upTo: z.number().int().min(1).nullable(),
  unitAmount: vnd,
});

const tieredSchema = z
  .strictObject({
    kind: z.literal('tiered'),
    unit: feeUnitSchema,
    tiers: z.array(tierSchema).min(1),
    cap: positiveVnd.nullable(),
  })
  .superRefine((fee, ctx) => {
    fee.tiers.forEach((tier, i) => {
      const last = i === fee.tiers.length - 1;
      if (last && tier.upTo !== null) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'upTo'], message: 'the last tier must have upTo null' });
      }
      if (!last && tier.upTo === null) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'upTo'], message: 'only the last tier may have upTo null' });
      }
      const previous = i > 0 ? fee.tiers[i - 1]?.upTo : 0;
      if (tier.upTo !== null && typeof previous === 'number' && tier.upTo <= previous) {
        ctx.addIssue({ code: 'custom', path: ['tiers', i, 'upTo'], message: 'tiers must be strictly ascending' });
      }
    });
  });

export const feeSchema: z.ZodType<Fee> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('free') }),
  z.strictObject({ kind: z.literal('flat'), amount: positiveVnd }),
  z.strictObject({ kind: z.literal('per_unit'), unit: feeUnitSchema, unitAmount: positiveVnd }),
  tieredSchema,
]);
