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

export function receiptRegister(input: { agency: { id: string; name: string; taxCode: string; address: string }; date: string; generatedAt: string; receipts: readonly StoredReceipt[] }): ReceiptRegister {
  const receipts = [...input.receipts].sort((a, b) => (a.symbol === b.symbol ? a.number - b.number : a.symbol < b.symbol ? -1 : 1));
  const valid = tally();
  const cancelled = tally();
  const items = receipts.map((r, i): RegisterLine => {
    const c = r.content as { template?: string; feeName?: string; procedureCode?: string; amount?: number; payer?: { name?: string }; paymentMethod?: 'bank_transfer' | 'cash'; reference?: string };
    const amount = typeof c.amount === 'number' ? c.amount : 0;
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
