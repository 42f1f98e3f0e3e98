/**
 * Text helpers shared by search, memos and the VietQR encoder.
 * Pure: no I/O, no clock.
 */

/** Remove Vietnamese diacritics (Đ/đ → D/d included) without changing case. */
export function stripDiacritics(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/**
 * Fold text for search: no diacritics, lower case, runs of anything that is not a
 * letter or digit collapsed to one space. "Đăng ký  khai-sinh" → "dang ky khai sinh".
 */
export function foldForSearch(input: string): string {
  return stripDiacritics(input)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Text a bank app can carry: diacritics stripped, only ASCII letters, digits and single
 * spaces kept, trimmed. Cutting to a field's limit is the caller's job (it knows the limit).
 */
export function toBankAscii(input: string): string {
  return stripDiacritics(input)
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}
