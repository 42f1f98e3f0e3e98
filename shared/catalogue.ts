/**
 * The catalogue: agencies (one-stop counters that collect fees) and the administrative
 * procedures citizens look up, with their guidance and fee. Pure data plus search.
 *
 * Factual notes (read before editing the data; sources in docs/domain.md, "The
 * administrative map"):
 * - Agencies follow the map as it stands since 1 July 2025: two tiers of local government,
 *   the province and the commune level (xã, phường, đặc khu); no districts. Bến Tre and Trà
 *   Vinh joined Vĩnh Long (the new province is called Vĩnh Long), and the former Giồng Trôm
 *   district is now seven communes: Châu Hòa, Giồng Trôm, Hưng Nhượng, Lương Hòa, Lương Phú,
 *   Phước Long, Tân Hào (Resolution 1687/NQ-UBTVQH15). The demo holds the province and three
 *   of the seven communes.
 * - The agencies of the old map (tỉnh Bến Tre, huyện Giồng Trôm, xã Mỹ Thạnh, Lương Hòa,
 *   Bình Thành) are kept in HISTORICAL_AGENCIES, marked `historical` with the agency that
 *   took them over (`supersededBy`) and the last day they existed (`until`): records made
 *   under them keep naming them, because a merger never rewrites a past order or receipt.
 *   They take no new order and are not listed unless asked for.
 * - The district's procedures moved on 1 July 2025: foreign-element civil status, household
 *   businesses, construction permits of grade III/IV and individual houses and first land
 *   certificates of households and individuals to the commune; registering changes of land
 *   rights and exchanging land certificates to the province's land registration office.
 * - Procedure codes and names are those published in the National Database of Administrative
 *   Procedures (csdl.dichvucong.gov.vn). Where the current published name differs from the
 *   pre-2025 one (attestation of "giao dịch" rather than "hợp đồng, giao dịch"), the current
 *   name is used. Codes cross-checked against several independent public listings; the ones
 *   marked UNSURE in a comment were seen in one listing only and should be re-checked on
 *   dichvucong.gov.vn before production (procedures moved to the commune in 2025 may have
 *   been republished under new codes).
 * - Amounts set nationally: attestation (Circular 226/2016/TT-BTC), extract copies
 *   (Circular 281/2016/TT-BTC), domestic adoption (Decree 114/2016/NĐ-CP), residence
 *   registration (Circular 75/2022/TT-BTC). All other amounts are provincial (People's Council
 *   resolution under Circular 85/2019/TT-BTC, which replaced Circular 250/2016/TT-BTC): the
 *   numbers here are DEMO DEFAULTS an administrator adjusts per agency; the feeNote says so.
 * - Bank accounts and tax codes of the agencies are DEMO VALUES, not real accounts.
 */
import * as z from 'zod';
import { receiptSymbolSuffixSchema } from './receipt-symbol';
import { findBank } from './banks';
import type { Fee } from './fees';
import { feeSchema } from './fee-schema';
import type { FeeCategory, FeeRule, Relief } from './fee-rules';
import { feeCategorySchema, feeRulesSchema, reliefsSchema } from './fee-rules-schema';
import { withFeeSchedule } from './fee-schedules';
import { foldForSearch } from './text';
import { inService, procedureLevelOf } from './agency-tree';
import { WATCHERS, type Watcher } from './watcher';

export { agencyScope, inService, procedureLevelOf } from './agency-tree';

import type { AgencyLevel, ProcedureLevel } from './agency-tree';

export type { AgencyLevel, ProcedureLevel } from './agency-tree';

export const PROCEDURE_LEVELS = ['province', 'commune'] as const satisfies readonly ProcedureLevel[];
export const AGENCY_LEVELS = ['province', 'commune', 'ward', 'special_zone', 'district'] as const satisfies readonly AgencyLevel[];

export interface BankAccount {
  bin: string;
  bankName: string;
  accountNumber: string;
  accountName: string;
  /** Who tells us of money arriving in it (shared/watcher.ts); absent: SePay. */
  watcher?: Watcher;
}

export interface Agency {
  id: string;
  name: string;
  level: AgencyLevel;
  /**
   * The agency above: a commune's (ward's, special zone's) province; a counter's or
   * branch's own unit, of the same level. Absent for a province. Staff scope follows it:
   * a province's admin sees its communes.
   */
  parentId?: string;
  taxCode: string;
  address: string;
  bank: BankAccount;
  /** The two letters of the e-receipt symbol: '26TGR' is year 26, T, then these letters. */
  receiptSymbol: string;
  /**
   * The codes of the procedures it handles, when it handles fewer than every procedure of
   * its tier (a branch that only registers land, for example). Absent: all of its tier.
   */
  procedureCodes?: string[];
  /**
   * An agency of the old map, kept only for the records made under it: it takes no new
   * order and is not listed unless asked for. Set together with supersededBy and until.
   */
  historical?: true;
  /** The agency of today's map that took it over (and its records). */
  supersededBy?: string;
  /** The last day it existed as such, YYYY-MM-DD (Vietnam date). */
  until?: string;
}

export interface RequiredDocument {
  name: string;
  copies?: string;
  note?: string;
  required: boolean;
}

export interface Procedure {
  /** National procedure code from csdl.dichvucong.gov.vn, e.g. '1.001193'. */
  code: string;
  /** Official Vietnamese name. */
  name: string;
  nameEn: string;
  /** Who handles it: the province or the commune level (xã, phường, đặc khu). */
  level: ProcedureLevel;
  /** Lĩnh vực, in Vietnamese: 'Hộ tịch', 'Chứng thực', ... */
  field: string;
  /** Who can apply, plain Vietnamese. */
  eligibility: string;
  documents: RequiredDocument[];
  /** Steps on dichvucong.gov.vn, from the VNeID level-2 login to paying here by VietQR. */
  onlineSteps: string[];
  processingTime: string;
  /** Working days (0 = same day). Where the law counts calendar days, that number, as an upper bound. */
  processingDays: number;
  resultCollection: string;
  /** The fee as it stands (or will stand): with feeRules, the last rule's fee. */
  fee: Fee;
  /** phí or lệ phí (absent on data made before it was recorded: lệ phí). */
  feeKind?: FeeCategory;
  /** The fee over time (shared/fee-rules.ts), oldest first; absent: `fee` has always applied. */
  feeRules?: FeeRule[];
  /** Waivers and reductions, in force or scheduled (shared/fee-rules.ts). */
  reliefs?: Relief[];
  feeNote?: string;
  legalBasis: string[];
  /** Validity of a fee order for this procedure, in hours (default 24). */
  orderTtlHours?: number;
  /** Extra search words, e.g. 'giấy khai sinh', 'sao y'. */
  keywords?: string[];
  /**
   * Set when the fee is real but collected by another body than the agency's one-stop
   * counter (residence fees go to the commune police): no VietQR order into the agency's
   * account may be made for it. See isPayableHere().
   */
  feeCollectedBy?: string;
  /**
   * Whether the fee can be paid on the national public-service portal (dichvucong.gov.vn,
   * its payment platform) when the dossier is filed online: `true` where it is, `'check'`
   * where it is believed so but not yet confirmed (docs/domain.md, "Paid on the national
   * portal"). With `true` the guide says plainly to pay there when filing online, with no
   * QR from this site; a clerk closes an order for such a dossier already paid there
   * (use-cases/portal-payment.ts), so nobody pays twice.
   */
  paidOnPortalOnline?: true | 'check';
}

// ---------------------------------------------------------------------------------------
// Schemas

const nfcText = z
  .string()
  .min(1)
  .refine((s) => s === s.normalize('NFC'), 'Vietnamese text must be in Unicode NFC')
  .refine((s) => s.trim() === s, 'no leading or trailing spaces');

export const levelSchema = z.enum(PROCEDURE_LEVELS);
export const agencyLevelSchema = z.enum(AGENCY_LEVELS);

const agencyId = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id: lower-case ASCII slug');

export const bankAccountSchema = z
  .strictObject({
    bin: z.string().regex(/^\d{6}$/, 'a NAPAS BIN has 6 digits'),
    bankName: nfcText,
    accountNumber: z.string().regex(/^\d{6,19}$/, 'account number: 6 to 19 digits'),
    accountName: z.string().regex(/^[A-Z0-9]+( [A-Z0-9]+)*$/, 'account name: upper-case ASCII as banks print it').max(50),
    watcher: z.enum(WATCHERS).optional(),
  })
  .superRefine((account, ctx) => {
    const bank = findBank(account.bin);
    if (!bank) {
      ctx.addIssue({ code: 'custom', path: ['bin'], message: `BIN ${account.bin} is not on the NAPAS list` });
    } else if (bank.shortName !== account.bankName) {
      ctx.addIssue({ code: 'custom', path: ['bankName'], message: `BIN ${account.bin} is ${bank.shortName}` });
    }
  });

export const agencySchema: z.ZodType<Agency> = z
  .strictObject({
    id: agencyId,
    name: nfcText,
    level: agencyLevelSchema,
    parentId: agencyId.optional(),
    taxCode: z.string().regex(/^\d{10}$/, 'tax code: 10 digits'),
    address: nfcText,
    bank: bankAccountSchema,
    // Two of the twenty letters Circular 91/2026/TT-BTC allows; anything else is refused where it is set.
    receiptSymbol: receiptSymbolSuffixSchema,
    procedureCodes: z.array(z.string().regex(/^\d\.\d{6}$/, 'national procedure code, e.g. 1.001193')).min(1).optional(),
    historical: z.literal(true).optional(),
    supersededBy: agencyId.optional(),
    until: z.iso.date().optional(),
  })
  .superRefine((a, ctx) => {
    const history = [a.historical, a.supersededBy, a.until].filter((x) => x !== undefined).length;
    if (history !== 0 && history !== 3) {
      ctx.addIssue({ code: 'custom', path: ['historical'], message: 'an agency kept for history has historical: true, supersededBy and until, all three' });
    }
    // Districts were abolished on 1 July 2025: one can only be history.
    if (a.level === 'district' && !a.historical) {
      ctx.addIssue({ code: 'custom', path: ['level'], message: 'there are no districts since 1 July 2025: a district agency can only be kept for history' });
    }
    if (a.parentId === a.id) ctx.addIssue({ code: 'custom', path: ['parentId'], message: 'an agency cannot be its own parent' });
    if (a.supersededBy === a.id) ctx.addIssue({ code: 'custom', path: ['supersededBy'], message: 'an agency cannot supersede itself' });
  }) as z.ZodType<Agency>;

/**
 * What a set of agencies must hold together, beyond each one's schema: unique ids, parents
 * and successors that exist, successors in service, no cycle, a commune-level agency under a
 * province. Empty when the set is sound; otherwise one line per problem, naming the agency.
 */
export function agencyTreeProblems(agencies: readonly Agency[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Agency>();
  for (const a of agencies) {
    if (byId.has(a.id)) problems.push(`${a.id}: the id is used twice`);
    byId.set(a.id, a);
  }
  for (const a of agencies) {
    if (a.parentId !== undefined) {
      const parent = byId.get(a.parentId);
      if (!parent) problems.push(`${a.id}: parent ${a.parentId} is not in the catalogue`);
      else if (!a.historical && parent.historical) problems.push(`${a.id}: an agency in service cannot sit under ${parent.id}, which is kept for history`);
      else if (!a.historical && parent.level !== a.level && !(parent.level === 'province' && procedureLevelOf(a) === 'commune')) {
        problems.push(`${a.id}: a ${a.level} cannot sit under a ${parent.level}`);
      }
    } else if (!a.historical && a.level !== 'province') {
      problems.push(`${a.id}: a ${a.level} needs its province as parentId`);
    }
    if (a.supersededBy !== undefined) {
      const successor = byId.get(a.supersededBy);
      if (!successor) problems.push(`${a.id}: successor ${a.supersededBy} is not in the catalogue`);
      else if (successor.historical) problems.push(`${a.id}: successor ${successor.id} is itself kept for history; name the agency in service`);
    }
    // Walking up must end: no agency is its own ancestor.
    const seen = new Set<string>([a.id]);
    for (let up = a.parentId; up !== undefined; up = byId.get(up)?.parentId) {
      if (seen.has(up)) {
        problems.push(`${a.id}: its parents form a cycle`);
        break;
      }
      seen.add(up);
    }
  }
  return problems;
}

export const requiredDocumentSchema: z.ZodType<RequiredDocument> = z.strictObject({
  name: nfcText,
  copies: nfcText.optional(),
  note: nfcText.optional(),
  required: z.boolean(),
});

export const procedureSchema: z.ZodType<Procedure> = z
  .strictObject({
    code: z.string().regex(/^\d\.\d{6}$/, 'national procedure code, e.g. 1.001193'),
    name: nfcText,
    nameEn: z.string().min(1),
    level: levelSchema,
    field: nfcText,
    eligibility: nfcText,
    documents: z.array(requiredDocumentSchema).min(1),
    onlineSteps: z.array(nfcText).min(3),
    processingTime: nfcText,
    processingDays: z.number().int().min(0).max(365),
    resultCollection: nfcText,
    fee: feeSchema,
    feeKind: feeCategorySchema.optional(),
    feeRules: feeRulesSchema.optional(),
    reliefs: reliefsSchema.optional(),
    feeNote: nfcText.optional(),
    legalBasis: z.array(nfcText).min(1),
    orderTtlHours: z.number().int().min(1).max(720).optional(),
    keywords: z.array(nfcText).optional(),
    feeCollectedBy: nfcText.optional(),
    paidOnPortalOnline: z.union([z.literal(true), z.literal('check')]).optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.onlineSteps.some((s) => s.includes('VNeID'))) {
      ctx.addIssue({ code: 'custom', path: ['onlineSteps'], message: 'the steps must include logging in with VNeID' });
    }
    const lastRule = p.feeRules?.[p.feeRules.length - 1];
    if (lastRule && JSON.stringify(lastRule.fee) !== JSON.stringify(p.fee)) {
      ctx.addIssue({ code: 'custom', path: ['fee'], message: 'the fee must be the last fee rule\'s fee' });
    }
    if (p.fee.kind !== 'free' && !p.feeNote) {
      ctx.addIssue({ code: 'custom', path: ['feeNote'], message: 'a charged fee needs a note naming where the amount comes from' });
    }
  });

// ---------------------------------------------------------------------------------------
// Agencies. DEMO VALUES: account numbers and tax codes are invented (tax codes start with 99,
// which is no province's prefix); state collection accounts are usually held at Agribank,
// Vietcombank, BIDV or VietinBank, hence the banks chosen.

/** The province of the demo: the first agency, the parent of the communes. */
const PROVINCE = 'tinh-vinh-long';

/**
 * Today's agencies, in the order they are listed: the province, then its communes. The
 * first commune is where the demo clerk and volunteer work (local/seed.ts). Ids of today's
 * agencies are new: the old ids stay with the agencies of the old map (HISTORICAL_AGENCIES),
 * whose records name them.
 */
export const AGENCIES: readonly Agency[] = [
  {
    id: PROVINCE,
    name: 'Trung tâm Phục vụ hành chính công tỉnh Vĩnh Long',
    level: 'province',
    taxCode: '9900000201',
    address: 'Tỉnh Vĩnh Long',
    bank: { bin: '970436', bankName: 'Vietcombank', accountNumber: '999900000201', accountName: 'TT PHUC VU HCC TINH VINH LONG' },
    receiptSymbol: 'VL',
  },
  {
    // First commune: the demo clerk and volunteer work here.
    id: 'xa-giong-trom',
    name: 'Ủy ban nhân dân xã Giồng Trôm',
    level: 'commune',
    parentId: PROVINCE,
    taxCode: '9900000202',
    address: 'Xã Giồng Trôm, tỉnh Vĩnh Long',
    bank: { bin: '970405', bankName: 'Agribank', accountNumber: '999900000202', accountName: 'UBND XA GIONG TROM', watcher: 'payos' },
    receiptSymbol: 'GR',
  },
  {
    id: 'xa-luong-hoa',
    name: 'Ủy ban nhân dân xã Lương Hòa',
    level: 'commune',
    parentId: PROVINCE,
    taxCode: '9900000203',
    address: 'Xã Lương Hòa, tỉnh Vĩnh Long',
    bank: { bin: '970415', bankName: 'VietinBank', accountNumber: '999900000203', accountName: 'UBND XA LUONG HOA', watcher: 'sepay' },
    receiptSymbol: 'LA',
  },
  {
    id: 'xa-chau-hoa',
    name: 'Ủy ban nhân dân xã Châu Hòa',
    level: 'commune',
    parentId: PROVINCE,
    taxCode: '9900000204',
    address: 'Xã Châu Hòa, tỉnh Vĩnh Long',
    bank: { bin: '970418', bankName: 'BIDV', accountNumber: '999900000204', accountName: 'UBND XA CHAU HOA', watcher: 'casso' },
    receiptSymbol: 'CH',
  },
];

/** The day before the two-tier map took effect (1 July 2025): the last day of the old agencies. */
const OLD_MAP_UNTIL = '2025-06-30';

/**
 * The agencies of the old map, kept for the records made under them (their orders,
 * transfers and receipts keep their id, name, account and receipt symbol). Which new
 * commune took over which old one follows Resolution 1687/NQ-UBTVQH15 as read in secondary
 * sources [check]: Mỹ Thạnh into Lương Hòa, Bình Thành into Giồng Trôm; the district's
 * records went to the communes and the province, so it points at the province.
 */
export const HISTORICAL_AGENCIES: readonly Agency[] = [
  {
    id: 'ben-tre',
    name: 'Ủy ban nhân dân tỉnh Bến Tre',
    level: 'province',
    taxCode: '9900000100',
    address: 'Tỉnh Bến Tre',
    bank: { bin: '970436', bankName: 'Vietcombank', accountNumber: '999900000100', accountName: 'UBND TINH BEN TRE' },
    receiptSymbol: 'BE',
    historical: true,
    supersededBy: PROVINCE,
    until: OLD_MAP_UNTIL,
  },
  {
    id: 'giong-trom',
    name: 'Ủy ban nhân dân huyện Giồng Trôm',
    level: 'district',
    parentId: 'ben-tre',
    taxCode: '9900000101',
    address: 'Thị trấn Giồng Trôm, huyện Giồng Trôm, tỉnh Bến Tre',
    bank: { bin: '970418', bankName: 'BIDV', accountNumber: '999900000101', accountName: 'UBND HUYEN GIONG TROM' },
    receiptSymbol: 'GT',
    historical: true,
    supersededBy: PROVINCE,
    until: OLD_MAP_UNTIL,
  },
  {
    id: 'my-thanh',
    name: 'Ủy ban nhân dân xã Mỹ Thạnh',
    level: 'commune',
    parentId: 'giong-trom',
    taxCode: '9900000102',
    address: 'Xã Mỹ Thạnh, huyện Giồng Trôm, tỉnh Bến Tre',
    bank: { bin: '970405', bankName: 'Agribank', accountNumber: '999900000102', accountName: 'UBND XA MY THANH' },
    receiptSymbol: 'MT',
    historical: true,
    supersededBy: 'xa-luong-hoa',
    until: OLD_MAP_UNTIL,
  },
  {
    id: 'luong-hoa',
    name: 'Ủy ban nhân dân xã Lương Hòa',
    level: 'commune',
    parentId: 'giong-trom',
    taxCode: '9900000103',
    address: 'Xã Lương Hòa, huyện Giồng Trôm, tỉnh Bến Tre',
    bank: { bin: '970415', bankName: 'VietinBank', accountNumber: '999900000103', accountName: 'UBND XA LUONG HOA' },
    receiptSymbol: 'LH',
    historical: true,
    supersededBy: 'xa-luong-hoa',
    until: OLD_MAP_UNTIL,
  },
  {
    id: 'binh-thanh',
    name: 'Ủy ban nhân dân xã Bình Thành',
    level: 'commune',
    parentId: 'giong-trom',
    taxCode: '9900000104',
    address: 'Xã Bình Thành, huyện Giồng Trôm, tỉnh Bến Tre',
    bank: { bin: '970436', bankName: 'Vietcombank', accountNumber: '999900000104', accountName: 'UBND XA BINH THANH' },
    receiptSymbol: 'BT',
    historical: true,
    supersededBy: 'xa-giong-trom',
    until: OLD_MAP_UNTIL,
  },
];

/** Everything the catalogue stores: today's agencies, then those kept for history. */
export const CATALOGUE_AGENCIES: readonly Agency[] = [...AGENCIES, ...HISTORICAL_AGENCIES];

// ---------------------------------------------------------------------------------------
// Shared wording

const SAME_DAY = 'Trong ngày; nếu nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo';

const COMMUNE_RESULT =
  'Nhận tại Bộ phận Một cửa Ủy ban nhân dân xã, qua bưu điện, hoặc bản điện tử trong tài khoản trên Cổng Dịch vụ công quốc gia (theo cách đã chọn khi nộp hồ sơ).';
const PROVINCE_LAND_RESULT =
  'Nhận tại nơi đã nộp hồ sơ (Trung tâm Phục vụ hành chính công của tỉnh hoặc của xã), qua bưu điện, hoặc bản điện tử trong tài khoản trên Cổng Dịch vụ công quốc gia (theo cách đã chọn khi nộp hồ sơ).';
const ATTESTATION_RESULT =
  'Nhận tại Bộ phận Một cửa Ủy ban nhân dân xã ngay khi chứng thực xong; bản chứng thực điện tử (nếu yêu cầu) được gửi vào tài khoản trên Cổng Dịch vụ công quốc gia.';

const ID_DOC: RequiredDocument = {
  name: 'Căn cước công dân, thẻ căn cước hoặc hộ chiếu còn giá trị của người đi làm thủ tục',
  copies: 'Xuất trình bản chính',
  note: 'Nộp trực tuyến bằng tài khoản VNeID mức độ 2 thì không phải nộp bản sao.',
  required: true,
};

const AUTHORIZATION_DOC: RequiredDocument = {
  name: 'Văn bản ủy quyền có chứng thực, nếu nhờ người khác làm thay',
  copies: '01 bản chính',
  note: 'Ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người cần làm thủ tục thì không cần văn bản ủy quyền có chứng thực.',
  required: false,
};

/** Why a provincial amount is only a default. Mentions the People's Council resolution. */
function provincialFeeNote(what: string, extra?: string): string {
  return (
    `${what} do Hội đồng nhân dân tỉnh quyết định bằng nghị quyết (Luật Phí và lệ phí 2015; Thông tư 85/2019/TT-BTC, thay thế Thông tư 250/2016/TT-BTC). ` +
    'Số tiền ở đây là mức mặc định để minh họa; quản trị viên điều chỉnh theo nghị quyết hiện hành của tỉnh cho từng cơ quan.' +
    (extra ? ` ${extra}` : '')
  );
}

const CIVIL_STATUS_EXEMPTION =
  'Miễn lệ phí cho người thuộc gia đình có công với cách mạng, người thuộc hộ nghèo, người khuyết tật (Luật Hộ tịch 2014, Điều 11).';

type Payment = 'vietqr' | 'free' | 'police';

interface StepOptions {
  /** What to type in the portal's search box: the name, or a shorter form of a long name. */
  search: string;
  code: string;
  /** Where to send the dossier, after "tỉnh Vĩnh Long, rồi ". */
  agency: string;
  payment: Payment;
  /** Steps that must happen in person (bring originals, sign before the officer). */
  inPerson?: string;
}

/**
 * Steps on dichvucong.gov.vn, written for older citizens: one action per step, the words
 * they will see on screen in quotes.
 */
function onlineSteps(o: StepOptions): string[] {
  const steps = [
    'Mở Cổng Dịch vụ công quốc gia tại địa chỉ dichvucong.gov.vn trên điện thoại hoặc máy tính. Bấm “Đăng nhập” và chọn đăng nhập bằng tài khoản định danh điện tử mức độ 2 (VNeID). Chưa có tài khoản VNeID mức độ 2 thì nhờ Công an xã hoặc đoàn viên trực tại Bộ phận Một cửa giúp kích hoạt.',
    `Gõ “${o.search}” hoặc mã thủ tục ${o.code} vào ô tìm kiếm, chọn đúng thủ tục rồi bấm “Nộp trực tuyến”.`,
    `Chọn nơi nộp hồ sơ: tỉnh Vĩnh Long, rồi ${o.agency}.`,
    'Điền tờ khai điện tử. Họ tên, ngày sinh, số định danh cá nhân được lấy sẵn từ tài khoản VNeID; chỉ cần kiểm tra lại và điền phần còn trống.',
    'Chụp ảnh rõ nét hoặc quét từng giấy tờ trong hồ sơ rồi tải lên đúng ô. Ảnh chụp bằng điện thoại được chấp nhận nếu đọc rõ chữ.',
    'Kiểm tra lại một lượt rồi bấm “Nộp hồ sơ”. Ghi lại mã hồ sơ hệ thống báo (mã này cũng được gửi qua tin nhắn hoặc thư điện tử).',
    'Theo dõi hồ sơ bằng mã hồ sơ trong mục “Quản lý hồ sơ đã nộp” trên Cổng Dịch vụ công hoặc trên ứng dụng VNeID. Nếu cần bổ sung, cán bộ sẽ gọi điện hoặc nhắn tin.',
  ];
  if (o.inPerson) steps.push(o.inPerson);
  if (o.payment === 'vietqr') {
    steps.push(
      'Nộp phí, lệ phí tại trang này: chọn thủ tục và cơ quan, nhập mã hồ sơ, rồi dùng ứng dụng ngân hàng quét mã VietQR. Giữ nguyên số tiền và nội dung chuyển khoản; trang tự báo “Đã thanh toán” và cán bộ gửi biên lai điện tử. Tại Bộ phận Một cửa, cán bộ hoặc đoàn viên có thể tạo mã giúp.',
    );
  } else if (o.payment === 'free') {
    steps.push('Thủ tục này không thu lệ phí: không chuyển tiền cho bất kỳ ai, kể cả người tự nhận làm hộ hồ sơ.');
  } else {
    steps.push(
      'Lệ phí do Công an xã thu: nộp trực tuyến ngay trên Cổng Dịch vụ công khi nộp hồ sơ, hoặc nộp tại Công an xã. Không chuyển khoản vào tài khoản của Ủy ban nhân dân xã cho thủ tục này.',
    );
  }
  steps.push('Nhận kết quả theo cách đã chọn khi nộp: bản điện tử trong tài khoản, qua bưu điện, hoặc tại nơi nộp hồ sơ.');
  return steps;
}

const COMMUNE_CIVIL = 'Ủy ban nhân dân xã nơi người đi đăng ký cư trú';
const COMMUNE_HERE = 'Ủy ban nhân dân xã nơi cần làm thủ tục';
/**
 * Since 1 July 2025 registering changes of land rights and exchanging certificates are done
 * by the province's land registration office (its branch for the area); the dossier may be
 * handed in at the province's or the commune's public-administration service centre.
 */
const PROVINCE_LAND_OFFICE = 'Văn phòng đăng ký đất đai tỉnh Vĩnh Long (Chi nhánh khu vực nơi có đất)';
const COMMUNE_BUSINESS = 'Ủy ban nhân dân xã nơi đặt địa điểm kinh doanh (Phòng Kinh tế)';
const COMMUNE_BUILDING = 'Ủy ban nhân dân xã nơi xây dựng công trình';

const SIGN_IN_PERSON =
  'Đến Bộ phận Một cửa Ủy ban nhân dân xã để ký trước mặt cán bộ chứng thực (mang theo giấy tờ tùy thân). Nộp trực tuyến giúp chuẩn bị hồ sơ trước, không thay được việc ký trực tiếp.';
const BRING_ORIGINALS =
  'Mang bản chính giấy tờ đến Bộ phận Một cửa khi nhận kết quả để cán bộ đối chiếu (nếu nhận bản sao giấy).';

const CIVIL_STATUS_LAW = ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP', 'Thông tư 04/2020/TT-BTP'];
const ATTESTATION_LAW = ['Nghị định 23/2015/NĐ-CP', 'Thông tư 01/2020/TT-BTP', 'Thông tư 226/2016/TT-BTC'];
// Decree 168/2025/NĐ-CP (in force 1 July 2025, replacing Decree 01/2021) registers
// household businesses at the commune; Circular 68/2025/TT-BTC holds the forms (replacing
// Circular 01/2021/TT-BKHĐT). See docs/domain.md, "The administrative map".
const BUSINESS_HOUSEHOLD_LAW = ['Nghị định 168/2025/NĐ-CP', 'Thông tư 68/2025/TT-BTC', 'Thông tư 85/2019/TT-BTC'];
// Since 1 July 2026: Construction Law 135/2025/QH15 and its decrees (Decree 210/2026/NĐ-CP
// [check]); the fee rules before and after are in shared/fee-schedules.ts.
const CONSTRUCTION_LAW = ['Luật Xây dựng 135/2025/QH15', 'Nghị định 210/2026/NĐ-CP', 'Thông tư 85/2019/TT-BTC'];
const LAND_LAW = ['Luật Đất đai 2024', 'Nghị định 101/2024/NĐ-CP', 'Thông tư 85/2019/TT-BTC'];
const RESIDENCE_LAW = ['Luật Cư trú 2020', 'Nghị định 154/2024/NĐ-CP', 'Thông tư 55/2021/TT-BCA', 'Thông tư 75/2022/TT-BTC'];
const SOCIAL_LAW = ['Nghị định 20/2021/NĐ-CP', 'Nghị định 76/2024/NĐ-CP'];

const CERTIFIED_COPY: Fee = {
  kind: 'tiered',
  unit: 'page',
  tiers: [
    { upTo: 2, unitAmount: 2_000 },
    { upTo: null, unitAmount: 1_000 },
  ],
  cap: 200_000,
};
const CERTIFIED_COPY_NOTE =
  '2.000 đồng/trang cho trang thứ nhất và thứ hai, từ trang thứ ba 1.000 đồng/trang, tối đa 200.000 đồng/bản (Thông tư 226/2016/TT-BTC). Số lượng là số trang của MỘT bản sao; chứng thực nhiều bản thì mỗi bản tính riêng.';

// ---------------------------------------------------------------------------------------
// Procedures, by field. Those the district handled before 1 July 2025 come last, at the
// level that handles them now (most at the commune, land changes at the province).

// Built inside a call marked pure: the data is built from helper calls, and without the
// mark a bundle that only searches (the Lambdas read the catalogue from the table)
// would carry all of it.
// Each procedure gets its fee's kind, rules over time and reliefs from shared/fee-schedules.ts.
export const PROCEDURES: readonly Procedure[] = /* @__PURE__ */ (() => ([
  // ----- Hộ tịch (commune) -------------------------------------------------------------
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    nameEn: 'Birth registration',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Cha, mẹ, ông, bà hoặc người thân đang nuôi dưỡng trẻ. Trẻ phải được đăng ký khai sinh trong 60 ngày kể từ ngày sinh, tại Ủy ban nhân dân xã nơi cha hoặc mẹ cư trú.',
    documents: [
      { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', copies: '01 bản', note: 'Nộp trực tuyến thì điền tờ khai điện tử.', required: true },
      {
        name: 'Giấy chứng sinh do cơ sở y tế cấp',
        copies: '01 bản chính',
        note: 'Không có giấy chứng sinh thì nộp văn bản của người làm chứng, hoặc giấy cam đoan về việc sinh.',
        required: true,
      },
      { name: 'Giấy chứng nhận kết hôn của cha mẹ (nếu cha mẹ đã đăng ký kết hôn)', copies: 'Xuất trình', required: false },
      ID_DOC,
      AUTHORIZATION_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký khai sinh', code: '1.001193', agency: COMMUNE_CIVIL, payment: 'free' }),
    processingTime: SAME_DAY,
    processingDays: 0,
    resultCollection: `Giấy khai sinh bản chính (và bản sao nếu có yêu cầu). ${COMMUNE_RESULT}`,
    fee: { kind: 'free' },
    feeNote:
      'Miễn lệ phí khi đăng ký khai sinh đúng hạn (Luật Hộ tịch 2014, Điều 11). Đăng ký quá hạn có thể phải nộp lệ phí theo nghị quyết của Hội đồng nhân dân tỉnh. Bản sao Giấy khai sinh cấp thêm: 8.000 đồng/bản (xem thủ tục cấp bản sao trích lục hộ tịch).',
    legalBasis: [...CIVIL_STATUS_LAW, 'Thông tư 85/2019/TT-BTC'],
    keywords: ['giấy khai sinh', 'làm khai sinh', 'khai sinh cho con', 'trẻ mới sinh'],
  },
  {
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    nameEn: 'Marriage registration',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi, tự nguyện kết hôn, không bị mất năng lực hành vi dân sự và không thuộc trường hợp bị cấm kết hôn. Nộp tại Ủy ban nhân dân xã nơi một trong hai người cư trú; cả hai phải có mặt khi nhận Giấy chứng nhận kết hôn.',
    documents: [
      { name: 'Tờ khai đăng ký kết hôn (theo mẫu; hai bên có thể khai chung một tờ)', copies: '01 bản', required: true },
      {
        name: 'Giấy xác nhận tình trạng hôn nhân',
        copies: '01 bản chính',
        note: 'Chỉ cần khi người đó không thường trú tại xã nơi đăng ký kết hôn; do Ủy ban nhân dân xã nơi thường trú cấp.',
        required: false,
      },
      { ...ID_DOC, name: 'Căn cước công dân, thẻ căn cước hoặc hộ chiếu còn giá trị của cả hai bên' },
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký kết hôn', code: '1.000894', agency: COMMUNE_CIVIL, payment: 'free' }),
    processingTime: 'Trong ngày; nếu cần xác minh điều kiện kết hôn thì không quá 05 ngày làm việc',
    processingDays: 0,
    resultCollection: `Giấy chứng nhận kết hôn, mỗi bên một bản chính; hai bên cùng có mặt ký và nhận. ${COMMUNE_RESULT}`,
    fee: { kind: 'free' },
    feeNote: 'Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (Luật Hộ tịch 2014, Điều 11).',
    legalBasis: ['Luật Hôn nhân và gia đình 2014', ...CIVIL_STATUS_LAW],
    keywords: ['giấy đăng ký kết hôn', 'giấy chứng nhận kết hôn', 'lấy vợ', 'lấy chồng', 'cưới'],
  },
  {
    code: '1.000656',
    name: 'Đăng ký khai tử',
    nameEn: 'Death registration',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Vợ, chồng, con, cha, mẹ hoặc người thân của người đã mất đi khai tử trong 15 ngày kể từ ngày mất, tại Ủy ban nhân dân xã nơi người mất cư trú cuối cùng.',
    documents: [
      { name: 'Tờ khai đăng ký khai tử (theo mẫu)', copies: '01 bản', required: true },
      {
        name: 'Giấy báo tử hoặc giấy tờ thay Giấy báo tử',
        copies: '01 bản chính',
        note: 'Người mất ở bệnh viện thì bệnh viện cấp giấy báo tử; mất tại nhà thì Ủy ban nhân dân xã hướng dẫn giấy tờ thay thế.',
        required: true,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký khai tử', code: '1.000656', agency: 'Ủy ban nhân dân xã nơi người mất cư trú cuối cùng', payment: 'free' }),
    processingTime: 'Trong ngày; nếu cần xác minh thì không quá 03 ngày làm việc',
    processingDays: 0,
    resultCollection: `Trích lục khai tử (bản chính). ${COMMUNE_RESULT}`,
    fee: { kind: 'free' },
    feeNote:
      'Miễn lệ phí khi đăng ký khai tử đúng hạn (Luật Hộ tịch 2014, Điều 11). Đăng ký quá hạn có thể phải nộp lệ phí theo nghị quyết của Hội đồng nhân dân tỉnh.',
    legalBasis: CIVIL_STATUS_LAW,
    keywords: ['báo tử', 'giấy chứng tử', 'trích lục khai tử', 'người mất'],
  },
  {
    code: '1.001022',
    paidOnPortalOnline: true,
    name: 'Đăng ký nhận cha, mẹ, con',
    nameEn: 'Registration of parent–child recognition',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Cha, mẹ hoặc con muốn được công nhận là cha, mẹ, con của nhau khi chưa được ghi trong giấy khai sinh, các bên còn sống và không có tranh chấp. Nộp tại Ủy ban nhân dân xã nơi người nhận hoặc người được nhận cư trú.',
    documents: [
      { name: 'Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)', copies: '01 bản', required: true },
      {
        name: 'Chứng cứ chứng minh quan hệ cha, mẹ, con',
        copies: '01 bản',
        note: 'Văn bản giám định ADN hoặc văn bản của cơ sở y tế; không có thì thư từ, phim ảnh, đồ dùng... kèm văn bản cam đoan có ít nhất hai người làm chứng.',
        required: true,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký nhận cha, mẹ, con', code: '1.001022', agency: COMMUNE_CIVIL, payment: 'vietqr' }),
    processingTime: '03 ngày làm việc; nếu cần xác minh thì kéo dài thêm không quá 05 ngày làm việc',
    processingDays: 3,
    resultCollection: `Trích lục đăng ký nhận cha, mẹ, con; các bên có mặt khi nhận. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 15_000 },
    feeNote: provincialFeeNote('Lệ phí đăng ký nhận cha, mẹ, con', CIVIL_STATUS_EXEMPTION),
    legalBasis: [...CIVIL_STATUS_LAW, 'Thông tư 85/2019/TT-BTC'],
    keywords: ['nhận con', 'nhận cha', 'công nhận cha con', 'nhận mẹ'],
  },
  {
    code: '1.000689',
    paidOnPortalOnline: true,
    name: 'Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con',
    nameEn: 'Birth registration combined with parent–child recognition',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Khi khai sinh cho con mà cha mẹ chưa đăng ký kết hôn, người cha (hoặc mẹ) muốn được ghi tên vào giấy khai sinh của con ngay lúc khai sinh.',
    documents: [
      { name: 'Tờ khai đăng ký khai sinh và Tờ khai đăng ký nhận cha, mẹ, con (theo mẫu)', copies: '01 bản mỗi loại', required: true },
      { name: 'Giấy chứng sinh do cơ sở y tế cấp', copies: '01 bản chính', required: true },
      {
        name: 'Chứng cứ chứng minh quan hệ cha, mẹ, con',
        copies: '01 bản',
        note: 'Văn bản giám định ADN, hoặc thư từ, phim ảnh... kèm văn bản cam đoan có ít nhất hai người làm chứng.',
        required: true,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'khai sinh kết hợp nhận cha, mẹ, con', code: '1.000689', agency: COMMUNE_CIVIL, payment: 'vietqr' }),
    processingTime: '03 ngày làm việc; nếu cần xác minh thì kéo dài thêm không quá 05 ngày làm việc',
    processingDays: 3,
    resultCollection: `Giấy khai sinh có tên cha và mẹ, trích lục đăng ký nhận cha, mẹ, con. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 15_000 },
    feeNote: provincialFeeNote(
      'Lệ phí đăng ký nhận cha, mẹ, con',
      `Phần khai sinh đúng hạn được miễn lệ phí. ${CIVIL_STATUS_EXEMPTION}`,
    ),
    legalBasis: [...CIVIL_STATUS_LAW, 'Thông tư 85/2019/TT-BTC'],
    keywords: ['khai sinh nhận cha', 'giấy khai sinh có tên cha', 'con ngoài giá thú'],
  },
  {
    code: '1.004859',
    paidOnPortalOnline: true,
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    nameEn: 'Change, correction or supplement of civil-status information',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Thay đổi họ, chữ đệm, tên của người dưới 14 tuổi theo yêu cầu của cha mẹ; sửa thông tin hộ tịch bị ghi sai do lỗi khi đăng ký; bổ sung thông tin còn thiếu trong giấy khai sinh, sổ hộ tịch. Người từ đủ 14 tuổi muốn thay đổi, cải chính thông tin hộ tịch cũng nộp tại Ủy ban nhân dân xã.',
    documents: [
      { name: 'Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch (theo mẫu)', copies: '01 bản', required: true },
      {
        name: 'Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung (giấy khai sinh, học bạ, giấy tờ có thông tin đúng...)',
        copies: '01 bản sao hoặc xuất trình bản chính',
        required: true,
      },
      {
        name: 'Văn bản đồng ý của người cần thay đổi tên, nếu người đó từ đủ 9 tuổi trở lên',
        copies: '01 bản chính',
        note: 'Theo Bộ luật Dân sự 2015.',
        required: false,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'thay đổi, cải chính, bổ sung thông tin hộ tịch', code: '1.004859', agency: 'Ủy ban nhân dân xã nơi đã đăng ký hộ tịch trước đây hoặc nơi cư trú', payment: 'vietqr' }),
    processingTime: '03 ngày làm việc; nếu cần xác minh thì kéo dài thêm không quá 03 ngày làm việc',
    processingDays: 3,
    resultCollection: `Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 15_000 },
    feeNote: provincialFeeNote('Lệ phí thay đổi, cải chính, bổ sung thông tin hộ tịch', CIVIL_STATUS_EXEMPTION),
    legalBasis: ['Bộ luật Dân sự 2015', ...CIVIL_STATUS_LAW, 'Thông tư 85/2019/TT-BTC'],
    keywords: ['sửa giấy khai sinh', 'đổi tên', 'cải chính hộ tịch', 'sai ngày sinh', 'bổ sung hộ tịch'],
  },
  {
    code: '2.000635',
    paidOnPortalOnline: true,
    name: 'Cấp bản sao trích lục hộ tịch',
    nameEn: 'Copy of a civil-status extract',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Người đã đăng ký khai sinh, kết hôn, khai tử... hoặc người thân, người được ủy quyền, cần thêm bản sao từ sổ hộ tịch hoặc cơ sở dữ liệu hộ tịch.',
    documents: [
      { name: 'Tờ khai cấp bản sao trích lục hộ tịch (theo mẫu)', copies: '01 bản', required: true },
      ID_DOC,
      AUTHORIZATION_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Cấp bản sao trích lục hộ tịch', code: '2.000635', agency: 'Ủy ban nhân dân xã nơi đã đăng ký sự kiện hộ tịch', payment: 'vietqr' }),
    processingTime: SAME_DAY,
    processingDays: 0,
    resultCollection: `Bản sao trích lục hộ tịch (bản sao Giấy khai sinh, trích lục kết hôn, khai tử...). ${COMMUNE_RESULT}`,
    fee: { kind: 'per_unit', unit: 'copy', unitAmount: 8_000 },
    feeNote:
      '8.000 đồng/bản sao trích lục cho mỗi sự kiện hộ tịch (Thông tư 281/2016/TT-BTC). Số lượng là số bản sao cần cấp.',
    legalBasis: [...CIVIL_STATUS_LAW, 'Thông tư 281/2016/TT-BTC'],
    keywords: ['bản sao giấy khai sinh', 'trích lục khai sinh', 'trích lục kết hôn', 'sao lục', 'bản sao trích lục'],
  },
  {
    code: '1.004873',
    paidOnPortalOnline: true,
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    nameEn: 'Certificate of marital status',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Công dân Việt Nam cư trú trong nước cần giấy xác nhận đang độc thân hoặc đang có vợ, chồng (để kết hôn, mua bán nhà đất, vay vốn...). Nộp tại Ủy ban nhân dân xã nơi thường trú; không có nơi thường trú thì nơi tạm trú.',
    documents: [
      { name: 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)', copies: '01 bản', required: true },
      {
        name: 'Giấy tờ chứng minh đã ly hôn hoặc vợ, chồng đã mất, nếu đã từng kết hôn',
        copies: '01 bản sao',
        note: 'Bản án hoặc quyết định ly hôn đã có hiệu lực, trích lục khai tử.',
        required: false,
      },
      {
        name: 'Giấy xác nhận tình trạng hôn nhân đã cấp trước đây, nếu xin cấp lại để kết hôn',
        copies: 'Nộp lại bản đã cấp',
        required: false,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Giấy xác nhận tình trạng hôn nhân', code: '1.004873', agency: 'Ủy ban nhân dân xã nơi thường trú', payment: 'vietqr' }),
    processingTime: '03 ngày làm việc; nếu phải xác minh tình trạng hôn nhân ở nơi cư trú trước đây thì lâu hơn theo Nghị định 123/2015/NĐ-CP',
    processingDays: 3,
    resultCollection: `Giấy xác nhận tình trạng hôn nhân (có giá trị 6 tháng). ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 15_000 },
    feeNote: provincialFeeNote('Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', CIVIL_STATUS_EXEMPTION),
    legalBasis: [...CIVIL_STATUS_LAW, 'Thông tư 85/2019/TT-BTC'],
    keywords: ['xác nhận độc thân', 'giấy độc thân', 'tình trạng hôn nhân'],
  },
  {
    code: '1.004837',
    name: 'Đăng ký giám hộ',
    nameEn: 'Guardianship registration',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Người giám hộ đương nhiên hoặc người được cử làm giám hộ cho trẻ mồ côi, người mất năng lực hành vi dân sự... Nộp tại Ủy ban nhân dân xã nơi người được giám hộ hoặc người giám hộ cư trú.',
    documents: [
      { name: 'Tờ khai đăng ký giám hộ (theo mẫu)', copies: '01 bản', required: true },
      {
        name: 'Văn bản cử người giám hộ, hoặc giấy tờ chứng minh là người giám hộ đương nhiên',
        copies: '01 bản',
        note: 'Theo Bộ luật Dân sự 2015.',
        required: true,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký giám hộ', code: '1.004837', agency: COMMUNE_CIVIL, payment: 'free' }),
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    resultCollection: `Trích lục đăng ký giám hộ. ${COMMUNE_RESULT}`,
    fee: { kind: 'free' },
    feeNote: 'Miễn lệ phí đăng ký giám hộ (Luật Hộ tịch 2014, Điều 11).',
    legalBasis: ['Bộ luật Dân sự 2015', ...CIVIL_STATUS_LAW],
    keywords: ['giám hộ', 'người giám hộ', 'trẻ mồ côi'],
  },
  {
    code: '1.004884',
    paidOnPortalOnline: true,
    name: 'Đăng ký lại khai sinh',
    nameEn: 'Re-registration of a birth',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Người đã đăng ký khai sinh ở Việt Nam trước ngày 01/01/2016 nhưng cả sổ hộ tịch và bản chính Giấy khai sinh đều đã mất.',
    documents: [
      { name: 'Tờ khai đăng ký lại khai sinh (theo mẫu)', copies: '01 bản', required: true },
      {
        name: 'Giấy tờ có thông tin khai sinh (học bạ, bằng cấp, lý lịch, hồ sơ đảng viên...) hoặc văn bản cam đoan nếu không còn giấy tờ nào',
        copies: '01 bản sao',
        required: true,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký lại khai sinh', code: '1.004884', agency: 'Ủy ban nhân dân xã nơi đã đăng ký khai sinh trước đây hoặc nơi thường trú', payment: 'vietqr' }),
    processingTime: '05 ngày làm việc; nếu phải xác minh ở nơi đã đăng ký khai sinh trước đây thì lâu hơn',
    processingDays: 5,
    resultCollection: `Giấy khai sinh (đăng ký lại). ${COMMUNE_RESULT}`,
    // Demo default: several provinces charge a small fee for re-registration, some exempt it.
    fee: { kind: 'flat', amount: 10_000 },
    feeNote: provincialFeeNote('Lệ phí đăng ký lại khai sinh (nhiều tỉnh miễn)', CIVIL_STATUS_EXEMPTION),
    legalBasis: [...CIVIL_STATUS_LAW, 'Thông tư 85/2019/TT-BTC'],
    keywords: ['mất giấy khai sinh', 'làm lại khai sinh', 'đăng ký lại'],
  },
  {
    code: '2.001263',
    paidOnPortalOnline: 'check',
    name: 'Đăng ký việc nuôi con nuôi trong nước',
    nameEn: 'Domestic adoption registration',
    level: 'commune',
    field: 'Nuôi con nuôi',
    eligibility:
      'Người từ đủ 20 tuổi, hơn con nuôi từ 20 tuổi trở lên, có sức khỏe, điều kiện kinh tế và chỗ ở bảo đảm việc nuôi dưỡng. Cha dượng, mẹ kế, cô, cậu, dì, chú, bác ruột nhận cháu được miễn một số điều kiện. Nộp tại Ủy ban nhân dân xã nơi thường trú của người được nhận làm con nuôi hoặc của người nhận con nuôi.',
    documents: [
      { name: 'Đơn xin nhận con nuôi (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Phiếu lý lịch tư pháp của người nhận con nuôi', copies: '01 bản', required: true },
      {
        name: 'Văn bản xác nhận tình trạng hôn nhân, sức khỏe, hoàn cảnh gia đình, chỗ ở, điều kiện kinh tế của người nhận con nuôi',
        copies: '01 bản',
        note: 'Cha dượng, mẹ kế, cô, cậu, dì, chú, bác ruột nhận cháu không phải nộp các giấy tờ về điều kiện.',
        required: false,
      },
      {
        name: 'Hồ sơ của trẻ được nhận làm con nuôi: giấy khai sinh, giấy khám sức khỏe, 02 ảnh, văn bản đồng ý của cha mẹ đẻ hoặc người giám hộ',
        copies: '01 bộ',
        required: true,
      },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'nuôi con nuôi trong nước', code: '2.001263', agency: COMMUNE_HERE, payment: 'vietqr' }),
    processingTime: '30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ',
    processingDays: 30,
    resultCollection: `Giấy chứng nhận nuôi con nuôi, trao tại trụ sở Ủy ban nhân dân xã với sự có mặt của các bên. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 400_000 },
    feeNote:
      'Lệ phí đăng ký nuôi con nuôi trong nước 400.000 đồng/trường hợp (Nghị định 114/2016/NĐ-CP). Được miễn khi cha dượng, mẹ kế nhận con riêng của vợ hoặc chồng; cô, cậu, dì, chú, bác ruột nhận cháu; nhận trẻ khuyết tật, nhiễm HIV/AIDS hoặc mắc bệnh hiểm nghèo; người có công với cách mạng nhận con nuôi. Thuộc diện miễn thì báo cán bộ, không tạo mã thanh toán.',
    legalBasis: ['Luật Nuôi con nuôi 2010', 'Nghị định 19/2011/NĐ-CP (sửa đổi bởi Nghị định 24/2019/NĐ-CP)', 'Nghị định 114/2016/NĐ-CP'],
    keywords: ['con nuôi', 'nhận con nuôi', 'xin con nuôi'],
  },

  // ----- Chứng thực (commune) ----------------------------------------------------------
  {
    code: '2.000815',
    paidOnPortalOnline: 'check',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
    nameEn: 'Certified copy from an original document',
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Bất kỳ ai có bản chính giấy tờ cần sao y (bằng cấp, giấy khai sinh, sổ đỏ...). Không chứng thực bản chính bị tẩy xóa, rách nát, không còn đọc được, hoặc có nội dung trái pháp luật. Giấy tờ nước ngoài cấp phải được hợp pháp hóa lãnh sự, trừ trường hợp được miễn.',
    documents: [
      { name: 'Bản chính giấy tờ, văn bản cần chứng thực bản sao', copies: 'Xuất trình', required: true },
      {
        name: 'Bản chụp (photo) từ bản chính',
        copies: 'Số bản cần chứng thực',
        note: 'Không mang bản chụp thì nơi chứng thực chụp giúp nếu có máy.',
        required: false,
      },
    ],
    onlineSteps: onlineSteps({ search: 'Chứng thực bản sao từ bản chính', code: '2.000815', agency: COMMUNE_HERE, payment: 'vietqr', inPerson: BRING_ORIGINALS }),
    processingTime: SAME_DAY,
    processingDays: 0,
    resultCollection: ATTESTATION_RESULT,
    fee: CERTIFIED_COPY,
    feeNote: CERTIFIED_COPY_NOTE,
    legalBasis: ATTESTATION_LAW,
    keywords: ['sao y', 'sao y bản chính', 'photo công chứng', 'công chứng bản sao', 'chứng thực bản sao'],
  },
  {
    code: '2.000884',
    name: 'Thủ tục chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ và trường hợp người yêu cầu chứng thực không thể ký, không thể điểm chỉ được)',
    nameEn: 'Signature attestation (including fingerprint attestation)',
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Người cần xác nhận chữ ký (hoặc dấu vân tay) của mình trên giấy tờ, văn bản như giấy ủy quyền, đơn, bản cam kết. Phải tự đến ký trước mặt cán bộ chứng thực; không ký sẵn ở nhà.',
    documents: [
      ID_DOC,
      { name: 'Giấy tờ, văn bản cần chứng thực chữ ký (chưa ký)', copies: 'Số bản cần chứng thực', required: true },
    ],
    onlineSteps: onlineSteps({ search: 'Chứng thực chữ ký', code: '2.000884', agency: COMMUNE_HERE, payment: 'vietqr', inPerson: SIGN_IN_PERSON }),
    processingTime: SAME_DAY,
    processingDays: 0,
    resultCollection: ATTESTATION_RESULT,
    fee: { kind: 'per_unit', unit: 'case', unitAmount: 10_000 },
    feeNote:
      '10.000 đồng/trường hợp (Thông tư 226/2016/TT-BTC). Một trường hợp là một giấy tờ, văn bản được chứng thực, dù có một hay nhiều chữ ký. Số lượng là số trường hợp.',
    legalBasis: ATTESTATION_LAW,
    keywords: ['chứng thực chữ ký', 'xác nhận chữ ký', 'điểm chỉ', 'giấy ủy quyền'],
  },
  {
    code: '2.001035',
    name: 'Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở',
    nameEn: 'Attestation of a transaction on movable property, land-use rights or housing',
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Các bên của hợp đồng, giao dịch về xe, tài sản khác, quyền sử dụng đất, nhà ở (chuyển nhượng, tặng cho, thế chấp, ủy quyền...). Tất cả các bên phải có mặt và ký trước mặt cán bộ chứng thực.',
    documents: [
      { name: 'Dự thảo hợp đồng, giao dịch', copies: 'Đủ số bản các bên cần', required: true },
      { ...ID_DOC, name: 'Giấy tờ tùy thân còn giá trị của tất cả các bên' },
      {
        name: 'Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản (sổ đỏ, giấy đăng ký xe...)',
        copies: '01 bản sao, xuất trình bản chính để đối chiếu',
        required: true,
      },
    ],
    onlineSteps: onlineSteps({ search: 'Chứng thực giao dịch', code: '2.001035', agency: 'Ủy ban nhân dân xã nơi có đất, nhà ở (giao dịch về đất, nhà)', payment: 'vietqr', inPerson: SIGN_IN_PERSON }),
    processingTime: 'Trong ngày hoặc ngày làm việc tiếp theo; hồ sơ phức tạp không quá 02 ngày làm việc',
    processingDays: 2,
    resultCollection: ATTESTATION_RESULT,
    fee: { kind: 'flat', amount: 50_000 },
    feeNote: '50.000 đồng/hợp đồng, giao dịch (Thông tư 226/2016/TT-BTC).',
    legalBasis: ['Bộ luật Dân sự 2015', ...ATTESTATION_LAW],
    keywords: ['chứng thực hợp đồng', 'hợp đồng mua bán xe', 'tặng cho đất', 'chuyển nhượng đất', 'hợp đồng ủy quyền'],
  },
  {
    code: '2.000913',
    name: 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ giao dịch',
    nameEn: 'Attestation of amending, supplementing or cancelling an attested transaction',
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Các bên của hợp đồng, giao dịch đã được chứng thực muốn sửa đổi, bổ sung hoặc hủy bỏ; tất cả các bên cùng có mặt ký trước mặt cán bộ.',
    documents: [
      { name: 'Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', copies: 'Đủ số bản các bên cần', required: true },
      { name: 'Hợp đồng, giao dịch đã được chứng thực trước đây', copies: 'Bản chính', required: true },
      { ...ID_DOC, name: 'Giấy tờ tùy thân còn giá trị của tất cả các bên' },
    ],
    onlineSteps: onlineSteps({ search: 'sửa đổi, bổ sung, hủy bỏ giao dịch', code: '2.000913', agency: 'Ủy ban nhân dân xã đã chứng thực hợp đồng, giao dịch', payment: 'vietqr', inPerson: SIGN_IN_PERSON }),
    processingTime: 'Trong ngày hoặc ngày làm việc tiếp theo; hồ sơ phức tạp không quá 02 ngày làm việc',
    processingDays: 2,
    resultCollection: ATTESTATION_RESULT,
    fee: { kind: 'flat', amount: 30_000 },
    feeNote: '30.000 đồng/hợp đồng, giao dịch (Thông tư 226/2016/TT-BTC).',
    legalBasis: ATTESTATION_LAW,
    keywords: ['sửa hợp đồng', 'hủy hợp đồng', 'bổ sung hợp đồng'],
  },
  {
    code: '2.000927',
    name: 'Sửa lỗi sai sót trong giao dịch',
    nameEn: 'Correction of an error in an attested transaction',
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Các bên của hợp đồng, giao dịch đã chứng thực có lỗi kỹ thuật (ghi sai tên, số, chữ) mà việc sửa không làm thay đổi nội dung thỏa thuận.',
    documents: [
      { name: 'Hợp đồng, giao dịch đã chứng thực có lỗi', copies: 'Bản chính', required: true },
      { name: 'Giấy tờ làm căn cứ sửa lỗi (giấy tờ có thông tin đúng)', copies: 'Xuất trình', required: true },
      { ...ID_DOC, name: 'Giấy tờ tùy thân còn giá trị của các bên' },
    ],
    onlineSteps: onlineSteps({ search: 'Sửa lỗi sai sót trong giao dịch', code: '2.000927', agency: 'Ủy ban nhân dân xã đã chứng thực hợp đồng, giao dịch', payment: 'vietqr', inPerson: SIGN_IN_PERSON }),
    processingTime: SAME_DAY,
    processingDays: 0,
    resultCollection: ATTESTATION_RESULT,
    fee: { kind: 'flat', amount: 25_000 },
    feeNote: '25.000 đồng/hợp đồng, giao dịch (Thông tư 226/2016/TT-BTC).',
    legalBasis: ATTESTATION_LAW,
    keywords: ['sửa lỗi hợp đồng', 'ghi sai hợp đồng', 'đính chính hợp đồng'],
  },
  {
    code: '2.000942',
    paidOnPortalOnline: 'check',
    name: 'Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực',
    nameEn: 'Certified copy of an attested contract or transaction',
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Các bên của hợp đồng, giao dịch đã được Ủy ban nhân dân xã chứng thực, hoặc người thừa kế, người được ủy quyền của họ, cần thêm bản sao có chứng thực.',
    documents: [
      { name: 'Phiếu yêu cầu cấp bản sao (ghi rõ hợp đồng, giao dịch cần sao)', copies: '01 bản', required: true },
      ID_DOC,
      AUTHORIZATION_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Cấp bản sao có chứng thực từ bản chính hợp đồng', code: '2.000942', agency: 'Ủy ban nhân dân xã đang lưu hợp đồng, giao dịch', payment: 'vietqr' }),
    processingTime: SAME_DAY,
    processingDays: 0,
    resultCollection: ATTESTATION_RESULT,
    // Circular 226/2016/TT-BTC applies the certified-copy rate here (per page, capped per copy).
    fee: CERTIFIED_COPY,
    feeNote: CERTIFIED_COPY_NOTE,
    legalBasis: ATTESTATION_LAW,
    keywords: ['bản sao hợp đồng', 'sao hợp đồng đã chứng thực'],
  },
  {
    code: '2.001019',
    name: 'Chứng thực di chúc',
    nameEn: 'Attestation of a will',
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Người lập di chúc tự mình đến yêu cầu, còn minh mẫn, sáng suốt; không nhờ người khác làm thay. Người lập ký hoặc điểm chỉ trước mặt cán bộ chứng thực.',
    documents: [
      { name: 'Dự thảo di chúc', copies: 'Số bản cần chứng thực', required: true },
      ID_DOC,
      {
        name: 'Giấy tờ về tài sản để lại (sổ đỏ, giấy đăng ký xe, sổ tiết kiệm...), nếu di chúc định đoạt tài sản phải đăng ký',
        copies: '01 bản sao, xuất trình bản chính',
        required: false,
      },
    ],
    onlineSteps: onlineSteps({ search: 'Chứng thực di chúc', code: '2.001019', agency: COMMUNE_HERE, payment: 'vietqr', inPerson: SIGN_IN_PERSON }),
    processingTime: 'Trong ngày hoặc ngày làm việc tiếp theo; hồ sơ phức tạp không quá 02 ngày làm việc',
    processingDays: 2,
    resultCollection: ATTESTATION_RESULT,
    fee: { kind: 'flat', amount: 50_000 },
    feeNote: '50.000 đồng/di chúc (Thông tư 226/2016/TT-BTC).',
    legalBasis: ['Bộ luật Dân sự 2015', ...ATTESTATION_LAW],
    keywords: ['di chúc', 'lập di chúc', 'thừa kế'],
  },
  {
    code: '2.000992',
    name: 'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật của Ủy ban nhân dân cấp xã, tổ chức hành nghề công chứng',
    nameEn: "Attestation of a translator's signature (registered collaborating translator)",
    level: 'commune',
    field: 'Chứng thực',
    eligibility:
      'Người dịch đã đăng ký làm cộng tác viên dịch thuật, mang bản dịch và giấy tờ gốc cần dịch đến ký trước mặt cán bộ chứng thực.',
    documents: [
      { name: 'Bản dịch và giấy tờ, văn bản cần dịch', copies: 'Số bản cần chứng thực', required: true },
      { ...ID_DOC, name: 'Giấy tờ tùy thân còn giá trị của người dịch' },
    ],
    onlineSteps: onlineSteps({ search: 'Chứng thực chữ ký người dịch', code: '2.000992', agency: COMMUNE_HERE, payment: 'vietqr', inPerson: SIGN_IN_PERSON }),
    processingTime: SAME_DAY,
    processingDays: 0,
    resultCollection: ATTESTATION_RESULT,
    fee: { kind: 'per_unit', unit: 'case', unitAmount: 10_000 },
    feeNote: '10.000 đồng/trường hợp, như chứng thực chữ ký (Thông tư 226/2016/TT-BTC). Số lượng là số bản dịch được chứng thực.',
    legalBasis: ATTESTATION_LAW,
    keywords: ['chữ ký người dịch', 'bản dịch', 'dịch thuật'],
  },

  // ----- Bảo trợ xã hội (commune) ------------------------------------------------------
  {
    code: '1.001776',
    name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng',
    nameEn: 'Granting, adjusting or ending monthly social allowance and care support',
    level: 'commune',
    field: 'Bảo trợ xã hội',
    eligibility:
      'Người khuyết tật nặng, trẻ mồ côi, người đơn thân nghèo nuôi con nhỏ, người cao tuổi thuộc hộ nghèo không có người phụng dưỡng, người nhiễm HIV thuộc hộ nghèo..., và gia đình, cá nhân nhận chăm sóc, nuôi dưỡng họ. Nộp tại Ủy ban nhân dân xã nơi cư trú.',
    documents: [
      { name: 'Tờ khai đề nghị trợ cấp xã hội theo mẫu của Nghị định 20/2021/NĐ-CP (mẫu phù hợp với từng đối tượng)', copies: '01 bản', required: true },
      { name: 'Giấy tờ chứng minh thuộc đối tượng (Giấy xác nhận khuyết tật, giấy chứng tử của cha mẹ...)', copies: '01 bản sao', required: false },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'trợ cấp xã hội hàng tháng', code: '1.001776', agency: 'Ủy ban nhân dân xã nơi cư trú', payment: 'free' }),
    // UNSURE: total duration summarised from Decree 20/2021 (commune review and posting, then
    // the decision). Since 1 July 2025 there is no district: the chairman of the commune's
    // People's Committee decides; re-check the day counts in the decrees of 2025.
    processingTime:
      'Khoảng 20 ngày làm việc: Ủy ban nhân dân xã xét duyệt, niêm yết công khai, thẩm định; Chủ tịch Ủy ban nhân dân xã quyết định',
    processingDays: 20,
    resultCollection: 'Quyết định trợ cấp xã hội hàng tháng; tiền trợ cấp được chi trả qua tài khoản hoặc tại điểm chi trả của xã.',
    fee: { kind: 'free' },
    legalBasis: SOCIAL_LAW,
    keywords: ['trợ cấp hàng tháng', 'bảo trợ xã hội', 'người khuyết tật', 'trẻ mồ côi', 'trợ cấp xã hội'],
  },
  {
    code: '1.001731',
    name: 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội',
    nameEn: 'Funeral cost support for social-protection beneficiaries',
    level: 'commune',
    field: 'Bảo trợ xã hội',
    eligibility:
      'Gia đình, người thân hoặc cá nhân, tổ chức đứng ra lo mai táng cho người đang hưởng trợ cấp xã hội hàng tháng (hoặc đối tượng khác theo Nghị định 20/2021/NĐ-CP) khi người đó qua đời.',
    documents: [
      { name: 'Tờ khai đề nghị hỗ trợ chi phí mai táng (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Giấy báo tử hoặc trích lục khai tử của người đã mất', copies: '01 bản sao', required: true },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Hỗ trợ chi phí mai táng', code: '1.001731', agency: 'Ủy ban nhân dân xã nơi người mất cư trú', payment: 'free' }),
    // UNSURE: day counts summarised from Decree 20/2021; the commune's chairman decides since 1 July 2025.
    processingTime: 'Khoảng 06 ngày làm việc: Ủy ban nhân dân xã xem xét, Chủ tịch Ủy ban nhân dân xã quyết định',
    processingDays: 6,
    resultCollection: 'Quyết định hỗ trợ chi phí mai táng; tiền hỗ trợ chi trả cho người lo mai táng.',
    fee: { kind: 'free' },
    legalBasis: SOCIAL_LAW,
    keywords: ['mai táng phí', 'tiền mai táng', 'hỗ trợ mai táng', 'người mất'],
  },
  {
    code: '1.001699',
    name: 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật',
    nameEn: 'Disability assessment and disability certificate',
    level: 'commune',
    field: 'Bảo trợ xã hội',
    eligibility:
      'Người khuyết tật, hoặc người đại diện, người giám hộ của họ, cần xác định mức độ khuyết tật để được hưởng chính sách. Nộp tại Ủy ban nhân dân xã nơi cư trú.',
    documents: [
      { name: 'Đơn đề nghị xác định mức độ khuyết tật (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Giấy tờ liên quan đến khuyết tật (bệnh án, giấy tờ khám, điều trị, biên bản giám định y khoa...), nếu có', copies: '01 bản sao', required: false },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Xác định mức độ khuyết tật', code: '1.001699', agency: 'Ủy ban nhân dân xã nơi cư trú', payment: 'free' }),
    processingTime: '25 ngày làm việc (Hội đồng xác định mức độ khuyết tật cấp xã họp, quan sát và đánh giá trực tiếp)',
    processingDays: 25,
    resultCollection: `Giấy xác nhận khuyết tật. ${COMMUNE_RESULT}`,
    fee: { kind: 'free' },
    legalBasis: ['Luật Người khuyết tật 2010', 'Nghị định 28/2012/NĐ-CP', 'Thông tư 01/2019/TT-BLĐTBXH'],
    keywords: ['giấy xác nhận khuyết tật', 'khuyết tật', 'mức độ khuyết tật'],
  },

  // ----- Đất đai (commune) -------------------------------------------------------------
  {
    code: '1.012812',
    name: 'Hòa giải tranh chấp đất đai',
    nameEn: 'Mediation of a land dispute',
    level: 'commune',
    field: 'Đất đai',
    eligibility:
      'Các bên có tranh chấp đất đai (ranh giới, lối đi, quyền sử dụng...) trên địa bàn xã. Tranh chấp phải được hòa giải ở Ủy ban nhân dân xã trước khi yêu cầu cơ quan nhà nước hoặc Tòa án giải quyết.',
    documents: [
      { name: 'Đơn yêu cầu hòa giải tranh chấp đất đai', copies: '01 bản', required: true },
      { name: 'Giấy tờ liên quan đến thửa đất đang tranh chấp (nếu có)', copies: '01 bản sao', required: false },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Hòa giải tranh chấp đất đai', code: '1.012812', agency: 'Ủy ban nhân dân xã nơi có đất tranh chấp', payment: 'free' }),
    processingTime: 'Không quá 30 ngày kể từ ngày nhận đơn',
    processingDays: 30,
    resultCollection: 'Biên bản hòa giải thành hoặc không thành, gửi cho các bên và lưu tại Ủy ban nhân dân xã.',
    fee: { kind: 'free' },
    legalBasis: ['Luật Đất đai 2024', 'Nghị định 102/2024/NĐ-CP'],
    keywords: ['tranh chấp đất', 'hòa giải đất', 'lấn ranh', 'ranh giới đất'],
  },

  // ----- Cư trú (commune police) -------------------------------------------------------
  {
    code: '1.004222',
    paidOnPortalOnline: true,
    name: 'Đăng ký thường trú',
    nameEn: 'Permanent residence registration',
    level: 'commune',
    field: 'Cư trú',
    eligibility:
      'Công dân có chỗ ở hợp pháp trên địa bàn xã (nhà của mình, hoặc nhà thuê, mượn, ở nhờ được chủ nhà đồng ý). Do Công an xã tiếp nhận và giải quyết, không phải Ủy ban nhân dân xã.',
    documents: [
      { name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', copies: '01 bản', note: 'Ở nhờ, ở thuê thì chủ hộ hoặc chủ nhà ghi ý kiến đồng ý trong tờ khai.', required: true },
      { name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (sổ đỏ, hợp đồng thuê nhà...)', copies: '01 bản sao', required: true },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký thường trú', code: '1.004222', agency: 'Công an xã nơi có chỗ ở', payment: 'police' }),
    processingTime: '07 ngày làm việc',
    processingDays: 7,
    resultCollection: 'Công an xã cập nhật thông tin vào Cơ sở dữ liệu về cư trú và thông báo qua tin nhắn, ứng dụng VNeID hoặc Cổng Dịch vụ công.',
    fee: { kind: 'flat', amount: 20_000 },
    feeNote:
      'Lệ phí đăng ký thường trú 20.000 đồng khi nộp trực tiếp, 10.000 đồng khi nộp trực tuyến (Thông tư 75/2022/TT-BTC). Lệ phí do Công an xã thu, không nộp vào tài khoản của Ủy ban nhân dân xã.',
    feeCollectedBy: 'Công an xã',
    legalBasis: RESIDENCE_LAW,
    keywords: ['hộ khẩu', 'nhập hộ khẩu', 'thường trú', 'chuyển hộ khẩu'],
  },
  {
    code: '1.004194',
    paidOnPortalOnline: true,
    name: 'Đăng ký tạm trú',
    nameEn: 'Temporary residence registration',
    level: 'commune',
    field: 'Cư trú',
    eligibility:
      'Công dân đến ở từ 30 ngày trở lên tại chỗ ở hợp pháp ngoài nơi thường trú (đi làm, đi học, ở trọ...). Do Công an xã tiếp nhận và giải quyết, không phải Ủy ban nhân dân xã.',
    documents: [
      { name: 'Tờ khai thay đổi thông tin cư trú (mẫu CT01)', copies: '01 bản', note: 'Ở thuê, ở nhờ thì chủ nhà ghi ý kiến đồng ý trong tờ khai.', required: true },
      { name: 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (hợp đồng thuê nhà...)', copies: '01 bản sao', required: true },
      ID_DOC,
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký tạm trú', code: '1.004194', agency: 'Công an xã nơi đang ở', payment: 'police' }),
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    resultCollection: 'Công an xã cập nhật thông tin vào Cơ sở dữ liệu về cư trú và thông báo qua tin nhắn, ứng dụng VNeID hoặc Cổng Dịch vụ công.',
    fee: { kind: 'flat', amount: 15_000 },
    feeNote:
      'Lệ phí đăng ký tạm trú 15.000 đồng khi nộp trực tiếp, 7.000 đồng khi nộp trực tuyến (Thông tư 75/2022/TT-BTC). Lệ phí do Công an xã thu, không nộp vào tài khoản của Ủy ban nhân dân xã.',
    feeCollectedBy: 'Công an xã',
    legalBasis: RESIDENCE_LAW,
    keywords: ['tạm trú', 'ở trọ', 'đăng ký tạm trú cho người thuê trọ'],
  },

  // ----- Hộ tịch có yếu tố nước ngoài (commune since 1 July 2025) ----------------------
  {
    // UNSURE: code seen in one listing (two files of one project).
    code: '2.000528',
    paidOnPortalOnline: 'check',
    name: 'Đăng ký khai sinh có yếu tố nước ngoài',
    nameEn: 'Birth registration with a foreign element',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Trẻ sinh ra ở Việt Nam có cha hoặc mẹ là người nước ngoài, hoặc cha mẹ là công dân Việt Nam nhưng một người định cư ở nước ngoài... Nộp tại Ủy ban nhân dân xã nơi cư trú của cha hoặc mẹ.',
    documents: [
      { name: 'Tờ khai đăng ký khai sinh (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Giấy chứng sinh do cơ sở y tế cấp', copies: '01 bản chính', required: true },
      {
        name: 'Văn bản thỏa thuận của cha mẹ về việc chọn quốc tịch cho con (nếu cha hoặc mẹ là người nước ngoài)',
        copies: '01 bản',
        note: 'Giấy tờ nước ngoài cấp phải được hợp pháp hóa lãnh sự và dịch sang tiếng Việt, trừ trường hợp được miễn.',
        required: false,
      },
      { ...ID_DOC, name: 'Giấy tờ tùy thân (căn cước, hộ chiếu) của cha, mẹ' },
    ],
    onlineSteps: onlineSteps({ search: 'khai sinh có yếu tố nước ngoài', code: '2.000528', agency: 'Ủy ban nhân dân xã nơi cư trú của cha hoặc mẹ', payment: 'vietqr' }),
    processingTime: 'Trong ngày nhận đủ giấy tờ hợp lệ; nếu cần xác minh thì lâu hơn',
    processingDays: 0,
    resultCollection: `Giấy khai sinh (bản chính). ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 75_000 },
    feeNote: provincialFeeNote('Lệ phí đăng ký khai sinh có yếu tố nước ngoài', CIVIL_STATUS_EXEMPTION),
    legalBasis: [...CIVIL_STATUS_LAW, 'Luật Quốc tịch Việt Nam 2008', 'Thông tư 85/2019/TT-BTC'],
    keywords: ['khai sinh cho con lai', 'cha mẹ nước ngoài', 'khai sinh nước ngoài'],
  },
  {
    code: '2.000806',
    paidOnPortalOnline: 'check',
    name: 'Đăng ký kết hôn có yếu tố nước ngoài',
    nameEn: 'Marriage registration with a foreign element',
    level: 'commune',
    field: 'Hộ tịch',
    eligibility:
      'Công dân Việt Nam kết hôn với người nước ngoài, hoặc với công dân Việt Nam định cư ở nước ngoài. Nộp tại Ủy ban nhân dân xã nơi công dân Việt Nam cư trú; hai bên cùng có mặt khi nhận Giấy chứng nhận kết hôn.',
    documents: [
      { name: 'Tờ khai đăng ký kết hôn (theo mẫu)', copies: '01 bản', required: true },
      {
        name: 'Giấy của tổ chức y tế xác nhận không mắc bệnh tâm thần hoặc bệnh khác mà không nhận thức, làm chủ được hành vi',
        copies: '01 bản',
        required: true,
      },
      {
        name: 'Giấy tờ chứng minh tình trạng hôn nhân của người nước ngoài do nước ngoài cấp',
        copies: '01 bản',
        note: 'Phải được hợp pháp hóa lãnh sự và dịch sang tiếng Việt, trừ trường hợp được miễn.',
        required: true,
      },
      { ...ID_DOC, name: 'Căn cước, hộ chiếu của hai bên' },
    ],
    onlineSteps: onlineSteps({ search: 'kết hôn có yếu tố nước ngoài', code: '2.000806', agency: 'Ủy ban nhân dân xã nơi công dân Việt Nam cư trú', payment: 'vietqr' }),
    // UNSURE: 15 days is the Law on Civil Status (art. 38); later decrees may have shortened it.
    processingTime: '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ',
    processingDays: 15,
    resultCollection: `Giấy chứng nhận kết hôn, trao khi cả hai bên có mặt. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 1_000_000 },
    feeNote: provincialFeeNote('Lệ phí đăng ký kết hôn có yếu tố nước ngoài', CIVIL_STATUS_EXEMPTION),
    legalBasis: ['Luật Hôn nhân và gia đình 2014', ...CIVIL_STATUS_LAW, 'Thông tư 85/2019/TT-BTC'],
    keywords: ['kết hôn với người nước ngoài', 'lấy chồng nước ngoài', 'lấy vợ nước ngoài'],
  },

  // ----- Hộ kinh doanh (commune since 1 July 2025: Decree 168/2025/NĐ-CP) -------------
  {
    code: '1.001612',
    paidOnPortalOnline: 'check',
    name: 'Đăng ký thành lập hộ kinh doanh',
    nameEn: 'Registration of a household business',
    level: 'commune',
    field: 'Hộ kinh doanh',
    eligibility:
      'Cá nhân hoặc các thành viên hộ gia đình là công dân Việt Nam, đủ năng lực hành vi dân sự. Hộ sản xuất nông, lâm, ngư nghiệp, làm muối, người bán hàng rong, buôn chuyến, kinh doanh lưu động, làm dịch vụ có thu nhập thấp thì không phải đăng ký (trừ ngành nghề kinh doanh có điều kiện).',
    documents: [
      { name: 'Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Giấy tờ pháp lý của chủ hộ và các thành viên hộ gia đình đăng ký kinh doanh', copies: '01 bản sao', required: true },
      {
        name: 'Biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh, nếu các thành viên cùng đăng ký',
        copies: '01 bản sao',
        required: false,
      },
      {
        name: 'Văn bản ủy quyền của các thành viên cho một người làm chủ hộ (nếu có)',
        copies: '01 bản sao',
        required: false,
      },
      { name: 'Giấy tờ về quyền sử dụng địa điểm kinh doanh (hợp đồng thuê...), nếu cơ quan đăng ký yêu cầu', copies: '01 bản sao', required: false },
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký thành lập hộ kinh doanh', code: '1.001612', agency: COMMUNE_BUSINESS, payment: 'vietqr' }),
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    resultCollection: `Giấy chứng nhận đăng ký hộ kinh doanh. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 100_000 },
    feeNote: provincialFeeNote('Lệ phí đăng ký hộ kinh doanh', 'Nhiều tỉnh miễn hoặc giảm khi nộp hồ sơ trực tuyến.'),
    legalBasis: BUSINESS_HOUSEHOLD_LAW,
    keywords: ['giấy phép kinh doanh', 'mở quán', 'mở tiệm', 'hộ kinh doanh', 'đăng ký kinh doanh'],
  },
  {
    code: '2.000720',
    paidOnPortalOnline: 'check',
    name: 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh',
    nameEn: 'Change of household business registration details',
    level: 'commune',
    field: 'Hộ kinh doanh',
    eligibility:
      'Hộ kinh doanh thay đổi tên, địa chỉ, ngành nghề, vốn, chủ hộ hoặc nội dung khác đã đăng ký. Thông báo trong 10 ngày kể từ ngày thay đổi.',
    documents: [
      { name: 'Thông báo thay đổi nội dung đăng ký hộ kinh doanh (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Giấy tờ liên quan đến nội dung thay đổi (biên bản họp thành viên, giấy tờ của chủ hộ mới...)', copies: '01 bản sao', required: false },
      { name: 'Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh đã cấp', copies: 'Nộp lại khi nhận giấy mới', required: true },
    ],
    onlineSteps: onlineSteps({ search: 'thay đổi nội dung đăng ký hộ kinh doanh', code: '2.000720', agency: COMMUNE_BUSINESS, payment: 'vietqr' }),
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    resultCollection: `Giấy chứng nhận đăng ký hộ kinh doanh mới. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 50_000 },
    feeNote: provincialFeeNote('Lệ phí thay đổi nội dung đăng ký hộ kinh doanh', 'Nhiều tỉnh miễn hoặc giảm khi nộp hồ sơ trực tuyến.'),
    legalBasis: BUSINESS_HOUSEHOLD_LAW,
    keywords: ['đổi địa chỉ kinh doanh', 'thay đổi hộ kinh doanh', 'đổi ngành nghề'],
  },
  {
    code: '1.001570',
    name: 'Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh',
    nameEn: 'Suspension or early resumption of a household business',
    level: 'commune',
    field: 'Hộ kinh doanh',
    eligibility:
      'Hộ kinh doanh muốn tạm nghỉ kinh doanh, hoặc muốn mở lại sớm hơn thời hạn đã thông báo. Thông báo ít nhất 03 ngày làm việc trước ngày tạm ngừng hoặc tiếp tục.',
    documents: [
      { name: 'Thông báo về việc tạm ngừng kinh doanh hoặc tiếp tục kinh doanh trước thời hạn (theo mẫu)', copies: '01 bản', required: true },
    ],
    onlineSteps: onlineSteps({ search: 'Tạm ngừng kinh doanh hộ kinh doanh', code: '1.001570', agency: COMMUNE_BUSINESS, payment: 'free' }),
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    resultCollection: `Giấy xác nhận về việc hộ kinh doanh đăng ký tạm ngừng hoặc tiếp tục kinh doanh. ${COMMUNE_RESULT}`,
    fee: { kind: 'free' },
    legalBasis: BUSINESS_HOUSEHOLD_LAW.slice(0, 2),
    keywords: ['tạm nghỉ kinh doanh', 'tạm ngừng hộ kinh doanh', 'mở lại kinh doanh'],
  },
  {
    code: '1.001266',
    name: 'Chấm dứt hoạt động hộ kinh doanh',
    nameEn: 'Closing a household business',
    level: 'commune',
    field: 'Hộ kinh doanh',
    eligibility: 'Hộ kinh doanh không kinh doanh nữa và đã hoàn thành nghĩa vụ thuế với cơ quan thuế.',
    documents: [
      { name: 'Thông báo chấm dứt hoạt động hộ kinh doanh (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh', copies: '01 bản gốc', required: true },
    ],
    onlineSteps: onlineSteps({ search: 'Chấm dứt hoạt động hộ kinh doanh', code: '1.001266', agency: COMMUNE_BUSINESS, payment: 'free' }),
    processingTime: '03 ngày làm việc',
    processingDays: 3,
    resultCollection: `Thông báo về việc chấm dứt hoạt động hộ kinh doanh. ${COMMUNE_RESULT}`,
    fee: { kind: 'free' },
    legalBasis: BUSINESS_HOUSEHOLD_LAW.slice(0, 2),
    keywords: ['đóng cửa hộ kinh doanh', 'nghỉ kinh doanh', 'giải thể hộ kinh doanh'],
  },

  // ----- Xây dựng (commune since 1 July 2025) ------------------------------------------
  {
    code: '1.013225',
    paidOnPortalOnline: 'check',
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
    nameEn: 'Building permit for a detached house or a grade III/IV structure',
    level: 'commune',
    field: 'Xây dựng',
    eligibility:
      'Chủ nhà (hộ gia đình, cá nhân) xây nhà ở riêng lẻ ở đô thị, hoặc ở nông thôn trong khu vực đã có quy hoạch được duyệt. Nhà ở riêng lẻ ở nông thôn dưới 7 tầng, thuộc khu vực chưa có quy hoạch, thì không phải xin giấy phép (Luật Xây dựng, Điều 89).',
    documents: [
      { name: 'Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Giấy tờ chứng minh quyền sử dụng đất (sổ đỏ...)', copies: '01 bản sao', required: true },
      {
        name: 'Bản vẽ thiết kế xây dựng: mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng',
        copies: '02 bộ',
        required: true,
      },
      {
        name: 'Cam kết bảo đảm an toàn cho công trình liền kề, nếu nhà xây sát công trình khác',
        copies: '01 bản',
        required: false,
      },
    ],
    onlineSteps: onlineSteps({ search: 'Cấp giấy phép xây dựng mới', code: '1.013225', agency: COMMUNE_BUILDING, payment: 'vietqr' }),
    processingTime: '15 ngày (nhà ở riêng lẻ) kể từ ngày nhận đủ hồ sơ hợp lệ',
    processingDays: 15,
    resultCollection: `Giấy phép xây dựng kèm bản vẽ được đóng dấu. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 75_000 },
    feeNote: provincialFeeNote(
      'Lệ phí cấp giấy phép xây dựng',
      'Mức phổ biến đối với nhà ở riêng lẻ của hộ gia đình, cá nhân là 75.000 đồng/giấy phép.',
    ),
    legalBasis: CONSTRUCTION_LAW,
    keywords: ['giấy phép xây dựng', 'xin phép xây nhà', 'xây nhà', 'cất nhà'],
  },
  {
    code: '1.013227',
    paidOnPortalOnline: 'check',
    name: 'Gia hạn giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
    nameEn: 'Extension of a building permit (detached house or grade III/IV structure)',
    level: 'commune',
    field: 'Xây dựng',
    eligibility: 'Chủ nhà đã được cấp giấy phép xây dựng nhưng chưa khởi công kịp trong 12 tháng kể từ ngày cấp phép.',
    documents: [
      { name: 'Đơn đề nghị gia hạn giấy phép xây dựng (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Bản chính giấy phép xây dựng đã cấp', copies: '01 bản chính', required: true },
    ],
    onlineSteps: onlineSteps({ search: 'Gia hạn giấy phép xây dựng', code: '1.013227', agency: COMMUNE_BUILDING, payment: 'vietqr' }),
    // UNSURE: duration under Decree 175/2024 to re-check.
    processingTime: '05 ngày làm việc',
    processingDays: 5,
    resultCollection: `Giấy phép xây dựng được gia hạn. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 15_000 },
    feeNote: provincialFeeNote('Lệ phí gia hạn giấy phép xây dựng'),
    legalBasis: CONSTRUCTION_LAW,
    keywords: ['gia hạn giấy phép xây dựng', 'giấy phép hết hạn'],
  },
  {
    code: '1.013228',
    paidOnPortalOnline: 'check',
    name: 'Cấp lại giấy phép xây dựng đối với công trình cấp III, cấp IV và nhà ở riêng lẻ',
    nameEn: 'Re-issue of a lost or damaged building permit',
    level: 'commune',
    field: 'Xây dựng',
    eligibility: 'Chủ nhà có giấy phép xây dựng bị mất, rách hoặc nát.',
    documents: [
      { name: 'Đơn đề nghị cấp lại giấy phép xây dựng (theo mẫu), nêu rõ lý do', copies: '01 bản', required: true },
      { name: 'Bản chính giấy phép xây dựng bị rách, nát (nếu không bị mất)', copies: '01 bản chính', required: false },
    ],
    onlineSteps: onlineSteps({ search: 'Cấp lại giấy phép xây dựng', code: '1.013228', agency: COMMUNE_BUILDING, payment: 'vietqr' }),
    // UNSURE: duration under Decree 175/2024 to re-check.
    processingTime: '05 ngày làm việc',
    processingDays: 5,
    resultCollection: `Giấy phép xây dựng cấp lại. ${COMMUNE_RESULT}`,
    fee: { kind: 'flat', amount: 15_000 },
    feeNote: provincialFeeNote('Lệ phí cấp lại giấy phép xây dựng'),
    legalBasis: CONSTRUCTION_LAW,
    keywords: ['mất giấy phép xây dựng', 'cấp lại giấy phép'],
  },

  // ----- Đất đai: first certificates at the commune, changes at the province's office --
  {
    code: '1.013978',
    paidOnPortalOnline: 'check',
    name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài',
    nameEn: 'First registration and first land-use right certificate for households and individuals',
    level: 'commune',
    field: 'Đất đai',
    eligibility:
      'Hộ gia đình, cá nhân, cộng đồng dân cư đang sử dụng đất ổn định mà chưa được cấp Giấy chứng nhận (sổ đỏ).',
    documents: [
      { name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Giấy tờ về quyền sử dụng đất theo Luật Đất đai 2024, Điều 137 (nếu có)', copies: '01 bản sao', required: false },
      { name: 'Giấy tờ về tài sản gắn liền với đất, nhà ở (nếu đăng ký cả tài sản)', copies: '01 bản sao', required: false },
      { name: 'Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ được miễn, giảm (nếu có)', copies: '01 bản sao', required: false },
    ],
    onlineSteps: onlineSteps({ search: 'cấp Giấy chứng nhận quyền sử dụng đất lần đầu', code: '1.013978', agency: 'Ủy ban nhân dân xã nơi có đất', payment: 'vietqr' }),
    processingTime: 'Không quá 20 ngày làm việc (không kể thời gian thực hiện nghĩa vụ tài chính)',
    processingDays: 20,
    resultCollection:
      'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất, nhận tại Bộ phận Một cửa Ủy ban nhân dân xã sau khi đã nộp tiền sử dụng đất, lệ phí trước bạ theo thông báo của cơ quan thuế (các khoản này không nộp qua mã QR ở đây).',
    fee: { kind: 'flat', amount: 100_000 },
    feeNote: provincialFeeNote(
      'Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      'Tiền sử dụng đất và lệ phí trước bạ nộp riêng theo thông báo của cơ quan thuế.',
    ),
    legalBasis: LAND_LAW,
    keywords: ['sổ đỏ', 'sổ hồng', 'làm sổ đỏ lần đầu', 'cấp giấy chứng nhận quyền sử dụng đất'],
  },
  {
    // UNSURE: name as published by one province for this code; re-check wording.
    code: '1.013831',
    paidOnPortalOnline: 'check',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất trong các trường hợp chuyển nhượng, thừa kế, tặng cho, góp vốn bằng quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất; cho thuê, cho thuê lại quyền sử dụng đất',
    nameEn: 'Registration of a land transfer (sale, inheritance, gift, capital contribution, lease)',
    level: 'province',
    field: 'Đất đai',
    eligibility:
      'Người nhận chuyển nhượng, nhận thừa kế, nhận tặng cho quyền sử dụng đất, nhà ở (sang tên sổ đỏ), sau khi hợp đồng hoặc văn bản đã được công chứng, chứng thực.',
    documents: [
      { name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Hợp đồng, văn bản chuyển nhượng, tặng cho, thừa kế đã công chứng hoặc chứng thực', copies: '01 bản chính', required: true },
      { name: 'Bản gốc Giấy chứng nhận đã cấp', copies: '01 bản gốc', required: true },
    ],
    onlineSteps: onlineSteps({ search: 'Đăng ký biến động quyền sử dụng đất', code: '1.013831', agency: PROVINCE_LAND_OFFICE, payment: 'vietqr' }),
    // UNSURE: duration under Decree 101/2024 to re-check.
    processingTime: 'Khoảng 10 ngày làm việc theo Nghị định 101/2024/NĐ-CP (không kể thời gian thực hiện nghĩa vụ tài chính)',
    processingDays: 10,
    resultCollection:
      'Giấy chứng nhận đã được chỉnh lý hoặc cấp mới do Chi nhánh Văn phòng đăng ký đất đai thực hiện; nhận tại nơi đã nộp hồ sơ sau khi đã nộp thuế, lệ phí trước bạ theo thông báo của cơ quan thuế.',
    fee: { kind: 'flat', amount: 50_000 },
    feeNote: provincialFeeNote(
      'Lệ phí cấp, chỉnh lý Giấy chứng nhận khi đăng ký biến động',
      'Thuế thu nhập cá nhân và lệ phí trước bạ nộp riêng theo thông báo của cơ quan thuế.',
    ),
    legalBasis: LAND_LAW,
    keywords: ['sang tên sổ đỏ', 'chuyển nhượng đất', 'thừa kế đất', 'tặng cho đất', 'biến động đất đai'],
  },
  {
    // UNSURE: code seen in one listing only.
    code: '1.012783',
    paidOnPortalOnline: 'check',
    name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    nameEn: 'Exchange of a land-use right certificate',
    level: 'province',
    field: 'Đất đai',
    eligibility:
      'Người có Giấy chứng nhận (sổ đỏ, sổ hồng) cũ, bị ố, nhòe, rách, hư hỏng, hoặc cần đổi sang mẫu mới, hoặc đổi do đo đạc lại bản đồ địa chính.',
    documents: [
      { name: 'Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (theo mẫu)', copies: '01 bản', required: true },
      { name: 'Bản gốc Giấy chứng nhận đã cấp', copies: '01 bản gốc', required: true },
    ],
    onlineSteps: onlineSteps({ search: 'Cấp đổi Giấy chứng nhận', code: '1.012783', agency: PROVINCE_LAND_OFFICE, payment: 'vietqr' }),
    // UNSURE: duration under Decree 101/2024 to re-check.
    processingTime: 'Khoảng 07 ngày làm việc theo Nghị định 101/2024/NĐ-CP',
    processingDays: 7,
    resultCollection: `Giấy chứng nhận mới do Chi nhánh Văn phòng đăng ký đất đai cấp. ${PROVINCE_LAND_RESULT}`,
    fee: { kind: 'flat', amount: 50_000 },
    feeNote: provincialFeeNote('Lệ phí cấp đổi Giấy chứng nhận'),
    legalBasis: LAND_LAW,
    keywords: ['đổi sổ đỏ', 'sổ đỏ bị rách', 'cấp đổi sổ'],
  },
] satisfies Procedure[]).map(withFeeSchedule))();

// ---------------------------------------------------------------------------------------
// Search

/** How well a procedure matches: lower is better. Catalogue order breaks ties. */
function matchRank(p: Procedure, q: string, words: readonly string[]): number | null {
  const name = foldForSearch(p.name);
  const haystack = foldForSearch([p.name, p.code, p.field, ...(p.keywords ?? [])].join(' ')).split(' ');
  // Every query word must start some word of the name, code, field or keywords.
  if (!words.every((w) => haystack.some((h) => h.startsWith(w)))) return null;
  const nameWords = name.split(' ');
  if (name === q || foldForSearch(p.code) === q) return 0;
  if (name.startsWith(q)) return 1;
  if (` ${name}`.includes(` ${q}`)) return 2;
  if (words.every((w) => nameWords.some((h) => h.startsWith(w)))) return 3;
  return 4;
}

/**
 * Procedures matching `q`, ignoring case and Vietnamese diacritics ("khai sinh",
 * "KHAI SINH" and "Khai sinh" all find "Đăng ký khai sinh"). Every word of `q` must match the
 * start of a word of the name, code, field or keywords. Name matches (whole name, prefix,
 * phrase) come first; ties keep catalogue order. An empty `q` returns everything of `level`.
 */
export function searchProcedures(items: readonly Procedure[], query: { q?: string; level?: ProcedureLevel }): Procedure[] {
  const pool = query.level ? items.filter((p) => p.level === query.level) : [...items];
  const q = foldForSearch(query.q ?? '');
  if (q === '') return pool;
  const words = q.split(' ');
  return pool
    .map((p, index) => ({ p, index, rank: matchRank(p, q, words) }))
    .filter((x): x is { p: Procedure; index: number; rank: number } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((x) => x.p);
}

/** The procedures an agency handles: those of its level. */
/**
 * Whether an agency handles a procedure: an agency in service, of the procedure's tier
 * (a province handles province procedures; a commune, ward or special zone the commune's),
 * and among its own list when it keeps one. An agency kept for history handles nothing new.
 */
export function handles(agency: Pick<Agency, 'level' | 'historical' | 'procedureCodes'>, procedure: Pick<Procedure, 'code' | 'level'>): boolean {
  if (!inService(agency) || procedureLevelOf(agency) !== procedure.level) return false;
  return agency.procedureCodes === undefined || agency.procedureCodes.includes(procedure.code);
}

/** The procedures an agency handles (see handles()). */
export function proceduresForAgency(items: readonly Procedure[], agency: Pick<Agency, 'level' | 'historical' | 'procedureCodes'>): Procedure[] {
  return items.filter((p) => handles(agency, p));
}

/** Whether a fee order (VietQR into the agency's account) can be made for this procedure. */
export function isPayableHere(p: Procedure): boolean {
  return p.fee.kind !== 'free' && p.feeCollectedBy === undefined;
}
