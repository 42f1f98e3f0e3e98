/**
 * Data: where fee money goes (docs/treasury.md; ../shared/domain/law-2026.md). A lệ phí
 * goes wholly to the State budget; a phí may be partly retained by the collecting agency,
 * at a share set per agency by a decision (at most 100 %); an agency without one remits
 * 100 %. Every fee line has a budget classification (chương of the collecting agency,
 * tiểu mục of the fee). Codes and shares seen only in secondary sources, or set here as
 * demo values, carry `check` (shown as [check] in docs/domain.md and in the report).
 * Pure: no clock, no I/O.
 */
import * as z from 'zod';
import type { AgencyLevel } from './agency-tree';
import { isDay } from './time';

/** A retained share of an agency's phí: for some procedures (absent: every phí it collects), over a period, with the decision that sets it. */
export interface RetainedShare {
  /** Percent of the phí the agency keeps, 0–100, at most two decimals. */
  percent: number;
  /** The decision (quyết định / nghị quyết) that sets it. */
  decision: string;
  /** First day in force, YYYY-MM-DD (Vietnam date). */
  from: string;
  /** Last day in force; absent: until further notice. */
  to?: string;
  procedureCodes?: string[];
  check?: string;
}

export const retainedShareSchema = z
  .object({
    percent: z
      .number()
      .min(0, 'tỷ lệ để lại không được âm | the retained share cannot be negative')
      .max(100, 'tỷ lệ để lại tối đa 100 % | the retained share is at most 100 %')
      .refine((p) => Number.isInteger(Math.round(p * 100)) && Math.abs(p * 100 - Math.round(p * 100)) < 1e-9, 'tối đa hai chữ số thập phân | at most two decimals'),
    decision: z.string().trim().min(5, 'cần nêu quyết định quy định tỷ lệ | the decision that sets it is required'),
    from: z.string().refine(isDay, 'from: YYYY-MM-DD'),
    to: z.string().refine(isDay, 'to: YYYY-MM-DD').optional(),
    procedureCodes: z.array(z.string().regex(/^\d\.\d{6}$/)).min(1).optional(),
    check: z.string().optional(),
  })
  .refine((s) => !s.to || s.to >= s.from, { path: ['to'], message: 'to before from' });

/** One agency's shares: none of them may be in force twice for one procedure on one day. */
export const retainedSharesSchema = z.array(retainedShareSchema).superRefine((shares, ctx) => {
  for (const [i, a] of shares.entries()) {
    for (const [j, b] of shares.entries()) {
      if (j <= i) continue;
      const codesMeet = !a.procedureCodes || !b.procedureCodes || a.procedureCodes.some((c) => b.procedureCodes!.includes(c));
      const periodsMeet = a.from <= (b.to ?? '9999-12-31') && b.from <= (a.to ?? '9999-12-31');
      if (codesMeet && periodsMeet) ctx.addIssue({ code: 'custom', path: [j], message: `overlaps share ${i} | trùng thời gian với tỷ lệ ${i}` });
    }
  }
});

/**
 * The shares in force, by agency id. Demo values: the decision's number and date must be
 * taken from the province's own text before use ([check]).
 */
export const RETAINED_SHARES: Readonly<Record<string, readonly RetainedShare[]>> = {
  'xa-giong-trom': [
    {
      percent: 30,
      decision: 'Quyết định của Ủy ban nhân dân tỉnh Vĩnh Long về tỷ lệ để lại phí chứng thực, phí cấp bản sao trích lục hộ tịch cho Ủy ban nhân dân cấp xã',
      from: '2025-07-01',
      check: 'demo value: the decision number, date and percent are to be taken from the province',
    },
  ],
  // Lương Hòa and Châu Hòa have no arrangement: they remit 100 % of every phí.
};

/** The share of a phí in force at an agency for a procedure on a day (Vietnam date); none: it remits 100 %. */
export function retainedShareOn(agencyId: string, procedureCode: string, day: string, shares = RETAINED_SHARES): RetainedShare | null {
  return (shares[agencyId] ?? []).find((s) => s.from <= day && (!s.to || day <= s.to) && (!s.procedureCodes || s.procedureCodes.includes(procedureCode))) ?? null;
}

/** The part of `amount` retained at `percent`: rounded down to the đồng, the odd đồng going to the State budget. */
export function retainedPart(amount: number, percent: number): number {
  return Math.floor((amount * Math.round(percent * 100)) / 10_000);
}

// ---- Budget classification (Mục lục ngân sách nhà nước, Thông tư 324/2016/TT-BTC as amended) ----

export interface BudgetCode {
  code: string;
  name: string;
  check?: string;
}

const UNVERIFIED = 'code read from secondary sources; confirm against Thông tư 324/2016/TT-BTC as amended';

/** The chương (chapter) of the collecting agency, by its level. */
export const BUDGET_CHAPTERS: Readonly<Record<AgencyLevel, BudgetCode>> = {
  commune: { code: '805', name: 'Ủy ban nhân dân xã', check: UNVERIFIED },
  ward: { code: '805', name: 'Ủy ban nhân dân phường', check: UNVERIFIED },
  special_zone: { code: '805', name: 'Ủy ban nhân dân đặc khu', check: UNVERIFIED },
  province: { code: '418', name: 'Cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh', check: UNVERIFIED },
  district: { code: '605', name: 'Ủy ban nhân dân huyện (trước 01/7/2025)', check: UNVERIFIED },
};

const ATTESTATION: BudgetCode = { code: '2663', name: 'Phí chứng thực', check: UNVERIFIED };
const CIVIL_STATUS_COPY: BudgetCode = { code: '2664', name: 'Phí cấp bản sao trích lục hộ tịch', check: UNVERIFIED };
const CIVIL_STATUS: BudgetCode = { code: '2002', name: 'Lệ phí hộ tịch', check: UNVERIFIED };
const RESIDENCE: BudgetCode = { code: '2003', name: 'Lệ phí đăng ký cư trú', check: UNVERIFIED };
const BUSINESS: BudgetCode = { code: '2102', name: 'Lệ phí đăng ký kinh doanh', check: UNVERIFIED };
const CONSTRUCTION: BudgetCode = { code: '2153', name: 'Lệ phí cấp giấy phép xây dựng', check: UNVERIFIED };

/** The tiểu mục (sub-item) of each procedure's fee; a procedure not listed shows "chưa phân loại" in the report. */
export const BUDGET_SUBITEMS: Readonly<Record<string, BudgetCode>> = {
  '2.000815': ATTESTATION,
  '2.000884': ATTESTATION,
  '2.001035': ATTESTATION,
  '2.000913': ATTESTATION,
  '2.000927': ATTESTATION,
  '2.000942': ATTESTATION,
  '2.001019': ATTESTATION,
  '2.000992': ATTESTATION,
  '2.000635': CIVIL_STATUS_COPY,
  '1.004884': CIVIL_STATUS,
  '1.004873': CIVIL_STATUS,
  '1.004222': RESIDENCE,
  '1.004194': RESIDENCE,
  '1.001612': BUSINESS,
  '2.000720': BUSINESS,
  '1.013225': CONSTRUCTION,
  '1.013227': CONSTRUCTION,
  '1.013228': CONSTRUCTION,
};

// ---- Deadlines -------------------------------------------------------------------------

/** When a month's money must be deposited, and declared and remitted (day of the following month). */
export const TREASURY_DEADLINES = {
  depositByDay: 5,
  declareByDay: 20,
  account: 'Tài khoản phí chờ nộp ngân sách tại Kho bạc Nhà nước',
  legalBasis: 'Nghị định 120/2016/NĐ-CP, Điều 3 (sửa đổi, bổ sung); Luật Quản lý thuế 38/2019/QH14; Nghị định 126/2020/NĐ-CP; Nghị định 362/2025/NĐ-CP và 252/2026/NĐ-CP [check]',
  declarationForm: 'Tờ khai phí, lệ phí (mẫu theo Thông tư 89/2026/TT-BTC [check]; trước đó mẫu 01/PHLP)',
  settlementForm: 'Tờ khai quyết toán phí năm (mẫu theo Thông tư 89/2026/TT-BTC [check]; trước đó mẫu 02/PHLP)',
} as const;
