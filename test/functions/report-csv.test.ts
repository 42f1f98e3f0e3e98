/**
 * The CSV of the reports against spreadsheet formula injection (issue 12, finding 7):
 * text a person typed or a bank wrote (a payer's name, a memo) must never become a
 * formula, whichever separator the spreadsheet splits the file on. Excel splits a CSV on
 * the list separator of Windows' regional settings, and with Vietnamese settings that is
 * `;`, so a comma-separated file holding `a;=1+1;b` unquoted used to give a cell `=1+1`.
 */
import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '../../functions/lib/reports/csv';
import { excelSplit } from '../support/spreadsheet';

/** Text an attacker controls, each a classic of CSV injection or a separator trick. */
const HOSTILE = [
  'a;=1+1;b',
  'a,=1+1,b',
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  'x;+cmd|" /C calc"!A0',
  'ok; -2+3',
  'ok,  @x',
  'tab\t=1',
  'dòng một\r\n=HYPERLINK("http://x")',
  'dòng một\n-1',
  ' =lead',
  '=cmd|\' /C calc\'!A0;b',
  'Trần Thị "Bé", Hai',
  // A quote right after the separator: split on `;`, the cell that follows opens with a
  // quote, which Excel takes as quoting, and the trigger after it would start the cell.
  'x;"=1+1',
  'x,"@SUM(1)',
  'x; " +1',
];

const TRIGGER = /^\s*[=+\-@]/;

describe('a CSV cell', () => {
  it('is quoted when it holds either separator, as well as quotes, line breaks and edge spaces', () => {
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a\tb')).toBe('"a\tb"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField(' a')).toBe('" a"');
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField(1250000)).toBe('1250000');
    expect(csvField(-5)).toBe('-5'); // a number is a number, not text that looks like one
  });

  it('keeps a formula trigger as text at its start and after any separator inside it', () => {
    expect(csvField('a;=1+1;b')).toBe('"a;\'=1+1;b"');
    expect(csvField('a,=1+1,b')).toBe('"a,\'=1+1,b"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('ok; -2+3')).toBe('"ok; \'-2+3"');
    expect(csvField('tab\t=1')).toBe('"tab\t\'=1"');
    expect(csvField('dòng một\r\n=x')).toBe('"dòng một\r\n\'=x"');
    // Text without a trigger after a separator is left alone.
    expect(csvField('Ủy ban nhân dân xã Mỹ Thạnh, huyện Giồng Trôm')).toBe('"Ủy ban nhân dân xã Mỹ Thạnh, huyện Giồng Trôm"');
  });

  it.each([',', ';', '\t'])('never starts a cell with a formula trigger when Excel splits the file on %j', (separator) => {
    const text = toCsv([[HOSTILE, ['STT', ...HOSTILE]]]).replace(/^\uFEFF/, '');
    const rows = excelSplit(text, separator);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      for (const cell of row) expect(cell, `${JSON.stringify(cell)} in ${JSON.stringify(row)}`).not.toMatch(TRIGGER);
    }
  });

  it('reads back, split on commas as RFC 4180 says, as the text with its triggers marked', () => {
    const text = toCsv([[HOSTILE]]).replace(/^\uFEFF/, '');
    const [row] = excelSplit(text, ',');
    expect(row).toHaveLength(HOSTILE.length);
    row!.forEach((cell, i) => expect(cell.replace(/'(?=[=+\-@\t\r])/g, '')).toBe(HOSTILE[i]));
  });
});
