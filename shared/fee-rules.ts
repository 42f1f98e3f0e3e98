/**
 * Fees over time, and the reliefs the law grants: THE function that says what a citizen
 * owes for one line of an order (feeDue). Pure: the instant is handed in and read as a
 * Vietnamese date (shared/time.ts), so a rule "from 15/8/2026" starts at 00:00 in Vietnam.
 *
 * - A fee rule is in force over a period of Vietnamese days [from, to] (to included,
 *   absent: until further notice) and names its legal basis and its kind, phí (a fee, of
 *   which an agency may retain a share) or lệ phí (a charge, wholly the State's).
 * - A relief is a waiver (100 %) or a reduction (a percentage), over a period, maybe only
 *   for dossiers filed online, maybe only for a citizen with a VNeID level-2 account
 *   (Resolution 66.22/2026/NQ-CP, Circular 117/2026/TT-BTC, Circular 64/2025/TT-BTC: see
 *   docs/domain.md, "Fees over time and reliefs"). Where several apply, the largest does.
 * - An order keeps a copy of the rule and the relief it was made under: a change of law
 *   never changes what an order already asks for.
 */
import { feeFor, type Fee, type FeeWorking } from './fees';
import { addDays, vietnamDate } from './time';

/** phí (a fee for a service; an agency may retain a share) or lệ phí (a charge, wholly the State budget's). */
export type FeeCategory = 'phi' | 'le_phi';
export const FEE_CATEGORIES = ['phi', 'le_phi'] as const satisfies readonly FeeCategory[];

/** Where the dossier is filed: at the one-stop counter or online on the national portal. */
export type FilingChannel = 'counter' | 'online';
export const FILING_CHANNELS = ['counter', 'online'] as const satisfies readonly FilingChannel[];

/** What the citizen must hold for a relief: a VNeID level-2 account. */
export type ReliefCondition = 'vneid_level2';

export interface FeeRule {
  /** First day in force, YYYY-MM-DD (Vietnam date). */
  from: string;
  /** Last day in force, included; absent: until further notice. */
  to?: string;
  fee: Fee;
  kind: FeeCategory;
  legalBasis: string;
  /** A fact seen only in secondary sources: what to re-check before production. */
  check?: string;
}

export interface Relief {
  /** Stable name of the relief within the procedure, e.g. 'nq66-2026-online'. */
  id: string;
  kind: 'waiver' | 'reduction';
  /** 100 for a waiver; 1..99 for a reduction. */
  percent: number;
  /** 'online': only for dossiers filed on the national portal; 'any': whatever the channel. */
  channel: 'online' | 'any';
  requires: ReliefCondition[];
  /** First and last day (both included, Vietnam dates). */
  from: string;
  to: string;
  legalBasis: string;
  check?: string;
}

/** What of a procedure the fee depends on (a catalogue Procedure fits). */
export interface FeeSource {
  /** The fee as it stands (or will stand): the last rule's fee when feeRules are given. */
  fee: Fee;
  feeKind?: FeeCategory;
  /** The fee over time; absent: `fee` has always applied, under `legalBasis`. */
  feeRules?: readonly FeeRule[];
  reliefs?: readonly Relief[];
  legalBasis: readonly string[];
}

/** Who files, and how: what decides which relief applies. */
export interface Filing {
  channel?: FilingChannel;
  vneidLevel2?: boolean;
}

/** The relief an order applied, as the order keeps it. */
export interface AppliedRelief {
  id: string;
  kind: 'waiver' | 'reduction';
  percent: number;
  from: string;
  to: string;
  legalBasis: string;
  /** VND taken off the line. */
  discount: number;
}

export interface FeeDue {
  /** The rule in force, copied: the order keeps it. */
  rule: FeeRule;
  kind: FeeCategory;
  /** The working of the full fee (before any relief). */
  working: FeeWorking;
  /** The full fee of the line, before any relief. */
  gross: number;
  relief: AppliedRelief | null;
  /** What is due: gross less the relief. */
  amount: number;
}

/** The first day anything is recorded from, for a procedure without dated rules. */
export const SINCE_EVER = '2000-01-01';

/** The rules of a procedure, oldest first: its dated rules, or `fee` since ever. */
export function feeRulesOf(source: FeeSource): readonly FeeRule[] {
  if (source.feeRules && source.feeRules.length > 0) return source.feeRules;
  return [{ from: SINCE_EVER, fee: source.fee, kind: source.feeKind ?? 'le_phi', legalBasis: source.legalBasis.join('; ') }];
}

function inPeriod(day: string, from: string, to: string | undefined): boolean {
  return day >= from && (to === undefined || day <= to);
}

/** The rule in force on a Vietnamese day (YYYY-MM-DD); undefined before the first rule. */
export function ruleOn(source: FeeSource, day: string): FeeRule | undefined {
  return feeRulesOf(source).find((r) => inPeriod(day, r.from, r.to));
}

/** Whether a relief applies to a filing on a day. */
export function reliefApplies(relief: Relief, day: string, filing: Filing): boolean {
  if (!inPeriod(day, relief.from, relief.to)) return false;
  if (relief.channel === 'online' && filing.channel !== 'online') return false;
  return relief.requires.every((c) => c === 'vneid_level2' && filing.vneidLevel2 === true);
}

/** The largest relief that applies (a waiver before a reduction of the same percent; then data order). */
export function bestRelief(reliefs: readonly Relief[], day: string, filing: Filing): Relief | undefined {
  let best: Relief | undefined;
  for (const r of reliefs) {
    if (!reliefApplies(r, day, filing)) continue;
    if (!best || r.percent > best.percent || (r.percent === best.percent && r.kind === 'waiver' && best.kind !== 'waiver')) best = r;
  }
  return best;
}

/** The reliefs in force on a day or scheduled after it (what the guide shows). */
export function reliefsFrom(source: FeeSource, day: string): Relief[] {
  return (source.reliefs ?? []).filter((r) => r.to >= day);
}

/**
 * THE fee due for one line: the rule in force at `at` (Vietnam date), `quantity` units per
 * copy and `copies` copies (feeFor: RangeError on a quantity or copies the fee cannot
 * count), less the largest relief that applies to this filing. A reduction is rounded in
 * the citizen's favour (the amount due rounded down to the đồng). Throws RangeError when
 * no rule is in force on that day (a date before the first rule: a data error).
 */
export function feeDue(source: FeeSource, at: Date | string, line: { quantity: number; copies?: number }, filing: Filing = {}): FeeDue {
  const day = vietnamDate(at);
  const rule = ruleOn(source, day);
  if (!rule) throw new RangeError(`no fee rule is in force on ${day}`);
  const working = feeFor(rule.fee, line.quantity, line.copies ?? 1);
  const gross = working.amount;
  const relief = gross > 0 ? bestRelief(source.reliefs ?? [], day, filing) : undefined;
  if (!relief) return { rule: { ...rule }, kind: rule.kind, working, gross, relief: null, amount: gross };
  const amount = Math.floor((gross * (100 - relief.percent)) / 100);
  return {
    rule: { ...rule },
    kind: rule.kind,
    working,
    gross,
    relief: { id: relief.id, kind: relief.kind, percent: relief.percent, from: relief.from, to: relief.to, legalBasis: relief.legalBasis, discount: gross - amount },
    amount,
  };
}

/** The fee in force on a day, as the catalogue's routes show it: the rule's fee, its kind and the reliefs in force or scheduled. */
export function feeToday(source: FeeSource, at: Date | string): { fee: Fee; kind: FeeCategory; legalBasis: string; from: string; to?: string; reliefs: Relief[] } {
  const day = vietnamDate(at);
  const rules = feeRulesOf(source);
  // Before the first dated rule (never the case for real data): the first rule, as announced.
  const rule = ruleOn(source, day) ?? rules[0]!;
  return { fee: rule.fee, kind: rule.kind, legalBasis: rule.legalBasis, from: rule.from, ...(rule.to ? { to: rule.to } : {}), reliefs: reliefsFrom(source, day) };
}

/**
 * What is wrong with a set of fee rules, one line per problem (empty when sound): oldest
 * first, each period well formed, no overlap and no gap between one rule's last day and
 * the next one's first, only the last one open-ended.
 */
export function feeRuleProblems(rules: readonly FeeRule[]): string[] {
  const problems: string[] = [];
  rules.forEach((r, i) => {
    if (r.to !== undefined && r.to < r.from) problems.push(`rule ${i + 1}: ends (${r.to}) before it starts (${r.from})`);
    const next = rules[i + 1];
    if (!next) return;
    if (r.to === undefined) problems.push(`rule ${i + 1}: only the last rule may be open-ended`);
    else if (next.from <= r.to) problems.push(`rule ${i + 2}: starts ${next.from}, inside rule ${i + 1} (until ${r.to})`);
    else if (next.from !== addDays(r.to, 1)) problems.push(`rule ${i + 2}: starts ${next.from}, not the day after rule ${i + 1} ends (${r.to}): a gap`);
  });
  return problems;
}
