/**
 * Finding an order reference in a bank memo, however the bank rewrote it.
 *
 * The payer's app pre-fills the memo with the deployment's payment-code prefix and the
 * reference, glued (`paymentCodeFor`: "MCP" + "AB3K7MX2" → "MCPAB3K7MX2"; SePay reads a
 * payment code as a fixed prefix of 2–5 letters followed by a suffix of a set length).
 * What reaches us has been through the bank: upper- or lower-cased, diacritics stripped
 * or (Vietnamese keyboards) added, wrapped in the bank's prefixes and suffixes
 * (`MBVCB.3278519.<memo>.CT tu 0123456789 NGUYEN VAN A toi ...`, `IBFT <memo>`,
 * `<memo> FT24123...`, `REM Tfr Ac: ... <memo>`), spaces or hyphens put inside it, the
 * prefix typed apart from the reference or left out, or cut short. Pure: no I/O, no clock.
 *
 * Strategy: fold, cut into tokens, then look for candidates in these ways only.
 *  1. Fold: NFKC (full-width "ＡＢ３" → "AB3"), Vietnamese diacritics removed, upper case.
 *  2. Tokens are maximal runs of letters/digits (any script); everything else separates.
 *  3. Whole token: a token of exactly 8 characters whose check character holds. This is
 *     how the reference normally arrives, delimited by spaces, dots or other punctuation.
 *  4. Joined tokens: consecutive short tokens (each under 8 characters, only reference
 *     symbols) separated by exactly ONE space, hyphen, dot or underscore, whose
 *     concatenation is exactly 8 characters, contains at least one digit and at least
 *     one letter, and whose check character holds ("ab3k 7mx2", "AB3K-7MX2").
 *  5. After the prefix (when the deployment's prefix is given): inside a token, the
 *     prefix followed by exactly the 8 characters that end the token ("MCPAB3K7MX2",
 *     "NOPPHIMCPAB3K7MX2", "MCPMCPAB3K7MX2"); or the prefix followed by the first part
 *     of a reference that tokens after it complete as in 4 ("MCPAB3K 7MX2"). The prefix
 *     is what makes this safe: it anchors the one place the reference can start, so no
 *     window slides. A token that starts with the prefix is read this way only, never
 *     also as a bare reference: "MCPAB3K7" is a memo cut short, not a reference.
 *  6. The payment code an aggregator cut out of the memo (SePay's `code`), when given:
 *     the prefix and a reference, nothing else.
 *  Distinct candidates, the code's first, then in order of first appearance, are the
 *  answer; more than one is ambiguous, whatever way each was found.
 *
 * Why so strict: a random window of 8 reference symbols passes the check 1 time in 31,
 * so every window we look at is a 3% chance of inventing a reference. We therefore:
 *  - never slide a window inside a longer token: a reference glued to other letters or
 *    digits without our prefix ("THANHTOANAB3K7MX2", "0912345678AB3K7MX2", another
 *    deployment's "XYZAB3K7MX2") is NOT found, and neither is one with something glued
 *    after it ("MCPAB3K7MX2FT24123..."). Account numbers, transfer ids (FT24123…) and
 *    names glued together would otherwise produce false references all the time;
 *  - never join across anything but a single separator character: two spaces,
 *    " - ", ": " or "/ " end a run;
 *  - refuse all-digit whole tokens: 8-digit ids and account fragments are common in
 *    memos, and a reference is all digits only about once in 50,000 ((8/31)^8);
 *  - refuse joins that are all letters or all digits: adjacent words and names
 *    ("PHAN HUNG", "REM TFR AC") and groups of numbers are exactly what banks put
 *    around a memo. This costs the ~9% of references that are all letters their
 *    spaced form (an unspaced one is still found, with or without the prefix).
 * What is not found goes to UNMATCHED and a clerk; nothing is ever guessed: no
 * look-alike mapping (the alphabet has no 0/O/1/I/L, so there is nothing to map to),
 * no completion of a truncated tail, no correction of a typo, no choice between two
 * references (a prefixed one does not outrank a bare one).
 *
 * Limits that remain: an all-letter 8-character word in the memo that happens to pass
 * the check (e.g. a name written without spaces, "PHANHUNG") is a candidate. Such a
 * false reference names an existing order with probability (orders / 31^7), so it
 * mostly costs an "ambiguous" beside the true one, which goes to a clerk. A bare
 * reference (typed without the prefix) that happens to begin with the prefix's letters
 * and is glued to nothing is read as a cut-short memo and not found (1 in 31^k for a
 * k-letter prefix of reference symbols; never for a prefix with I, L or O). Settlement
 * must still check that the order exists and that the money reached its agency's
 * account.
 */
import { REFERENCE_ALPHABET, REFERENCE_LENGTH, isValidReference } from './reference';
import { stripDiacritics } from './text';

export type ReferenceMatch =
  | { kind: 'one'; reference: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; references: string[] };

/** What else is known about a memo besides its text. */
export interface MemoContext {
  /** The deployment's payment-code prefix (PAYMENT_CODE_PREFIX, 2–5 letters A–Z). */
  prefix?: string;
  /** The payment code the aggregator cut out of the memo (SePay's `code`), when it gave one. */
  code?: string | undefined;
}

/** SePay's payment-code prefix: 2 to 5 letters, A–Z (its dashboard takes nothing else). */
export const PAYMENT_CODE_PREFIX_PATTERN = /^[A-Z]{2,5}$/;

export function isPaymentCodePrefix(prefix: string): boolean {
  return PAYMENT_CODE_PREFIX_PATTERN.test(prefix);
}

/**
 * The memo an order asks for (VietQR field 62.08): the prefix, then the reference, glued,
 * because SePay recognises a payment code only as the prefix followed by the suffix.
 * 5 + 8 = 13 characters at most, within 62.08's 25.
 */
export function paymentCodeFor(prefix: string, reference: string): string {
  if (!isPaymentCodePrefix(prefix)) throw new RangeError(`payment-code prefix must be 2 to 5 letters A-Z, not "${prefix}"`);
  return prefix + reference;
}

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
 * `start` (a first piece, under 8 characters) completed by the tokens from `next` on,
 * each after exactly one soft separator, to exactly 8 characters mixing digits and
 * letters; undefined when they do not.
 */
function joinFrom(start: string, tokens: readonly Token[], next: number): string | undefined {
  let joined = start;
  for (let j = next; j < tokens.length; j++) {
    const token = tokens[j]!;
    if (!SOFT_SEPARATOR.test(token.before) || !joinable(token)) return undefined;
    joined += token.text;
    if (joined.length > REFERENCE_LENGTH) return undefined;
    if (joined.length === REFERENCE_LENGTH) return DIGIT.test(joined) && LETTER.test(joined) ? joined : undefined;
  }
  return undefined;
}

/** What follows each occurrence of `prefix` in `text` up to its end, when that is 1 to 8 characters. */
function tailsAfter(prefix: string, text: string): string[] {
  const tails: string[] = [];
  for (let at = text.indexOf(prefix); at >= 0; at = text.indexOf(prefix, at + 1)) {
    const tail = text.slice(at + prefix.length);
    if (tail.length >= 1 && tail.length <= REFERENCE_LENGTH) tails.push(tail);
  }
  return tails;
}

function foldedPrefix(prefix: string | undefined): string | undefined {
  if (prefix === undefined) return undefined;
  if (!isPaymentCodePrefix(prefix)) throw new RangeError(`payment-code prefix must be 2 to 5 letters A-Z, not "${prefix}"`);
  return prefix;
}

/**
 * The valid references (check character holds) found in a bank memo and, when given, the
 * aggregator's payment code: distinct, the code's first, then in the order they appear in
 * the memo. See the module comment for what counts and what does not.
 */
export function findReferences(memo: string, context: MemoContext = {}): string[] {
  const prefix = foldedPrefix(context.prefix);
  const found: string[] = [];
  const add = (candidate: string | undefined) => {
    if (candidate !== undefined && isValidReference(candidate) && !found.includes(candidate)) found.push(candidate);
  };

  if (prefix && context.code) {
    const code = fold(context.code).trim();
    if (code.length === prefix.length + REFERENCE_LENGTH && code.startsWith(prefix)) add(code.slice(prefix.length));
  }

  const tokens = tokenize(fold(memo));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (prefix) {
      for (const tail of tailsAfter(prefix, token.text)) {
        if (tail.length === REFERENCE_LENGTH) add(tail);
        else if (onlySymbols(tail)) add(joinFrom(tail, tokens, i + 1));
      }
      // Our prefix starts it: a payment code, whole or cut short, never a bare reference.
      if (token.text.startsWith(prefix)) continue;
    }
    if (token.text.length === REFERENCE_LENGTH) {
      if (LETTER.test(token.text)) add(token.text);
      continue;
    }
    if (joinable(token)) add(joinFrom(token.text, tokens, i + 1));
  }
  return found;
}

/**
 * The order a memo pays for: exactly one distinct reference, or none, or several —
 * which must go to a clerk and never be paid automatically.
 */
export function matchReference(memo: string, context: MemoContext = {}): ReferenceMatch {
  const references = findReferences(memo, context);
  if (references.length === 0) return { kind: 'none' };
  if (references.length === 1) return { kind: 'one', reference: references[0]! };
  return { kind: 'ambiguous', references };
}
