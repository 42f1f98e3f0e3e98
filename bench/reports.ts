/**
 * Reports at district scale: a district-month (50,000 orders across 20 agencies, their
 * transfers, receipts, refunds and amendments; 16 of the agencies synthetic, in the bench's
 * own table only) is seeded into DynamoDB Local with parallel BatchWriteItem, then a day's
 * reconciliation, a receipt register and the month's dashboard (cold, warm, and after one
 * amendment) are run through the reports port, reporting time and the read capacity
 * DynamoDB says they consumed (ReturnConsumedCapacity TOTAL) against the items the answer
 * needs. The baseline is what one full Scan of the table would cost, computed from the
 * sizes of the items written (4 KB per half read unit, eventually consistent).
 *
 * BENCH_REPORTS_ORDERS scales it (default 50000).
 */
import { randomBytes } from 'node:crypto';
import { BatchWriteItemCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { isPayableHere, AGENCIES, PROCEDURES, type Agency, type Procedure } from '../shared/catalogue';
import { draftOrder, type FeeOrder, type OrderReceipt } from '../shared/order';
import { DEFAULT_PAYMENT_CODE_PREFIX } from '../functions/lib/platform/config';
import { advance, type OrderStateEvent } from '../shared/order-state';
import { buildReceiptContent, receiptSymbol, receiptYear } from '../shared/receipt';
import { newReference } from '../shared/reference';
import { vietnamDate, vietnamDayBounds } from '../shared/time';
import type { PaymentSource, TransferRecord } from '../shared/transfer';
import { dynamoClient } from '../functions/lib/storage/dynamo';
import { DynamoStore } from '../functions/lib/storage/dynamo-store';
import { orderItem, receiptItem, transferItem } from '../functions/lib/storage/items';
import { DynamoReportsStore, newMeter, type ReadMeter } from '../functions/lib/storage/reports-store';
import { cachedCatalogue } from '../functions/lib/deps';
import type { StoredReceipt } from '../functions/lib/storage/store';
import { loadDashboard, type ReportDeps } from '../functions/lib/reports/day-summaries';
import { loadDailyReport, loadReceiptRegister } from '../functions/staff/use-cases/reports';
import { ensureTable } from '../local/table';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { ms, table } from './lib';

const AGENCY_COUNT = 20;
const DAYS = 30;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A small seeded generator (mulberry32): the same month every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchAgencies(): Agency[] {
  const base = AGENCIES.find((a) => a.level === 'commune')!;
  const synthetic = Array.from({ length: AGENCY_COUNT - AGENCIES.length }, (_, i): Agency => {
    const n = String(i + 1).padStart(2, '0');
    return {
      ...base,
      id: `bench-xa-${n}`,
      name: `Ủy ban nhân dân xã Thử Nghiệm ${n}`,
      taxCode: `99000002${n}`,
      bank: { ...base.bank, accountNumber: `9999000002${n}`, accountName: `UBND XA THU NGHIEM ${n}` },
      receiptSymbol: `Q${String.fromCharCode(65 + i)}`,
    };
  });
  return [...AGENCIES, ...synthetic];
}

interface Month {
  orders: FeeOrder[];
  transfers: TransferRecord[];
  receipts: StoredReceipt[];
}

/** A realistic month: most orders paid by bank, some cash, a few every kind of trouble. */
function generateMonth(agencies: Agency[], totalOrders: number, firstDay: string, cutoff: number): Month {
  const rand = prng(20260701);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const month: Month = { orders: [], transfers: [], receipts: [] };
  const fakeToken = 'eyJ' + 'A'.repeat(1000); // a signed receipt (compact JWS) is about this long
  let serial = 0;
  const procedures = (a: Agency) => PROCEDURES.filter((p: Procedure) => p.level === a.level && p.fee.kind !== 'free' && isPayableHere(p));
  const pendingReceipts: { agency: Agency; orderId: string; at: number; cancel: boolean; method: 'bank_transfer' | 'cash' }[] = [];
  const finished = new Map<string, FeeOrder>();

  for (let i = 0; i < totalOrders; i++) {
    const agency = agencies[i % agencies.length]!;
    const day = new Date(Date.parse(`${firstDay}T00:00:00Z`) + Math.floor(rand() * DAYS) * 86_400_000).toISOString().slice(0, 10);
    const created = Date.parse(vietnamDayBounds(day).start) + 7.5 * HOUR + Math.floor(rand() * 9.5 * HOUR);
    const procedure = pick(procedures(agency));
    const quantity = procedure.fee.kind === 'flat' ? 1 : 1 + Math.floor(rand() * 4);
    const assisted = rand() < 0.2;
    const drafted = draftOrder({
      input: { procedureCode: procedure.code, agencyId: agency.id, quantity, payer: { name: 'Nguyễn Văn An', phone: '0912345678' } },
      procedure,
      agency,
      reference: newReference(randomBytes),
      paymentCodePrefix: DEFAULT_PAYMENT_CODE_PREFIX,
      now: new Date(created),
      ...(assisted ? { assistedBy: `tnv-${agency.id}-${1 + Math.floor(rand() * 3)}` } : {}),
    });
    if (!drafted.ok) throw new Error(`${procedure.code}: ${drafted.refusal}`);
    let order = drafted.order;
    const apply = (event: OrderStateEvent) => {
      const moved = advance(order, event);
      if (!moved.ok) throw new Error(`${order.id}: ${moved.reason}`);
      order = moved.order;
      return moved;
    };
    const transfer = (provider: PaymentSource, amount: number, at: number, extra: Partial<TransferRecord> = {}, memo = `MBVCB.${serial}.${order.reference}.CT tu 0071001234567 NGUYEN VAN AN toi ${agency.bank.accountNumber}`) => {
      const providerId = `B${String(serial++).padStart(9, '0')}`;
      const key = `${provider}:${providerId}`;
      const occurredAt = new Date(at).toISOString();
      const base: TransferRecord = {
        key,
        transfer: { provider, providerId, direction: 'in', amount, memo, accountNumber: agency.bank.accountNumber, bankName: agency.bank.bankName, occurredAt },
        status: 'MATCHED',
        agencyId: agency.id,
        refundDue: 0,
        rawBody: JSON.stringify({ id: providerId, gateway: agency.bank.bankName, transactionDate: occurredAt, accountNumber: agency.bank.accountNumber, content: memo, transferType: 'in', transferAmount: amount, referenceCode: `FT${providerId}` }),
        receivedAt: new Date(at + 2000).toISOString(),
        ...extra,
      };
      return base;
    };
    const pay = (provider: PaymentSource, amount: number, at: number, extra: Partial<TransferRecord> = {}) => {
      if (at > cutoff) return undefined;
      const t = transfer(provider, amount, at, extra);
      const applied = apply({ type: 'PAYMENT', amount, at: t.transfer.occurredAt, transferKey: t.key });
      const record: TransferRecord = { ...t, orderId: order.id, outcome: applied.outcome, refundDue: applied.refund, ...(applied.historyEntry.late ? { late: true } : {}) };
      month.transfers.push(record);
      return record;
    };

    const fate = rand();
    const delay = 30_000 + Math.floor(rand() ** 2 * 2 * HOUR);
    if (fate < 0.08) {
      // Never paid: expired by the sweeper.
      if (Date.parse(order.expiresAt) < cutoff) apply({ type: 'EXPIRE', at: order.expiresAt });
    } else {
      const cash = rand() < 0.12;
      const provider: PaymentSource = cash ? 'cash' : rand() < 0.5 ? 'payos' : rand() < 0.6 ? 'sepay' : 'casso';
      const trouble = rand();
      let paidAt = created + delay;
      if (cash) pay('cash', order.amount, paidAt, { matchedBy: `clerk-${agency.id}`, rawBody: '{"cash":true}' });
      else if (trouble < 0.02) {
        pay(provider, Math.floor(order.amount / 2), paidAt);
        paidAt += 20 * MINUTE;
        pay(provider, order.amount - Math.floor(order.amount / 2), paidAt);
      } else if (trouble < 0.04) {
        const r = pay(provider, order.amount + 10_000, paidAt);
        if (r && rand() < 0.7 && paidAt + 26 * HOUR < cutoff) r.refund = { at: new Date(paidAt + 26 * HOUR).toISOString(), by: `clerk-${agency.id}`, note: 'Đã chuyển trả' };
      } else if (trouble < 0.05) {
        paidAt = Date.parse(order.expiresAt) + HOUR + Math.floor(rand() * 4 * HOUR); // late
        pay(provider, order.amount, paidAt);
      } else if (trouble < 0.07) {
        // No reference in the memo: matched by a clerk.
        const t = transfer(provider, order.amount, paidAt, { matchedBy: `clerk-${agency.id}` }, 'chuyen tien le phi ho so');
        if (paidAt < cutoff) {
          const applied = apply({ type: 'PAYMENT', amount: order.amount, at: t.transfer.occurredAt, transferKey: t.key });
          month.transfers.push({ ...t, orderId: order.id, outcome: applied.outcome, refundDue: applied.refund });
        }
      } else {
        pay(provider, order.amount, paidAt);
        if (trouble < 0.08) {
          const r = pay(provider, order.amount, paidAt + 5 * MINUTE); // duplicate
          if (r && rand() < 0.7 && paidAt + 26 * HOUR < cutoff) r.refund = { at: new Date(paidAt + 26 * HOUR).toISOString(), by: `clerk-${agency.id}`, note: 'Đã chuyển trả' };
        }
      }
      if (['PAID', 'OVERPAID'].includes(order.status) && rand() < 0.95) {
        const at = paidAt + 2 * MINUTE + Math.floor(rand() * 2 * HOUR);
        // Receipts are numbered later, in order of issue across the month.
        if (at < cutoff) pendingReceipts.push({ agency, orderId: order.id, at, cancel: rand() < 0.005, method: cash ? 'cash' : 'bank_transfer' });
      }
    }
    finished.set(order.id, order);
  }

  // Money that pays no order: no reference, and outgoing transfers (refunds paid back, fees).
  for (let i = 0; i < totalOrders * 0.03; i++) {
    const agency = agencies[i % agencies.length]!;
    const day = new Date(Date.parse(`${firstDay}T00:00:00Z`) + Math.floor(rand() * DAYS) * 86_400_000).toISOString().slice(0, 10);
    const at = Date.parse(vietnamDayBounds(day).start) + 7 * HOUR + Math.floor(rand() * 10 * HOUR);
    const out = i % 3 === 0;
    const providerId = `U${String(serial++).padStart(9, '0')}`;
    const memo = out ? 'hoan tra tien nop thua' : 'chuyen tien';
    month.transfers.push({
      key: `sepay:${providerId}`,
      transfer: { provider: 'sepay', providerId, direction: out ? 'out' : 'in', amount: 5000 + Math.floor(rand() * 50) * 1000, memo, accountNumber: agency.bank.accountNumber, occurredAt: new Date(at).toISOString() },
      status: out ? 'IGNORED' : 'UNMATCHED',
      reason: out ? 'OUTGOING' : 'NO_REFERENCE',
      agencyId: agency.id,
      refundDue: 0,
      rawBody: JSON.stringify({ id: providerId, content: memo }),
      receivedAt: new Date(at + 2000).toISOString(),
    });
  }

  // Receipts: gapless numbers per agency and symbol, in order of issue; a few cancelled and replaced.
  pendingReceipts.sort((a, b) => a.at - b.at);
  const counters = new Map<string, number>();
  const issue = (p: (typeof pendingReceipts)[number], at: number, order: FeeOrder) => {
    const symbol = receiptSymbol(receiptYear(new Date(at)), p.agency.receiptSymbol);
    const number = (counters.get(`${p.agency.id}#${symbol}`) ?? 0) + 1;
    counters.set(`${p.agency.id}#${symbol}`, number);
    const content = buildReceiptContent({ order, agency: p.agency, number, issuedAt: new Date(at), symbol, paymentMethod: p.method, collector: { username: `clerk-${p.agency.id}` } });
    const receipt: StoredReceipt = { id: `${p.agency.id}-${symbol}-${number}`, agencyId: p.agency.id, symbol, number, orderId: order.id, issuedAt: content.issuedAt, status: 'ISSUED', token: fakeToken, content: content as unknown as Record<string, unknown> };
    month.receipts.push(receipt);
    const summary: OrderReceipt = { id: receipt.id, template: content.template, symbol, number, issuedAt: content.issuedAt, amount: content.amount, amountInWords: content.amountInWords, verifyUrl: `/api/receipts/verify?token=${fakeToken}`, status: 'ISSUED' };
    return { receipt, summary };
  };
  for (const p of pendingReceipts) {
    let order = finished.get(p.orderId)!;
    const step = (event: OrderStateEvent, extra: Partial<FeeOrder> = {}) => {
      const moved = advance(order, event);
      if (!moved.ok) throw new Error(moved.reason);
      order = { ...moved.order, ...extra };
    };
    const first = issue(p, p.at, order);
    step({ type: 'CONFIRM', at: first.receipt.issuedAt, by: `clerk-${p.agency.id}` }, { receipt: first.summary });
    if (p.cancel && p.at + 20 * MINUTE < cutoff) {
      const at = new Date(p.at + 10 * MINUTE).toISOString();
      first.receipt.status = 'CANCELLED';
      first.receipt.cancellation = { at, by: `clerk-${p.agency.id}`, reason: 'Sai tên người nộp' };
      step({ type: 'CANCEL_RECEIPT', at, by: `clerk-${p.agency.id}`, reason: 'Sai tên người nộp' }, { receipt: { ...first.summary, status: 'CANCELLED' } });
      const second = issue(p, p.at + 20 * MINUTE, order);
      step({ type: 'CONFIRM', at: second.receipt.issuedAt, by: `clerk-${p.agency.id}` }, { receipt: second.summary });
    }
    finished.set(order.id, order);
  }
  month.orders = [...finished.values()];
  return month;
}

/** BatchWriteItem, 25 items a request, `concurrency` requests in flight, unprocessed items retried. */
async function writeAll(client: ReturnType<typeof dynamoClient>, tableName: string, items: Record<string, AttributeValue>[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const start = next;
        next += 25;
        let requests: WriteRequest[] = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; requests.length; attempt++) {
          const res = await client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: requests } }));
          requests = res.UnprocessedItems?.[tableName] ?? [];
          if (requests.length && attempt > 10) throw new Error('batch writes kept being refused');
          if (requests.length) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
        }
      }
    }),
  );
}

/** Bytes of an item as DynamoDB counts them (attribute names + values), closely enough for read units. */
function itemBytes(item: Record<string, AttributeValue>): number {
  const size = (v: AttributeValue): number => {
    if (v.S !== undefined) return Buffer.byteLength(v.S);
    if (v.N !== undefined) return Math.ceil(v.N.length / 2) + 1;
    if (v.BOOL !== undefined || v.NULL !== undefined) return 1;
    if (v.L) return 3 + v.L.reduce((s, x) => s + 1 + size(x), 0);
    if (v.M) return 3 + Object.entries(v.M).reduce((s, [k, x]) => s + 1 + Buffer.byteLength(k) + size(x), 0);
    return 0;
  };
  return Object.entries(item).reduce((s, [k, v]) => s + Buffer.byteLength(k) + size(v), 0);
}

export async function benchReports(options: { orders?: number } = {}): Promise<string> {
  const totalOrders = options.orders ?? Number(process.env.BENCH_REPORTS_ORDERS ?? 50_000);
  const ownDb = process.env.DYNAMODB_ENDPOINT ? undefined : await startDynamoDbLocal();
  const endpoint = process.env.DYNAMODB_ENDPOINT || ownDb!.endpoint;
  const tableName = `bench-reports-${Date.now()}`;
  try {
    const client = dynamoClient({ tableName, endpoint, region: 'ap-southeast-1' });
    await ensureTable(client, tableName);
    const store = new DynamoStore(client, tableName);
    const agencies = benchAgencies();
    await store.saveCatalogue(agencies, PROCEDURES);

    // The month: the 30 Vietnamese days ending yesterday, so every day is closed.
    const now = Date.now();
    const today = vietnamDate(new Date(now));
    const lastDay = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const firstDay = new Date(Date.parse(`${lastDay}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const t0 = performance.now();
    const month = generateMonth(agencies, totalOrders, firstDay, now - 20 * MINUTE);
    const items = [...month.orders.map(orderItem), ...month.transfers.map(transferItem), ...month.receipts.map(receiptItem)];
    const generated = performance.now() - t0;
    // Shuffled, so concurrent batches do not all write one agency's partition at once.
    const rand = prng(7);
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    const t1 = performance.now();
    await writeAll(client, tableName, items, 12);
    const seeded = performance.now() - t1;
    const tableBytes = items.reduce((s, i) => s + itemBytes(i), 0);
    const scanUnits = Math.ceil(tableBytes / 4096) / 2;

    const reports = new DynamoReportsStore(client, tableName);
    const catalogue = cachedCatalogue(store);
    await catalogue.agencies();
    const deps = (meter: ReadMeter): ReportDeps => ({ reports: reports.metered(meter), catalogue, now: () => new Date() });
    const rows: Record<string, string | number>[] = [];
    const run = async <T>(label: string, task: (d: ReportDeps) => Promise<T>, needed: (answer: T, meter: ReadMeter) => number) => {
      const meter = newMeter();
      const start = performance.now();
      const answer = await task(deps(meter));
      const elapsed = performance.now() - start;
      const need = needed(answer, meter);
      rows.push({
        report: label,
        time: ms(elapsed),
        requests: meter.requests,
        'read units': meter.readUnits.toFixed(1),
        'items read': meter.items,
        'items needed': need,
        'read/needed': need ? (meter.items / need).toFixed(2) : '-',
        'write units': meter.writeUnits.toFixed(0),
        'vs scan (RCU)': `${((meter.readUnits / scanUnits) * 100).toFixed(2)} %`,
      });
      return answer;
    };

    // The busiest agency-day of the month.
    const perDay = new Map<string, number>();
    for (const t of month.transfers) perDay.set(`${t.agencyId}|${vietnamDate(t.receivedAt)}`, (perDay.get(`${t.agencyId}|${vietnamDate(t.receivedAt)}`) ?? 0) + 1);
    const [busiest] = [...perDay.entries()].sort((a, b) => b[1] - a[1]);
    const [agencyId, day] = busiest![0].split('|') as [string, string];
    const agency = agencies.find((a) => a.id === agencyId)!;

    const daily = await run(`daily reconciliation (${agency.id}, ${day})`, (d) => loadDailyReport(d, agency, day), (r) => r.transactions.length + r.receipts.items.length + r.receipts.cancelledOnDay.length + r.refunds.recordedOnDay.items.length + r.backlog.unmatched.count + r.backlog.refundDue.count + (r.receipts.series.some((s) => s.previous !== null) ? 1 : 0));
    if (!daily.totals.tiesOut || !daily.receipts.gapless) throw new Error('the benchmark day does not tie out');
    await run('receipt register (same day)', (d) => loadReceiptRegister(d, agency, day), (r) => r.items.length);
    const query = { from: firstDay, to: lastDay, agencies };
    const recordsOfMonth = month.orders.filter((o) => vietnamDate(o.createdAt) >= firstDay).length + month.transfers.length + month.receipts.length;
    const cold = await run(`dashboard ${DAYS} days × ${agencies.length} agencies, cold`, (d) => loadDashboard(d, query), () => recordsOfMonth);
    const warm = await run('dashboard, warm (stored days)', (d) => loadDashboard(d, query), (a) => a.source.cached);
    if (JSON.stringify({ ...cold, generatedAt: 0, source: 0 }) !== JSON.stringify({ ...warm, generatedAt: 0, source: 0 })) throw new Error('warm dashboard differs from cold');
    // One refund recorded late on a closed day: that agency-day alone is computed again.
    const refundable = month.transfers.find((t) => t.refundDue > 0 && !t.refund)!;
    await store.client.send(new BatchWriteItemCommand({ RequestItems: { [tableName]: [{ PutRequest: { Item: transferItem({ ...refundable, refund: { at: new Date().toISOString(), by: 'bench', note: 'late refund' } }) } }] } }));
    const amended = await run('dashboard after one late refund', (d) => loadDashboard(d, query), (a) => a.source.cached + a.source.computed);
    if (amended.source.computed !== 1) throw new Error(`expected one agency-day recomputed, got ${amended.source.computed}`);

    const total = warm.total;
    return [
      `Reports on a district-month in DynamoDB Local: ${month.orders.length} orders, ${month.transfers.length} transfers, ${month.receipts.length} receipts across ${agencies.length} agencies (${items.length} items, ${(tableBytes / 1e6).toFixed(0)} MB; a full Scan ≈ ${scanUnits.toFixed(0)} read units)`,
      `Seeding: generated in ${(generated / 1000).toFixed(1)} s, written in ${(seeded / 1000).toFixed(1)} s (${Math.round(items.length / (seeded / 1000))} items/s, BatchWriteItem × 12 in flight)`,
      table(rows),
      `Month: ${total.collected.total.amount.toLocaleString('vi-VN')} đ collected, ${((total.collected.cashlessShare ?? 0) * 100).toFixed(1)} % cashless; median order→payment ${total.timing.orderToPayment.medianSeconds} s, payment→confirmation ${total.timing.paymentToConfirmation.medianSeconds} s; unmatched on arrival ${((total.transfers.unmatchedRate ?? 0) * 100).toFixed(1)} %.`,
    ].join('\n');
  } finally {
    await ownDb?.stop();
  }
}
