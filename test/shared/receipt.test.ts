import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AGENCIES } from '../../shared/catalogue';
import { zodDetails } from '../../shared/errors';
import { draftOrder } from '../../shared/order';
import { checkCharacter } from '../../shared/reference';
import {
  MAX_RECEIPT_NUMBER,
  RECEIPT_STATUSES,
  RECEIPT_TEMPLATE,
  buildReceiptContent,
  cancelReceiptSchema,
  canonicalReceiptJson,
  formatReceiptNumber,
  receiptContentSchema,
  receiptLocalDate,
  receiptSymbol,
  receiptYear,
  type BuildReceiptArgs,
  type ReceiptContent,
} from '../../shared/receipt';
import { procedureWithFee } from '../support/fixtures';

const agency = AGENCIES.find((a) => a.id === 'xa-giong-trom')!;

function order(overrides: Partial<BuildReceiptArgs['order']> = {}): BuildReceiptArgs['order'] {
  return {
    id: 'K7P3QX9R',
    reference: 'K7P3QX9R',
    procedureCode: '2.000815',
    procedureName: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
    amount: 25_000,
    payer: { name: 'Nguyễn Thị Hồng Nhung', phone: '0912345678' } as { name: string },
    ...overrides,
  };
}

function args(overrides: Partial<BuildReceiptArgs> = {}): BuildReceiptArgs {
  return {
    order: order(),
    agency,
    number: 42,
    issuedAt: new Date('2026-07-15T03:04:05.000Z'),
    paymentMethod: 'bank_transfer',
    collector: { username: 'clerk', displayName: 'Trần Văn Bình' },
    ...overrides,
  };
}

describe('receipt symbol', () => {
  it('is the 2-digit year, T, then the two letters', () => {
    expect(receiptSymbol(2026, 'AB')).toBe('26TAB');
    expect(receiptSymbol(2027, 'GR')).toBe('27TGR');
    expect(receiptSymbol(2000, 'GT')).toBe('00TGT');
    expect(receiptSymbol(2099, 'YY')).toBe('99TYY');
    // Only the twenty letters Circular 91/2026/TT-BTC allows (no F, I, J, O, W, Z): issue 15.
    for (const forbidden of ['ZZ', 'OF', 'AI', 'JW']) expect(() => receiptSymbol(2026, forbidden), forbidden).toThrow(RangeError);
  });

  it('refuses letters that are not two capital letters A–Z', () => {
    for (const bad of ['', 'A', 'ABC', 'ab', 'Ab', 'A1', 'ĐT', 'A ', ' A']) {
      expect(() => receiptSymbol(2026, bad), bad).toThrow(RangeError);
    }
  });

  it('refuses a year whose two digits would be ambiguous or that is not a whole year', () => {
    for (const bad of [1999, 2100, 26, 2026.5, Number.NaN]) expect(() => receiptSymbol(bad, 'AB')).toThrow(RangeError);
  });

  it('fits every agency of the catalogue', () => {
    for (const a of AGENCIES) expect(receiptSymbol(2026, a.receiptSymbol)).toMatch(/^26T[A-Z]{2}$/);
  });
});

describe('receipt number', () => {
  it('is shown with 8 digits', () => {
    expect(formatReceiptNumber(1)).toBe('00000001');
    expect(formatReceiptNumber(42)).toBe('00000042');
    expect(formatReceiptNumber(MAX_RECEIPT_NUMBER)).toBe('99999999');
  });

  it('refuses 0, negatives, fractions and anything above 8 digits', () => {
    for (const bad of [0, -1, 1.5, MAX_RECEIPT_NUMBER + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => formatReceiptNumber(bad), String(bad)).toThrow(RangeError);
    }
  });

  it('keeps the order of the numbers in the order of the text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_RECEIPT_NUMBER }), fc.integer({ min: 1, max: MAX_RECEIPT_NUMBER }), (a, b) => {
        const [x, y] = [formatReceiptNumber(a), formatReceiptNumber(b)];
        return x.length === 8 && Math.sign(a - b) === (x < y ? -1 : x > y ? 1 : 0);
      }),
    );
  });
});

describe('receipt year, in Vietnam time (UTC+7)', () => {
  it('starts the new year at 17:00 UTC on 31 December', () => {
    expect(receiptYear('2026-12-31T16:59:59.999Z')).toBe(2026);
    expect(receiptYear('2026-12-31T17:00:00.000Z')).toBe(2027);
    expect(receiptYear('2026-12-31T18:00:00Z')).toBe(2027);
    expect(receiptYear(new Date('2027-01-01T00:00:00+07:00'))).toBe(2027);
    expect(receiptYear('2026-12-31T23:59:59+07:00')).toBe(2026);
  });

  it('gives the date printed on the receipt', () => {
    expect(receiptLocalDate('2026-12-31T18:00:00Z')).toBe('2027-01-01');
    expect(receiptLocalDate('2026-07-15T03:04:05Z')).toBe('2026-07-15');
    expect(receiptLocalDate('2026-07-15T17:00:00Z')).toBe('2026-07-16');
  });

  it('refuses what is not an instant', () => {
    expect(() => receiptYear('not a date')).toThrow(RangeError);
    expect(() => receiptYear(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('puts a receipt issued just after midnight in Hà Nội on the new symbol', () => {
    const content = buildReceiptContent(args({ issuedAt: new Date('2026-12-31T18:00:00Z'), number: 1 }));
    expect(content.symbol).toBe('27TGR');
    expect(content.issuedAt).toBe('2026-12-31T18:00:00.000Z');
  });
});

describe('buildReceiptContent', () => {
  it('carries every content the law requires, computed from the order', () => {
    const content = buildReceiptContent(args());
    expect(content).toEqual({
      template: 'EBL01',
      symbol: '26TGR',
      number: 42,
      issuedAt: '2026-07-15T03:04:05.000Z',
      agency: {
        id: 'xa-giong-trom',
        name: 'Ủy ban nhân dân xã Giồng Trôm',
        taxCode: '9900000202',
        address: 'Xã Giồng Trôm, tỉnh Vĩnh Long',
      },
      feeName: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
      procedureCode: '2.000815',
      orderId: 'K7P3QX9R',
      reference: 'K7P3QX9R',
      amount: 25_000,
      amountInWords: 'Hai mươi lăm nghìn đồng',
      currency: 'VND',
      payer: { name: 'Nguyễn Thị Hồng Nhung' },
      paymentMethod: 'bank_transfer',
      collector: { username: 'clerk', displayName: 'Trần Văn Bình' },
    } satisfies ReceiptContent);
    expect(RECEIPT_TEMPLATE).toBe('EBL01');
  });

  it('never puts the payer phone on the receipt', () => {
    const content = buildReceiptContent(args());
    expect(JSON.stringify(content)).not.toContain('0912345678');
  });

  it('leaves out a payer without a name, and a collector without a display name', () => {
    const content = buildReceiptContent(args({ order: order({ payer: { name: '  ' } }), collector: { username: 'clerk' } }));
    expect(content).not.toHaveProperty('payer');
    expect(content.collector).toEqual({ username: 'clerk' });
    const noPayer = buildReceiptContent(args({ order: order({ payer: undefined }) }));
    expect(noPayer).not.toHaveProperty('payer');
  });

  it('accepts a FeeOrder and a catalogue Agency as they are', () => {
    const procedure = procedureWithFee('flat', 'commune');
    const body = 'M4N8WQ2';
    const drafted = draftOrder({
      input: { procedureCode: procedure.code, agencyId: agency.id, payer: { name: 'Lê Văn An' } },
      procedure,
      agency,
      reference: body + checkCharacter(body),
      paymentCodePrefix: 'MCP',
      now: new Date('2026-07-15T02:00:00Z'),
    });
    if (!drafted.ok) throw new Error(drafted.refusal);
    const content = buildReceiptContent({ ...args(), order: drafted.order, agency });
    expect(content.feeName).toBe(procedure.name);
    expect(content.amount).toBe(drafted.order.amount);
    expect(content.orderId).toBe(drafted.order.id);
    expect(content.reference).toBe(drafted.order.reference);
    expect(content.payer).toEqual({ name: 'Lê Văn An' });
    expect(receiptContentSchema.safeParse(content).success).toBe(true);
  });

  it('normalises Vietnamese text to NFC, so the signed bytes do not depend on the keyboard', () => {
    const decomposed = 'Nguyễn Văn Bình'.normalize('NFD');
    const content = buildReceiptContent(args({ order: order({ payer: { name: decomposed } }) }));
    expect(content.payer?.name).toBe('Nguyễn Văn Bình'.normalize('NFC'));
  });

  it('accepts the symbol the number was drawn under, and refuses one of another year', () => {
    expect(buildReceiptContent(args({ symbol: '26TGR' })).symbol).toBe('26TGR');
    // Drawn at 23:59:59 on 31 December, issued a second later in Vietnam time.
    expect(() => buildReceiptContent(args({ symbol: '26TGR', issuedAt: new Date('2026-12-31T17:00:00Z') }))).toThrow(RangeError);
    expect(() => buildReceiptContent(args({ symbol: '26TLH' }))).toThrow(RangeError);
  });

  it('refuses a number out of range, an amount that is not whole and positive, and bad letters', () => {
    expect(() => buildReceiptContent(args({ number: 0 }))).toThrow(RangeError);
    expect(() => buildReceiptContent(args({ number: 100_000_000 }))).toThrow(RangeError);
    expect(() => buildReceiptContent(args({ order: order({ amount: 0 }) }))).toThrow(RangeError);
    expect(() => buildReceiptContent(args({ order: order({ amount: 1000.5 }) }))).toThrow(RangeError);
    expect(() => buildReceiptContent(args({ agency: { ...agency, receiptSymbol: 'mt' } }))).toThrow(RangeError);
    expect(() => buildReceiptContent(args({ agency: { ...agency, taxCode: '123' } }))).toThrow(RangeError);
  });

  it('marks a cash payment', () => {
    expect(buildReceiptContent(args({ paymentMethod: 'cash' })).paymentMethod).toBe('cash');
  });
});

describe('receipt content schema', () => {
  const good = () => buildReceiptContent(args());

  it('refuses words that are not the words of the amount', () => {
    expect(receiptContentSchema.safeParse({ ...good(), amount: 26_000 }).success).toBe(false);
  });

  it('refuses a symbol whose year is not the year of issue', () => {
    expect(receiptContentSchema.safeParse({ ...good(), symbol: '25TGR' }).success).toBe(false);
  });

  it('refuses unknown fields and a phone smuggled in with the payer', () => {
    expect(receiptContentSchema.safeParse({ ...good(), extra: 1 }).success).toBe(false);
    expect(receiptContentSchema.safeParse({ ...good(), payer: { name: 'A', phone: '0912345678' } }).success).toBe(false);
  });

  it('refuses control characters and bidirectional overrides in printed text', () => {
    expect(receiptContentSchema.safeParse({ ...good(), feeName: 'Lệ phí\u202E000.52' }).success).toBe(false);
    expect(receiptContentSchema.safeParse({ ...good(), payer: { name: 'A\nB' } }).success).toBe(false);
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level, leaves out verifyUrl and has no spaces', () => {
    const content = { ...buildReceiptContent(args()), verifyUrl: '/api/receipts/verify?token=x' };
    const json = canonicalReceiptJson(content);
    expect(json).not.toContain('verifyUrl');
    expect(json.startsWith('{"agency":{"address":')).toBe(true);
    expect(json).toContain('"collector":{"displayName":"Trần Văn Bình","username":"clerk"}');
    expect(JSON.parse(json)).toEqual(buildReceiptContent(args()));
    const keys = Object.keys(JSON.parse(json) as object);
    expect(keys).toEqual([...keys].sort());
  });

  it('does not depend on the order the fields were written in', () => {
    const content = buildReceiptContent(args());
    const reversed = Object.fromEntries(Object.entries(content).reverse()) as unknown as ReceiptContent;
    expect(canonicalReceiptJson(reversed)).toBe(canonicalReceiptJson(content));
  });
});

describe('cancellation', () => {
  it('has two statuses, and an issued receipt is only ever cancelled', () => {
    expect(RECEIPT_STATUSES).toEqual(['ISSUED', 'CANCELLED']);
  });

  it('accepts a reason of 5 to 500 characters, tidied', () => {
    expect(cancelReceiptSchema.parse({ reason: '  Thu nhầm   số tiền  ' })).toEqual({ reason: 'Thu nhầm số tiền' });
    expect(cancelReceiptSchema.parse({ reason: 'x'.repeat(500) }).reason).toHaveLength(500);
    expect(cancelReceiptSchema.parse({ reason: 'Sai tên'.normalize('NFD') }).reason).toBe('Sai tên');
  });

  it('refuses short, long, missing and control-character reasons, in both languages', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ reason: 'sai' }, /ít nhất 5/i],
      [{ reason: '   sai    ' }, /ít nhất 5/i],
      [{ reason: 'x'.repeat(501) }, /tối đa 500/i],
      [{ reason: 'Thu nhầm\nsố tiền' }, /ký tự điều khiển/],
      [{ reason: 'Thu nhầm\u202Esố tiền' }, /ký tự điều khiển/],
      [{}, /Thiếu thông tin/],
      [{ reason: 'Thu nhầm số tiền', extra: true }, /không được hỗ trợ/],
    ];
    for (const [input, vi] of cases) {
      const result = cancelReceiptSchema.safeParse(input);
      expect(result.success, JSON.stringify(input)).toBe(false);
      if (result.success) continue;
      const [detail] = zodDetails(result.error);
      expect(detail?.message).toMatch(vi);
      expect(detail?.messageEn).toMatch(/[a-z]/);
      expect(detail?.messageEn).not.toBe(detail?.message);
    }
  });
});
