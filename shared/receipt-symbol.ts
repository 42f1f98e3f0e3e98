/**
 * The receipt symbol ("ký hiệu biên lai") as Circular 91/2026/TT-BTC, Appendix II, item 2
 * defines it: five characters, the two digits of the year ('26' for 2026), the letter 'T'
 * (a receipt the organisation registered with the tax authority), then two letters the
 * organisation chooses from twenty only: A B C D E G H K L M N P Q R S T U V X Y. F, I,
 * J, O, W and Z are not Vietnamese letters and are refused ('26TOF' is unlawful).
 * See docs/e-receipts.md.
 */
import * as z from 'zod';
import { bilingual } from './errors';

/** The twenty letters the circular allows in the last two places of a symbol. */
export const RECEIPT_SYMBOL_LETTERS = 'ABCDEGHKLMNPQRSTUVXY';

const ALLOWED = new Set(RECEIPT_SYMBOL_LETTERS);

/** Words in both languages ("vi|en", see bilingual()) for why a value is refused. */
export type SymbolProblem = string;

/** Why `suffix` cannot be an agency's two symbol letters, or undefined when it can. */
export function receiptSymbolSuffixProblem(suffix: string): SymbolProblem | undefined {
  if (suffix.length !== 2) {
    return bilingual(
      `Ký hiệu biên lai của cơ quan phải gồm đúng 2 chữ cái, đang có ${JSON.stringify(suffix)}.`,
      `An agency's receipt symbol letters must be exactly 2 letters, got ${JSON.stringify(suffix)}.`,
    );
  }
  const wrong = [...suffix].filter((c) => !ALLOWED.has(c));
  if (wrong.length) {
    const listed = wrong.map((c) => JSON.stringify(c)).join(', ');
    return bilingual(
      `Ký hiệu biên lai chỉ được dùng các chữ in hoa ${[...RECEIPT_SYMBOL_LETTERS].join(' ')} (Thông tư 91/2026/TT-BTC); không dùng được ${listed}.`,
      `Receipt symbols may only use the capital letters ${[...RECEIPT_SYMBOL_LETTERS].join(' ')} (Circular 91/2026/TT-BTC); ${listed} cannot be used.`,
    );
  }
  return undefined;
}

/** Why `symbol` is not a lawful receipt symbol, or undefined when it is. */
export function receiptSymbolProblem(symbol: string): SymbolProblem | undefined {
  if (symbol.length !== 5) {
    return bilingual(
      `Ký hiệu biên lai phải có đúng 5 ký tự (ví dụ 26TAB), đang có ${JSON.stringify(symbol)}.`,
      `A receipt symbol must have exactly 5 characters (e.g. 26TAB), got ${JSON.stringify(symbol)}.`,
    );
  }
  if (!/^\d\d$/.test(symbol.slice(0, 2))) {
    return bilingual('Hai ký tự đầu của ký hiệu biên lai phải là hai chữ số của năm (ví dụ 26).', 'A receipt symbol must start with the two digits of the year (e.g. 26).');
  }
  if (symbol[2] !== 'T') {
    return bilingual('Ký tự thứ ba của ký hiệu biên lai phải là chữ T.', 'The third character of a receipt symbol must be the letter T.');
  }
  return receiptSymbolSuffixProblem(symbol.slice(3));
}

export function isReceiptSymbol(symbol: string): boolean {
  return receiptSymbolProblem(symbol) === undefined;
}

export function isReceiptSymbolSuffix(suffix: string): boolean {
  return receiptSymbolSuffixProblem(suffix) === undefined;
}

/** The words of a problem in English only, for errors thrown to developers and logs. */
function english(problem: SymbolProblem): string {
  return problem.split('|')[1] ?? problem;
}

/**
 * The symbol for receipts of `year` under an agency's two letters:
 * lawfulReceiptSymbol(2026, 'MT') → '26TMT'. RangeError for a year outside 2000–2099 (the
 * two digits must name one year) or letters outside the twenty.
 */
export function lawfulReceiptSymbol(year: number, suffix: string): string {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) {
    throw new RangeError(`receipt year must be an integer in 2000–2099, got ${year}`);
  }
  const problem = receiptSymbolSuffixProblem(suffix);
  if (problem) throw new RangeError(english(problem));
  return `${String(year % 100).padStart(2, '0')}T${suffix}`;
}

/** The full year a lawful symbol names: '26TMT' → 2026. */
export function receiptSymbolYear(symbol: string): number {
  const problem = receiptSymbolProblem(symbol);
  if (problem) throw new RangeError(english(problem));
  return 2000 + Number(symbol.slice(0, 2));
}

const textSchema = z.string(bilingual('Ký hiệu biên lai phải là chuỗi ký tự.', 'The receipt symbol must be text.'));

function refusing(check: (value: string) => SymbolProblem | undefined) {
  return (value: string, ctx: z.RefinementCtx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };
}

/** A full receipt symbol ('26TMT'), with the reason in both languages when refused. */
export const receiptSymbolSchema = textSchema.superRefine(refusing(receiptSymbolProblem));

/** An agency's two symbol letters ('MT'), as set in the catalogue or by an agency admin. */
export const receiptSymbolSuffixSchema = textSchema.superRefine(refusing(receiptSymbolSuffixProblem));
