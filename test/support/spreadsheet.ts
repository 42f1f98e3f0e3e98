/**
 * Reading report files the way a spreadsheet does, for the tests: a CSV split as Excel
 * splits a text file it opens, and an .xlsx read back with ExcelJS (a library other than
 * the writer) and unzipped to check its XML.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';

/**
 * How Excel splits a text file it opens: on one separator; a field is quoted only when its
 * very first character is a quote (a quote later in a field is kept as it is), and inside
 * quotes the separator and line breaks are text and `""` is one quote. Rows end at CR LF
 * or LF outside quotes.
 */
export function excelSplit(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    if (field === '' && text[i] === '"') {
      // A quoted field: up to the closing quote, then whatever follows until the separator.
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
      continue;
    }
    const ch = text[i]!;
    if (ch === separator) {
      endField();
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 2;
    } else if (ch === '\n') {
      endRow();
      i++;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length) endRow();
  return rows;
}

/**
 * What Excel shows when it opens a report file by double-click (docs/reports.md): a file
 * starting with the UTF-16LE byte-order mark is Unicode text, split on tabs whatever the
 * regional settings; any other text file is split on the list separator of Windows'
 * regional settings (`;` where the decimal mark is a comma, as in Vietnamese settings).
 */
export function excelOpens(bytes: Uint8Array, listSeparator: ',' | ';'): string[][] {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return excelSplit(new TextDecoder('utf-16le').decode(bytes.subarray(2)), '\t');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return excelSplit(new TextDecoder('utf-8').decode(bytes.subarray(bom)), listSeparator);
}

export type XlsxValue = string | number | boolean | null;

export interface XlsxSheet {
  name: string;
  /** Row by row, cell by cell, from A1; an empty cell is null. */
  rows: XlsxValue[][];
  /** Each cell's type as ExcelJS read it (ExcelJS.ValueType), same shape as `rows`. */
  types: number[][];
  /** Cells ExcelJS read a formula in. */
  formulas: string[];
  /** Bold cells, by address (header rows). */
  bold: string[];
}

export interface XlsxFile {
  sheets: XlsxSheet[];
  /** The package's parts, XML as text. */
  parts: Record<string, string>;
}

export async function readXlsx(bytes: Uint8Array): Promise<XlsxFile> {
  const parts = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheets = workbook.worksheets.map((ws): XlsxSheet => {
    const rows: XlsxValue[][] = [];
    const types: number[][] = [];
    const formulas: string[] = [];
    const bold: string[] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const values: XlsxValue[] = [];
      const kinds: number[] = [];
      for (let col = 1; col <= row.cellCount; col++) {
        const cell = row.getCell(col);
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula) formulas.push(cell.address);
        if (cell.font?.bold) bold.push(cell.address);
        const v = cell.value;
        values.push(v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as XlsxValue));
        kinds.push(cell.type);
      }
      rows.push(values);
      types.push(kinds);
    }
    return { name: ws.name, rows, types, formulas, bold };
  });
  return { sheets, parts };
}

export const XLSX_TEXT = ExcelJS.ValueType.String;
export const XLSX_NUMBER = ExcelJS.ValueType.Number;
