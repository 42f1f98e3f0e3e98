import { describe, expect, it } from 'vitest';
import { BANKS, findBank } from '../../shared/banks';
import {
  AGENCIES,
  CATALOGUE_AGENCIES,
  HISTORICAL_AGENCIES,
  PROCEDURES,
  agencySchema,
  agencyScope,
  agencyTreeProblems,
  handles,
  isPayableHere,
  procedureLevelOf,
  procedureSchema,
  proceduresForAgency,
  searchProcedures,
  type Agency,
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
  it('every agency passes its schema, today\'s and those kept for history', () => {
    for (const a of CATALOGUE_AGENCIES) {
      const result = agencySchema.safeParse(a);
      expect(result.error?.issues ?? [], a.id).toEqual([]);
    }
  });

  // The map since 1 July 2025 (docs/domain.md): the province Vĩnh Long first, then at least
  // three of the seven communes of the former Giồng Trôm district, by their real names.
  it('today\'s map: the province Vĩnh Long, then at least three communes of the former Giồng Trôm area, under it', () => {
    expect(AGENCIES[0]).toMatchObject({ level: 'province' });
    expect(AGENCIES[0]?.name).toMatch(/Vĩnh Long/);
    expect(AGENCIES[0]?.parentId).toBeUndefined();
    const communes = AGENCIES.filter((a) => a.level === 'commune');
    expect(communes.length).toBeGreaterThanOrEqual(3);
    const seven = ['Châu Hòa', 'Giồng Trôm', 'Hưng Nhượng', 'Lương Hòa', 'Lương Phú', 'Phước Long', 'Tân Hào'];
    for (const c of communes) {
      expect(seven.some((n) => c.name === `Ủy ban nhân dân xã ${n}`), c.name).toBe(true);
      expect(c.parentId).toBe(AGENCIES[0]!.id);
    }
    expect(communes[0]?.name).toBe('Ủy ban nhân dân xã Giồng Trôm');
    // No agency in service is a district, and none names Bến Tre.
    expect(AGENCIES.some((a) => a.level === 'district' || a.historical)).toBe(false);
    expect(JSON.stringify(AGENCIES)).not.toMatch(/Bến Tre|huyện/);
  });

  it('the old map survives only as history, each with the agency that took it over', () => {
    expect(HISTORICAL_AGENCIES.map((a) => a.id).sort()).toEqual(['ben-tre', 'binh-thanh', 'giong-trom', 'luong-hoa', 'my-thanh']);
    const ids = new Set(AGENCIES.map((a) => a.id));
    for (const a of HISTORICAL_AGENCIES) {
      expect(a.historical, a.id).toBe(true);
      expect(a.until, a.id).toBe('2025-06-30');
      expect(ids.has(a.supersededBy!), a.id).toBe(true);
    }
    // The old records keep the old names, accounts and receipt symbols.
    expect(HISTORICAL_AGENCIES.find((a) => a.id === 'my-thanh')).toMatchObject({ name: 'Ủy ban nhân dân xã Mỹ Thạnh', receiptSymbol: 'MT', bank: { accountNumber: '999900000102' } });
    expect(HISTORICAL_AGENCIES.find((a) => a.id === 'giong-trom')).toMatchObject({ level: 'district', receiptSymbol: 'GT' });
  });

  it('the whole set holds together as a tree', () => {
    expect(agencyTreeProblems(CATALOGUE_AGENCIES)).toEqual([]);
  });

  it('ids, receipt symbols and accounts are unique over today\'s and the old agencies; every BIN is a NAPAS bank', () => {
    const all = CATALOGUE_AGENCIES;
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    expect(new Set(all.map((a) => a.receiptSymbol)).size).toBe(all.length);
    expect(new Set(all.map((a) => a.bank.accountNumber)).size).toBe(all.length);
    for (const a of all) {
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

  it('refuses a district in service, half a history mark, and a level it does not know', () => {
    const a = AGENCIES[1]!;
    expect(agencySchema.safeParse({ ...a, level: 'district' }).success).toBe(false);
    expect(agencySchema.safeParse({ ...a, historical: true }).success).toBe(false);
    expect(agencySchema.safeParse({ ...a, historical: true, supersededBy: 'tinh-vinh-long', until: '2025-06-30' }).success).toBe(true);
    expect(agencySchema.safeParse({ ...a, level: 'huyen' }).success).toBe(false);
    for (const level of ['ward', 'special_zone']) expect(agencySchema.safeParse({ ...a, level }).success, level).toBe(true);
  });

  it('a broken tree is refused, naming the agency', () => {
    const [province, commune] = AGENCIES as [Agency, Agency];
    expect(agencyTreeProblems([commune])).toEqual([`${commune.id}: parent ${province.id} is not in the catalogue`]);
    expect(agencyTreeProblems([province, { ...commune, parentId: undefined } as Agency])).toEqual([`${commune.id}: a commune needs its province as parentId`]);
    expect(agencyTreeProblems([province, commune, { ...commune, receiptSymbol: 'XY' }])).toContain(`${commune.id}: the id is used twice`);
    const old = HISTORICAL_AGENCIES.find((a) => a.id === 'my-thanh')!;
    expect(agencyTreeProblems([province, commune, { ...old, parentId: undefined, supersededBy: 'nowhere' }])).toEqual(['my-thanh: successor nowhere is not in the catalogue']);
    expect(agencyTreeProblems([{ ...province, parentId: commune.id }, commune])[0]).toMatch(/cycle|cannot sit under/);
  });

  it('scope follows the tree: a province sees its communes and the old agencies they took over', () => {
    const province = AGENCIES[0]!.id;
    const scope = agencyScope(CATALOGUE_AGENCIES, province);
    expect([...scope].sort()).toEqual(CATALOGUE_AGENCIES.map((a) => a.id).sort());
    const luongHoa = agencyScope(CATALOGUE_AGENCIES, 'xa-luong-hoa');
    expect([...luongHoa].sort()).toEqual(['luong-hoa', 'my-thanh', 'xa-luong-hoa']);
    expect(agencyScope(CATALOGUE_AGENCIES, 'xa-chau-hoa')).toEqual(new Set(['xa-chau-hoa']));
  });
});

describe('procedures', () => {
  it('every procedure passes its schema', () => {
    for (const p of PROCEDURES) {
      const result = procedureSchema.safeParse(p);
      expect(result.error?.issues ?? [], p.code).toEqual([]);
    }
  });

  it('has at least 30 procedures with unique codes, at both of today\'s levels', () => {
    expect(PROCEDURES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(codes(PROCEDURES)).size).toBe(PROCEDURES.length);
    expect(PROCEDURES.some((p) => p.level === 'province')).toBe(true);
    expect(PROCEDURES.some((p) => p.level === 'commune')).toBe(true);
  });

  it('the district\'s procedures are where they are handled since 1 July 2025', () => {
    const levelOf = (code: string) => PROCEDURES.find((p) => p.code === code)?.level;
    // Foreign-element civil status, household businesses, building permits, first land certificates: the commune.
    for (const code of ['2.000528', '2.000806', '1.001612', '2.000720', '1.001570', '1.001266', '1.013225', '1.013227', '1.013228', '1.013978']) expect(levelOf(code), code).toBe('commune');
    // Registering land changes and exchanging certificates: the province's land registration office.
    for (const code of ['1.013831', '1.012783']) expect(levelOf(code), code).toBe('province');
  });

  it('every text is true for today\'s portal: no Bến Tre, no district body', () => {
    for (const p of PROCEDURES) {
      const text = JSON.stringify(p);
      expect(text, p.code).not.toMatch(/Bến Tre|huyện|Phòng Tài chính - Kế hoạch|Phòng Lao động/);
      expect(p.onlineSteps.some((s) => s.includes('tỉnh Vĩnh Long')), p.code).toBe(true);
    }
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
  const names = (q: string, level?: 'province' | 'commune') =>
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
    expect(codes(searchProcedures(PROCEDURES, { q: 'khai sinh', level: 'province' }))).toEqual([]);
    expect(codes(searchProcedures(PROCEDURES, { q: 'đất', level: 'province' }))).toEqual(['1.013831', '1.012783']);
  });

  it('an empty query returns everything of the level, in catalogue order', () => {
    expect(searchProcedures(PROCEDURES, {})).toEqual([...PROCEDURES]);
    expect(searchProcedures(PROCEDURES, { q: '   ' })).toEqual([...PROCEDURES]);
    expect(searchProcedures(PROCEDURES, { q: '', level: 'province' })).toEqual(PROCEDURES.filter((p) => p.level === 'province'));
  });

  it('finds nothing for an unrelated word', () => {
    expect(names('hộ chiếu')).toEqual([]);
  });
});

describe('proceduresForAgency', () => {
  it('gives each agency in service the procedures of its tier (a commune, ward or special zone: the commune\'s)', () => {
    for (const a of AGENCIES) {
      const mine = proceduresForAgency(PROCEDURES, a);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((p) => p.level === procedureLevelOf(a))).toBe(true);
    }
    const commune = AGENCIES.find((a) => a.level === 'commune')!;
    for (const level of ['ward', 'special_zone'] as const) expect(proceduresForAgency(PROCEDURES, { ...commune, level })).toEqual(proceduresForAgency(PROCEDURES, commune));
  });

  it('an agency of the old map handles nothing new; an agency with its own list handles only that', () => {
    for (const a of HISTORICAL_AGENCIES) expect(proceduresForAgency(PROCEDURES, a), a.id).toEqual([]);
    const province = AGENCIES[0]!;
    const landOnly = { ...province, procedureCodes: ['1.013831'] };
    expect(codes(proceduresForAgency(PROCEDURES, landOnly))).toEqual(['1.013831']);
    expect(handles(landOnly, PROCEDURES.find((p) => p.code === '1.012783')!)).toBe(false);
  });
});
