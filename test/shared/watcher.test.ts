import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGENCIES } from '../../shared/catalogue';
import { checkCharacter, REFERENCE_ALPHABET } from '../../shared/reference';
import { DEFAULT_WATCHER, orderCodeOf, referenceOfOrderCode, watcherOf } from '../../shared/watcher';

const reference = fc
  .array(fc.constantFrom(...REFERENCE_ALPHABET), { minLength: 7, maxLength: 7 })
  .map((chars) => chars.join(''))
  .map((body) => body + checkCharacter(body));

describe('watcherOf', () => {
  it('is what the account says, SePay when it says nothing', () => {
    expect(watcherOf({ bank: { watcher: 'payos' } })).toBe('payos');
    expect(watcherOf({ bank: { watcher: 'none' } })).toBe('none');
    expect(watcherOf({ bank: {} })).toBe(DEFAULT_WATCHER);
  });

  it('the demo: one commune on payOS, others on SePay and Casso', () => {
    const communes = AGENCIES.filter((a) => a.level === 'commune');
    expect(communes.filter((a) => watcherOf(a) === 'payos')).toHaveLength(1);
    expect(communes.some((a) => watcherOf(a) === 'sepay')).toBe(true);
    expect(communes.some((a) => watcherOf(a) === 'casso')).toBe(true);
  });
});

describe('orderCodeOf (payOS orderCode)', () => {
  it('is a safe integer, reproducible, and gives the reference back', () => {
    fc.assert(
      fc.property(reference, (ref) => {
        const code = orderCodeOf(ref);
        expect(Number.isSafeInteger(code) && code >= 0).toBe(true);
        expect(orderCodeOf(ref)).toBe(code);
        expect(referenceOfOrderCode(code)).toBe(ref);
      }),
    );
  });

  it('differs for different references (unique as they are)', () => {
    fc.assert(fc.property(reference, reference, (a, b) => (a === b) === (orderCodeOf(a) === orderCodeOf(b))));
  });

  it('refuses what is not a reference, and reads back only codes it made', () => {
    expect(() => orderCodeOf('ABC')).toThrow(RangeError);
    expect(() => orderCodeOf('AB3K7MX1')).toThrow(RangeError);
    expect(referenceOfOrderCode(-1)).toBeUndefined();
    expect(referenceOfOrderCode(31 ** 8)).toBeUndefined();
    expect(referenceOfOrderCode(1.5)).toBeUndefined();
  });
});
