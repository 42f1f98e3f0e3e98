/**
 * Memos the way Vietnamese banks and aggregators deliver them, each with the outcome
 * matching must give under the deployment's payment-code prefix `PREFIX` (and, for SePay,
 * the payment `code` it cut out of the memo). The references are computed from fixed
 * 7-character bodies with the real check character, so the corpus stays valid if nothing
 * else changes.
 *
 * The memo an order asks for is PREFIX + reference ("MCPAB3K7MX3"); memos of orders made
 * before the prefix, and payers who leave it out, carry the reference alone. The second
 * half of the corpus puts the prefixed memo inside the same bank wrappers, and then the
 * ways a person or a bank changes it: the prefix typed apart (space, dot, hyphen), in
 * lower case, glued to the bank's text before it, typed twice, cut short, present with
 * no reference, another deployment's prefix, and typos the check character must catch.
 *
 * Prefix and suffix shapes follow what the banks put around a memo:
 *   Vietcombank  MBVCB.<seq>.<memo>.CT tu <account> <NAME> toi <account> <NAME> tai <bank>
 *   VietinBank   CT DEN:<seq> <memo>
 *   BIDV         REM Tfr Ac: <account> <memo> / TKThe :<account>, tai BIDV. <memo> -CTLNHIDI...
 *   Techcombank  <memo> FT<yyddd><id>
 *   MB           <memo>- Ma GD ACSP/ <id>
 *   ACB          <memo> GD <id>-<mmddyy> <hh:mm:ss>
 *   Agribank     IBFT <memo>
 */
import { checkCharacter } from '../../shared/reference';

export type ExpectedMatch =
  | { kind: 'one'; reference: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; references?: string[] };

export interface MemoCase {
  memo: string;
  /** SePay's `code`, when the case is about it. */
  code?: string;
  expected: ExpectedMatch;
  why: string;
}

/** The deployment's payment-code prefix the corpus is read with (the development default). */
export const PREFIX = 'MCP';

const ref = (body: string): string => body + checkCharacter(body);

export const R1 = ref('AB3K7MX');
export const R2 = ref('7QHN4TD');
export const R3 = ref('K9ZP2WE');
export const R4 = ref('XM5RT8C');
export const R5 = ref('H4VJ6NB');
export const R6 = ref('DG2FW9S'); // starts with D: typed as Đ on a Vietnamese keyboard
export const R7 = ref('PT7YC3U');
export const R8 = ref('R8E5KAM');
export const R9 = ref('NQ4X2HZ');
export const R10 = ref('3WBEJ6G');
/** All letters: found whole, but not when split (joins need a digit and a letter). */
export const LETTERS_ONLY = ref('FUZPKNT');
/** Valid, but all digits: indistinguishable from the ids banks write, so never taken. */
export const DIGITS_ONLY = ref('8723456');
/** A name whose two words, joined, pass the check: the reason joins need a digit. */
export const VALID_NAME_JOIN = 'PHAN HUNG';
/** A reference that begins with the prefix's letters: typed alone and bare, it reads as a cut-short memo. */
export const STARTS_LIKE_PREFIX = ref('MCPQ234');

/** The reference in groups split by `sep` at the given positions: spaced('AB3K7MX3', ' ', 4) → 'AB3K 7MX3'. */
function spaced(reference: string, sep: string, ...cuts: number[]): string {
  const parts: string[] = [];
  let from = 0;
  for (const cut of [...cuts, reference.length]) {
    parts.push(reference.slice(from, cut));
    from = cut;
  }
  return parts.join(sep);
}
/** One character replaced. */
const typo = (reference: string, at: number, ch: string): string => reference.slice(0, at) + ch + reference.slice(at + 1);
/** Characters at `at` and `at + 1` swapped. */
const swap = (reference: string, at: number): string =>
  reference.slice(0, at) + reference[at + 1]! + reference[at]! + reference.slice(at + 2);
const lower = (s: string): string => s.toLowerCase();

const VCB_TAIL = 'CT tu 0071001234567 NGUYEN VAN AN toi 1903456789012 UBND PHUONG BEN NGHE tai TCB';
const one = (reference: string) => ({ kind: 'one', reference }) as const;
const none = { kind: 'none' } as const;

export const MEMO_CORPUS: readonly MemoCase[] = [
  // --- Vietcombank ---
  { memo: `MBVCB.3278519234.${R1}.${VCB_TAIL}`, expected: one(R1), why: 'Vietcombank app: MBVCB.<seq>.<memo>.CT tu ... toi ...' },
  { memo: `MBVCB.5765439848.045671.${R2}.CT tu 0451000123456 TRAN THI BICH toi 0123456789 UBND XA AN PHU`, expected: one(R2), why: 'Vietcombank with an extra numeric field before the memo' },
  { memo: `IBVCB.0712345678.${lower(R3)}.${VCB_TAIL}`, expected: one(R3), why: 'Vietcombank internet banking, memo kept in lower case' },
  { memo: `MBVCB.3278519234.${R1.slice(0, 6)}`, expected: none, why: 'Vietcombank memo truncated inside the reference: never completed' },
  { memo: `MBVCB.3278519234.${spaced(R4, ' ', 4)}.${VCB_TAIL}`, expected: one(R4), why: 'Vietcombank, reference typed in two groups of four' },
  { memo: `MBVCB.3278519234.Nop phi ${R5} ho tich.${VCB_TAIL}`, expected: one(R5), why: 'Vietcombank, reference inside a Vietnamese sentence' },
  { memo: `MBVCB.3278519234.Nop le phi ho tich.${VCB_TAIL}`, expected: none, why: 'Vietcombank, payer replaced the memo with words: nothing to match' },
  { memo: `MBVCB.${DIGITS_ONLY}.${R6}.${VCB_TAIL}`, expected: one(R6), why: 'an all-digit sequence number that passes the check is not a reference' },

  // --- VietinBank ---
  { memo: `CT DEN:412345678901 ${R6} Nop le phi chung thuc`, expected: one(R6), why: 'VietinBank CT DEN:<seq> prefix, words after' },
  { memo: `CT DEN:412345678901 ${R7.slice(0, 7)}`, expected: none, why: 'VietinBank, last character cut off: 7 characters are never a reference' },
  { memo: `Chuyen tien qua VietinBank iPay: ${R7}`, expected: one(R7), why: 'VietinBank iPay, reference after a colon' },

  // --- BIDV ---
  { memo: `REM Tfr Ac: 12010001234567 ${R8} NGUYEN VAN AN`, expected: one(R8), why: 'BIDV REM Tfr Ac: prefix and the payer name after' },
  { memo: `TKThe :12345678, tai BIDV. ${R8} -CTLNHIDI000012345678901-1/1-CRE-002`, expected: one(R8), why: 'BIDV interbank TKThe prefix and CTLNHIDI suffix' },
  { memo: `REM Tfr Ac: 12010001234567 ${swap(R8, 3)} NGUYEN VAN AN`, expected: none, why: 'BIDV, two neighbouring characters swapped: check character catches it' },

  // --- Techcombank ---
  { memo: `${R9} FT24123456789012`, expected: one(R9), why: 'Techcombank FT transaction id appended' },
  { memo: `NGUYEN VAN AN chuyen tien ${lower(R9)} FT24145XYZ0012`, expected: one(R9), why: 'Techcombank, name prefix, lower-case reference' },
  { memo: `${R9}FT24123456789012`, expected: none, why: 'reference glued to the FT id: no sliding window inside a token (documented limit)' },

  // --- MB ---
  { memo: `${R10}- Ma GD ACSP/ ab123456`, expected: one(R10), why: 'MB "- Ma GD ACSP/" suffix' },
  { memo: `CUSTOMER ${R10}. TU: NGUYEN VAN AN`, expected: one(R10), why: 'MB CUSTOMER prefix and TU: suffix' },
  { memo: `CUSTOMER ${typo(R10, 5, 'N')}. TU: NGUYEN VAN AN`, expected: none, why: 'MB, one character mistyped' },

  // --- ACB ---
  { memo: `ACB;0123456789;${R2} GD 123456-052424 10:22:33`, expected: one(R2), why: 'ACB semicolon fields, GD id and time after' },
  { memo: `${lower(R2)} GD 5432101-052424 10:22:33`, expected: one(R2), why: 'ACB, lower case' },

  // --- Agribank ---
  { memo: `IBFT ${R3}`, expected: one(R3), why: 'Agribank IBFT prefix' },
  { memo: `IBFT ${spaced(lower(R3), ' ', 4)}`, expected: one(R3), why: 'Agribank, lower case with a space inside' },
  { memo: `IBFT ${spaced(R5, ' ', 4)}`.slice(0, 13), expected: none, why: 'Agribank, spaced reference truncated after 7 characters' },

  // --- Other banks ---
  { memo: `${spaced(R5, '-', 4)}-TPB-0123456789`, expected: one(R5), why: 'TPBank style, hyphens inside and after the reference' },
  { memo: `${R4} 0912345678 NGUYEN VAN AN`, expected: one(R4), why: 'reference followed by a phone number and a name' },
  { memo: `0912345678 ${R4} 5000000 VND`, expected: one(R4), why: 'reference between numbers' },

  // --- Aggregators ---
  { memo: `${R6} Thanh toan le phi`, expected: one(R6), why: 'payOS description: the memo then words' },
  { memo: `${R7} NOP PHI`.slice(0, 9), expected: one(R7), why: 'aggregator 9-character cap: the 8-character reference survives' },
  { memo: `${R7}NOP PHI`.slice(0, 9), expected: none, why: 'aggregator 9-character cap on a memo glued to a word: never cut a token to guess' },
  { memo: `BankAPINotify ${R8}`, expected: one(R8), why: 'SePay description prefix' },
  { memo: `${R9} GD 123456-052424 10:22:33`, expected: one(R9), why: 'Casso description of an ACB transfer' },

  // --- Case, spaces, punctuation, diacritics ---
  { memo: spaced(lower(R1), ' ', 4), expected: one(R1), why: 'lower case, one space inside ("ab3k 7mx2")' },
  { memo: spaced(R1, '-', 4), expected: one(R1), why: 'hyphen inside' },
  { memo: spaced(R1, '_', 3), expected: one(R1), why: 'underscore inside' },
  { memo: spaced(R1, ' ', 1, 2, 3, 4, 5, 6, 7), expected: one(R1), why: 'every character separated by a space' },
  { memo: spaced(R1, '  ', 4), expected: none, why: 'two spaces inside: a run ends at anything but one separator (documented limit)' },
  { memo: `Nguyễn Văn An nộp lệ phí chứng thực ${R2} tại UBND phường Bến Nghé`, expected: one(R2), why: 'Vietnamese memo with diacritics around the reference' },
  { memo: `Á${R1.slice(1)} nop phi`, expected: one(R1), why: 'Vietnamese keyboard put a tone mark on a letter of the reference' },
  { memo: `nop phi ${lower(R6).replace('d', 'đ')}`, expected: one(R6), why: 'D typed as đ' },
  { memo: R3.replace(/[A-Z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)), expected: one(R3), why: 'full-width characters from a phone keyboard' },
  { memo: `Nop phi (ma: ${R3})`, expected: one(R3), why: 'reference in parentheses after a colon' },
  { memo: `TT ${spaced(R5, ' ', 4)}`, expected: one(R5), why: 'spaced reference after a short word: only the exact 8-character join counts' },

  // --- Typos and look-alikes ---
  { memo: `IBFT ${typo(R2, 0, '2')}`, expected: none, why: 'first character mistyped' },
  { memo: `IBFT ${typo(R2, 7, R2[7] === 'K' ? 'M' : 'K')}`, expected: none, why: 'check character mistyped' },
  { memo: `IBFT ${typo(R2, 1, 'O')}`, expected: none, why: 'look-alike O typed: never mapped to anything' },
  { memo: `${swap(R3, 6)} FT24123456789012`, expected: none, why: 'last two characters swapped' },
  { memo: spaced(swap(R4, 2), ' ', 4), expected: none, why: 'neighbours swapped in a spaced reference' },
  { memo: `${R6}${R6[7]}`, expected: none, why: 'last character typed twice (9 characters): never guess which 8' },
  { memo: `${R6.slice(0, 3)}${R6.slice(4)}`, expected: none, why: 'one character left out' },

  // --- Several references ---
  { memo: `${R5} ${R6}`, expected: { kind: 'ambiguous', references: [R5, R6] }, why: 'two orders in one transfer: a clerk decides' },
  { memo: `Nop phi ${R7} va ${spaced(R8, ' ', 4)}`, expected: { kind: 'ambiguous', references: [R7, R8] }, why: 'two references, one of them spaced' },
  { memo: `MBVCB.3278519234.${R1} ${R2}.${VCB_TAIL}`, expected: { kind: 'ambiguous', references: [R1, R2] }, why: 'Vietcombank with two references' },
  { memo: `${R9} ${R9} FT24123456789012`, expected: one(R9), why: 'the same reference twice is one reference' },
  { memo: `${R9} (${spaced(R9, ' ', 4)})`, expected: one(R9), why: 'the same reference whole and spaced is one reference' },

  // --- No reference, and things that look like one ---
  { memo: 'Chuyen tien', expected: none, why: 'no reference' },
  { memo: '', expected: none, why: 'empty memo' },
  { memo: `CT tu 0123456789 ${VALID_NAME_JOIN} toi 9876543210`, expected: none, why: 'a name whose words join into a valid code: joins need a digit and a letter' },
  { memo: `${R10} CT tu 0123456789 ${VALID_NAME_JOIN}`, expected: one(R10), why: 'reference and the same name: the name does not make it ambiguous' },
  { memo: 'REM Tfr Ac: 12010001234567 O@L MB', expected: none, why: 'BIDV prefix with no memo' },
  { memo: 'Ho so 000.00.12.H23-240501-0001', expected: none, why: 'a dossier code is not a reference' },
  { memo: `Ho so 000.00.12.H23-240501-0001 ${R1}`, expected: one(R1), why: 'dossier code beside the reference' },
  { memo: 'Ma KM XK7M2P9Q', expected: none, why: 'an 8-character code of reference symbols whose check does not hold' },
  { memo: 'HS0OIL23 nop phi', expected: none, why: 'an 8-character code with look-alike characters' },
  { memo: `So TK ${DIGITS_ONLY}`, expected: none, why: 'an all-digit number that passes the check: never a reference' },
  { memo: `thanhtoan${lower(R3)}`, expected: none, why: 'reference glued to words: not found, goes to a clerk (documented limit)' },

  // --- All-letter references ---
  { memo: `IBFT ${LETTERS_ONLY}`, expected: one(LETTERS_ONLY), why: 'an all-letter reference delivered whole' },
  { memo: `IBFT ${spaced(LETTERS_ONLY, ' ', 4)}`, expected: none, why: 'an all-letter reference split: indistinguishable from words (documented limit)' },
  { memo: `IBFT ${STARTS_LIKE_PREFIX}`, expected: none, why: 'a bare reference that begins with the prefix letters reads as a cut-short memo (documented limit)' },
  { memo: `IBFT ${PREFIX}${STARTS_LIKE_PREFIX}`, expected: one(STARTS_LIKE_PREFIX), why: 'the same reference behind the prefix, as the QR asks for it' },

  // ===== The memo as the QR asks for it: PREFIX + reference, inside the banks' wrappers =====
  // --- Vietcombank ---
  { memo: `MBVCB.3278519234.${PREFIX}${R1}.${VCB_TAIL}`, expected: one(R1), why: 'Vietcombank app, prefixed memo: MBVCB.<seq>.MCP<ref>.CT tu ...' },
  { memo: `IBVCB.0712345678.${lower(PREFIX + R3)}.${VCB_TAIL}`, expected: one(R3), why: 'Vietcombank internet banking, prefixed memo in lower case' },
  { memo: `MBVCB.3278519234.${PREFIX} ${R4}.${VCB_TAIL}`, expected: one(R4), why: 'Vietcombank, a space typed between prefix and reference' },
  { memo: `MBVCB.3278519234.${PREFIX}${spaced(R4, ' ', 4)}.${VCB_TAIL}`, expected: one(R4), why: 'Vietcombank, prefix glued to the first group of a spaced reference' },
  { memo: `MBVCB.3278519234.${PREFIX}${R1.slice(0, 6)}`, expected: none, why: 'Vietcombank, prefixed memo truncated inside the reference: never completed' },
  { memo: `MBVCB.3278519234.XYZ${R1}.${VCB_TAIL}`, expected: none, why: "another deployment's prefix glued to a reference: not ours, no window slides (a clerk decides)" },

  // --- VietinBank ---
  { memo: `CT DEN:412345678901 ${PREFIX}${R6} Nop le phi chung thuc`, expected: one(R6), why: 'VietinBank CT DEN:<seq>, prefixed memo, words after' },
  { memo: `CT DEN:412345678901${PREFIX}${R6}`, expected: one(R6), why: 'the space before the memo lost, prefix glued to the sequence number: the prefix anchors the reference' },
  { memo: `Chuyen tien qua VietinBank iPay: ${lower(PREFIX)}-${lower(R7)}`, expected: one(R7), why: 'VietinBank iPay, prefix and reference split by a hyphen, lower case' },

  // --- BIDV ---
  { memo: `REM Tfr Ac: 12010001234567 ${PREFIX}${R8} NGUYEN VAN AN`, expected: one(R8), why: 'BIDV REM Tfr Ac:, prefixed memo, payer name after' },
  { memo: `TKThe :12345678, tai BIDV. ${PREFIX}${R8} -CTLNHIDI000012345678901-1/1-CRE-002`, expected: one(R8), why: 'BIDV interbank TKThe prefix and CTLNHIDI suffix around a prefixed memo' },
  { memo: `REM Tfr Ac: 12010001234567 ${PREFIX}${swap(R8, 3)} NGUYEN VAN AN`, expected: none, why: 'BIDV, prefixed, two neighbours swapped: the check character still catches it' },

  // --- MB ---
  { memo: `${PREFIX}${R10}- Ma GD ACSP/ ab123456`, expected: one(R10), why: 'MB "- Ma GD ACSP/" suffix after a prefixed memo' },
  { memo: `CUSTOMER ${PREFIX}.${R10}. TU: NGUYEN VAN AN`, expected: one(R10), why: 'MB CUSTOMER prefix, our prefix and the reference split by a dot' },
  { memo: `CUSTOMER ${PREFIX}${typo(R10, 5, 'N')}. TU: NGUYEN VAN AN`, expected: none, why: 'MB, prefixed, one character mistyped' },

  // --- Techcombank ---
  { memo: `${PREFIX}${R9} FT24123456789012`, expected: one(R9), why: 'Techcombank FT id after a prefixed memo' },
  { memo: `NGUYEN VAN AN chuyen tien ${lower(PREFIX)} ${lower(R9)} FT24145XYZ0012`, expected: one(R9), why: 'Techcombank, name before, prefix typed apart in lower case' },
  { memo: `${PREFIX}${R9}FT24123456789012`, expected: none, why: 'FT id glued after a prefixed reference: the 8 characters after the prefix must end the token (documented limit)' },

  // --- ACB ---
  { memo: `ACB;0123456789;${PREFIX}${R2} GD 123456-052424 10:22:33`, expected: one(R2), why: 'ACB semicolon fields around a prefixed memo' },
  { memo: `${lower(PREFIX + R2)} GD 5432101-052424 10:22:33`, expected: one(R2), why: 'ACB, prefixed memo in lower case' },

  // --- Agribank ---
  { memo: `IBFT ${PREFIX}${R3}`, expected: one(R3), why: 'Agribank IBFT before a prefixed memo' },
  { memo: `IBFT ${PREFIX}`, expected: none, why: 'Agribank, memo cut right after the prefix: a prefix without a reference' },

  // --- Glued, doubled, cut ---
  { memo: `NOPPHI${PREFIX}${R5}`, expected: one(R5), why: 'prefix glued to the words before it: found, where a bare reference glued so is not' },
  { memo: `thanhtoan${lower(PREFIX + R3)}`, expected: one(R3), why: 'glued to words in lower case, with the prefix (compare the bare case above)' },
  { memo: `${PREFIX}${PREFIX}${R6}`, expected: one(R6), why: 'prefix typed twice' },
  { memo: `${PREFIX}${R7}`.slice(0, 9), expected: none, why: 'aggregator 9-character cap on a prefixed memo: 6 characters of the reference left, never completed (the price of the prefix)' },
  { memo: `${PREFIX}${R7}`.slice(0, 8), expected: none, why: 'cut to 8 characters: the prefix and 5 characters are never read as a bare reference' },
  { memo: `${PREFIX}${R7}`.slice(0, 10), expected: none, why: 'cut to 10 characters: 7 of the reference, never completed' },
  { memo: PREFIX, expected: none, why: 'the prefix alone' },
  { memo: `Nop phi ${PREFIX} ho tich`, expected: none, why: 'a prefix among words, no reference' },

  // --- Typos behind the prefix ---
  { memo: `IBFT ${PREFIX}${typo(R2, 0, '2')}`, expected: none, why: 'prefixed, first character mistyped' },
  { memo: `IBFT ${PREFIX}${typo(R2, 1, 'O')}`, expected: none, why: 'prefixed, look-alike O typed: never mapped' },
  { memo: `IBFT ${PREFIX}${R2.slice(0, 4)}Q${R2.slice(4)}`, expected: none, why: 'prefixed, a character inserted: 9 characters after the prefix, never guess which 8' },
  { memo: `${PREFIX}${R6}${R6[7]}`, expected: none, why: 'prefixed, last character typed twice' },

  // --- Prefixes and several references ---
  { memo: `IBFT HCM ${R1}`, expected: one(R1), why: "another deployment's prefix typed apart: the reference stands alone and is found (settlement still checks order and account)" },
  { memo: `${PREFIX}${R5} ${PREFIX}${R6}`, expected: { kind: 'ambiguous', references: [R5, R6] }, why: 'two prefixed references: a clerk decides' },
  { memo: `${PREFIX}${R5} ${R6}`, expected: { kind: 'ambiguous', references: [R5, R6] }, why: 'one prefixed, one bare: a prefixed reference does not outrank a bare one' },
  { memo: `${PREFIX}${R9} (${R9})`, expected: one(R9), why: 'the same reference prefixed and bare is one reference' },
  { memo: `${PREFIX}${R10} CT tu 0123456789 ${VALID_NAME_JOIN}`, expected: one(R10), why: 'prefixed reference and a name that joins into a valid code: still one' },

  // ===== SePay's payment code (`code`), beside the memo =====
  { memo: `${PREFIX}${R1}FT24123456789012`, code: `${PREFIX}${R1}`, expected: one(R1), why: 'SePay cut the code out of a memo that alone is not read' },
  { memo: `BankAPINotify ${PREFIX}${R2}`, code: `${PREFIX}${R2}`, expected: one(R2), why: 'SePay code and memo agree' },
  { memo: 'Chuyen tien', code: lower(PREFIX + R3), expected: one(R3), why: 'the code alone, in lower case' },
  { memo: 'Chuyen tien', code: `${PREFIX}${typo(R3, 2, 'A')}`, expected: none, why: 'a code whose check character fails names nothing' },
  { memo: 'Chuyen tien', code: `XYZ${R3}`, expected: none, why: "a code with another deployment's prefix is not ours" },
  { memo: 'Chuyen tien', code: R3, expected: none, why: 'a code without our prefix is not a payment code of ours' },
  { memo: `IBFT ${R4}`, code: `${PREFIX}${R5}`, expected: { kind: 'ambiguous', references: [R5, R4] }, why: 'the code names another reference than the memo: a clerk decides' },
  { memo: `IBFT ${PREFIX}${R6}`, code: '', expected: one(R6), why: 'an empty code: the memo decides' },
];
