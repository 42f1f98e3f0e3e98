/**
 * Data: the kind of each procedure's fee, its rules over time where the law changed, and
 * the reliefs in force or scheduled, by national procedure code. Merged into the catalogue
 * (shared/catalogue.ts, PROCEDURES). A change of law is a change here, never of code.
 *
 * Sources (docs/domain.md, "Fees over time and reliefs"; ../shared/domain/law-2026.md):
 * - Resolution 66.22/2026/NQ-CP (9 July 2026) and Circular 117/2026/TT-BTC (signed
 *   14 August 2026): from 15 August 2026 to 28 February 2027 a citizen with a VNeID
 *   level-2 account who files online pays nothing for a copy of a civil-status extract,
 *   residence registration and the civil-status fees the provinces set for re-registering
 *   a birth or a marriage and for the marital-status certificate.
 * - Circular 64/2025/TT-BTC [check]: 50 % of many central fees until 31 December 2026;
 *   which of ours it covers was seen only in secondary sources (residence registration).
 * - Household business: Decree 168/2025/NĐ-CP and Circular 68/2025/TT-BTC from
 *   1 July 2025 (replacing Decree 01/2021/NĐ-CP). Construction permits: Construction Law
 *   135/2025/QH15 from 1 July 2026 (Decree 210/2026/NĐ-CP [check]). The amounts are the
 *   province's (demo defaults), unchanged by those texts.
 * - phí or lệ phí: attestation (Circular 226/2016/TT-BTC) and the extract copy (phí khai
 *   thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch, Circular 281/2016/TT-BTC) are
 *   phí; registrations, certificates and permits are lệ phí.
 */
import type { FeeCategory, FeeRule, Relief } from './fee-rules';
import type { Fee } from './fees';

export interface FeeSchedule {
  feeKind: FeeCategory;
  /** Rules over time, built from the procedure's current fee (the amounts did not change). */
  feeRules?: (fee: Fee) => FeeRule[];
  reliefs?: Relief[];
}

const RES_66_FROM = '2026-08-15';
const RES_66_TO = '2027-02-28';
const RES_66_BASIS = 'Nghị quyết 66.22/2026/NQ-CP; Thông tư 117/2026/TT-BTC';

/** The waiver for filing online with VNeID level 2 (Resolution 66.22/2026/NQ-CP). */
function onlineWaiver(what: string, check?: string): Relief {
  return {
    id: 'nq66-2026-online',
    kind: 'waiver',
    percent: 100,
    channel: 'online',
    requires: ['vneid_level2'],
    from: RES_66_FROM,
    to: RES_66_TO,
    legalBasis: `${RES_66_BASIS} (${what})`,
    ...(check ? { check } : {}),
  };
}

/** Circular 64/2025/TT-BTC's halving until the end of 2026 [check]. */
const HALVED_2026: Relief = {
  id: 'tt64-2025-half',
  kind: 'reduction',
  percent: 50,
  channel: 'any',
  requires: [],
  from: '2025-07-01',
  to: '2026-12-31',
  legalBasis: 'Thông tư 64/2025/TT-BTC',
  check: 'Circular 64/2025/TT-BTC seen in secondary sources only: re-check that it covers this fee and its dates',
};

const BUSINESS_RULES = (fee: Fee): FeeRule[] => [
  { from: '2021-04-01', to: '2025-06-30', fee, kind: 'le_phi', legalBasis: 'Nghị định 01/2021/NĐ-CP; Thông tư 85/2019/TT-BTC; nghị quyết của Hội đồng nhân dân tỉnh' },
  { from: '2025-07-01', fee, kind: 'le_phi', legalBasis: 'Nghị định 168/2025/NĐ-CP; Thông tư 68/2025/TT-BTC; Thông tư 85/2019/TT-BTC; nghị quyết của Hội đồng nhân dân tỉnh' },
];

const CONSTRUCTION_RULES = (fee: Fee): FeeRule[] => [
  { from: '2025-01-01', to: '2026-06-30', fee, kind: 'le_phi', legalBasis: 'Luật Xây dựng 2014 (sửa đổi, bổ sung năm 2020); Nghị định 175/2024/NĐ-CP; Thông tư 85/2019/TT-BTC; nghị quyết của Hội đồng nhân dân tỉnh' },
  {
    from: '2026-07-01',
    fee,
    kind: 'le_phi',
    legalBasis: 'Luật Xây dựng 135/2025/QH15; Nghị định 210/2026/NĐ-CP; Thông tư 85/2019/TT-BTC; nghị quyết của Hội đồng nhân dân tỉnh',
    check: 'Decree 210/2026/NĐ-CP seen in secondary sources only',
  },
];

const PHI: FeeSchedule = { feeKind: 'phi' };

export const FEE_SCHEDULES: Readonly<Record<string, FeeSchedule>> = {
  // Attestation: phí (Circular 226/2016/TT-BTC).
  '2.000815': PHI,
  '2.000884': PHI,
  '2.001035': PHI,
  '2.000913': PHI,
  '2.000927': PHI,
  '2.000942': PHI,
  '2.001019': PHI,
  '2.000992': PHI,
  // Copy of a civil-status extract: phí (Circular 281/2016/TT-BTC), waived online.
  '2.000635': { feeKind: 'phi', reliefs: [onlineWaiver('bản sao trích lục hộ tịch')] },
  // Provincial civil-status fees named in the resolution's appendix.
  '1.004884': { feeKind: 'le_phi', reliefs: [onlineWaiver('đăng ký lại khai sinh')] },
  '1.004873': { feeKind: 'le_phi', reliefs: [onlineWaiver('cấp Giấy xác nhận tình trạng hôn nhân')] },
  // Residence registration (collected by the commune police, shown in the guide).
  '1.004222': { feeKind: 'le_phi', reliefs: [onlineWaiver('đăng ký cư trú'), HALVED_2026] },
  '1.004194': { feeKind: 'le_phi', reliefs: [onlineWaiver('đăng ký cư trú'), HALVED_2026] },
  // Household business (Decree 168/2025/NĐ-CP from 1 July 2025).
  '1.001612': { feeKind: 'le_phi', feeRules: BUSINESS_RULES },
  '2.000720': { feeKind: 'le_phi', feeRules: BUSINESS_RULES },
  // Construction permits (Construction Law 135/2025/QH15 from 1 July 2026).
  '1.013225': { feeKind: 'le_phi', feeRules: CONSTRUCTION_RULES },
  '1.013227': { feeKind: 'le_phi', feeRules: CONSTRUCTION_RULES },
  '1.013228': { feeKind: 'le_phi', feeRules: CONSTRUCTION_RULES },
};

/** A procedure with its schedule merged in: its fee's kind, rules over time and reliefs. */
export function withFeeSchedule<P extends { code: string; fee: Fee }>(p: P): P & { feeKind: FeeCategory; feeRules?: FeeRule[]; reliefs?: Relief[] } {
  const s = FEE_SCHEDULES[p.code];
  if (!s) return { ...p, feeKind: 'le_phi' };
  return {
    ...p,
    feeKind: s.feeKind,
    ...(s.feeRules && p.fee.kind !== 'free' ? { feeRules: s.feeRules(p.fee) } : {}),
    ...(s.reliefs ? { reliefs: s.reliefs } : {}),
  };
}
