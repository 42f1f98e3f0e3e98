import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DOMParser } from '@xmldom/xmldom';
import { amountInWords } from '../../shared/amount-words';
import { buildReceiptContent } from '../../shared/receipt';
import { RECEIPT_SYMBOL_LETTERS } from '../../shared/receipt-symbol';
import { buildErrorNoticeXml } from '../../shared/e-receipt/notice-xml';
import { buildReceiptXml, eReceiptFromContent, type EReceipt } from '../../shared/e-receipt/receipt-xml';
import { buildDailySummaryXml } from '../../shared/e-receipt/summary-xml';
import { escapeAttribute, escapeText } from '../../shared/e-receipt/xml-writer';
import { agency, sampleNotice, sampleReceipt, sampleSummary } from '../support/e-receipt-fixtures';
import { SCHEMAS, xmllintValidate } from '../support/xml-tools';

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'text/xml') as unknown as Document;
}

function text(doc: Document, path: string): string | undefined {
  let node: Element | undefined = doc.documentElement;
  for (const name of path.split('/').slice(1)) {
    node = Array.from(node?.childNodes ?? []).find((c): c is Element => c.nodeType === 1 && (c as Element).nodeName === name);
  }
  return node?.textContent ?? undefined;
}

describe('the receipt XML', () => {
  const xml = buildReceiptXml(sampleReceipt());
  const doc = parse(xml);

  it('carries what Decree 254, Art. 23.2 requires', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?><BLai><DLBLai Id="data"><TTChung>')).toBe(true);
    expect(text(doc, 'BLai/DLBLai/TTChung/THDon')).toBe('Biên lai thu phí, lệ phí');
    expect(text(doc, 'BLai/DLBLai/TTChung/KHMSHDon')).toBe('EBL01');
    expect(text(doc, 'BLai/DLBLai/TTChung/KHHDon')).toBe('26TGR');
    expect(text(doc, 'BLai/DLBLai/TTChung/SHDon')).toBe('42');
    expect(text(doc, 'BLai/DLBLai/TTChung/NLap')).toBe('2026-07-15');
    expect(text(doc, 'BLai/DLBLai/TTChung/TGLap')).toBe('2026-07-15T10:04:05+07:00');
    expect(text(doc, 'BLai/DLBLai/NDBLai/DVThu/Ten')).toBe('Ủy ban nhân dân xã Giồng Trôm');
    expect(text(doc, 'BLai/DLBLai/NDBLai/DVThu/MST')).toBe('9900000202');
    expect(text(doc, 'BLai/DLBLai/NDBLai/DSPhi/Phi/TPhi')).toBe('Lệ phí chứng thực chữ ký');
    expect(text(doc, 'BLai/DLBLai/NDBLai/TToan/TgTien')).toBe('10000');
    expect(text(doc, 'BLai/DLBLai/NDBLai/TToan/TgTienChu')).toBe('Mười nghìn đồng');
    expect(text(doc, 'BLai/DLBLai/TTChung/DVTTe')).toBe('VND');
    expect(xml.endsWith('<DSCKS><DVThu/></DSCKS></BLai>')).toBe(true);
  });

  it('dates a receipt by Vietnam time: 18:00 UTC on 31 December is the next year', () => {
    const late = parse(buildReceiptXml(sampleReceipt({ symbol: '27TGR', issuedAt: '2026-12-31T18:00:00.000Z' })));
    expect(text(late, 'BLai/DLBLai/TTChung/NLap')).toBe('2027-01-01');
    expect(() => buildReceiptXml(sampleReceipt({ symbol: '26TGR', issuedAt: '2026-12-31T18:00:00.000Z' }))).toThrow(/symbol year/);
  });

  it('sums the lines and writes the total in words', () => {
    const two = parse(
      buildReceiptXml(sampleReceipt({ lines: [{ feeName: 'Phí A', amount: 20_000 }, { feeName: 'Phí B', amount: 5_000 }] })),
    );
    expect(text(two, 'BLai/DLBLai/NDBLai/TToan/TgTien')).toBe('25000');
    expect(text(two, 'BLai/DLBLai/NDBLai/TToan/TgTienChu')).toBe('Hai mươi lăm nghìn đồng');
  });

  it('leaves the payer out when nothing is known of them', () => {
    expect(buildReceiptXml(sampleReceipt({ payer: undefined }))).not.toContain('<NNop>');
    expect(buildReceiptXml(sampleReceipt({ payer: {} }))).not.toContain('<NNop>');
  });

  it('names the receipt a replacing receipt replaces', () => {
    const replacing = buildReceiptXml(
      sampleReceipt({ number: 43, replaces: { template: 'EBL01', symbol: '26TGR', number: 42, issuedAt: '2026-07-14T17:30:00.000Z', note: 'Sai số tiền' } }),
    );
    expect(replacing).toContain(
      '<TTHDLQuan><TCHDon>1</TCHDon><KHMSHDCLQuan>EBL01</KHMSHDCLQuan><KHHDCLQuan>26TGR</KHHDCLQuan><SHDCLQuan>42</SHDCLQuan><NLHDCLQuan>2026-07-15</NLHDCLQuan><GChu>Sai số tiền</GChu></TTHDLQuan>',
    );
    expect(() =>
      buildReceiptXml(sampleReceipt({ replaces: { template: 'EBL01', symbol: '26TGR', number: 42, issuedAt: '2026-07-14T00:00:00Z', note: 'x' } })),
    ).toThrow(/cannot replace itself/);
  });

  it('shows the delegatee beside the agency when receipts are delegated (Decree 254, Art. 25)', () => {
    const delegated = parse(
      buildReceiptXml(sampleReceipt({ delegatee: { name: 'Công ty Cổ phần Hóa đơn & Dịch vụ', taxCode: '0100109106', address: 'Hà Nội' } })),
    );
    expect(text(delegated, 'BLai/DLBLai/NDBLai/DVThu/Ten')).toBe('Ủy ban nhân dân xã Giồng Trôm');
    expect(text(delegated, 'BLai/DLBLai/NDBLai/DVNUNLap/Ten')).toBe('Công ty Cổ phần Hóa đơn & Dịch vụ');
    expect(text(delegated, 'BLai/DLBLai/NDBLai/DVNUNLap/DChi')).toBe('Hà Nội');
  });

  it('comes from a receipt the product issued', () => {
    const content = buildReceiptContent({
      order: { id: 'K7P3QX9R', reference: 'K7P3QX9R', procedureCode: '2.000815', procedureName: 'Chứng thực chữ ký', amount: 25_000 },
      agency,
      number: 7,
      issuedAt: new Date('2026-07-15T03:04:05.000Z'),
      paymentMethod: 'cash',
      collector: { username: 'clerk' },
    });
    const from = parse(buildReceiptXml(eReceiptFromContent(content)));
    expect(text(from, 'BLai/DLBLai/TTChung/HTTToan')).toBe('Tiền mặt');
    expect(text(from, 'BLai/DLBLai/NDBLai/TToan/TgTienChu')).toBe(content.amountInWords);
  });

  it('refuses what the law or XML does not allow', () => {
    expect(() => buildReceiptXml(sampleReceipt({ symbol: '26TOF' }))).toThrow(/"O", "F" cannot be used/);
    expect(() => buildReceiptXml(sampleReceipt({ number: 100_000_000 }))).toThrow(RangeError);
    expect(() => buildReceiptXml(sampleReceipt({ lines: [] }))).toThrow(RangeError);
    expect(() => buildReceiptXml(sampleReceipt({ lines: [{ feeName: 'x', amount: 0 }] }))).toThrow(RangeError);
    expect(() => buildReceiptXml(sampleReceipt({ collector: { name: 'x', taxCode: '123' } }))).toThrow(/tax code/);
    expect(() => buildReceiptXml(sampleReceipt({ payer: { name: 'A\u202eB' } }))).toThrow(/control characters/);
    expect(() => buildReceiptXml(sampleReceipt({ payer: { name: 'A\uffffB' } }))).toThrow(/U\+FFFF/);
    expect(() => buildReceiptXml({ ...sampleReceipt(), extra: 1 } as EReceipt)).toThrow(RangeError);
  });

  it('escapes what names can hold', () => {
    const odd = buildReceiptXml(sampleReceipt({ payer: { name: 'Tom & "Jerry" <b>' } }));
    expect(odd).toContain('<Ten>Tom &amp; "Jerry" &lt;b&gt;</Ten>');
    expect(text(parse(odd), 'BLai/DLBLai/NDBLai/NNop/Ten')).toBe('Tom & "Jerry" <b>');
    expect(escapeText('a\r\nb')).toBe('a&#xD;\nb');
    expect(escapeAttribute('"a"\t<&')).toBe('&quot;a&quot;&#x9;&lt;&amp;');
  });
});

// Text a payer's or fee's name can hold: Vietnamese, markup characters, astral symbols.
const name = fc
  .string({ unit: fc.constantFrom(...'aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠàáảãạỳýỷỹỵ &<>"\'', '𝔸', '中', '\u0301'), minLength: 1, maxLength: 60 })
  .filter((s) => s.trim().length > 0);
const letter = fc.constantFrom(...RECEIPT_SYMBOL_LETTERS);
const instant2026 = fc.integer({ min: Date.parse('2026-01-01T00:00:00+07:00'), max: Date.parse('2026-12-31T23:59:59+07:00') }).map((ms) => new Date(ms).toISOString());

const receiptArbitrary: fc.Arbitrary<EReceipt> = fc.record({
  template: fc.constantFrom('EBL01' as const, 'EBL02' as const),
  symbol: fc.tuple(letter, letter).map(([a, b]) => `26T${a}${b}`),
  number: fc.integer({ min: 1, max: 99_999_999 }),
  issuedAt: instant2026,
  collector: fc.record({ name, taxCode: fc.stringMatching(/^\d{10}(-\d{3})?$/), address: fc.option(name, { nil: undefined }) }),
  payer: fc.option(fc.record({ name: fc.option(name, { nil: undefined }), taxCode: fc.option(fc.stringMatching(/^\d{12}$/), { nil: undefined }) }), { nil: undefined }),
  lines: fc.array(fc.record({ feeName: name, procedureCode: fc.option(fc.stringMatching(/^\d\.\d{6}$/), { nil: undefined }), amount: fc.integer({ min: 1, max: 499_999_999 }) }), { minLength: 1, maxLength: 5 }),
  paymentMethod: fc.constantFrom('bank_transfer' as const, 'cash' as const),
  orderReference: fc.option(fc.stringMatching(/^[A-Z0-9]{9}$/), { nil: undefined }),
});

describe('every XML the module writes validates against its XSD (xmllint)', () => {
  it('receipts of every shape', () => {
    const documents = [
      buildReceiptXml(sampleReceipt()),
      buildReceiptXml(sampleReceipt({ payer: undefined, orderReference: undefined, collector: { name: agency.name, taxCode: '0100109106-001' } })),
      buildReceiptXml(sampleReceipt({ delegatee: { name: 'Công ty A', taxCode: '0100109106', address: 'Hà Nội' }, payer: { name: 'B', taxCode: '001099012345', address: 'C' } })),
      buildReceiptXml(sampleReceipt({ number: 99_999_999, lines: [{ feeName: 'x'.repeat(500), amount: Number.MAX_SAFE_INTEGER }] })),
      buildReceiptXml(sampleReceipt({ number: 43, replaces: { template: 'EBL02', symbol: '26TGR', number: 42, issuedAt: '2026-07-14T00:00:00Z', note: 'Sai số tiền' } })),
      ...fc.sample(receiptArbitrary, 60).map(buildReceiptXml),
    ];
    expect(amountInWords(Number.MAX_SAFE_INTEGER).length).toBeLessThanOrEqual(400);
    const result = xmllintValidate(SCHEMAS.receipt, documents);
    expect(result.output).not.toMatch(/fails to validate|error/);
    expect(result.ok).toBe(true);
  });

  it('and refuses what breaks it (the XSD is not a rubber stamp)', () => {
    const good = buildReceiptXml(sampleReceipt());
    for (const bad of [
      good.replace('<KHHDon>26TGR<', '<KHHDon>26TOF<'),
      good.replace('<SHDon>42<', '<SHDon>123456789<'),
      good.replace('<MST>9900000202<', '<MST>99<'),
      good.replace(/<TgTienChu>[^<]*<\/TgTienChu>/, ''),
      good.replace('<DSCKS><DVThu/></DSCKS>', ''),
      good.replace('<DVThu/>', '<DVThu><Signature xmlns="http://www.w3.org/2000/09/xmldsig#"/></DVThu>'),
    ]) {
      expect(xmllintValidate(SCHEMAS.receipt, [bad]).ok).toBe(false);
    }
  });

  it('the daily summary 01/TH-BLĐT, every column used', () => {
    const xml = buildDailySummaryXml(sampleSummary());
    expect(xml).toContain(
      '<DLieu><STT>2</STT><KHMSHDon>EBL01</KHMSHDon><KHHDon>26TGR</KHHDon><SHDon>43</SHDon><NLap>2026-07-15</NLap><TPhi>Lệ phí chứng thực</TPhi><STien>20000</STien><TGia>1</TGia><TThai>0</TThai><LKDLDChinh>2026-07-14</LKDLDChinh><KHMSHDCLQuan>EBL01</KHMSHDCLQuan><KHHDCLQuan>26TGR</KHHDCLQuan><SHDCLQuan>12</SHDCLQuan><DGiai>Thay thế biên lai sai số tiền</DGiai><GChu>Ghi chú</GChu></DLieu>',
    );
    const amendment = buildDailySummaryXml({ ...sampleSummary(), firstTime: false, amendment: 2 });
    expect(amendment).toContain('<LDau>0</LDau><BSLThu>2</BSLThu>');
    const empty = buildDailySummaryXml({ ...sampleSummary(), rows: [] });
    const big = buildDailySummaryXml(sampleSummary(2_000));
    expect(xmllintValidate(SCHEMAS.summary, [xml, amendment, empty, big])).toMatchObject({ ok: true });
    expect(xmllintValidate(SCHEMAS.summary, [xml.replace('<TThai>0<', '<TThai>9<')]).ok).toBe(false);
  });

  it('the error notice 04/SS-CTĐT, both kinds', () => {
    const own = buildErrorNoticeXml(sampleNotice());
    expect(own).toContain(
      '<CTu><STT>1</STT><KHMSHDon>EBL01</KHMSHDon><KHHDon>26TGR</KHHDon><SHDon>42</SHDon><NLap>2026-07-15</NLap><LCTu>Biên lai thu phí, lệ phí</LCTu><TCTBao>4</TCTBao><LDo>Sai tên người nộp: đúng là Nguyễn Thị Hồng Nhung</LDo></CTu>',
    );
    const answer = buildErrorNoticeXml({ ...sampleNotice(), kind: 'answer-to-tax-authority', taxNotice: { number: '123/TB-CCT', date: '2026-07-16' }, taxOffice: 'Thuế cơ sở 1 tỉnh Vĩnh Long' });
    expect(answer).toContain('<Loai>2</Loai><So>123/TB-CCT</So><NTBCCQT>2026-07-16</NTBCCQT>');
    expect(xmllintValidate(SCHEMAS.notice, [own, answer])).toMatchObject({ ok: true });
    expect(() => buildErrorNoticeXml({ ...sampleNotice(), kind: 'answer-to-tax-authority' })).toThrow(/tax authority's notice/);
  });
});
