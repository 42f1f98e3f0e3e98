/**
 * The lines of a fee order: one procedure (or paper) each, with its quantity and copies,
 * the fee rule in force when the order is made and the relief applied, both copied into
 * the order. Several lines of one agency are paid with one QR; the order's amount is
 * their sum. Pure: the instant is handed in.
 */
import { handles, isPayableHere, type Agency, type Procedure } from './catalogue';
import { feeDue, ruleOn, type AppliedRelief, type FeeCategory, type FeeRule, type Filing, type FilingChannel } from './fee-rules';
import { feeCountsCopies } from './fees';
import { vietnamDate } from './time';

/** Lines one order may hold: a counter visit's papers, not a shop's basket. */
export const MAX_ORDER_LINES = 20;

export interface OrderLine {
  procedureCode: string;
  procedureName: string;
  quantity: number;
  copies: number;
  /** phí or lệ phí, from the rule in force. */
  kind: FeeCategory;
  /** The full fee of the line, before any relief. */
  grossAmount: number;
  /** What the line asks for: grossAmount less the relief. */
  amount: number;
  /** The rule the line was priced under, copied: a later change of law never changes it (absent on orders made before rules were kept). */
  rule?: FeeRule;
  relief?: AppliedRelief;
}

/** What the body asks for, one entry per line. */
export interface RequestedLine {
  procedureCode: string;
  quantity?: number | undefined;
  copies?: number | undefined;
}

/** Why one line cannot be priced here; `line` is its index in the request. */
export type LineRefusal =
  | { refusal: 'PROCEDURE_NOT_OFFERED' | 'FEE_COLLECTED_ELSEWHERE' | 'QUANTITY_NOT_APPLICABLE' | 'COPIES_NOT_APPLICABLE' | 'DUPLICATE_LINE'; line: number }
  | { refusal: 'FEE_NOT_REQUIRED'; line: number; relief?: AppliedRelief };

export interface LineRequest {
  procedure: Procedure;
  quantity: number;
  copies: number;
}

/**
 * Prices every line at `now` for this filing, in the order asked. Refuses the first line
 * that cannot be made: a procedure the agency does not handle, a fee another body collects,
 * a quantity or copies a flat fee does not count, nothing to pay (free, or a relief waives
 * it for this citizen: the relief is named), or the same procedure twice where its fee does
 * not count separate papers (two lines of one flat fee are one fee asked twice; two
 * certified copies of different originals are two papers, so they may be two lines).
 */
export function priceLines(requests: readonly LineRequest[], agency: Agency, now: Date, filing: Filing): { ok: true; lines: OrderLine[] } | ({ ok: false } & LineRefusal) {
  const lines: OrderLine[] = [];
  const seen = new Set<string>();
  for (const [i, r] of requests.entries()) {
    const { procedure, quantity, copies } = r;
    if (!handles(agency, procedure)) return { ok: false, refusal: 'PROCEDURE_NOT_OFFERED', line: i };
    if (procedure.fee.kind === 'free') return { ok: false, refusal: 'FEE_NOT_REQUIRED', line: i };
    // Some fees are collected by another body (residence fees: the commune police).
    if (!isPayableHere(procedure)) return { ok: false, refusal: 'FEE_COLLECTED_ELSEWHERE', line: i };
    if (seen.has(procedure.code) && !feeCountsCopies(procedure.fee)) return { ok: false, refusal: 'DUPLICATE_LINE', line: i };
    seen.add(procedure.code);
    // The rule in force today; none is a defect of the catalogue's data, not of the request.
    const rule = ruleOn(procedure, vietnamDate(now));
    if (!rule) throw new Error(`procedure ${procedure.code} has no fee rule in force on ${vietnamDate(now)}`);
    // A flat fee is charged once per order line: quantity and copies must be 1.
    if (rule.fee.kind === 'flat' && quantity !== 1) return { ok: false, refusal: 'QUANTITY_NOT_APPLICABLE', line: i };
    if (rule.fee.kind === 'flat' && copies !== 1) return { ok: false, refusal: 'COPIES_NOT_APPLICABLE', line: i };
    const due = feeDue(procedure, now, { quantity, copies }, filing);
    if (due.amount <= 0) return { ok: false, refusal: 'FEE_NOT_REQUIRED', line: i, ...(due.relief ? { relief: due.relief } : {}) };
    lines.push({
      procedureCode: procedure.code,
      procedureName: procedure.name,
      quantity,
      copies,
      kind: due.kind,
      grossAmount: due.gross,
      amount: due.amount,
      rule: due.rule,
      ...(due.relief ? { relief: due.relief } : {}),
    });
  }
  return { ok: true, lines };
}

/** The name an order of several lines goes by in lists: the first line's, and how many more. */
export function ordersName(lines: readonly Pick<OrderLine, 'procedureName'>[]): string {
  const first = lines[0]?.procedureName ?? '';
  return lines.length > 1 ? `${first} (và ${lines.length - 1} khoản khác)` : first;
}

/** The lines of any order: its own, or the one line an order made before lines were kept stands for. */
export function linesOf(order: {
  items?: OrderLine[] | undefined;
  procedureCode: string;
  procedureName: string;
  quantity: number;
  copies?: number | undefined;
  amount: number;
}): OrderLine[] {
  if (order.items && order.items.length > 0) return order.items;
  return [
    {
      procedureCode: order.procedureCode,
      procedureName: order.procedureName,
      quantity: order.quantity,
      copies: order.copies ?? 1,
      kind: 'le_phi',
      grossAmount: order.amount,
      amount: order.amount,
    },
  ];
}

/** A line as the API shows it: what, how many, its kind, its amount, the relief applied and the legal bases. */
export interface OrderLineView extends Pick<OrderLine, 'procedureCode' | 'procedureName' | 'quantity' | 'copies' | 'kind' | 'grossAmount' | 'amount'> {
  /** The legal basis of the rule the line was priced under (null on orders made before rules were kept). */
  legalBasis: string | null;
  relief: { kind: 'waiver' | 'reduction'; percent: number; from: string; to: string; legalBasis: string; discount: number } | null;
}

export function orderLineView(line: OrderLine): OrderLineView {
  return {
    procedureCode: line.procedureCode,
    procedureName: line.procedureName,
    quantity: line.quantity,
    copies: line.copies,
    kind: line.kind,
    grossAmount: line.grossAmount,
    amount: line.amount,
    legalBasis: line.rule?.legalBasis ?? null,
    relief: line.relief
      ? { kind: line.relief.kind, percent: line.relief.percent, from: line.relief.from, to: line.relief.to, legalBasis: line.relief.legalBasis, discount: line.relief.discount }
      : null,
  };
}

export type { FilingChannel };
