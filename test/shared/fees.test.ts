import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { CERTIFIED_COPY_FEE, MAX_COPIES, MAX_ORDER_AMOUNT, MAX_QUANTITY, computeFee, feeCountsCopies, feeFor, type Fee } from '../../shared/fees';
import { feeSchema } from '../../shared/fee-schema';

// The certified-copy rule of Circular 226/2016/TT-BTC, spelled out here on purpose
// rather than imported, so a slip in the shared constant is caught.
const certifiedCopy: Fee = {
  kind: 'tiered',
  unit: 'page',
  tiers: [
    { upTo: 2, unitAmount: 2000 },
    { upTo: null, unitAmount: 1000 },
  ],
  cap: 200_000,
};

describe('computeFee: tiered certified copy (2,000/page for pages 1–2, 1,000 from page 3, cap 200,000)', () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 5_000],
    [4, 6_000],
    [10, 12_000],
    [196, 198_000],
    [197, 199_000],
    [198, 200_000], // 2×2,000 + 196×1,000: the cap is reached exactly
    [199, 200_000], // would be 201,000: capped
    [500, 200_000],
    [MAX_QUANTITY, 200_000],
  ])('%i pages → %i VND', (pages, amount) => {
    expect(computeFee(certifiedCopy, pages)).toBe(amount);
  });

  it('the shared constant is the same rule', () => {
    expect(CERTIFIED_COPY_FEE).toEqual(certifiedCopy);
  });

  it('198 is the first page count that reaches the cap', () => {
    expect(computeFee(certifiedCopy, 197)).toBeLessThan(200_000);
    expect(computeFee(certifiedCopy, 198)).toBe(200_000);
  });

  it('without a cap keeps counting', () => {
    expect(computeFee({ ...certifiedCopy, cap: null }, 199)).toBe(201_000);
  });

  it('handles three tiers', () => {
    const fee: Fee = {
      kind: 'tiered',
      unit: 'document',
      tiers: [
        { upTo: 1, unitAmount: 0 },
        { upTo: 5, unitAmount: 3 },
        { upTo: null, unitAmount: 2 },
      ],
      cap: null,
    };
    expect(computeFee(fee, 1)).toBe(0);
    expect(computeFee(fee, 5)).toBe(12);
    expect(computeFee(fee, 7)).toBe(16);
  });

  it('is monotone non-decreasing and never above the cap (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QUANTITY - 1 }), (n) => {
        const here = computeFee(certifiedCopy, n);
        const next = computeFee(certifiedCopy, n + 1);
        return next >= here && here <= 200_000 && next <= 200_000 && Number.isSafeInteger(here);
      }),
    );
  });

  it('is monotone and capped for any valid tiered fee (property)', () => {
    const tiered = fc
      .record({
        bounds: fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { maxLength: 4 }),
        amounts: fc.array(fc.integer({ min: 0, max: 50_000 }), { minLength: 5, maxLength: 5 }),
        cap: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
      })
      .map(({ bounds, amounts, cap }): Fee => {
        const ups = [...bounds].sort((a, b) => a - b);
        return {
          kind: 'tiered',
          unit: 'page',
          tiers: [...ups.map((upTo, i) => ({ upTo, unitAmount: amounts[i] ?? 0 })), { upTo: null, unitAmount: amounts[4] ?? 0 }],
          cap,
        };
      });
    fc.assert(
      fc.property(tiered, fc.integer({ min: 1, max: MAX_QUANTITY - 1 }), (fee, n) => {
        expect(feeSchema.safeParse(fee).success).toBe(true);
        const here = computeFee(fee, n);
        const next = computeFee(fee, n + 1);
        const cap = fee.kind === 'tiered' ? fee.cap : null;
        return next >= here && (cap === null || (here <= cap && next <= cap));
      }),
    );
  });
});

describe('computeFee: other kinds', () => {
  it('per_unit multiplies', () => {
    const signature: Fee = { kind: 'per_unit', unit: 'case', unitAmount: 10_000 };
    expect(computeFee(signature, 1)).toBe(10_000);
    expect(computeFee(signature, 3)).toBe(30_000);
    expect(computeFee(signature, MAX_QUANTITY)).toBe(10_000_000);
    expect(computeFee({ kind: 'per_unit', unit: 'copy', unitAmount: 8_000 }, 2)).toBe(16_000);
  });

  it('flat is charged once per order and refuses any other quantity', () => {
    const contract: Fee = { kind: 'flat', amount: 50_000 };
    expect(computeFee(contract, 1)).toBe(50_000);
    expect(() => computeFee(contract, 2)).toThrow(RangeError);
  });

  it('free is 0', () => {
    expect(computeFee({ kind: 'free' }, 1)).toBe(0);
    expect(computeFee({ kind: 'free' }, 7)).toBe(0);
  });

  it('returns amounts above the NAPAS limit for the caller to refuse', () => {
    const big: Fee = { kind: 'per_unit', unit: 'document', unitAmount: MAX_ORDER_AMOUNT };
    expect(computeFee(big, 2)).toBe(2 * MAX_ORDER_AMOUNT);
  });
});

describe('computeFee: refused quantities', () => {
  const fees: Fee[] = [
    certifiedCopy,
    { kind: 'per_unit', unit: 'case', unitAmount: 10_000 },
    { kind: 'flat', amount: 50_000 },
    { kind: 'free' },
  ];
  const bad = [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, MAX_QUANTITY + 1, 1e12, 2 ** 53];
  for (const fee of fees) {
    it.each(bad)(`${fee.kind}: quantity %s throws RangeError`, (q) => {
      expect(() => computeFee(fee, q)).toThrow(RangeError);
    });
  }

  it('MAX_QUANTITY is a sensible bound', () => {
    expect(MAX_QUANTITY).toBe(1000);
    expect(MAX_ORDER_AMOUNT).toBe(499_999_999);
  });
});

describe('feeFor: several copies, each counted on its own (Circular 226/2016/TT-BTC)', () => {
  // The bug of issue 14: three certified copies of a two-page paper cost 3 × 4,000, not the
  // 8,000 of "2 pages" nor the 7,000 of "6 pages".
  it('3 copies of a 2-page original cost 12,000', () => {
    const w = feeFor(certifiedCopy, 2, 3);
    expect(w).toEqual({ quantity: 2, copies: 3, parts: [{ units: 2, unitAmount: 2_000 }], perCopy: 4_000, capped: false, amount: 12_000 });
    expect(computeFee(certifiedCopy, 6)).toBe(8_000); // what counting all pages as one copy would wrongly charge
  });

  it.each([
    [1, 1, 2_000],
    [2, 1, 4_000],
    [2, 3, 12_000],
    [3, 2, 10_000], // (2 × 2,000 + 1 × 1,000) × 2
    [5, 4, 28_000],
    [198, 2, 400_000], // each copy reaches its cap exactly
    [500, 3, 600_000], // each copy capped on its own: 3 × 200,000, not one cap of 200,000
    [MAX_QUANTITY, MAX_COPIES, 20_000_000],
  ])('%i pages × %i copies → %i VND', (pages, copies, amount) => {
    expect(feeFor(certifiedCopy, pages, copies).amount).toBe(amount);
  });

  it('the working: parts of one copy, the cap, the copies', () => {
    expect(feeFor(certifiedCopy, 5, 2)).toMatchObject({ parts: [{ units: 2, unitAmount: 2_000 }, { units: 3, unitAmount: 1_000 }], perCopy: 7_000, capped: false, amount: 14_000 });
    expect(feeFor(certifiedCopy, 199, 2)).toMatchObject({ perCopy: 200_000, capped: true, amount: 400_000 });
    expect(feeFor(certifiedCopy, 198, 1).capped).toBe(false); // reached exactly, not lowered
    expect(feeFor({ kind: 'per_unit', unit: 'copy', unitAmount: 8_000 }, 3)).toMatchObject({ parts: [{ units: 3, unitAmount: 8_000 }], copies: 1, amount: 24_000 });
    expect(feeFor({ kind: 'flat', amount: 50_000 }, 1)).toMatchObject({ parts: [], perCopy: 50_000, amount: 50_000 });
    expect(feeFor({ kind: 'free' }, 1, 3)).toMatchObject({ parts: [], amount: 0 });
  });

  it('copies default to 1: the same as computeFee', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QUANTITY }), (pages) => feeFor(certifiedCopy, pages).amount === computeFee(certifiedCopy, pages)),
    );
  });

  it('is linear in the copies, and never above copies × the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_QUANTITY }), fc.integer({ min: 1, max: MAX_COPIES }), (pages, copies) => {
        const w = feeFor(certifiedCopy, pages, copies);
        return w.amount === copies * computeFee(certifiedCopy, pages) && w.amount <= copies * 200_000 && Number.isSafeInteger(w.amount);
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, MAX_COPIES + 1, 1e12])('refuses %s copies', (copies) => {
    expect(() => feeFor(certifiedCopy, 2, copies)).toThrow(RangeError);
  });

  it('a flat fee is charged once per order: copies must be 1', () => {
    expect(() => feeFor({ kind: 'flat', amount: 50_000 }, 1, 2)).toThrow(/copies must be 1/);
  });

  it('copies are asked for where the fee counts the pages (or documents) of one paper', () => {
    expect(feeCountsCopies(certifiedCopy)).toBe(true);
    expect(feeCountsCopies({ kind: 'per_unit', unit: 'copy', unitAmount: 8_000 })).toBe(false); // the quantity is the copies
    expect(feeCountsCopies({ kind: 'per_unit', unit: 'case', unitAmount: 10_000 })).toBe(false);
    expect(feeCountsCopies({ kind: 'flat', amount: 50_000 })).toBe(false);
    expect(MAX_COPIES).toBe(100);
  });
});

describe('feeSchema', () => {
  it.each<[string, unknown]>([
    ['free', { kind: 'free' }],
    ['flat', { kind: 'flat', amount: 50_000 }],
    ['per_unit', { kind: 'per_unit', unit: 'copy', unitAmount: 8_000 }],
    ['tiered', certifiedCopy],
  ])('accepts %s', (_label, fee) => {
    expect(feeSchema.safeParse(fee).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ['fractional amount', { kind: 'flat', amount: 1.5 }],
    ['negative amount', { kind: 'flat', amount: -1 }],
    ['zero flat (use free)', { kind: 'flat', amount: 0 }],
    ['amount above the NAPAS limit', { kind: 'flat', amount: 500_000_000 }],
    ['unknown unit', { kind: 'per_unit', unit: 'kg', unitAmount: 1 }],
    ['unknown kind', { kind: 'percent', rate: 1 }],
    ['extra field', { kind: 'free', amount: 1 }],
    ['last tier bounded', { ...certifiedCopy, tiers: [{ upTo: 2, unitAmount: 2000 }, { upTo: 9, unitAmount: 1000 }] }],
    ['unbounded tier not last', { ...certifiedCopy, tiers: [{ upTo: null, unitAmount: 2000 }, { upTo: null, unitAmount: 1000 }] }],
    [
      'tiers not ascending',
      { ...certifiedCopy, tiers: [{ upTo: 5, unitAmount: 1 }, { upTo: 5, unitAmount: 1 }, { upTo: null, unitAmount: 1 }] },
    ],
    ['no tiers', { ...certifiedCopy, tiers: [] }],
    ['fractional tier bound', { ...certifiedCopy, tiers: [{ upTo: 2.5, unitAmount: 2000 }, { upTo: null, unitAmount: 1000 }] }],
    ['negative tier amount', { ...certifiedCopy, tiers: [{ upTo: 2, unitAmount: -2000 }, { upTo: null, unitAmount: 1000 }] }],
    ['fractional cap', { ...certifiedCopy, cap: 0.5 }],
  ])('refuses %s', (_label, fee) => {
    expect(feeSchema.safeParse(fee).success).toBe(false);
  });
});
