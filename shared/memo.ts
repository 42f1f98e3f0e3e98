/**
 * Finding an order reference in a bank memo, however the bank rewrote it.
 *
 * The payer's app pre-fills the memo with the reference alone (`memoFor`), but what
 * reaches us has been through the bank: upper- or lower-cased, diacritics stripped or
 * (Vietnamese keyboards) added, wrapped in the bank's prefixes and suffixes
 * (`MBVCB.3278519.<memo>.CT tu 0123456789 NGUYEN VAN A toi ...`, `IBFT <memo>`,
 * `<memo> FT24123...`, `REM Tfr Ac: ... <memo>`), spaces or hyphens put inside it, or
 * cut short. Pure: no I/O, no clock.
 *
 * Strategy: fold, cut into tokens, then look for candidates in two ways only.
 *  1. Fold: NFKC (full-width "ＡＢ３" → "AB3"), Vietnamese diacritics removed, upper case.
 *  2. Tokens are maximal runs of letters/digits (any script); everything else separates.
 *  3. Whole token: a token of exactly 8 characters whose check character holds. This is
 *     how the reference normally arrives, delimited by spaces, dots or other punctuation.
 *  4. Joined tokens: consecutive short tokens (each under 8 characters, only reference
 *     symbols) separated by exactly ONE space, hyphen, dot or underscore, whose
 *     concatenation is exactly 8 characters, contains at least one digit and at least
 *     one letter, and whose check character holds ("ab3k 7mx2", "AB3K-7MX2").
 *  Distinct candidates, in order of first appearance, are the answer.
 *
 * Why so strict: a random window of 8 reference symbols passes the check 1 time in 31,
 * so every window we look at is a 3% chance of inventing a reference. We therefore:
 *  - never slide a window inside a longer token: a reference glued to other letters or
 *    digits ("THANHTOANAB3K7MX2", "0912345678AB3K7MX2") is NOT found. Account numbers,
 *    transfer ids (FT24123…) and names glued together would otherwise produce false
 *    references all the time;
 *  - never join across anything but a single separator character: two spaces,
 *    " - ", ": " or "/ " end a run;
 *  - refuse all-digit whole tokens: 8-digit ids and account fragments are common in
 *    memos, and a reference is all digits only about once in 50,000 ((8/31)^8);
 *  - refuse joins that are all letters or all digits: adjacent words and names
 *    ("PHAN HUNG", "REM TFR AC") and groups of numbers are exactly what banks put
 *    around a memo. This costs the ~9% of references that are all letters their
 *    spaced form (an unspaced one is still found).
 * What is not found goes to UNMATCHED and a clerk; nothing is ever guessed: no
 * look-alike mapping (the alphabet has no 0/O/1/I/L, so there is nothing to map to),
 * no completion of a truncated tail, no correction of a typo.
 *
 * Limits that remain: an all-letter 8-character word in the memo that happens to pass
 * the check (e.g. a name written without spaces, "PHANHUNG") is a candidate. Such a
 * false reference names an existing order with probability (orders / 31^7), so it
 * mostly costs an "ambiguous" beside the true one, which goes to a clerk. Settlement
 * must still check that the order exists and that the money reached its agency's
 * account.
 */
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, isValidReference } from './reference';
import { stripDiacritics } from './text';

export type ReferenceMatch =
  | { kind: 'one'; reference: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; references: string[] };

interface Token {
  text: string;
  /** The characters between the previous token and this one ('' for the first). */
  before: string;
}

const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;
/** One space, hyphen (any dash), dot or underscore: what a bank or a person puts inside a reference. */
const SOFT_SEPARATOR = /^[\s.\-_\u2010-\u2015]$/u;
const SYMBOLS = new Set(REFERENCE_ALPHABET);
const DIGIT = /[0-9]/;
const LETTER = /[A-Z]/;

function fold(memo: string): string {
  return stripDiacritics(memo.normalize('NFKC')).toUpperCase();
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    tokens.push({ text: match[0], before: text.slice(last, start) });
    last = start + match[0].length;
  }
  return tokens;
}

function onlySymbols(s: string): boolean {
  for (const ch of s) if (!SYMBOLS.has(ch)) return false;
  return true;
}

/** A piece that may be part of a reference split by the bank: short, and only reference symbols. */
function joinable(token: Token): boolean {
  return token.text.length < REFERENCE_LENGTH && onlySymbols(token.text);
}

/**
 * The valid references (check character holds) found in a bank memo, distinct, in the
 * order they first appear. See the module comment for what counts and what does not.
 */
export function findReferences(memo: string): string[] {
  const tokens = tokenize(fold(memo));
  const found: string[] = [];
  const add = (candidate: string) => {
    if (isValidReference(candidate) && !found.includes(candidate)) found.push(candidate);
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.text.length === REFERENCE_LENGTH) {
      if (LETTER.test(token.text)) add(token.text);
      continue;
    }
    if (!joinable(token)) continue;
    let joined = token.text;
    for (let j = i + 1; j < tokens.length; j++) {
      const next = tokens[j]!;
      if (!SOFT_SEPARATOR.test(next.before) || !joinable(next)) break;
      joined += next.text;
      if (joined.length > REFERENCE_LENGTH) break;
      if (joined.length === REFERENCE_LENGTH) {
        if (DIGIT.test(joined) && LETTER.test(joined)) add(joined);
        break;
      }
    }
  }
  return found;
}

/**
 * The order a memo pays for: exactly one distinct reference, or none, or several —
 * which must go to a clerk and never be paid automatically.
 */
export function matchReference(memo: string): ReferenceMatch {
  const references = findReferences(memo);
  if (references.length === 0) return { kind: 'none' };
  if (references.length === 1) return { kind: 'one', reference: references[0]! };
  return { kind: 'ambiguous', references };
}
