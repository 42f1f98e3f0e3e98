import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findReferences, isPaymentCodePrefix, matchReference, paymentCodeFor } from '../../shared/memo';
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, checkCharacter, isValidReference } from '../../shared/reference';
import {
  DIGITS_ONLY,
  LETTERS_ONLY,
  MEMO_CORPUS,
  PREFIX,
  R1,
  R10,
  R2,
  R3,
  R4,
  R5,
  R6,
  R7,
  R8,
  R9,
  STARTS_LIKE_PREFIX,
  VALID_NAME_JOIN,
  type MemoCase,
} from './memo-corpus';

const symbol = fc.constantFrom(...REFERENCE_ALPHABET);
const body = fc.array(symbol, { minLength: REFERENCE_LENGTH - 1, maxLength: REFERENCE_LENGTH - 1 }).map((a) => a.join(''));
const reference = body.map((b) => b + checkCharacter(b));

const allDigits = (s: string) => /^[0-9]+$/.test(s);
const mixed = (s: string) => /[0-9]/.test(s) && /[A-Z]/.test(s);

/** Words a bank or a payer puts around a memo: letters (with Vietnamese ones), digits, look-alikes. */
const wordChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcnt', 'ă', 'đ', 'ê', 'ô', 'ư');
const word = fc.array(wordChar, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
const words = fc.array(word, { maxLength: 5 });
/** Between words: a space or a dot (what banks use), or a bank's wider punctuation. */
const separator = fc.constantFrom(' ', '.', ' . ', ': ', ', ');

function embed(before: string[], sep: string, middle: string, after: string[]): string {
  return [...before, middle, ...after].join(sep);
}

describe('memo corpus', () => {
  it('holds at least 40 memos of every kind, built on valid references', () => {
    expect(MEMO_CORPUS.length).toBeGreaterThanOrEqual(40);
    for (const kind of ['one', 'none', 'ambiguous'] as const) {
      expect(MEMO_CORPUS.filter((c) => c.expected.kind === kind).length).toBeGreaterThanOrEqual(3);
    }
    for (const r of [R1, R2, R3, R4, R5, R6, R7, R8, R9, R10, LETTERS_ONLY, DIGITS_ONLY, STARTS_LIKE_PREFIX]) expect(isValidReference(r)).toBe(true);
    expect(STARTS_LIKE_PREFIX.startsWith(PREFIX)).toBe(true);
    expect(DIGITS_ONLY).toMatch(/^[0-9]{8}$/);
    expect(LETTERS_ONLY).toMatch(/^[A-Z]{8}$/);
    // The name really does join into a valid code: the corpus entry tests something.
    expect(isValidReference(VALID_NAME_JOIN.replace(' ', ''))).toBe(true);
    expect(isValidReference('XK7M2P9Q')).toBe(false);
  });

  it.each(MEMO_CORPUS.map((c) => [c.why, c] as const))('%s', (_why, c: MemoCase) => {
    const got = matchReference(c.memo, { prefix: PREFIX, code: c.code });
    if (c.expected.kind === 'ambiguous') {
      expect(got.kind).toBe('ambiguous');
      if (c.expected.references && got.kind === 'ambiguous') expect(got.references).toEqual(c.expected.references);
    } else {
      expect(got).toEqual(c.expected);
    }
  });
});

describe('findReferences / matchReference', () => {
  it('agree: none, one, or ambiguous by the number of distinct references', () => {
    fc.assert(
      fc.property(words, separator, (ws, sep) => {
        const memo = ws.join(sep);
        const refs = findReferences(memo);
        expect(new Set(refs).size).toBe(refs.length);
        for (const r of refs) expect(isValidReference(r)).toBe(true);
        const m = matchReference(memo);
        if (refs.length === 0) expect(m).toEqual({ kind: 'none' });
        else if (refs.length === 1) expect(m).toEqual({ kind: 'one', reference: refs[0] });
        else expect(m).toEqual({ kind: 'ambiguous', references: refs });
      }),
      { numRuns: 500 },
    );
  });

  it('finds any valid reference embedded anywhere between words separated by spaces or dots', () => {
    fc.assert(
      fc.property(reference, words, words, fc.constantFrom(' ', '.'), (ref, before, after, sep) => {
        fc.pre(!allDigits(ref)); // all-digit references are refused by design (about 1 in 50,000)
        expect(findReferences(embed(before, sep, ref, after))).toContain(ref);
      }),
      { numRuns: 1000 },
    );
  });

  it('still finds it lower-cased and with single spaces or hyphens inserted inside', () => {
    const cuts = fc.subarray([1, 2, 3, 4, 5, 6, 7]);
    const caseMask = fc.array(fc.boolean(), { minLength: REFERENCE_LENGTH, maxLength: REFERENCE_LENGTH });
    fc.assert(
      fc.property(reference, cuts, caseMask, fc.constantFrom(' ', '-'), words, words, separator, (ref, at, mask, inner, before, after, sep) => {
        fc.pre(!allDigits(ref));
        let typed = '';
        for (let i = 0; i < ref.length; i++) {
          if (at.includes(i)) typed += inner;
          typed += mask[i] ? ref[i]!.toLowerCase() : ref[i]!;
        }
        const found = findReferences(embed(before, sep, typed, after)).includes(ref);
        // Split references are joined only when they mix digits and letters (documented limit).
        expect(found).toBe(at.length === 0 || mixed(ref));
      }),
      { numRuns: 1000 },
    );
  });

  it('never matches a reference with one character replaced or two neighbours swapped, whole or spaced', () => {
    const replacements = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    fc.assert(
      fc.property(reference, (ref) => {
        const variants: string[] = [];
        for (let i = 0; i < ref.length; i++) {
          for (const c of replacements) if (c !== ref[i]) variants.push(ref.slice(0, i) + c + ref.slice(i + 1));
          if (i + 1 < ref.length && ref[i] !== ref[i + 1]) variants.push(ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2));
        }
        for (const v of variants) {
          for (const memo of [v, v.toLowerCase(), `${v.slice(0, 4)} ${v.slice(4)}`, `MBVCB.3278519.${v}.CT tu 0123456789`]) {
            expect(findReferences(memo)).toEqual([]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('among words, a mistyped reference adds nothing: what is found comes from the words alone', () => {
    let cases = 0;
    let foundOther = 0;
    const mistake = fc.record({
      position: fc.integer({ min: 0, max: REFERENCE_LENGTH - 1 }),
      replacement: fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
      swap: fc.boolean(),
    });
    fc.assert(
      fc.property(reference, mistake, words, words, separator, (ref, m, before, after, sep) => {
        let wrong: string;
        if (m.swap) {
          const i = Math.min(m.position, REFERENCE_LENGTH - 2);
          fc.pre(ref[i] !== ref[i + 1]);
          wrong = ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2);
        } else {
          fc.pre(ref[m.position] !== m.replacement);
          wrong = ref.slice(0, m.position) + m.replacement + ref.slice(m.position + 1);
        }
        cases++;
        const refs = findReferences(embed(before, sep, wrong, after));
        expect(refs).not.toContain(ref);
        // A whole 8-character token joins with nothing: swapping it for a token that can never
        // be a reference ("0") must give exactly the same answer.
        expect(refs).toEqual(findReferences(embed(before, sep, '0', after)));
        const match = matchReference(embed(before, sep, wrong, after));
        if (refs.length > 0) {
          foundOther++;
          expect(match.kind).toBe(refs.length === 1 ? 'one' : 'ambiguous');
          for (const r of refs) expect(isValidReference(r)).toBe(true);
        } else {
          expect(match.kind).toBe('none');
        }
      }),
      { numRuns: 2000 },
    );
    // Other references come only from random words that happen to pass the check; rare.
    expect(cases).toBeGreaterThan(1500);
    expect(foundOther / cases).toBeLessThan(0.05);
  });

  it('invents almost nothing from realistic memos that carry no reference', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));
    const family = ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'HOANG', 'HUYNH', 'PHAN', 'VU', 'VO', 'DANG', 'BUI', 'DO', 'HO', 'NGO', 'DUONG', 'LY'];
    const middle = ['VAN', 'THI', 'DUC', 'MINH', 'NGOC', 'THU', 'HUU', 'QUANG', 'THANH', 'XUAN'];
    const given = ['AN', 'BINH', 'CUONG', 'DUNG', 'HA', 'HUNG', 'KHANH', 'LAN', 'MAI', 'NAM', 'PHUONG', 'TAM', 'TUAN', 'TRANG', 'VY', 'HUNG'];
    const name = fc
      .tuple(fc.constantFrom(...family), fc.array(fc.constantFrom(...middle), { maxLength: 2 }), fc.constantFrom(...given))
      .map(([f, m, g]) => [f, ...m, g].join(' '));
    const noise = fc.oneof(
      fc.tuple(digits(7, 10), digits(10, 14), name, digits(10, 14), name).map(([seq, a, n, b, n2]) => `MBVCB.${seq}.Nop phi ho tich.CT tu ${a} ${n} toi ${b} ${n2} tai VCB`),
      fc.tuple(digits(10, 14), name).map(([a, n]) => `REM Tfr Ac: ${a} ${n} chuyen tien`),
      fc.tuple(name, digits(5, 5), digits(7, 7)).map(([n, d, id]) => `${n} chuyen tien FT${d}${id}`),
      fc.tuple(digits(6, 8), digits(6, 6), digits(2, 2), digits(2, 2)).map(([id, d, h, m]) => `GD ${id}-${d} ${h}:${m}:33 CK`),
      fc.tuple(digits(8, 8), name).map(([a, n]) => `TKThe :${a}, tai BIDV. ${n} nop phi`),
    );
    const memos = fc.sample(noise, { numRuns: 5000, seed: 20240501 });
    const invented = memos.filter((m) => findReferences(m).length > 0);
    // Names join into valid codes 1 time in 31 and 8-digit account numbers pass the check too;
    // the digit-and-letter rule and the all-digit rule must keep almost all of it out.
    expect(invented.length / memos.length).toBeLessThan(0.002);
  });
});

describe('with the payment-code prefix', () => {
  const prefix = fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: 2, maxLength: 5 }).map((a) => a.join(''));

  it('builds the memo as prefix + reference, within VietQR 62.08, and refuses a prefix SePay would not take', () => {
    expect(paymentCodeFor('MCP', R1)).toBe(`MCP${R1}`);
    expect(paymentCodeFor('ABCDE', R1).length).toBeLessThanOrEqual(25);
    for (const bad of ['', 'M', 'ABCDEF', 'mcp', 'M1', 'MĐ', 'M C']) {
      expect(isPaymentCodePrefix(bad), bad).toBe(false);
      expect(() => paymentCodeFor(bad, R1)).toThrow(RangeError);
      expect(() => findReferences(`${bad}${R1}`, { prefix: bad })).toThrow(RangeError);
    }
  });

  it('finds the reference glued to any prefix, wherever the bank put it and however it cased it', () => {
    fc.assert(
      fc.property(prefix, reference, words, words, fc.constantFrom(' ', '.'), fc.boolean(), fc.boolean(), (p, ref, before, after, sep, lowerCase, gluedBefore) => {
        const code = lowerCase ? (p + ref).toLowerCase() : p + ref;
        // Glued to the word before it, as a bank that drops the separator leaves it.
        const memo = gluedBefore && before.length > 0 ? [...before.slice(0, -1), before.at(-1)! + code, ...after].join(sep) : embed(before, sep, code, after);
        expect(findReferences(memo, { prefix: p })).toContain(ref);
      }),
      { numRuns: 1000 },
    );
  });

  it('never matches a mistyped reference behind the prefix: the check character still decides', () => {
    const replacements = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
    fc.assert(
      fc.property(prefix, reference, (p, ref) => {
        const variants: string[] = [];
        for (let i = 0; i < ref.length; i++) {
          for (const c of replacements) if (c !== ref[i]) variants.push(ref.slice(0, i) + c + ref.slice(i + 1));
          if (i + 1 < ref.length && ref[i] !== ref[i + 1]) variants.push(ref.slice(0, i) + ref[i + 1] + ref[i] + ref.slice(i + 2));
          // One character typed twice: 9 after the prefix, never a guess at which 8.
          variants.push(ref.slice(0, i + 1) + ref[i] + ref.slice(i + 1));
        }
        for (const v of variants) {
          for (const memo of [p + v, (p + v).toLowerCase(), `${p} ${v}`, `MBVCB.3278519.${p}${v}.CT tu 0123456789`, `IBFT ${p}${v.slice(0, 4)} ${v.slice(4)}`]) {
            expect(findReferences(memo, { prefix: p })).not.toContain(ref);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('changes nothing in a memo that does not hold the prefix', () => {
    fc.assert(
      fc.property(prefix, words, separator, (p, ws, sep) => {
        const memo = ws.join(sep);
        fc.pre(!memo.toUpperCase().includes(p));
        expect(findReferences(memo, { prefix: p })).toEqual(findReferences(memo));
      }),
      { numRuns: 1000 },
    );
  });

  it("reads SePay's code only as this prefix + a valid reference", () => {
    fc.assert(
      fc.property(prefix, prefix, reference, (p, other, ref) => {
        expect(matchReference('', { prefix: p, code: p + ref })).toEqual({ kind: 'one', reference: ref });
        if (other !== p && !(other + ref).startsWith(p)) expect(matchReference('', { prefix: p, code: other + ref })).toEqual({ kind: 'none' });
        expect(matchReference('', { prefix: p, code: p + ref.slice(0, 7) })).toEqual({ kind: 'none' });
        expect(matchReference('', { prefix: p, code: `${p + ref}X` })).toEqual({ kind: 'none' });
      }),
      { numRuns: 500 },
    );
  });
});
