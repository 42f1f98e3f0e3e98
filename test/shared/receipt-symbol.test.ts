import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGENCIES } from '../../shared/catalogue';
import { zodDetails } from '../../shared/errors';
import {
  RECEIPT_SYMBOL_LETTERS,
  isReceiptSymbol,
  isReceiptSymbolSuffix,
  lawfulReceiptSymbol,
  receiptSymbolProblem,
  receiptSymbolSchema,
  receiptSymbolSuffixSchema,
  receiptSymbolYear,
} from '../../shared/receipt-symbol';

// Circular 91/2026/TT-BTC, Appendix II, item 2 (docs/e-receipts.md).
const ALLOWED = 'A B C D E G H K L M N P Q R S T U V X Y'.split(' ');
const FORBIDDEN = 'F I J O W Z'.split(' ');

describe('receipt symbol letters', () => {
  it('are the twenty letters of the circular, no more', () => {
    expect([...RECEIPT_SYMBOL_LETTERS]).toEqual(ALLOWED);
    for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') expect(isReceiptSymbolSuffix(`${c}A`)).toBe(ALLOWED.includes(c));
  });

  it('accept every pair of allowed letters', () => {
    for (const a of ALLOWED) for (const b of ALLOWED) expect(isReceiptSymbol(`26T${a}${b}`)).toBe(true);
  });

  it('refuse 26TOF and every symbol with a forbidden letter, naming the letter', () => {
    expect(isReceiptSymbol('26TOF')).toBe(false);
    const [vi, en] = receiptSymbolProblem('26TOF')!.split('|');
    expect(vi).toContain('"O", "F"');
    expect(en).toContain('"O", "F" cannot be used');
    for (const f of FORBIDDEN) {
      expect(isReceiptSymbol(`26TA${f}`)).toBe(false);
      expect(isReceiptSymbol(`26T${f}A`)).toBe(false);
    }
  });

  it('refuse lower case, digits and look-alikes', () => {
    for (const bad of ['ab', 'Ab', 'A1', 'AÁ', 'AĐ', 'A ', 'А' + 'B' /* Cyrillic A */, 'A', 'ABC', '']) {
      expect(isReceiptSymbolSuffix(bad), bad).toBe(false);
    }
  });

  it('hold for every agency in the catalogue', () => {
    for (const agency of AGENCIES) expect(isReceiptSymbolSuffix(agency.receiptSymbol), agency.id).toBe(true);
  });
});

describe('a whole symbol', () => {
  it('is two digits of the year, T, two allowed letters', () => {
    expect(isReceiptSymbol('26TMT')).toBe(true);
    expect(receiptSymbolProblem('26CMT')).toMatch(/chữ T\.\|.*letter T/);
    expect(receiptSymbolProblem('2XTMT')).toMatch(/hai chữ số/);
    expect(receiptSymbolProblem('26TMTX')).toMatch(/đúng 5 ký tự/);
    expect(receiptSymbolProblem('٢٦TMT')).toMatch(/hai chữ số/); // Arabic-Indic digits are not "Arabic digits"
  });

  it('is made from a year and letters, and names its year back', () => {
    expect(lawfulReceiptSymbol(2026, 'MT')).toBe('26TMT');
    expect(lawfulReceiptSymbol(2100 - 1, 'AB')).toBe('99TAB');
    expect(receiptSymbolYear('27TGT')).toBe(2027);
    expect(() => lawfulReceiptSymbol(2026, 'OF')).toThrow(/"O", "F" cannot be used/);
    expect(() => lawfulReceiptSymbol(1999, 'MT')).toThrow(RangeError);
    expect(() => receiptSymbolYear('26TOF')).toThrow(RangeError);
  });

  it('round-trips for any year and allowed letters', () => {
    const letter = fc.constantFrom(...ALLOWED);
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), letter, letter, (year, a, b) => {
        const symbol = lawfulReceiptSymbol(year, a + b);
        return isReceiptSymbol(symbol) && receiptSymbolYear(symbol) === year;
      }),
    );
  });
});

describe('schemas', () => {
  it('answer in both languages where the symbol is set', () => {
    const result = receiptSymbolSuffixSchema.safeParse('OF');
    expect(result.success).toBe(false);
    const [detail] = zodDetails(result.error!);
    expect(detail!.message).toMatch(/^Ký hiệu biên lai chỉ được dùng các chữ in hoa A B C D E G H K L M N P Q R S T U V X Y/);
    expect(detail!.messageEn).toMatch(/^Receipt symbols may only use the capital letters/);
    expect(receiptSymbolSuffixSchema.parse('MT')).toBe('MT');
    expect(receiptSymbolSchema.parse('26TMT')).toBe('26TMT');
    expect(receiptSymbolSchema.safeParse(26).success).toBe(false);
  });
});
