/**
 * An amount of VND in Vietnamese words, as an electronic receipt or invoice prints it
 * beside the figures ("Số tiền bằng chữ"). Decree 254/2026/NĐ-CP requires the amount in
 * figures and in words; a receipt whose words disagree with its figures is defective.
 *
 * Reading rules, the ones Vietnamese e-invoice software prints:
 * - "linh", not the southern "lẻ", for a zero tens digit after spoken hundreds:
 *   101 → "một trăm linh một". Both are correct Vietnamese; "linh" is the form of the
 *   Ministry of Finance's own samples and of most invoice software, and one form keeps the
 *   words comparable across receipts.
 * - "mười" for 10–19, "mươi" for the tens from 20 on; "mốt" for a 1 after "mươi"
 *   (21 → "hai mươi mốt"; 11 stays "mười một"); "lăm" for a 5 after any tens
 *   (15 → "mười lăm", 25 → "hai mươi lăm"; 105 stays "một trăm linh năm").
 * - "bốn", never "tư", for a 4 after "mươi" (24 → "hai mươi bốn"): "tư" is spoken, but
 *   invoice software prints "bốn", which also keeps one word per digit, so the words
 *   cannot be misread.
 * - Groups of three digits: nghìn (10^3), triệu (10^6), tỷ (10^9); above that the tỷ
 *   repeats: 10^12 → "một nghìn tỷ", 10^15 → "một triệu tỷ".
 * - An all-zero group is skipped (1,000,005 → "một triệu không trăm linh năm", not
 *   "một triệu không nghìn không trăm linh năm"); a non-zero group after a higher group
 *   always says its hundreds, even "không trăm" (1,005 → "một nghìn không trăm linh năm";
 *   1,050 → "một nghìn không trăm năm mươi"), so every group after the first is read in
 *   full and the words name one amount only. The leading group says only what it has
 *   (25,000 → "hai mươi lăm nghìn").
 * - 0 → "Không đồng". The first letter is a capital; the words end in " đồng".
 */

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const GROUP_NAMES = ['', 'nghìn', 'triệu'] as const;

function digit(d: number): string {
  return DIGITS[d] ?? '';
}

/**
 * One group of three digits (0 < value < 1000). `leading` is true when no higher group was
 * spoken before it, so a zero hundreds digit can be left out.
 */
function readGroup(value: number, leading: boolean): string[] {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor(value / 10) % 10;
  const units = value % 10;
  const words: string[] = [];
  const saysHundreds = hundreds > 0 || !leading;
  if (saysHundreds) words.push(digit(hundreds), 'trăm');

  if (tens === 0) {
    if (units > 0) {
      if (saysHundreds) words.push('linh');
      words.push(digit(units));
    }
  } else if (tens === 1) {
    words.push('mười');
    if (units === 5) words.push('lăm');
    else if (units > 0) words.push(digit(units));
  } else {
    words.push(digit(tens), 'mươi');
    if (units === 1) words.push('mốt');
    else if (units === 5) words.push('lăm');
    else if (units > 0) words.push(digit(units));
  }
  return words;
}

/**
 * The words of a number below 10^9 given as up to nine decimal digits, skipping zero
 * groups. `leading` as in readGroup.
 */
function readBelowBillion(digits: string, leading: boolean): string[] {
  const padded = digits.padStart(9, '0');
  const words: string[] = [];
  let first = leading;
  for (let g = 0; g < 3; g++) {
    const value = Number(padded.slice(g * 3, g * 3 + 3));
    if (value === 0) continue;
    words.push(...readGroup(value, first));
    const name = GROUP_NAMES[2 - g];
    if (name) words.push(name);
    first = false;
  }
  return words;
}

/**
 * Works on the decimal digits, not on floating-point division: Math.floor(n / 1e9) can
 * round up for large safe integers.
 */
function readDigits(digits: string, leading: boolean): string[] {
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed === '') return [];
  if (trimmed.length <= 9) return readBelowBillion(trimmed, leading);
  const high = trimmed.slice(0, -9);
  const low = trimmed.slice(-9);
  return [...readDigits(high, leading), 'tỷ', ...readDigits(low, false)];
}

/**
 * "Hai mươi lăm nghìn đồng" for 25000. `vnd` must be a non-negative safe integer
 * (RangeError otherwise): receipts carry whole VND only.
 */
export function amountInWords(vnd: number): string {
  if (!Number.isSafeInteger(vnd) || vnd < 0) {
    throw new RangeError(`amount must be a non-negative safe integer of VND, got ${vnd}`);
  }
  const words = vnd === 0 ? [digit(0)] : readDigits(String(vnd), true);
  const text = `${words.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
