/**
 * The daily reconciliation of one agency (docs/reports.md): money in by source, receipts
 * issued and cancelled, the clerk's queue, and the checks that tie them together.
 */
import { vietnamDayBounds, VIETNAM_TIME_ZONE } from '../../../shared/time';
import type { PaymentSource, TransferRecord } from '../../../shared/transfer';
import type { StoredReceipt } from '../storage/store';
import { add, byTime, covers, kept, minus, plus, same, SOURCE_LABEL, SOURCES, tally, transactionLine, type Tally } from './figures';
import type { ProviderRow, ReceiptSeries, ReceiptLine, Check, DailyReport } from '../../../shared/report-views';
import { refundState, type RefundState } from '../../../shared/refund';

export type { ProviderRow, ReceiptSeries, ReceiptLine, Check, DailyReport };

export interface DailyInput {
  agency: { id: string; name: string };
  date: string;
  generatedAt: string;
  /** Every transfer recorded for the agency during the day (by receivedAt). */
  transfers: readonly TransferRecord[];
  /** Receipts issued by the agency during the day (by issuedAt). */
  receipts: readonly StoredReceipt[];
  /** The agency's last receipt issued before the day, if any: the day's numbers continue from it. */
  previousReceipt?: StoredReceipt;
  /** Receipts (of any day) cancelled during the day. */
  cancelledOnDay: readonly StoredReceipt[];
  /** Transfers (of any day) whose refund was recorded during the day. */
  refundedOnDay: readonly TransferRecord[];
  /** What is still open, all days together. */
  backlog: { unmatched: readonly TransferRecord[]; refundDue: readonly TransferRecord[] };
  /** Orders closed during the day as paid on the national portal (lib/reports/portal-closings.ts); none when absent. */
  paidOnPortal?: DailyReport['paidOnPortal'];
}

function receiptLine(r: StoredReceipt): ReceiptLine {
  const c = r.content as { template?: string; amount?: number; paymentMethod?: string };
  return {
    id: r.id,
    template: c.template ?? 'EBL01',
    symbol: r.symbol,
    number: r.number,
    issuedAt: r.issuedAt,
    amount: typeof c.amount === 'number' ? c.amount : 0,
    orderId: r.orderId,
    paymentMethod: c.paymentMethod ?? null,
    status: r.status,
    cancelledAt: r.cancellation?.at ?? null,
    cancelReason: r.cancellation?.reason ?? null,
  };
}

export function dailyReport(input: DailyInput): DailyReport {
  const { start, end } = vietnamDayBounds(input.date);
  const transfers = [...input.transfers].sort(byTime((t) => `${t.receivedAt}#${t.key}`));

  const received = tally();
  const status = { MATCHED: tally(), UNMATCHED: tally(), IGNORED: tally() };
  const rows = new Map<PaymentSource, ProviderRow>(
    SOURCES.map((p) => [p, { provider: p, label: SOURCE_LABEL[p], received: tally(), incoming: tally(), outgoing: tally(), matched: tally(), unmatched: tally(), ignored: tally() }]),
  );
  const direction = { incoming: tally(), outgoing: tally() };
  const outcomes = { paid: tally(), overpaid: tally(), underpaid: tally(), duplicate: tally(), toCancelled: tally() };
  const outcomeKey: Record<string, keyof typeof outcomes> = { PAID: 'paid', OVERPAID: 'overpaid', UNDERPAID: 'underpaid', DUPLICATE_PAYMENT: 'duplicate', PAYMENT_TO_CANCELLED: 'toCancelled' };
  const orders = { paid: tally(), paidLate: tally(), confirmed: tally() };
  const collected = { total: tally(), cashless: tally(), cash: tally() };
  const cash = tally();
  const unmatched = tally();
  const refunds = { due: tally(), refunded: tally() };
  // The day's refunds due by where they stand now (shared/refund.ts).
  const byState: Record<RefundState, Tally> = { REQUESTED: tally(), SENT: tally(), CONFIRMED: tally() };
  let matchedRefundDue = 0;

  for (const t of transfers) {
    const amount = t.transfer.amount;
    add(received, amount);
    // An unknown status (none today) lands in no bucket: the difference below shows it.
    const bucket = (status as Record<string, Tally>)[t.status];
    if (bucket) add(bucket, amount);
    let row = rows.get(t.transfer.provider);
    if (!row) {
      row = { provider: t.transfer.provider, label: t.transfer.provider, received: tally(), incoming: tally(), outgoing: tally(), matched: tally(), unmatched: tally(), ignored: tally() };
      rows.set(t.transfer.provider, row);
    }
    add(row.received, amount);
    add(t.transfer.direction === 'out' ? row.outgoing : row.incoming, amount);
    add(t.transfer.direction === 'out' ? direction.outgoing : direction.incoming, amount);
    if (t.status === 'MATCHED') add(row.matched, amount);
    else if (t.status === 'UNMATCHED') add(row.unmatched, amount);
    else if (t.status === 'IGNORED') add(row.ignored, amount);

    if (t.status === 'MATCHED') {
      const o = outcomeKey[t.outcome ?? ''];
      if (o) add(outcomes[o], amount);
      if (covers(t)) {
        add(orders.paid, amount);
        if (t.late) add(orders.paidLate, amount);
      }
      add(collected.total, kept(t));
      add(t.transfer.provider === 'cash' ? collected.cash : collected.cashless, kept(t));
      matchedRefundDue += t.refundDue;
      if (t.transfer.provider === 'cash') add(cash, amount);
    }
    if (t.status === 'UNMATCHED') add(unmatched, amount);
    if (t.refundDue > 0) {
      add(refunds.due, t.refundDue);
      if (t.refund) add(refunds.refunded, t.refundDue);
      add(byState[refundState(t)!], t.refundDue);
    }
  }
  const sumStatus = plus(plus(status.MATCHED, status.UNMATCHED), status.IGNORED);
  const difference = minus(received, sumStatus);
  const tiesOut = same(difference, tally());
  const providerSum = [...rows.values()].reduce((s, r) => plus(s, r.received), tally());

  // Receipts: numbers per symbol must run on without a gap, from the previous day's last.
  const receipts = [...input.receipts].sort((a, b) => (a.symbol === b.symbol ? a.number - b.number : a.symbol < b.symbol ? -1 : 1));
  const issued = tally();
  const valid = tally();
  const cancelled = tally();
  const series: ReceiptSeries[] = [];
  for (const r of receipts) {
    const line = receiptLine(r);
    add(issued, line.amount);
    add(r.status === 'CANCELLED' ? cancelled : valid, line.amount);
    add(orders.confirmed, line.amount);
  }
  for (const symbol of [...new Set(receipts.map((r) => r.symbol))]) {
    const numbers = receipts.filter((r) => r.symbol === symbol).map((r) => r.number);
    const first = numbers[0]!;
    const last = numbers[numbers.length - 1]!;
    const have = new Set(numbers);
    const gaps: number[] = [];
    // Bounded: a broken counter must not make the report itself enormous.
    for (let n = first + 1; n < last && gaps.length < 1000; n++) if (!have.has(n)) gaps.push(n);
    const previous = input.previousReceipt && input.previousReceipt.symbol === symbol ? input.previousReceipt.number : null;
    series.push({
      template: receiptLine(receipts.find((r) => r.symbol === symbol)!).template,
      symbol,
      first,
      last,
      count: have.size,
      previous,
      gaps,
      continuous: first === (previous ?? 0) + 1,
    });
  }
  const gapless = series.every((s) => s.gaps.length === 0 && s.count === numbersCount(receipts, s.symbol));

  const recordedOnDay = tally();
  const refundedLines = [...input.refundedOnDay].sort(byTime((t) => t.refund?.at ?? '')).map(transactionLine);
  for (const t of input.refundedOnDay) add(recordedOnDay, t.refundDue);
  const backlog = { unmatched: tally(), refundDue: tally() };
  for (const t of input.backlog.unmatched) add(backlog.unmatched, t.transfer.amount);
  for (const t of input.backlog.refundDue) add(backlog.refundDue, t.refundDue);

  const fmt = (t: Tally) => `${t.count} giao dịch, ${t.amount} đồng`;
  const checks: Check[] = [
    {
      code: 'TRANSFERS_TIE_OUT',
      ok: tiesOut,
      label: 'Nhận được = đã khớp + chưa khớp + bỏ qua',
      detail: tiesOut ? `Khớp: ${fmt(received)}` : `Chênh lệch ${fmt(difference)}`,
    },
    {
      code: 'PROVIDERS_TIE_OUT',
      ok: same(providerSum, received),
      label: 'Tổng theo nguồn = tổng nhận được',
      detail: `${fmt(providerSum)} / ${fmt(received)}`,
    },
    {
      code: 'MONEY_TIES_OUT',
      ok: status.MATCHED.amount === collected.total.amount + matchedRefundDue,
      label: 'Đã khớp = thu phí + phải hoàn',
      detail: `${status.MATCHED.amount} = ${collected.total.amount} + ${matchedRefundDue}`,
    },
    {
      code: 'RECEIPTS_GAPLESS',
      ok: gapless,
      label: 'Số biên lai liên tục, không trùng, không bỏ số',
      detail: gapless ? `${issued.count} biên lai` : `Thiếu số: ${series.flatMap((s) => s.gaps.map((n) => `${s.symbol}-${n}`)).join(', ')}`,
    },
    {
      code: 'RECEIPTS_CONTINUOUS',
      ok: series.every((s) => s.continuous),
      label: 'Số đầu ngày nối tiếp số cuối của ngày trước',
      detail: series.map((s) => `${s.symbol}: trước ${s.previous ?? '—'}, đầu ngày ${s.first}`).join('; ') || 'Không có biên lai',
    },
  ];

  const lines = transfers.map(transactionLine);
  return {
    report: 'daily-reconciliation',
    date: input.date,
    timeZone: VIETNAM_TIME_ZONE,
    window: { from: start, to: end },
    generatedAt: input.generatedAt,
    closed: Date.parse(input.generatedAt) >= Date.parse(end),
    agency: { id: input.agency.id, name: input.agency.name },
    totals: { received, matched: status.MATCHED, unmatched: status.UNMATCHED, ignored: status.IGNORED, difference, tiesOut },
    byProvider: [...rows.values()],
    direction,
    outcomes,
    orders,
    paidOnPortal: input.paidOnPortal ?? { count: 0, amount: 0, items: [] },
    collected,
    cash,
    receipts: {
      issued,
      valid,
      cancelled,
      series,
      gapless,
      items: receipts.map(receiptLine),
      cancelledOnDay: [...input.cancelledOnDay].sort(byTime((r) => r.cancellation?.at ?? '')).map(receiptLine),
    },
    unmatched: { ...unmatched, items: lines.filter((l) => l.status === 'UNMATCHED') },
    refunds: { due: refunds.due, refunded: refunds.refunded, outstanding: minus(refunds.due, refunds.refunded), byState, recordedOnDay: { ...recordedOnDay, items: refundedLines } },
    backlog,
    checks,
    transactions: lines,
  };
}

/** Receipts of a symbol, counting a duplicated number twice (so a reused number is caught too). */
function numbersCount(receipts: readonly StoredReceipt[], symbol: string): number {
  return receipts.filter((r) => r.symbol === symbol).length;
}
