/**
 * The report tables (tables.ts) as CSV, in two dialects (docs/reports.md):
 *
 * - `rfc4180`, for programs: UTF-8 with a byte-order mark, comma-separated, CRLF.
 * - `excel`, for a person who opens the file in Excel: UTF-16LE with a byte-order mark,
 *   tab-separated. Excel splits a UTF-8 CSV on the list separator of Windows' regional
 *   settings, which is `;` in Vietnamese settings (the decimal mark being a comma), so a
 *   comma-separated file opens there as one column; a UTF-16LE file with its BOM it reads
 *   as Unicode text split on tabs, whatever the settings. (A `sep=,` first line would fix
 *   the split but makes Excel ignore the BOM, and the Vietnamese text is garbled.)
 *
 * Either way the same cells: numbers as they are, text quoted when it holds a separator
 * (comma, semicolon or tab), a quote or a line break, and never a formula.
 */
import { YES_NO, type Cell, type ReportTable } from './tables';

export type CsvDialect = 'rfc4180' | 'excel';

/**
 * Text a spreadsheet would run as a formula starts with = + - @ (or a tab or CR before
 * one). Such a trigger is kept as text with a ' before it (OWASP "CSV injection"), at the
 * start of the cell and after every separator inside it (then spaces or quotes): opened
 * with another list separator than the file's, Excel splits a quoted cell there, and the
 * piece after `;` would otherwise start with the trigger (`a;=1+1;b`).
 */
const TRIGGER_AFTER_SEPARATOR = /(?<=(?:^|[,;\t\r\n])[ "]*)(?=[=+\-@\t\r])/g;

/** Text as a spreadsheet must see it: normalised, and no formula anywhere in it. */
export function neutraliseFormulas(text: string): string {
  return text.normalize('NFC').replace(TRIGGER_AFTER_SEPARATOR, "'");
}

/**
 * One field: numbers as they are (no thousands separators, so a spreadsheet sums them);
 * text with its formula triggers neutralised, and quoted when it holds a comma, a
 * semicolon, a tab, a quote or a line break, or starts or ends with a space.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? YES_NO.yes : YES_NO.no;
  const s = neutraliseFormulas(value);
  return /[",;\t\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const SEPARATOR: Record<CsvDialect, string> = { rfc4180: ',', excel: '\t' };

/**
 * The text of the file: a byte-order mark, CRLF line ends (RFC 4180); tables one after
 * another, an empty line between them. Encode it with `csvBytes`.
 */
export function toCsv(tables: readonly (readonly (readonly Cell[])[])[], dialect: CsvDialect = 'rfc4180'): string {
  const sep = SEPARATOR[dialect];
  return `\uFEFF${tables.map((rows) => rows.map((r) => r.map(csvField).join(sep)).join('\r\n')).join('\r\n\r\n')}\r\n`;
}

/** The bytes of the file and its media type: UTF-8 for `rfc4180`, UTF-16LE for `excel` (the BOM is the text's first character). */
export function csvFile(tables: readonly ReportTable[], dialect: CsvDialect): { bytes: Uint8Array; contentType: string } {
  const text = toCsv(tables.map((t) => t.rows), dialect);
  return dialect === 'excel'
    ? { bytes: new Uint8Array(Buffer.from(text, 'utf16le')), contentType: 'text/csv; charset=utf-16' }
    : { bytes: new TextEncoder().encode(text), contentType: 'text/csv; charset=utf-8' };
}
