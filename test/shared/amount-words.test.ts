import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { amountInWords } from '../../shared/amount-words';

// Written out by hand, as a person reads them off an invoice; not generated.
const EXPECTED: ReadonlyArray<readonly [number, string]> = [
  // The values issue 4 names.
  [0, 'Không đồng'],
  [5, 'Năm đồng'],
  [10, 'Mười đồng'],
  [15, 'Mười lăm đồng'],
  [21, 'Hai mươi mốt đồng'],
  [25, 'Hai mươi lăm đồng'],
  [101, 'Một trăm linh một đồng'],
  [1_005, 'Một nghìn không trăm linh năm đồng'],
  [1_000_005, 'Một triệu không trăm linh năm đồng'],
  [10_500_000, 'Mười triệu năm trăm nghìn đồng'],
  [499_999_999, 'Bốn trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng'],
  // Round amounts that fees actually take.
  [2_000, 'Hai nghìn đồng'],
  [8_000, 'Tám nghìn đồng'],
  [25_000, 'Hai mươi lăm nghìn đồng'],
  [100_000, 'Một trăm nghìn đồng'],
  [200_000, 'Hai trăm nghìn đồng'],
  [1_000_000, 'Một triệu đồng'],
  [1_000_000_000, 'Một tỷ đồng'],
  // The reading rules one by one.
  [1, 'Một đồng'],
  [11, 'Mười một đồng'],
  [14, 'Mười bốn đồng'],
  [20, 'Hai mươi đồng'],
  [24, 'Hai mươi bốn đồng'],
  [31, 'Ba mươi mốt đồng'],
  [55, 'Năm mươi lăm đồng'],
  [105, 'Một trăm linh năm đồng'],
  [110, 'Một trăm mười đồng'],
  [115, 'Một trăm mười lăm đồng'],
  [111, 'Một trăm mười một đồng'],
  [1_010, 'Một nghìn không trăm mười đồng'],
  [1_050, 'Một nghìn không trăm năm mươi đồng'],
  [1_100, 'Một nghìn một trăm đồng'],
  [10_005, 'Mười nghìn không trăm linh năm đồng'],
  [21_000, 'Hai mươi mốt nghìn đồng'],
  [105_000, 'Một trăm linh năm nghìn đồng'],
  [1_001_000, 'Một triệu không trăm linh một nghìn đồng'],
  [2_500_000, 'Hai triệu năm trăm nghìn đồng'],
  [1_000_000_005, 'Một tỷ không trăm linh năm đồng'],
  [1_000_000_000_000, 'Một nghìn tỷ đồng'],
  [1_001_000_000_000, 'Một nghìn không trăm linh một tỷ đồng'],
  [1_000_000_000_000_000, 'Một triệu tỷ đồng'],
  [
    Number.MAX_SAFE_INTEGER, // 9,007,199,254,740,991
    'Chín triệu không trăm linh bảy nghìn một trăm chín mươi chín tỷ hai trăm năm mươi bốn triệu bảy trăm bốn mươi nghìn chín trăm chín mươi mốt đồng',
  ],
];

describe('amountInWords', () => {
  it.each(EXPECTED)('%d → %s', (vnd, words) => {
    expect(amountInWords(vnd)).toBe(words);
  });

  it('refuses what is not a whole, non-negative, safe amount', () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 1]) {
      expect(() => amountInWords(bad)).toThrow(RangeError);
    }
  });

  it('is well formed for any amount: capital first, " đồng" last, single spaces, no gaps', () => {
    const VARIANTS = new Set(['lẻ', 'tư', 'ngàn', 'tỉ', 'bẩy']); // the forms not chosen
    fc.assert(
      fc.property(fc.maxSafeNat(), (vnd) => {
        const words = amountInWords(vnd);
        const tokens = words.toLowerCase().split(' ');
        return (
          !words.includes('  ') &&
          !words.includes('undefined') &&
          words.endsWith(' đồng') &&
          words === words.trim() &&
          words === words.normalize('NFC') &&
          words.charAt(0) === words.charAt(0).toUpperCase() &&
          words.slice(1) === words.slice(1).toLowerCase() &&
          // An all-zero group is never spoken.
          !/không (nghìn|triệu|tỷ)/.test(words) &&
          tokens.every((t) => t !== '' && !VARIANTS.has(t))
        );
      }),
      { numRuns: 2000 },
    );
  });

  // A reader for the words, written independently of the writer: reading back every
  // amount proves the words name one amount only (a left inverse makes them injective).
  it('reads back to the same amount: every amount below 100,000', () => {
    for (let vnd = 0; vnd < 100_000; vnd++) {
      const words = amountInWords(vnd);
      if (readAmount(words) !== vnd) expect.fail(`${vnd} reads "${words}", which reads back as ${readAmount(words)}`);
    }
  });

  it('reads back to the same amount: any safe amount', () => {
    fc.assert(fc.property(fc.maxSafeNat(), (vnd) => readAmount(amountInWords(vnd)) === vnd), { numRuns: 5000 });
  });

  it('gives distinct amounts distinct words: a sample below 10^9', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 999_999_999 }), { minLength: 2, maxLength: 200 }), (amounts) => {
        const words = new Set(amounts.map(amountInWords));
        expect(words.size).toBe(amounts.length);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a multiple of a thousand as the thousands followed by "nghìn"', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (n) => {
        const inWords = amountInWords(n).slice(0, -' đồng'.length);
        expect(amountInWords(n * 1000)).toBe(`${inWords} nghìn đồng`);
      }),
    );
  });
});

const DIGIT_VALUES = new Map(['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'].map((w, i) => [w, i]));

function readAmount(words: string): number {
  if (!words.endsWith(' đồng')) throw new Error(`no "đồng" in "${words}"`);
  return readTokens(words.slice(0, -' đồng'.length).toLowerCase().split(' '));
}

function readTokens(tokens: string[]): number {
  const billions = tokens.lastIndexOf('tỷ');
  if (billions >= 0) return readTokens(tokens.slice(0, billions)) * 1e9 + readTokens(tokens.slice(billions + 1));
  let total = 0;
  let group = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!;
    const digit = DIGIT_VALUES.get(word);
    if (digit !== undefined) {
      const next = tokens[i + 1];
      if (next === 'trăm') group += 100 * digit;
      else if (next === 'mươi') group += 10 * digit;
      else group += digit;
      if (next === 'trăm' || next === 'mươi') i++;
    } else if (word === 'mười') group += 10;
    else if (word === 'mốt') group += 1;
    else if (word === 'lăm') group += 5;
    else if (word === 'linh') continue;
    else if (word === 'nghìn' || word === 'triệu') {
      total += group * (word === 'nghìn' ? 1e3 : 1e6);
      group = 0;
    } else throw new Error(`unexpected word "${word}"`);
  }
  return total + group;
}
