/**
 * The State Treasury report of one agency (docs/treasury.md): a month's confirmed receipts
 * (issued in the month, Vietnam time; cancelled ones left out) by kind of fee, the part of
 * each phí the agency retains, what to deposit into the fee account awaiting remittance and
 * by when, and what to declare and remit by the 20th of the next month; and the year's
 * settlement figures from the same months. Pure: records and the clock are handed in.
 */
import { FEE_SCHEDULES } from '../../../shared/fee-schedules';
import type { FeeCategory } from '../../../shared/fee-rules';
import { BUDGET_CHAPTERS, BUDGET_SUBITEMS, retainedPart, retainedShareOn, TREASURY_DEADLINES, type BudgetCode } from '../../../shared/treasury';
import { addDays, vietnamDate, vietnamDayBounds, VIETNAM_TIME_ZONE } from '../../../shared/time';
import type { Agency } from '../../../shared/catalogue';
import type { StoredReceipt } from '../storage/store';

export const vnd = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;

/** One fee of the month: a procedure, its kind, its share; the lines of every receipt for it summed. */
export interface TreasuryLine {
  kind: FeeCategory;
  procedureCode: string;
  feeName: string;
  subItem: BudgetCode | null;
  lines: number;
  collected: number;
  /** The share in force (null: none, 100 % to the budget; always null for a lệ phí). */
  retainedPercent: number | null;
  decision: string | null;
  retained: number;
  toBudget: number;
  working: string;
}

export interface TreasuryFigures {
  collected: number;
  phi: { collected: number; retained: number; toBudget: number };
  lePhi: { collected: number; toBudget: number };
  /** What goes to the State budget: lệ phí and the phí not retained. */
  toBudget: number;
}

export interface TreasuryMonth {
  report: 'treasury';
  month: string;
  timeZone: typeof VIETNAM_TIME_ZONE;
  period: { start: string; end: string };
  generatedAt: string;
  agency: { id: string; name: string; taxCode: string; address: string };
  chapter: BudgetCode;
  receipts: { counted: number; cancelledLeftOut: number; cancelledLeftOutAmount: number };
  lines: TreasuryLine[];
  totals: TreasuryFigures;
  deposit: { amount: number; account: string; by: string; working: string };
  declare: { phi: number; lePhi: number; retained: number; remit: number; by: string; form: string; working: string };
  /** Receipts of earlier months cancelled in this one: if their month was declared already, its declaration is corrected by these. */
  corrections: { count: number; amount: number; items: { symbol: string; number: number; issuedDate: string; cancelledAt: string; amount: number; phi: number; lePhi: number }[] };
  legalBasis: string;
  notes: string[];
}

export interface TreasuryYear {
  report: 'treasury-year';
  year: number;
  timeZone: typeof VIETNAM_TIME_ZONE;
  generatedAt: string;
  agency: TreasuryMonth['agency'];
  chapter: BudgetCode;
  months: ({ month: string; receipts: number } & TreasuryFigures)[];
  lines: TreasuryLine[];
  totals: TreasuryFigures;
  settlement: { form: string; working: string };
  notes: string[];
}

/** [start, end) of a Vietnamese month, as UTC instants. */
export function vietnamMonthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: vietnamDayBounds(`${month}-01`).start, end: vietnamDayBounds(`${next}-01`).start };
}

/** The day of the month after `month`, moved past a Saturday or Sunday (public holidays are not known here). */
export function deadline(month: string, dayOfMonth: number): string {
  const end = vietnamMonthBounds(month).end;
  let day = `${vietnamDate(end).slice(0, 8)}${String(dayOfMonth).padStart(2, '0')}`;
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, 1);
  return day;
}

interface Line {
  kind: FeeCategory;
  procedureCode: string;
  feeName: string;
  amount: number;
}

/** A receipt's lines with their kinds; one line of its procedure's kind for a receipt made before lines were kept. */
export function receiptLines(r: StoredReceipt): Line[] {
  const c = r.content as { feeName?: string; procedureCode?: string; amount?: number; lines?: { kind?: string; feeName?: string; procedureCode?: string; amount?: number }[] };
  if (c.lines?.length) {
    return c.lines.map((l) => ({ kind: l.kind === 'phi' ? 'phi' : 'le_phi', procedureCode: l.procedureCode ?? '', feeName: l.feeName ?? '', amount: l.amount ?? 0 }));
  }
  const code = c.procedureCode ?? '';
  return [{ kind: FEE_SCHEDULES[code]?.feeKind ?? 'le_phi', procedureCode: code, feeName: c.feeName ?? '', amount: c.amount ?? 0 }];
}

const byKind = (lines: Line[], kind: FeeCategory) => lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amount, 0);

/** Lines of valid receipts summed per procedure, kind and share; each with its retained part and working. */
function treasuryLines(agencyId: string, receipts: readonly StoredReceipt[]): TreasuryLine[] {
  const groups = new Map<string, Omit<TreasuryLine, 'retained' | 'toBudget' | 'working'>>();
  for (const r of receipts) {
    if (r.status === 'CANCELLED') continue;
    const day = vietnamDate(r.issuedAt);
    for (const l of receiptLines(r)) {
      const share = l.kind === 'phi' ? retainedShareOn(agencyId, l.procedureCode, day) : null;
      const key = `${l.kind}|${l.procedureCode}|${share?.percent ?? '-'}|${share?.decision ?? ''}`;
      const g = groups.get(key) ?? { kind: l.kind, procedureCode: l.procedureCode, feeName: l.feeName, subItem: BUDGET_SUBITEMS[l.procedureCode] ?? null, lines: 0, collected: 0, retainedPercent: share?.percent ?? null, decision: share?.decision ?? null };
      g.lines += 1;
      g.collected += l.amount;
      groups.set(key, g);
    }
  }
  return [...groups.values()]
    .sort((a, b) => (a.kind === b.kind ? (a.procedureCode < b.procedureCode ? -1 : a.procedureCode > b.procedureCode ? 1 : (a.retainedPercent ?? -1) - (b.retainedPercent ?? -1)) : a.kind === 'phi' ? -1 : 1))
    .map((g) => withRetained(g));
}

function withRetained(g: Omit<TreasuryLine, 'retained' | 'toBudget' | 'working'>): TreasuryLine {
  const retained = g.retainedPercent === null ? 0 : retainedPart(g.collected, g.retainedPercent);
  const toBudget = g.collected - retained;
  const working =
    g.kind === 'le_phi'
      ? `Lệ phí ${vnd(g.collected)}: nộp toàn bộ vào ngân sách nhà nước.`
      : g.retainedPercent === null
        ? `Phí ${vnd(g.collected)}: không có quyết định để lại, nộp 100 % = ${vnd(toBudget)}.`
        : `Phí ${vnd(g.collected)} × ${g.retainedPercent} % = ${vnd(retained)} để lại (làm tròn xuống đồng); nộp ${vnd(g.collected)} − ${vnd(retained)} = ${vnd(toBudget)}.`;
  return { ...g, retained, toBudget, working };
}

function figures(lines: readonly TreasuryLine[]): TreasuryFigures {
  const sum = (kind: FeeCategory, f: (l: TreasuryLine) => number) => lines.filter((l) => l.kind === kind).reduce((s, l) => s + f(l), 0);
  const phi = { collected: sum('phi', (l) => l.collected), retained: sum('phi', (l) => l.retained), toBudget: sum('phi', (l) => l.toBudget) };
  const lePhi = { collected: sum('le_phi', (l) => l.collected), toBudget: sum('le_phi', (l) => l.toBudget) };
  return { collected: phi.collected + lePhi.collected, phi, lePhi, toBudget: phi.toBudget + lePhi.toBudget };
}

const agencyView = (a: Agency) => ({ id: a.id, name: a.name, taxCode: a.taxCode, address: a.address });

export function treasuryMonth(input: { agency: Agency; month: string; generatedAt: string; receipts: readonly StoredReceipt[]; cancelledInMonth: readonly StoredReceipt[] }): TreasuryMonth {
  const { agency, month } = input;
  const period = vietnamMonthBounds(month);
  const inMonth = input.receipts.filter((r) => r.issuedAt >= period.start && r.issuedAt < period.end);
  const cancelled = inMonth.filter((r) => r.status === 'CANCELLED');
  const lines = treasuryLines(agency.id, inMonth);
  const totals = figures(lines);
  const depositBy = deadline(month, TREASURY_DEADLINES.depositByDay);
  const declareBy = deadline(month, TREASURY_DEADLINES.declareByDay);
  const earlier = input.cancelledInMonth.filter((r) => r.issuedAt < period.start && r.status === 'CANCELLED');
  const items = earlier.map((r) => {
    const ls = receiptLines(r);
    return { symbol: r.symbol, number: r.number, issuedDate: vietnamDate(r.issuedAt), cancelledAt: r.cancellation?.at ?? '', amount: ls.reduce((s, l) => s + l.amount, 0), phi: byKind(ls, 'phi'), lePhi: byKind(ls, 'le_phi') };
  });
  return {
    report: 'treasury',
    month,
    timeZone: VIETNAM_TIME_ZONE,
    period,
    generatedAt: input.generatedAt,
    agency: agencyView(agency),
    chapter: BUDGET_CHAPTERS[agency.level],
    receipts: { counted: inMonth.length - cancelled.length, cancelledLeftOut: cancelled.length, cancelledLeftOutAmount: cancelled.reduce((s, r) => s + receiptLines(r).reduce((t, l) => t + l.amount, 0), 0) },
    lines,
    totals,
    deposit: {
      amount: totals.collected,
      account: TREASURY_DEADLINES.account,
      by: depositBy,
      working: `Phí ${vnd(totals.phi.collected)} + lệ phí ${vnd(totals.lePhi.collected)} = ${vnd(totals.collected)} nộp vào ${TREASURY_DEADLINES.account.toLowerCase()} chậm nhất ngày ${depositBy}.`,
    },
    declare: {
      phi: totals.phi.collected,
      lePhi: totals.lePhi.collected,
      retained: totals.phi.retained,
      remit: totals.toBudget,
      by: declareBy,
      form: TREASURY_DEADLINES.declarationForm,
      working: `Kê khai phí ${vnd(totals.phi.collected)}, lệ phí ${vnd(totals.lePhi.collected)}; để lại ${vnd(totals.phi.retained)}; nộp ngân sách ${vnd(totals.phi.toBudget)} + ${vnd(totals.lePhi.toBudget)} = ${vnd(totals.toBudget)} chậm nhất ngày ${declareBy}.`,
    },
    corrections: { count: items.length, amount: items.reduce((s, i) => s + i.amount, 0), items },
    legalBasis: TREASURY_DEADLINES.legalBasis,
    notes: notes(lines),
  };
}

function notes(lines: readonly TreasuryLine[]): string[] {
  const out = ['Hạn nộp rơi vào thứ Bảy, Chủ nhật được lùi sang thứ Hai; ngày nghỉ lễ chưa được tính, hãy kiểm tra lịch.'];
  if (lines.some((l) => !l.subItem)) out.push('Có khoản chưa được phân loại tiểu mục ngân sách: hãy bổ sung trước khi kê khai.');
  if (lines.some((l) => l.subItem?.check)) out.push('Mã chương, tiểu mục đánh dấu [check] cần được đối chiếu với Mục lục ngân sách nhà nước hiện hành.');
  return out;
}

/** The year's settlement figures: each month's, and their sums (lines merged per procedure, kind and share). */
export function treasuryYear(input: { agency: Agency; year: number; generatedAt: string; months: readonly TreasuryMonth[] }): TreasuryYear {
  const merged = new Map<string, Omit<TreasuryLine, 'retained' | 'toBudget' | 'working'>>();
  const retainedSum = new Map<string, number>();
  for (const m of input.months) {
    for (const l of m.lines) {
      const key = `${l.kind}|${l.procedureCode}|${l.retainedPercent ?? '-'}|${l.decision ?? ''}`;
      const g = merged.get(key) ?? { kind: l.kind, procedureCode: l.procedureCode, feeName: l.feeName, subItem: l.subItem, lines: 0, collected: 0, retainedPercent: l.retainedPercent, decision: l.decision };
      g.lines += l.lines;
      g.collected += l.collected;
      merged.set(key, g);
      retainedSum.set(key, (retainedSum.get(key) ?? 0) + l.retained);
    }
  }
  // The year keeps the months' retained parts as declared (each month rounded down on its own).
  const lines = [...merged.entries()].map(([key, g]) => {
    const retained = retainedSum.get(key) ?? 0;
    return { ...g, retained, toBudget: g.collected - retained, working: `Cộng ${input.months.length} tháng: thu ${vnd(g.collected)}, để lại ${vnd(retained)}, nộp ngân sách ${vnd(g.collected - retained)}.` };
  });
  const totals = figures(lines);
  return {
    report: 'treasury-year',
    year: input.year,
    timeZone: VIETNAM_TIME_ZONE,
    generatedAt: input.generatedAt,
    agency: input.months[0]?.agency ?? agencyView(input.agency),
    chapter: BUDGET_CHAPTERS[input.agency.level],
    months: input.months.map((m) => ({ month: m.month, receipts: m.receipts.counted, ...m.totals })),
    lines,
    totals,
    settlement: {
      form: TREASURY_DEADLINES.settlementForm,
      working: `Năm ${input.year}: phí ${vnd(totals.phi.collected)} (để lại ${vnd(totals.phi.retained)}), lệ phí ${vnd(totals.lePhi.collected)}; phải nộp ngân sách ${vnd(totals.toBudget)}, bằng tổng số đã kê khai của các tháng.`,
    },
    notes: notes(lines),
  };
}
