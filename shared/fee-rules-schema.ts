/**
 * The zod schemas of fee rules and reliefs, apart from fee-rules.ts so that the browser
 * computes fees without carrying zod. A catalogue (seeded or imported) is checked with
 * them: overlapping or broken periods, a relief without a legal basis, a percentage out of
 * 1..100 are refused with the reason.
 */
import * as z from 'zod';
import { feeSchema } from './fee-schema';
import { FEE_CATEGORIES, feeRuleProblems, type FeeRule, type Relief } from './fee-rules';
import { isDay } from './time';

const day = z.string().refine(isDay, 'a real calendar date, YYYY-MM-DD');
const basis = z.string().trim().min(1, 'a legal basis is required').max(500);

export const feeCategorySchema = z.enum(FEE_CATEGORIES);

export const feeRuleSchema: z.ZodType<FeeRule> = z
  .strictObject({
    from: day,
    to: day.optional(),
    fee: feeSchema,
    kind: feeCategorySchema,
    legalBasis: basis,
    check: z.string().min(1).max(500).optional(),
  })
  .refine((r) => r.to === undefined || r.to >= r.from, { path: ['to'], message: 'a rule cannot end before it starts' });

export const reliefSchema: z.ZodType<Relief> = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id: lower-case ASCII slug'),
    kind: z.enum(['waiver', 'reduction']),
    percent: z.number().int().min(1).max(100),
    channel: z.enum(['online', 'any']),
    requires: z.array(z.literal('vneid_level2')).max(1),
    from: day,
    to: day,
    legalBasis: basis,
    check: z.string().min(1).max(500).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.to < r.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a relief cannot end before it starts' });
    if (r.kind === 'waiver' && r.percent !== 100) ctx.addIssue({ code: 'custom', path: ['percent'], message: 'a waiver is 100 %' });
    if (r.kind === 'reduction' && r.percent === 100) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'a 100 % reduction is a waiver' });
  });

/** A procedure's rules, oldest first, one after the other without overlap or gap. */
export const feeRulesSchema = z
  .array(feeRuleSchema)
  .min(1)
  .max(50)
  .superRefine((rules, ctx) => {
    for (const problem of feeRuleProblems(rules)) ctx.addIssue({ code: 'custom', message: problem });
  });

export const reliefsSchema = z
  .array(reliefSchema)
  .max(20)
  .superRefine((reliefs, ctx) => {
    const seen = new Set<string>();
    reliefs.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `relief ${r.id} is listed twice` });
      seen.add(r.id);
    });
  });
