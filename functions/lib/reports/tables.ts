/**
 * The reports as tables for a spreadsheet (docs/reports.md): Vietnamese headers, numbers
 * as numbers, text as written. csv.ts and xlsx.ts write the same tables, one after another
 * in a CSV, one sheet each in an .xlsx.
 */
import { formatReceiptNumber } from '../../../shared/receipt';
import { vietnamDate, vnDateTime, vnDay } from '../../../shared/time';
import type { StoredReceipt } from '../storage/store';
import type { DailyReport } from './daily';
import type { AgencyFigures, Dashboard } from './dashboard';
import { SOURCE_LABEL, type Tally, type TransactionLine } from './figures';
import type { ReceiptRegister, RegisterLine } from './register';

export type Cell = string | number | boolean | null | undefined;

/** One table of a report: a sheet's name in an .xlsx (at most 31 characters), its rows (the first is its header). */
export interface ReportTable {
  name: string;
  rows: Cell[][];
}

/** How a spreadsheet shows a yes/no. */
export const YES_NO = { yes: 'Có', no: 'Không' } as const;

const percent = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);
const STATUS_LABEL: Record<string, string> = { MATCHED: 'Đã khớp', UNMATCHED: 'Chưa khớp', IGNORED: 'Bỏ qua' };
const DIRECTION_LABEL = { in: 'Tiền vào', out: 'Tiền ra' } as const;
const RECEIPT_STATUS_LABEL: Record<StoredReceipt['status'], string> = { ISSUED: 'Đã lập', CANCELLED: 'Đã hủy' };
const METHOD_LABEL: Record<string, string> = { bank_transfer: 'Chuyển khoản', cash: 'Tiền mặt' };

export const DAILY_SUMMARY_HEADER = ['Mã', 'Mục', 'Chỉ tiêu', 'Số lượng', 'Số tiền (đồng)'] as const;
export const DAILY_TRANSACTION_HEADER = [
  'STT',
  'Mã giao dịch',
  'Nguồn',
  'Chiều',
  'Thời điểm ghi nhận',
  'Thời điểm ngân hàng',
  'Số tiền (đồng)',
  'Trạng thái',
  'Lý do',
  'Kết quả',
  'Mã đơn',
  'Phải hoàn (đồng)',
  'Đã hoàn',
  'Nộp muộn',
  'Khớp tay bởi',
  'Nội dung chuyển khoản',
] as const;
export const DAILY_RECEIPT_HEADER = ['STT', 'Ký hiệu mẫu', 'Ký hiệu', 'Số', 'Thời điểm lập', 'Số tiền (đồng)', 'Hình thức', 'Mã đơn', 'Trạng thái', 'Thời điểm hủy', 'Lý do hủy'] as const;

/** The summary rows of the daily report: [code, section, item, count, amount]; codes are stable for machines. */
export function dailySummaryRows(r: DailyReport): Cell[][] {
  const rows: Cell[][] = [];
  const t = (code: string, section: string, item: string, v: Tally) => rows.push([code, section, item, v.count, v.amount]);
  const n = (code: string, section: string, item: string, count: Cell, amount: Cell = null) => rows.push([code, section, item, count, amount]);
  const sec = 'Tổng hợp giao dịch';
  t('received', sec, 'Nhận được', r.totals.received);
  t('matched', sec, 'Đã khớp đơn', r.totals.matched);
  t('unmatched', sec, 'Chưa khớp', r.totals.unmatched);
  t('ignored', sec, 'Bỏ qua (tiền ra, không thuộc cơ quan)', r.totals.ignored);
  t('difference', sec, 'Chênh lệch (nhận được − khớp − chưa khớp − bỏ qua)', r.totals.difference);
  n('tiesOut', sec, 'Khớp tổng', r.totals.tiesOut);
  t('incoming', sec, 'Tiền vào', r.direction.incoming);
  t('outgoing', sec, 'Tiền ra', r.direction.outgoing);
  for (const p of r.byProvider) {
    const s = `Nguồn ${p.label}`;
    t(`provider.${p.provider}.received`, s, 'Nhận được', p.received);
    t(`provider.${p.provider}.matched`, s, 'Đã khớp', p.matched);
    t(`provider.${p.provider}.unmatched`, s, 'Chưa khớp', p.unmatched);
    t(`provider.${p.provider}.ignored`, s, 'Bỏ qua', p.ignored);
  }
  const o = 'Kết quả khớp đơn';
  t('outcome.paid', o, 'Trả đủ', r.outcomes.paid);
  t('outcome.overpaid', o, 'Trả thừa', r.outcomes.overpaid);
  t('outcome.underpaid', o, 'Trả thiếu', r.outcomes.underpaid);
  t('outcome.duplicate', o, 'Trả trùng', r.outcomes.duplicate);
  t('outcome.toCancelled', o, 'Trả cho đơn đã hủy', r.outcomes.toCancelled);
  const od = 'Đơn phí';
  t('orders.paid', od, 'Đã thanh toán đủ', r.orders.paid);
  t('orders.paidLate', od, 'Trong đó thanh toán sau hạn', r.orders.paidLate);
  t('orders.confirmed', od, 'Đã xác nhận, cấp biên lai', r.orders.confirmed);
  // Counted apart: paid on the national portal, not money received here (issue 14, item 6).
  n('orders.paidOnPortal', od, 'Đã nộp trên Cổng Dịch vụ công quốc gia (không thu tại đây)', r.paidOnPortal.count, r.paidOnPortal.amount);
  const c = 'Thu phí, lệ phí';
  t('collected.total', c, 'Tổng thu (đã trừ phải hoàn)', r.collected.total);
  t('collected.cashless', c, 'Không dùng tiền mặt', r.collected.cashless);
  t('collected.cash', c, 'Tiền mặt', r.collected.cash);
  t('cash', c, 'Tiền mặt nhận tại quầy', r.cash);
  const b = 'Biên lai';
  t('receipts.issued', b, 'Đã lập trong ngày', r.receipts.issued);
  t('receipts.valid', b, 'Còn hiệu lực', r.receipts.valid);
  t('receipts.cancelled', b, 'Đã hủy', r.receipts.cancelled);
  for (const s of r.receipts.series) {
    n(`receipts.series.${s.symbol}`, b, `${s.template} ${s.symbol}: từ số ${formatReceiptNumber(s.first)} đến ${formatReceiptNumber(s.last)}`, s.count);
    n(`receipts.series.${s.symbol}.previous`, b, `${s.symbol}: số cuối ngày trước`, s.previous);
    n(`receipts.series.${s.symbol}.gaps`, b, `${s.symbol}: số bị thiếu`, s.gaps.length, null);
  }
  n('receipts.gapless', b, 'Không thiếu số', r.receipts.gapless);
  n('receipts.cancelledOnDay', b, 'Biên lai bị hủy trong ngày (kể cả lập ngày trước)', r.receipts.cancelledOnDay.length, r.receipts.cancelledOnDay.reduce((s, x) => s + x.amount, 0));
  const h = 'Hoàn trả';
  t('refunds.due', h, 'Phải hoàn (giao dịch trong ngày)', r.refunds.due);
  t('refunds.refunded', h, 'Đã hoàn', r.refunds.refunded);
  t('refunds.outstanding', h, 'Còn phải hoàn', r.refunds.outstanding);
  t('refunds.byState.REQUESTED', h, 'Chờ chuyển trả', r.refunds.byState.REQUESTED);
  t('refunds.byState.SENT', h, 'Đã chuyển, chờ xác nhận', r.refunds.byState.SENT);
  t('refunds.byState.CONFIRMED', h, 'Đã xác nhận (thấy giao dịch ra)', r.refunds.byState.CONFIRMED);
  t('refunds.recordedOnDay', h, 'Đã hoàn trong ngày (mọi ngày nhận)', r.refunds.recordedOnDay);
  const k = 'Tồn đọng (mọi ngày)';
  t('backlog.unmatched', k, 'Chưa khớp', r.backlog.unmatched);
  t('backlog.refundDue', k, 'Chưa hoàn', r.backlog.refundDue);
  for (const ch of r.checks) n(`check.${ch.code}`, 'Kiểm tra', `${ch.label}: ${ch.detail}`, ch.ok);
  return rows;
}

export function transactionRow(l: TransactionLine, i: number): Cell[] {
  return [
    i + 1,
    l.id,
    SOURCE_LABEL[l.provider] ?? l.provider,
    DIRECTION_LABEL[l.direction],
    vnDateTime(l.receivedAt),
    vnDateTime(l.occurredAt),
    l.amount,
    STATUS_LABEL[l.status] ?? l.status,
    l.reason,
    l.outcome,
    l.orderId,
    l.refundDue,
    l.refunded,
    l.late,
    l.matchedBy,
    l.memo,
  ];
}

export function dailyReportTables(r: DailyReport): ReportTable[] {
  const head: Cell[][] = [
    [`BÁO CÁO ĐỐI SOÁT THU PHÍ, LỆ PHÍ NGÀY ${vnDay(r.date)}`],
    ['Cơ quan', r.agency.name],
    ['Mã cơ quan', r.agency.id],
    ['Ngày', r.date],
    ['Múi giờ', `${r.timeZone} (UTC+7)`],
    ['Lập lúc', vnDateTime(r.generatedAt)],
    ['Khớp tổng', r.totals.tiesOut],
  ];
  const receipts: Cell[][] = [
    [...DAILY_RECEIPT_HEADER],
    ...r.receipts.items.map((x, i) => [i + 1, x.template, x.symbol, formatReceiptNumber(x.number), vnDateTime(x.issuedAt), x.amount, METHOD_LABEL[x.paymentMethod ?? ''] ?? x.paymentMethod, x.orderId, RECEIPT_STATUS_LABEL[x.status], x.cancelledAt ? vnDateTime(x.cancelledAt) : null, x.cancelReason]),
  ];
  return [
    { name: 'Thông tin', rows: head },
    { name: 'Tổng hợp', rows: [[...DAILY_SUMMARY_HEADER], ...dailySummaryRows(r)] },
    { name: 'Giao dịch', rows: [[...DAILY_TRANSACTION_HEADER], ...r.transactions.map(transactionRow)] },
    { name: 'Biên lai', rows: receipts },
  ];
}

export const REGISTER_HEADER = [
  'STT',
  'Ký hiệu mẫu biên lai',
  'Ký hiệu biên lai',
  'Số biên lai',
  'Ngày lập',
  'Tên người nộp phí, lệ phí',
  'Tên loại phí, lệ phí',
  'Mã thủ tục',
  'Số tiền (đồng)',
  'Hình thức thu',
  'Trạng thái',
  'Ngày hủy',
  'Lý do hủy',
  'Mã đơn',
  'Loại (phí, lệ phí)',
  'Trong đó phí (đồng)',
  'Trong đó lệ phí (đồng)',
] as const;

const FEE_KIND_LABEL: Record<string, string> = { phi: 'Phí', le_phi: 'Lệ phí', mixed: 'Phí và lệ phí' };

export function registerRow(l: RegisterLine): Cell[] {
  return [
    l.no,
    l.template,
    l.symbol,
    l.numberText,
    vnDay(l.issuedDate),
    l.payerName,
    l.feeName,
    l.procedureCode,
    l.amount,
    METHOD_LABEL[l.paymentMethod ?? ''] ?? l.paymentMethod,
    RECEIPT_STATUS_LABEL[l.status],
    l.cancelledAt ? vnDay(vietnamDate(l.cancelledAt)) : null,
    l.cancelReason,
    l.orderId,
    l.feeKind ? FEE_KIND_LABEL[l.feeKind] ?? null : null,
    l.phiAmount,
    l.lePhiAmount,
  ];
}

export function receiptRegisterTables(r: ReceiptRegister): ReportTable[] {
  const head: Cell[][] = [
    [`Mẫu số ${r.form}`],
    [r.title],
    ['Kỳ dữ liệu', `Ngày ${vnDay(r.date)}`],
    ['Tên tổ chức thu phí, lệ phí', r.agency.name],
    ['Mã số thuế', r.agency.taxCode],
    ['Địa chỉ', r.agency.address],
    ['Lập lúc', vnDateTime(r.generatedAt)],
  ];
  const totals: Cell[][] = [
    ['Tổng hợp', 'Số biên lai', 'Số tiền (đồng)'],
    ['Đã lập, còn hiệu lực', r.totals.valid.count, r.totals.valid.amount],
    ['Đã hủy', r.totals.cancelled.count, r.totals.cancelled.amount],
  ];
  return [
    { name: 'Thông tin', rows: head },
    { name: 'Bảng kê biên lai', rows: [[...REGISTER_HEADER], ...r.items.map(registerRow)] },
    { name: 'Tổng hợp', rows: totals },
  ];
}

export const DASHBOARD_HEADER = [
  'Mã cơ quan',
  'Cơ quan',
  'Thu không dùng tiền mặt: số giao dịch',
  'Thu không dùng tiền mặt: số tiền (đồng)',
  'Thu tiền mặt: số giao dịch',
  'Thu tiền mặt: số tiền (đồng)',
  'Tổng thu (đồng)',
  'Tỷ lệ không dùng tiền mặt (%)',
  'Đơn phí đã lập',
  'Đơn đã thanh toán đủ',
  'Trong đó sau hạn',
  'Đơn đã xác nhận',
  'Trung vị lập đơn → thanh toán (giây)',
  'Trung vị thanh toán → xác nhận (giây)',
  'Đơn do tình nguyện viên hỗ trợ',
  'Số tình nguyện viên',
  'Giao dịch chuyển khoản đến',
  'Không tự khớp khi đến',
  'Tỷ lệ không tự khớp (%)',
  'Còn chưa khớp',
  'Giao dịch phải hoàn',
  'Số tiền phải hoàn (đồng)',
  'Tỷ lệ phải hoàn (%)',
] as const;

export function dashboardRow(f: AgencyFigures): Cell[] {
  return [
    f.agencyId ?? '',
    f.agencyName,
    f.collected.cashless.count,
    f.collected.cashless.amount,
    f.collected.cash.count,
    f.collected.cash.amount,
    f.collected.total.amount,
    percent(f.collected.cashlessShare),
    f.orders.created,
    f.orders.paid,
    f.orders.paidLate,
    f.orders.confirmed,
    f.timing.orderToPayment.medianSeconds,
    f.timing.paymentToConfirmation.medianSeconds,
    f.volunteers.assistedOrders,
    f.volunteers.volunteers,
    f.transfers.bankIncoming,
    f.transfers.unmatchedOnArrival,
    percent(f.transfers.unmatchedRate),
    f.transfers.unmatchedNow.count,
    f.transfers.refundDue.count,
    f.transfers.refundDue.amount,
    percent(f.transfers.refundRate),
  ];
}

export const DASHBOARD_PROCEDURE_HEADER = ['Mã cơ quan', 'Cơ quan', 'Mã thủ tục', 'Tên thủ tục', 'Số đơn', 'Số tiền phí (đồng)'] as const;
export const DASHBOARD_DAILY_HEADER = ['Ngày', 'Thu không dùng tiền mặt (đồng)', 'Thu tiền mặt (đồng)', 'Đơn phí đã lập', 'Đơn đã thanh toán đủ'] as const;

export function dashboardTables(d: Dashboard): ReportTable[] {
  const head: Cell[][] = [
    ['BẢNG SỐ LIỆU THU PHÍ, LỆ PHÍ KHÔNG DÙNG TIỀN MẶT'],
    ['Từ ngày', d.from],
    ['Đến ngày', d.to],
    ['Múi giờ', `${d.timeZone} (UTC+7)`],
    ['Lập lúc', vnDateTime(d.generatedAt)],
  ];
  const figures = [d.total, ...d.agencies];
  const procedures: Cell[][] = [[...DASHBOARD_PROCEDURE_HEADER]];
  for (const f of figures) for (const p of f.orders.byProcedure) procedures.push([f.agencyId ?? '', f.agencyName, p.procedureCode, p.procedureName, p.count, p.amount]);
  const daily: Cell[][] = [[...DASHBOARD_DAILY_HEADER], ...d.daily.map((x) => [x.date, x.cashless, x.cash, x.ordersCreated, x.paid])];
  return [
    { name: 'Thông tin', rows: head },
    { name: 'Theo cơ quan', rows: [[...DASHBOARD_HEADER], ...figures.map(dashboardRow)] },
    { name: 'Theo thủ tục', rows: procedures },
    { name: 'Theo ngày', rows: daily },
  ];
}
