/**
 * The .xlsx writer of the reports (functions/lib/reports/xlsx.ts, zip.ts), read back with ExcelJS,
 * another library: every cell what it was given, typed (numbers as numbers, text as text),
 * text that looks like a formula stored as text and never as one, and a well-formed
 * package whatever the text holds (characters XML cannot carry, Excel's `_xHHHH_` escapes).
 */
import { crc32 } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toXlsx, xlsxText } from '../../functions/lib/reports/xlsx';
import { zip } from '../../functions/lib/reports/zip';
import type { ReportTable } from '../../functions/lib/reports/tables';
import { readXlsx, XLSX_NUMBER, XLSX_TEXT } from '../support/spreadsheet';

const HOSTILE = ['=1+1', 'a;=1+1;b', '=HYPERLINK("http://x","bấm")', '@SUM(A1:A2)', '+84912345678', '-1+1', '=cmd|\' /C calc\'!A0'];

const tables: ReportTable[] = [
  { name: 'Thông tin', rows: [['BÁO CÁO ĐỐI SOÁT'], ['Cơ quan', 'Ủy ban nhân dân xã Mỹ Thạnh'], ['Khớp tổng', true], ['Trống', null]] },
  {
    name: 'Giao dịch',
    rows: [
      ['STT', 'Nội dung', 'Số tiền (đồng)', 'Tỷ lệ (%)'],
      ...HOSTILE.map((memo, i) => [i + 1, memo, 1_250_000 * (i + 1), 95.24]),
      [99, 'Trần Thị "Bé", Hai <b>&amp;</b>', -5000, 0.5],
      [100, 'dòng một\r\ndòng hai\tcột', 0, null],
    ],
  },
];

describe('the .xlsx of a report', () => {
  it('holds one sheet per table, each cell as it was given, typed', async () => {
    const book = await readXlsx(toXlsx(tables));
    expect(book.sheets.map((s) => s.name)).toEqual(['Thông tin', 'Giao dịch']);
    const [info, lines] = book.sheets;
    expect(info!.rows).toEqual([['BÁO CÁO ĐỐI SOÁT'], ['Cơ quan', 'Ủy ban nhân dân xã Mỹ Thạnh'], ['Khớp tổng', 'Có'], ['Trống']]);
    expect(lines!.rows[0]).toEqual(['STT', 'Nội dung', 'Số tiền (đồng)', 'Tỷ lệ (%)']);
    expect(lines!.rows.slice(1)).toEqual(tables[1]!.rows.slice(1).map((r) => (r[3] === null ? r.slice(0, 3) : r)).map((r) => r.map((v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n') : v))));
    for (const types of lines!.types.slice(1)) expect(types.slice(0, 3)).toEqual([XLSX_NUMBER, XLSX_TEXT, XLSX_NUMBER]);
    // The first row of every sheet is its header: bold.
    expect(lines!.bold).toEqual(['A1', 'B1', 'C1', 'D1']);
  });

  it('stores text that looks like a formula as text, never as a formula', async () => {
    const book = await readXlsx(toXlsx(tables));
    const lines = book.sheets[1]!;
    expect(lines.formulas).toEqual([]);
    HOSTILE.forEach((memo, i) => {
      expect(lines.rows[i + 1]![1]).toBe(memo); // as written: no ' mark is needed in a typed cell
      expect(lines.types[i + 1]![1]).toBe(XLSX_TEXT);
    });
    for (const [name, xml] of Object.entries(book.parts)) {
      expect(xml, name).not.toMatch(/<f[\s>]/);
      // A cell's text is a shared string (t="s"), never a formula's cached result (t="str").
      if (name.startsWith('xl/worksheets/')) expect(xml, name).not.toMatch(/t="str"/);
    }
  });

  it('stays a well-formed package whatever the text holds', async () => {
    const awkward = ['line one\r\nline two\rthree', 'a\u0001b\u0008c\u000Bd\u001F', '_x0041_ and _x005F_', 'lone \uD800 surrogate', 'emoji 👍 stays', 'x'.repeat(40_000), 'C\u0323\u0301 NFD → NFC'];
    const book = await readXlsx(toXlsx([{ name: 'Khó: [tên]/*?', rows: [['Văn bản'], ...awkward.map((t) => [t])] }, { name: 'Khó: [tên]/*?', rows: [] }]));
    // Names: no character Excel refuses, 31 at most, unique.
    expect(book.sheets.map((s) => s.name)).toEqual(['Khó   tên', 'Khó   tên 2']);
    const cells = book.sheets[0]!.rows.slice(1).map((r) => r[0]);
    expect(cells[0]).toBe('line one\nline two\nthree'); // line breaks as a cell's: LF
    expect(cells[1]).toBe('abcd'); // control characters XML cannot hold are dropped
    expect(cells[2]).toBe('_x0041_ and _x005F_'); // read back literally, not as "A" and "_"
    expect(cells[3]).toBe('lone  surrogate');
    expect(cells[4]).toBe('emoji 👍 stays');
    expect(cells[5]).toHaveLength(32_767); // Excel's limit for one cell
    expect(cells[6]).toBe('C\u0323\u0301 NFD → NFC'.normalize('NFC'));
    expect(xlsxText('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('is the same bytes for the same tables', () => {
    expect(Buffer.from(toXlsx(tables)).equals(Buffer.from(toXlsx(tables)))).toBe(true);
  });
});

describe('the zip under it', () => {
  it('is read back file for file by another implementation (fflate), each CRC-32 and date as stored', () => {
    const entries = [
      { name: 'empty.txt', data: new Uint8Array(0) },
      { name: 'a/b/ascii.xml', data: new TextEncoder().encode('<x>Xin chào, Việt Nam</x>') },
      { name: 'big.bin', data: new Uint8Array(200_000).map((_, i) => (i * 7919) % 251) },
    ];
    const archive = zip(entries, new Date(Date.UTC(2026, 4, 17, 13, 45, 30)));
    const back = unzipSync(archive);
    expect(Object.keys(back)).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(Buffer.from(back[e.name]!).equals(Buffer.from(e.data)), e.name).toBe(true);
    // Every CRC-32 as stored is the data's (a reader that checks them would refuse the file otherwise).
    const view = Buffer.from(archive);
    const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = view.readUInt32LE(eocd + 16);
    for (const e of entries) {
      expect(view.readUInt32LE(at)).toBe(0x02014b50);
      expect(view.readUInt32LE(at + 16)).toBe(crc32(e.data) >>> 0);
      expect(view.readUInt16LE(at + 14)).toBe(((2026 - 1980) << 9) | (5 << 5) | 17);
      at += 46 + view.readUInt16LE(at + 28);
    }
  });
});
