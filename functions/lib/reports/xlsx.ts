/**
 * The report tables (tables.ts) as an Excel workbook (.xlsx, Office Open XML
 * SpreadsheetML, ECMA-376): one sheet per table, its first row bold and kept in view,
 * numbers as numbers (integers shown with the reader's thousands separator), text as
 * shared strings (as Excel writes them). A text cell is never a formula, whatever it says
 * (`=HYPERLINK(...)` is stored as text), so it needs none of the CSV's ' marks. It opens
 * the same in every locale: no list separator, no decimal mark, no encoding to guess.
 *
 * A small writer of our own. The libraries that write .xlsx add 75 KB and more to the
 * staff bundle (write-excel-file 4.1.1 with its fflate: 76 KB minified), which would take
 * it past twice the reference bundle (`npm run bench -- bundles`); fflate alone for the
 * zip (9 KB) added about 9 ms to the bundle's import, a cold start's cost, as its module
 * builds Huffman tables when it loads. So: the few parts a workbook needs, in a zip
 * written by zip.ts on Node's own zlib.
 */
import { YES_NO, type Cell, type ReportTable } from './tables';
import { zip } from './zip';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's limit for the text of one cell. */
const MAX_CELL_CHARS = 32_767;

// Characters XML 1.0 cannot hold at all (C0 controls but tab and line ends, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text as a cell holds it: NFC, without characters XML cannot carry, line breaks as the
 * LF a cell breaks its lines at (an XML reader would turn a CR LF into LF anyway), at most
 * Excel's length, with & < > escaped. Excel reads `_xHHHH_` in a string as the character
 * HHHH (ECMA-376 ST_Xstring), so a literal one is written `_x005F_xHHHH_`, as Excel does.
 */
export function xlsxText(value: string): string {
  let s = value.normalize('NFC').replace(/\r\n?/g, '\n').replace(NOT_XML, '');
  if (s.length > MAX_CELL_CHARS) s = s.slice(0, /[\uD800-\uDBFF]/.test(s[MAX_CELL_CHARS - 1]!) ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS);
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1');
}

/** A sheet's name: at most 31 characters, none of \ / ? * [ ] :, unique in the workbook. */
function sheetNames(tables: readonly ReportTable[]): string[] {
  const used = new Set<string>();
  return tables.map((t, i) => {
    const base = t.name.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31) || `Bảng ${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** "A", "B", …, "Z", "AA", …: the column's letters. */
function column(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

// Styles (cellXfs): 0 plain, 1 bold (a sheet's first row), 2 an integer with thousands separators (#,##0), 3 both.
const BOLD = 1;
const INTEGER = 2;

/** The workbook's strings, each written once (xl/sharedStrings.xml); a cell holds its index. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  count = 0;
  of(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) this.index.set(text, (i = this.index.size));
    return i;
  }
  xml(): string {
    const items = [...this.index.keys()].map((t) => `<si><t xml:space="preserve">${xlsxText(t)}</t></si>`).join('');
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.count}" uniqueCount="${this.index.size}">${items}</sst>`;
  }
}

function cellXml(value: Cell, ref: string, bold: boolean, strings: SharedStrings): { xml: string; width: number } {
  if (value === null || value === undefined || value === '' || (typeof value === 'number' && !Number.isFinite(value))) return { xml: '', width: 0 };
  if (typeof value === 'number') {
    const style = (bold ? BOLD : 0) + (Number.isInteger(value) ? INTEGER : 0);
    const text = Number.isInteger(value) ? value.toLocaleString('en-US') : String(value);
    return { xml: `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`, width: text.length };
  }
  const text = typeof value === 'boolean' ? (value ? YES_NO.yes : YES_NO.no) : value;
  const longestLine = Math.max(...text.split(/\r\n|\r|\n/).map((l) => [...l].length));
  return { xml: `<c r="${ref}" t="s"${bold ? ` s="${BOLD}"` : ''}><v>${strings.of(text)}</v></c>`, width: longestLine };
}

function sheetXml(rows: readonly (readonly Cell[])[], strings: SharedStrings): string {
  const widths: number[] = [];
  const body = rows
    .map((row, r) => {
      const cells = row
        .map((value, c) => {
          const { xml, width } = cellXml(value, `${column(c)}${r + 1}`, r === 0, strings);
          // A title above a block of label/value rows would widen its column for nothing.
          if (!(r === 0 && row.length === 1)) widths[c] = Math.max(widths[c] ?? 0, width);
          return xml;
        })
        .join('');
      return `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const cols = widths.length
    ? `<cols>${[...widths].map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(60, Math.max(8, (w ?? 0) + 2))}" customWidth="1"/>`).join('')}</cols>`
    : '';
  const frozen = rows.length > 1 ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' : '';
  return `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">${frozen}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${body}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="3" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A fixed time inside the zip, so the same report gives the same bytes. */
const ZIP_TIME = new Date(Date.UTC(2026, 0, 1));

/** The workbook's bytes. */
export function toXlsx(tables: readonly ReportTable[]): Uint8Array {
  const names = sheetNames(tables);
  const strings = new SharedStrings();
  const sheets = tables.map((t, i) => ({ part: `worksheets/sheet${i + 1}.xml`, name: names[i]!, xml: sheetXml(t.rows, strings) }));
  const stylesId = `rId${sheets.length + 1}`;
  const stringsId = `rId${sheets.length + 2}`;
  const files: Record<string, string> = {
    '[Content_Types].xml':
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      sheets.map((s) => `<Override PartName="/xl/${s.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      '</Types>',
    '_rels/.rels': `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml':
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      `${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">` +
      sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="${s.part}"/>`).join('') +
      `<Relationship Id="${stylesId}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
      `<Relationship Id="${stringsId}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    'xl/styles.xml': STYLES,
    'xl/sharedStrings.xml': strings.xml(),
    ...Object.fromEntries(sheets.map((s) => [`xl/${s.part}`, s.xml])),
  };
  return zip(Object.entries(files).map(([name, xml]) => ({ name, data: Buffer.from(xml, 'utf8') })), ZIP_TIME);
}
