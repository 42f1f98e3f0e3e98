import { describe, expect, it } from 'vitest';
import { PROCEDURES, procedureSchema, type Procedure } from '../../shared/catalogue';
import { bestRelief, feeDue, feeRuleProblems, feeToday, ruleOn, type FeeRule, type FeeSource, type Relief } from '../../shared/fee-rules';
import { feeRulesSchema, reliefSchema } from '../../shared/fee-rules-schema';

/** The instant at a Vietnamese wall-clock time (UTC+7). */
const vn = (day: string, time = '12:00:00') => new Date(`${day}T${time}+07:00`);

function procedure(code: string): Procedure {
  const p = PROCEDURES.find((x) => x.code === code);
  if (!p) throw new Error(`no procedure ${code}`);
  return p;
}

const EXTRACT = procedure('2.000635'); // 8,000 VND per copy, waived online with VNeID level 2
const RESIDENCE = procedure('1.004222'); // 20,000 VND; waived online with VNeID level 2, halved to 31/12/2026 [check]
const ONLINE_L2 = { channel: 'online', vneidLevel2: true } as const;

describe('feeDue: the Resolution 66.22/2026 waiver (15/8/2026 – 28/2/2027, online, VNeID level 2)', () => {
  it.each([
    ['2026-08-14', 'online, VNeID 2', ONLINE_L2, 16_000, null],
    ['2026-08-15', 'online, VNeID 2', ONLINE_L2, 0, 'waiver'],
    ['2026-12-31', 'online, VNeID 2', ONLINE_L2, 0, 'waiver'],
    ['2027-02-28', 'online, VNeID 2', ONLINE_L2, 0, 'waiver'],
    ['2027-03-01', 'online, VNeID 2', ONLINE_L2, 16_000, null],
    ['2026-08-15', 'online, no VNeID 2', { channel: 'online', vneidLevel2: false }, 16_000, null],
    ['2026-08-15', 'online, VNeID unknown', { channel: 'online' }, 16_000, null],
    ['2026-08-15', 'counter, VNeID 2', { channel: 'counter', vneidLevel2: true }, 16_000, null],
    ['2026-08-15', 'nothing said', {}, 16_000, null],
  ] as const)('extract copy ×2 on %s, %s → %i VND', (day, _label, filing, amount, relief) => {
    const due = feeDue(EXTRACT, vn(day), { quantity: 2 }, filing);
    expect(due.gross).toBe(16_000);
    expect(due.amount).toBe(amount);
    expect(due.relief?.kind ?? null).toBe(relief);
    expect(due.kind).toBe('phi');
    if (relief) expect(due.relief?.legalBasis).toContain('Nghị quyết 66.22/2026/NQ-CP');
  });

  it('the day is Vietnam’s: 14/8 23:59:59 is before, 15/8 00:00:00 (17:00 UTC on 14/8) is in', () => {
    expect(feeDue(EXTRACT, vn('2026-08-14', '23:59:59'), { quantity: 1 }, ONLINE_L2).amount).toBe(8_000);
    expect(feeDue(EXTRACT, '2026-08-14T17:00:00.000Z', { quantity: 1 }, ONLINE_L2).amount).toBe(0);
    expect(feeDue(EXTRACT, vn('2027-02-28', '23:59:59'), { quantity: 1 }, ONLINE_L2).amount).toBe(0);
    expect(feeDue(EXTRACT, '2027-02-28T17:00:00.000Z', { quantity: 1 }, ONLINE_L2).amount).toBe(8_000);
  });
});

describe('feeDue: where several reliefs apply, the largest (residence: waiver online, halving to 31/12/2026)', () => {
  it.each([
    ['2026-08-14', ONLINE_L2, 10_000, 'tt64-2025-half'],
    ['2026-08-15', ONLINE_L2, 0, 'nq66-2026-online'],
    ['2026-08-15', { channel: 'counter' }, 10_000, 'tt64-2025-half'],
    ['2026-12-31', { channel: 'counter' }, 10_000, 'tt64-2025-half'],
    ['2027-01-01', { channel: 'counter' }, 20_000, null],
    ['2027-01-01', ONLINE_L2, 0, 'nq66-2026-online'],
    ['2027-02-28', ONLINE_L2, 0, 'nq66-2026-online'],
    ['2027-03-01', ONLINE_L2, 20_000, null],
    ['2025-06-30', { channel: 'counter' }, 20_000, null],
    ['2025-07-01', { channel: 'counter' }, 10_000, 'tt64-2025-half'],
  ] as const)('%s %j → %i VND', (day, filing, amount, reliefId) => {
    const due = feeDue(RESIDENCE, vn(day), { quantity: 1 }, filing);
    expect(due.amount).toBe(amount);
    expect(due.relief?.id ?? null).toBe(reliefId);
    if (due.relief) expect(due.relief.discount).toBe(due.gross - due.amount);
  });

  it('a waiver wins over a reduction of the same percent, whatever the order of the data', () => {
    const a: Relief = { id: 'a', kind: 'reduction', percent: 50, channel: 'any', requires: [], from: '2026-01-01', to: '2026-12-31', legalBasis: 'A' };
    const b: Relief = { ...a, id: 'b', percent: 60 };
    expect(bestRelief([a, b], '2026-06-01', {})?.id).toBe('b');
    expect(bestRelief([b, a], '2026-06-01', {})?.id).toBe('b');
    expect(bestRelief([a, b], '2027-01-01', {})).toBeUndefined();
  });

  it('a reduction rounds the amount due down to the đồng (in the citizen’s favour)', () => {
    const source: FeeSource = {
      fee: { kind: 'flat', amount: 15_001 },
      legalBasis: ['X'],
      reliefs: [{ id: 'r', kind: 'reduction', percent: 50, channel: 'any', requires: [], from: '2026-01-01', to: '2026-12-31', legalBasis: 'Y' }],
    };
    const due = feeDue(source, vn('2026-06-01'), { quantity: 1 });
    expect(due.amount).toBe(7_500);
    expect(due.relief?.discount).toBe(7_501);
  });
});

describe('feeDue: per copy, each copy capped on its own, then the relief', () => {
  const copy = procedure('2.000815');
  it('3 copies of a 2-page original: 3 × 4,000 = 12,000 (phí, no relief)', () => {
    const due = feeDue(copy, vn('2026-09-01'), { quantity: 2, copies: 3 }, ONLINE_L2);
    expect(due).toMatchObject({ gross: 12_000, amount: 12_000, relief: null, kind: 'phi' });
    expect(due.working.parts).toEqual([{ units: 2, unitAmount: 2_000 }]);
  });
  it('2 copies of a 250-page original: each capped at 200,000', () => {
    expect(feeDue(copy, vn('2026-09-01'), { quantity: 250, copies: 2 }).amount).toBe(400_000);
  });
  it('a relief takes its share of the whole line', () => {
    const source: FeeSource = { ...copy, reliefs: [{ id: 'h', kind: 'reduction', percent: 50, channel: 'any', requires: [], from: '2026-01-01', to: '2026-12-31', legalBasis: 'Z' }] };
    expect(feeDue(source, vn('2026-12-31'), { quantity: 250, copies: 2 }).amount).toBe(200_000);
    expect(feeDue(source, vn('2027-01-01'), { quantity: 250, copies: 2 }).amount).toBe(400_000);
  });
  it('refuses what the fee cannot count, as feeFor does', () => {
    expect(() => feeDue(copy, vn('2026-09-01'), { quantity: 2, copies: -1 })).toThrow(RangeError);
    expect(() => feeDue(procedure('2.001035'), vn('2026-09-01'), { quantity: 1, copies: 2 })).toThrow(RangeError);
  });
});

describe('fee rules over time', () => {
  const permit = procedure('1.013225');
  const business = procedure('1.001612');
  it.each([
    [permit, '2026-06-30', 'Luật Xây dựng 2014'],
    [permit, '2026-07-01', 'Luật Xây dựng 135/2025/QH15'],
    [business, '2025-06-30', 'Nghị định 01/2021/NĐ-CP'],
    [business, '2025-07-01', 'Nghị định 168/2025/NĐ-CP'],
  ])('%# the rule in force on %s names %s', (p, day, basis) => {
    const due = feeDue(p, vn(day), { quantity: 1 });
    expect(due.rule.legalBasis).toContain(basis);
    expect(due.kind).toBe('le_phi');
  });

  it('an order keeps a copy: a later rule with another amount does not change what was due', () => {
    const rules: FeeRule[] = [
      { from: '2020-01-01', to: '2026-08-14', fee: { kind: 'flat', amount: 50_000 }, kind: 'le_phi', legalBasis: 'old' },
      { from: '2026-08-15', fee: { kind: 'flat', amount: 70_000 }, kind: 'le_phi', legalBasis: 'new' },
    ];
    const source: FeeSource = { fee: rules[1]!.fee, feeRules: rules, legalBasis: ['x'] };
    const before = feeDue(source, vn('2026-08-14', '23:59:59'), { quantity: 1 });
    expect(before.amount).toBe(50_000);
    expect(feeDue(source, vn('2026-08-15', '00:00:00'), { quantity: 1 }).amount).toBe(70_000);
    rules[0]!.legalBasis = 'changed later';
    expect(before.rule.legalBasis).toBe('old');
  });

  it('before the first rule nothing is in force (RangeError), and a procedure without rules has its fee since ever', () => {
    expect(() => feeDue(permit, vn('2024-12-31'), { quantity: 1 })).toThrow(RangeError);
    expect(ruleOn(procedure('2.000884'), '2001-01-01')?.fee).toEqual({ kind: 'per_unit', unit: 'case', unitAmount: 10_000 });
  });

  it('feeToday: the rule in force and the reliefs in force or scheduled, not the ended ones', () => {
    expect(feeToday(RESIDENCE, vn('2026-08-01')).reliefs.map((r) => r.id)).toEqual(['nq66-2026-online', 'tt64-2025-half']);
    expect(feeToday(RESIDENCE, vn('2027-01-01')).reliefs.map((r) => r.id)).toEqual(['nq66-2026-online']);
    expect(feeToday(RESIDENCE, vn('2027-03-01')).reliefs).toEqual([]);
    expect(feeToday(permit, vn('2026-12-03'))).toMatchObject({ kind: 'le_phi', from: '2026-07-01' });
  });
});

describe('bad data is refused with the reason', () => {
  const fee = { kind: 'flat', amount: 10_000 } as const;
  it('overlapping, gapped, open-in-the-middle or backwards periods', () => {
    const overlap: FeeRule[] = [
      { from: '2025-01-01', to: '2025-12-31', fee, kind: 'le_phi', legalBasis: 'a' },
      { from: '2025-12-31', fee, kind: 'le_phi', legalBasis: 'b' },
    ];
    expect(feeRuleProblems(overlap).join()).toMatch(/inside rule 1/);
    const gap: FeeRule[] = [overlap[0]!, { ...overlap[1]!, from: '2026-01-02' }];
    expect(feeRuleProblems(gap).join()).toMatch(/a gap/);
    const open: FeeRule[] = [{ from: '2025-01-01', fee, kind: 'le_phi', legalBasis: 'a' }, { from: '2026-01-01', fee, kind: 'le_phi', legalBasis: 'b' }];
    expect(feeRuleProblems(open).join()).toMatch(/only the last rule may be open-ended/);
    expect(feeRulesSchema.safeParse(gap).success).toBe(false);
    expect(feeRulesSchema.safeParse([{ from: '2026-02-30', fee, kind: 'le_phi', legalBasis: 'a' }]).success).toBe(false);
    const sound: FeeRule[] = [overlap[0]!, { ...overlap[1]!, from: '2026-01-01' }];
    expect(feeRuleProblems(sound)).toEqual([]);
  });
  it('a relief without a legal basis, a waiver under 100 %, a percentage over 100', () => {
    const ok: Relief = { id: 'x', kind: 'waiver', percent: 100, channel: 'online', requires: ['vneid_level2'], from: '2026-08-15', to: '2027-02-28', legalBasis: 'NQ' };
    expect(reliefSchema.safeParse(ok).success).toBe(true);
    expect(reliefSchema.safeParse({ ...ok, legalBasis: ' ' }).success).toBe(false);
    expect(reliefSchema.safeParse({ ...ok, percent: 50 }).success).toBe(false);
    expect(reliefSchema.safeParse({ ...ok, kind: 'reduction', percent: 120 }).success).toBe(false);
    expect(reliefSchema.safeParse({ ...ok, to: '2026-08-14' }).success).toBe(false);
  });
  it('a procedure whose fee is not its last rule’s fee', () => {
    const permit = procedure('1.013225');
    expect(procedureSchema.safeParse(permit).success).toBe(true);
    expect(procedureSchema.safeParse({ ...permit, fee: { kind: 'flat', amount: 1 } }).success).toBe(false);
  });
  it('every seeded relief and rule is valid and names its basis', () => {
    for (const p of PROCEDURES) {
      expect(procedureSchema.safeParse(p).success, p.code).toBe(true);
      for (const r of p.reliefs ?? []) expect(r.legalBasis.length).toBeGreaterThan(5);
    }
  });
});
