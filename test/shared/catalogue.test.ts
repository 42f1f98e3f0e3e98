import { describe, expect, it } from 'vitest';
import { BANKS, findBank } from '../../shared/banks';
import {
  AGENCIES,
  PROCEDURES,
  agencySchema,
  isPayableHere,
  procedureSchema,
  proceduresForAgency,
  searchProcedures,
  type Procedure,
} from '../../shared/catalogue';
import { computeFee } from '../../shared/fees';

const codes = (items: readonly Procedure[]) => items.map((p) => p.code);

describe('banks', () => {
  it('lists every BIN once, six digits each', () => {
    expect(BANKS.length).toBe(35);
    expect(new Set(BANKS.map((b) => b.bin)).size).toBe(BANKS.length);
    for (const b of BANKS) expect(b.bin).toMatch(/^\d{6}$/);
  });

  it('finds a bank by BIN', () => {
    expect(findBank('970436')).toMatchObject({ shortName: 'Vietcombank', vietqrCode: 'VCB' });
    expect(findBank('970405')?.shortName).toBe('Agribank');
    expect(findBank('123456')).toBeUndefined();
  });
});

describe('agencies', () => {
  it('every agency passes its schema', () => {
    for (const a of AGENCIES) {
      const result = agencySchema.safeParse(a);
      expect(result.error?.issues ?? [], a.id).toEqual([]);
    }
  });

  it('the district comes first, then at least two communes', () => {
    expect(AGENCIES[0]?.level).toBe('district');
    expect(AGENCIES.filter((a) => a.level === 'commune').length).toBeGreaterThanOrEqual(2);
    expect(AGENCIES.find((a) => a.level === 'commune')?.id).toBe('my-thanh');
  });

  it('ids, receipt symbols and accounts are unique; every BIN is a NAPAS bank', () => {
    expect(new Set(AGENCIES.map((a) => a.id)).size).toBe(AGENCIES.length);
    expect(new Set(AGENCIES.map((a) => a.receiptSymbol)).size).toBe(AGENCIES.length);
    expect(new Set(AGENCIES.map((a) => a.bank.accountNumber)).size).toBe(AGENCIES.length);
    for (const a of AGENCIES) {
      expect(findBank(a.bank.bin), a.id).toBeDefined();
      expect(findBank(a.bank.bin)?.shortName).toBe(a.bank.bankName);
    }
  });

  it('refuses a receipt symbol outside the twenty letters the law allows, saying why (issue 15)', () => {
    const a = AGENCIES[1]!;
    for (const bad of ['OF', 'ZA', 'A', 'ABC', 'mt']) {
      const result = agencySchema.safeParse({ ...a, receiptSymbol: bad });
      expect(result.success, bad).toBe(false);
      expect(JSON.stringify(result.error?.issues), bad).toMatch(/receiptSymbol/);
    }
    expect(agencySchema.safeParse({ ...a, receiptSymbol: 'AB' }).success).toBe(true);
  });

  it('refuses an unknown BIN or a bank name that does not match it', () => {
    const a = AGENCIES[1]!;
    expect(agencySchema.safeParse({ ...a, bank: { ...a.bank, bin: '999999' } }).success).toBe(false);
    expect(agencySchema.safeParse({ ...a, bank: { ...a.bank, bankName: 'BIDV' } }).success).toBe(false);
    expect(agencySchema.safeParse({ ...a, bank: { ...a.bank, accountName: 'Ủy ban xã' } }).success).toBe(false);
    expect(agencySchema.safeParse({ ...a, id: 'Mỹ Thạnh' }).success).toBe(false);
  });
});

describe('procedures', () => {
  it('every procedure passes its schema', () => {
    for (const p of PROCEDURES) {
      const result = procedureSchema.safeParse(p);
      expect(result.error?.issues ?? [], p.code).toEqual([]);
    }
  });

  it('has at least 30 procedures with unique codes, at both levels', () => {
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(codes(PROCEDURES)).size).toBe(PROCEDURES.length);
    expect(PROCEDURES.some((p) => p.level === 'district')).toBe(true);
    expect(PROCEDURES.some((p) => p.level === 'commune')).toBe(true);
  });

  it('covers every fee kind, and tiered with a cap', () => {
    const kinds = new Set(PROCEDURES.map((p) => p.fee.kind));
    expect([...kinds].sort()).toEqual(['flat', 'free', 'per_unit', 'tiered']);
    expect(PROCEDURES.some((p) => p.fee.kind === 'tiered' && p.fee.cap !== null)).toBe(true);
  });

  it('every procedure has an online step mentioning VNeID, and one about paying or not paying', () => {
    for (const p of PROCEDURES) {
      expect(p.onlineSteps.some((s) => s.includes('VNeID')), p.code).toBe(true);
      expect(p.onlineSteps.some((s) => s.includes('mức độ 2')), p.code).toBe(true);
      if (isPayableHere(p)) expect(p.onlineSteps.some((s) => s.includes('VietQR')), p.code).toBe(true);
    }
  });

  it('all Vietnamese text is NFC', () => {
    const text = JSON.stringify([PROCEDURES, AGENCIES]);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('a provincial fee says it is set by the People’s Council and is only a default', () => {
    const provincial = PROCEDURES.filter((p) => p.feeNote?.includes('Hội đồng nhân dân tỉnh quyết định'));
    expect(provincial.length).toBeGreaterThan(5);
    for (const p of provincial) {
      expect(p.feeNote, p.code).toMatch(/mặc định/);
      expect(p.feeNote, p.code).toMatch(/Thông tư 250\/2016\/TT-BTC/);
    }
  });

  it('the national fees carry their amounts', () => {
    const byCode = new Map(PROCEDURES.map((p) => [p.code, p]));
    expect(byCode.get('2.000815')?.fee).toEqual({
      kind: 'tiered',
      unit: 'page',
      tiers: [
        { upTo: 2, unitAmount: 2000 },
        { upTo: null, unitAmount: 1000 },
      ],
      cap: 200_000,
    });
    expect(byCode.get('2.000884')?.fee).toEqual({ kind: 'per_unit', unit: 'case', unitAmount: 10_000 });
    expect(byCode.get('2.000635')?.fee).toEqual({ kind: 'per_unit', unit: 'copy', unitAmount: 8_000 });
    expect(byCode.get('2.001035')?.fee).toEqual({ kind: 'flat', amount: 50_000 });
    expect(byCode.get('2.000913')?.fee).toEqual({ kind: 'flat', amount: 30_000 });
    expect(byCode.get('2.000927')?.fee).toEqual({ kind: 'flat', amount: 25_000 });
    expect(byCode.get('1.001193')?.fee).toEqual({ kind: 'free' });
    expect(byCode.get('1.000894')?.fee).toEqual({ kind: 'free' });
  });

  it('every chargeable fee computes for quantity 1', () => {
    for (const p of PROCEDURES) expect(computeFee(p.fee, 1), p.code).toBeGreaterThanOrEqual(0);
  });

  it('residence fees go to the commune police, not into the agency account', () => {
    const residence = PROCEDURES.filter((p) => p.field === 'Cư trú');
    expect(residence.length).toBeGreaterThanOrEqual(2);
    for (const p of residence) {
      expect(p.feeCollectedBy).toBe('Công an xã');
      expect(isPayableHere(p)).toBe(false);
    }
    expect(isPayableHere(PROCEDURES.find((p) => p.code === '2.000815')!)).toBe(true);
    expect(isPayableHere(PROCEDURES.find((p) => p.code === '1.001193')!)).toBe(false);
  });

  it('the schema refuses malformed entries', () => {
    const p = PROCEDURES[0]!;
    expect(procedureSchema.safeParse({ ...p, code: '1001193' }).success).toBe(false);
    expect(procedureSchema.safeParse({ ...p, onlineSteps: ['a', 'b', 'c'] }).success).toBe(false);
    expect(procedureSchema.safeParse({ ...p, name: 'Đăng ký khai sinh'.normalize('NFD') }).success).toBe(false);
    expect(procedureSchema.safeParse({ ...p, fee: { kind: 'flat', amount: 1 }, feeNote: undefined }).success).toBe(false);
    expect(procedureSchema.safeParse({ ...p, documents: [] }).success).toBe(false);
  });
});

describe('searchProcedures', () => {
  const names = (q: string, level?: 'district' | 'commune') =>
    searchProcedures(PROCEDURES, { q, ...(level ? { level } : {}) }).map((p) => p.name);

  it('"khai sinh" finds "Đăng ký khai sinh" first', () => {
    const found = names('khai sinh');
    expect(found[0]).toBe('Đăng ký khai sinh');
    expect(found).toContain('Đăng ký lại khai sinh');
  });

  it('ignores case and diacritics', () => {
    const expected = names('khai sinh');
    expect(names('KHAI SINH')).toEqual(expected);
    expect(names('Khai Sinh')).toEqual(expected);
    expect(names('khai sinh ')).toEqual(expected);
    expect(names('dang ky khai sinh')[0]).toBe('Đăng ký khai sinh');
    expect(names('ĐĂNG KÝ KHAI SINH')[0]).toBe('Đăng ký khai sinh');
  });

  it('"chứng thực" and "chung thuc" give the same results', () => {
    const withMarks = names('chứng thực');
    expect(withMarks.length).toBeGreaterThanOrEqual(5);
    expect(names('chung thuc')).toEqual(withMarks);
    expect(names('CHUNG THUC')).toEqual(withMarks);
  });

  it('requires every word (AND)', () => {
    const found = searchProcedures(PROCEDURES, { q: 'khai sinh nước ngoài' });
    expect(codes(found)).toEqual(['2.000528']);
    expect(names('khai sinh xây dựng')).toEqual([]);
  });

  it('matches code, field and keywords', () => {
    expect(codes(searchProcedures(PROCEDURES, { q: '1.001193' }))).toEqual(['1.001193']);
    expect(codes(searchProcedures(PROCEDURES, { q: 'sao y' }))).toContain('2.000815');
    expect(codes(searchProcedures(PROCEDURES, { q: 'so do' }))).toContain('1.013978');
    const field = searchProcedures(PROCEDURES, { q: 'hộ kinh doanh' });
    expect(field.length).toBeGreaterThanOrEqual(4);
    expect(field.every((p) => p.field === 'Hộ kinh doanh')).toBe(true);
  });

  it('filters by level', () => {
    const commune = searchProcedures(PROCEDURES, { q: 'khai sinh', level: 'commune' });
    expect(commune.length).toBeGreaterThan(0);
    expect(commune.every((p) => p.level === 'commune')).toBe(true);
    expect(codes(searchProcedures(PROCEDURES, { q: 'khai sinh', level: 'district' }))).toEqual(['2.000528']);
  });

  it('an empty query returns everything of the level, in catalogue order', () => {
    expect(searchProcedures(PROCEDURES, {})).toEqual([...PROCEDURES]);
    expect(searchProcedures(PROCEDURES, { q: '   ' })).toEqual([...PROCEDURES]);
    expect(searchProcedures(PROCEDURES, { q: '', level: 'district' })).toEqual(PROCEDURES.filter((p) => p.level === 'district'));
  });

  it('finds nothing for an unrelated word', () => {
    expect(names('hộ chiếu')).toEqual([]);
  });
});

describe('proceduresForAgency', () => {
  it('gives each agency the procedures of its level', () => {
    for (const a of AGENCIES) {
      const mine = proceduresForAgency(PROCEDURES, a);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((p) => p.level === a.level)).toBe(true);
    }
  });
});
