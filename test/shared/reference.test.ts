import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, checkCharacter, isValidReference, newReference } from '../../shared/reference';

const symbol = fc.constantFrom(...REFERENCE_ALPHABET);
const body = fc.array(symbol, { minLength: REFERENCE_LENGTH - 1, maxLength: REFERENCE_LENGTH - 1 }).map((a) => a.join(''));
const reference = body.map((b) => b + checkCharacter(b));

describe('order references', () => {
  it('has no look-alike symbols and a prime-sized alphabet', () => {
    for (const c of '01ILO') expect(REFERENCE_ALPHABET).not.toContain(c);
    expect(REFERENCE_ALPHABET).toHaveLength(31);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(31);
    expect(REFERENCE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
  });

  it('draws valid references of at most 9 characters', () => {
    for (let i = 0; i < 1000; i++) {
      const ref = newReference(randomBytes);
      expect(ref.length).toBeLessThanOrEqual(9);
      expect(ref).toMatch(/^[A-Z2-9]+$/);
      expect(isValidReference(ref)).toBe(true);
    }
  });

  it('uses every symbol in every position (rejection sampling, no bias to a subset)', () => {
    const seen = Array.from({ length: REFERENCE_LENGTH - 1 }, () => new Set<string>());
    for (let i = 0; i < 3000; i++) {
      const ref = newReference(randomBytes);
      for (let p = 0; p < REFERENCE_LENGTH - 1; p++) seen[p]!.add(ref[p]!);
    }
    for (const s of seen) expect(s.size).toBe(31);
  });

  it('catches every single mistyped character, exhaustively for sampled references', () => {
    fc.assert(
      fc.property(reference, (ref) => {
        for (let i = 0; i < ref.length; i++) {
          for (const c of REFERENCE_ALPHABET) {
            if (c === ref[i]) continue;
            const typo = ref.slice(0, i) + c + ref.slice(i + 1);
            if (isValidReference(typo)) return false;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('catches every swap of two neighbouring characters', () => {
    fc.assert(
      fc.property(reference, (ref) => {
        for (let i = 0; i + 1 < ref.length; i++) {
          if (ref[i] === ref[i + 1]) continue;
          const swapped = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
          if (isValidReference(swapped)) return false;
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses wrong lengths and symbols outside the alphabet', () => {
    const ref = newReference(randomBytes);
    expect(isValidReference(ref.slice(1))).toBe(false);
    expect(isValidReference(`${ref}2`)).toBe(false);
    expect(isValidReference(ref.toLowerCase())).toBe(false);
    expect(isValidReference(`O${ref.slice(1)}`)).toBe(false);
    expect(() => checkCharacter('ABC')).toThrow(RangeError);
    expect(() => checkCharacter('ABCDEF0')).toThrow(RangeError);
  });
});
