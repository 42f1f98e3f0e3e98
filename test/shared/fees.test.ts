import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { CERTIFIED_COPY_FEE, MAX_ORDER_AMOUNT, MAX_QUANTITY, computeFee, type Fee } from '../../shared/fees';
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
