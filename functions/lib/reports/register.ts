/** The receipt register for the tax authority (form 01/TH-BLĐT): one day's receipts of one agency. */
import { formatReceiptNumber } from '../../../shared/receipt';
import { vietnamDate, VIETNAM_TIME_ZONE } from '../../../shared/time';
import type { StoredReceipt } from '../storage/store';
import { add, tally, type Tally } from './figures';

export const REGISTER_FORM = '01/TH-BLĐT';
export const REGISTER_TITLE = 'BẢNG TỔNG HỢP DỮ LIỆU BIÊN LAI ĐIỆN TỬ';

export interface RegisterLine {
  no: number;
  template: string;
  symbol: string;
  number: number;
  /** The number as printed, 8 digits. */
  numberText: string;
  issuedAt: string;
  /** The date of issue, Vietnam time, YYYY-MM-DD. */
  issuedDate: string;
  payerName: string | null;
  feeName: string;
  procedureCode: string | null;
  amount: number;
  paymentMethod: 'bank_transfer' | 'cash' | null;
  status: StoredReceipt['status'];
  cancelledAt: string | null;
  cancelReason: string | null;
  orderId: string;
  reference: string | null;
  /** phí, lệ phí, or both on a receipt of several lines; null on receipts made before lines kept their kind. */
  feeKind: 'phi' | 'le_phi' | 'mixed' | null;
  /** The part of the amount that is phí, and that is lệ phí (null when the kind is not recorded). */
  phiAmount: number | null;
  lePhiAmount: number | null;
}

export interface ReceiptRegister {
  report: 'receipt-register';
  form: typeof REGISTER_FORM;
  title: typeof REGISTER_TITLE;
  date: string;
  timeZone: typeof VIETNAM_TIME_ZONE;
  generatedAt: string;
  agency: { id: string; name: string; taxCode: string; address: string };
  items: RegisterLine[];
  totals: { count: number; valid: Tally; cancelled: Tally };
}

/** The amounts of a receipt's lines by kind of fee (phí, lệ phí); nulls for a receipt without lines. */
function kindsOf(lines: { kind?: string; amount?: number }[] | undefined): Pick<RegisterLine, 'feeKind' | 'phiAmount' | 'lePhiAmount'> {
  if (!lines?.length) return { feeKind: null, phiAmount: null, lePhiAmount: null };
  let phi = 0;
  let lePhi = 0;
  for (const l of lines) {
    const amount = typeof l.amount === 'number' ? l.amount : 0;
    if (l.kind === 'phi') phi += amount;
    else lePhi += amount;
  }
  const kinds = new Set(lines.map((l) => (l.kind === 'phi' ? 'phi' : 'le_phi')));
  return { feeKind: kinds.size > 1 ? 'mixed' : kinds.has('phi') ? 'phi' : 'le_phi', phiAmount: phi, lePhiAmount: lePhi };
}

export function receiptRegister(input: { agency: { id: string; name: string; taxCode: string; address: string }; date: string; generatedAt: string; receipts: readonly StoredReceipt[] }): ReceiptRegister {
  const receipts = [...input.receipts].sort((a, b) => (a.symbol === b.symbol ? a.number - b.number : a.symbol < b.symbol ? -1 : 1));
  const valid = tally();
  const cancelled = tally();
  const items = receipts.map((r, i): RegisterLine => {
    const c = r.content as { template?: string; feeName?: string; procedureCode?: string; amount?: number; payer?: { name?: string }; paymentMethod?: 'bank_transfer' | 'cash'; reference?: string; lines?: { kind?: string; amount?: number }[] };
    const amount = typeof c.amount === 'number' ? c.amount : 0;
    const byKind = kindsOf(c.lines);
    add(r.status === 'CANCELLED' ? cancelled : valid, amount);
    return {
      no: i + 1,
      template: c.template ?? 'EBL01',
      symbol: r.symbol,
      number: r.number,
      numberText: formatReceiptNumber(r.number),
      issuedAt: r.issuedAt,
      issuedDate: vietnamDate(r.issuedAt),
      payerName: c.payer?.name ?? null,
      feeName: c.feeName ?? '',
      procedureCode: c.procedureCode ?? null,
      amount,
      paymentMethod: c.paymentMethod ?? null,
      status: r.status,
      cancelledAt: r.cancellation?.at ?? null,
      cancelReason: r.cancellation?.reason ?? null,
      orderId: r.orderId,
      reference: c.reference ?? null,
      ...byKind,
    };
  });
  return {
    report: 'receipt-register',
    form: REGISTER_FORM,
    title: REGISTER_TITLE,
    date: input.date,
    timeZone: VIETNAM_TIME_ZONE,
    generatedAt: input.generatedAt,
    agency: input.agency,
    items,
    totals: { count: items.length, valid, cancelled },
  };
}
