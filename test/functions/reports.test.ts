/**
 * Reports end to end on DynamoDB Local: a seeded day with every outcome (exact, under,
 * over, duplicate, late, cash, unmatched, matched by hand, payment to a cancelled order,
 * ignored outgoing, cancelled and replaced receipt) ties out; CSV read back equals the
 * JSON; role and agency scope on every report route; the dashboard's figures recomputed
 * here from the raw items of the table, also after amendments invalidate stored days.
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV_SECRETS } from '../../functions/lib/platform/config';
import { placeOrder } from '../../functions/lib/orders/place-order';
import type { StoredReceipt } from '../../functions/lib/storage/store';
import type { StaffPrincipal } from '../../functions/lib/accounts/login';
import { cancelOrder, cancelReceipt, confirmOrder, matchTransfer, recordCash, recordRefund } from '../../functions/staff/use-cases/money';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { signedNotification } from '../../functions/webhooks/providers';
import { AGENCIES } from '../../shared/catalogue';
import type { FeeOrder } from '../../shared/order';
import type { Provider, TransferRecord } from '../../shared/transfer';
import { excelOpens, readXlsx, XLSX_TEXT, type XlsxFile } from '../support/spreadsheet';
import { staffWorld, type StaffWorld } from '../support/staff';

let world: StaffWorld;
let webhooks: ReturnType<typeof createWebhooksApp>;

const SECRETS: Record<Provider, string> = { payos: DEV_SECRETS.PAYOS_CHECKSUM_KEY, sepay: DEV_SECRETS.SEPAY_API_KEY, casso: DEV_SECRETS.CASSO_SECRET };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The Vietnamese date n days before today. */
const vnDate = (ms: number) => new Date(ms + 7 * HOUR).toISOString().slice(0, 10);
const TODAY = vnDate(Date.now());
const D = vnDate(Date.now() - 3 * DAY);
const dayBefore = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10);
/** The receipt of the day before counts towards the day's numbering unless a new year began in between (symbols are per year). */
const BASE = dayBefore(D, 1).slice(0, 4) === D.slice(0, 4) ? 1 : 0;
/** An instant on a Vietnamese day at a Vietnamese wall-clock time. */
const at = (day: string, hhmmss: string) => new Date(Date.parse(`${day}T${hhmmss}+07:00`));

let clock: Date | undefined;
const setClock = (d: Date | undefined) => {
  clock = d;
};

const clerk = (): StaffPrincipal => ({ username: 'clerk', role: 'clerk', agencyId: world.own, displayName: 'Cán bộ', tokenId: 't' });

let serial = 0;
async function notify(provider: Provider, agencyId: string, amount: number, memo: string, direction: 'in' | 'out' = 'in'): Promise<string> {
  const agency = AGENCIES.find((a) => a.id === agencyId)!;
  const now = clock ?? new Date();
  const sample = { amount, memo, accountNumber: agency.bank.accountNumber, reference: `FT${Date.now().toString(36)}${String(serial++).padStart(5, '0')}`, at: now, ...(direction === 'out' ? { direction } : {}) };
  const { body, headers } = signedNotification(provider, sample, SECRETS[provider], now);
  const res = await webhooks.request(`/api/webhooks/${provider}`, { method: 'POST', headers, body });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { result: string }).result;
}

async function order(agencyId: string, procedureCode: string, quantity = 1, extra: { assistedBy?: string; name?: string } = {}): Promise<FeeOrder> {
  const { order: o } = await placeOrder(world.deps, {
    input: { procedureCode, agencyId, ...(quantity !== 1 ? { quantity } : {}), payer: { name: extra.name ?? 'Nguyễn Văn An', phone: '0912345678' } },
    raw: {},
    ...(extra.assistedBy ? { assistedBy: extra.assistedBy } : {}),
  });
  return o;
}

const memoFor = (o: FeeOrder) => `MBVCB.3278519234.${o.reference}.CT tu 0071001234567 NGUYEN VAN AN`;

/** What the seeding made, for the expectations. */
const seeded = {} as {
  A: FeeOrder;
  B: FeeOrder;
  C: FeeOrder;
  E: FeeOrder;
  F: FeeOrder;
  G: FeeOrder;
  H: FeeOrder;
  I: FeeOrder;
  V: FeeOrder;
  receipts: Record<string, string>;
  duplicateKey: string;
  firstReceipt: string;
};

beforeAll(async () => {
  world = await staffWorld();
  const realNow = world.deps.now;
  world.deps.now = () => (clock ? new Date(clock) : realNow());
  webhooks = createWebhooksApp(() => ({ ...world.deps, providerSecret: (p: Provider) => SECRETS[p] }));
  const own = world.own;
  const tiered = '2.000815';
  const perCase = '2.000884';
  const flat = '1.004873';
  const contract = '2.001035';

  // Two days before: an order that will be paid late (24 h validity).
  setClock(at(dayBefore(D, 2), '08:00:00'));
  seeded.E = await order(own, flat);
  // The day before: one receipt, so the day's numbers must continue from it; a transfer at 23:59:59 that is not the day's.
  setClock(at(dayBefore(D, 1), '08:00:00'));
  const P = await order(own, contract);
  setClock(at(dayBefore(D, 1), '08:10:00'));
  expect(await notify('payos', own, P.amount, memoFor(P))).toBe('settled');
  setClock(at(dayBefore(D, 1), '08:20:00'));
  seeded.firstReceipt = (await confirmOrder(world.deps, clerk(), P.id)).receipt.id;
  setClock(at(dayBefore(D, 1), '23:59:59'));
  expect(await notify('sepay', own, 3000, 'ung ho quy')).toBe('unmatched');

  // The day.
  setClock(at(D, '08:00:00'));
  seeded.A = await order(own, tiered, 3);
  seeded.B = await order(own, perCase, 2);
  seeded.C = await order(own, contract);
  seeded.F = await order(own, flat);
  seeded.G = await order(own, tiered, 5);
  seeded.H = await order(own, flat, 1, { name: 'Trần Thị "Bé", Hai' });
  seeded.I = await order(own, flat);
  setClock(at(D, '08:05:00'));
  seeded.V = await order(own, perCase, 1, { assistedBy: 'volunteer' });
  const { A, B, C, E, F, G, H, I } = seeded;

  setClock(at(D, '08:30:00'));
  expect(await notify('payos', own, A.amount, memoFor(A))).toBe('settled'); // exact
  setClock(at(D, '08:40:00'));
  expect(await notify('sepay', own, 10000, memoFor(B))).toBe('settled'); // under
  setClock(at(D, '09:00:00'));
  expect(await notify('sepay', own, B.amount - 10000, memoFor(B))).toBe('settled'); // topped up
  setClock(at(D, '09:10:00'));
  expect(await notify('casso', own, C.amount + 5000, memoFor(C))).toBe('settled'); // over
  setClock(at(D, '09:20:00'));
  expect(await notify('sepay', own, A.amount, `${A.reference} chuyen lai`)).toBe('settled'); // duplicate
  setClock(at(D, '09:30:00'));
  expect(await notify('payos', own, E.amount, memoFor(E))).toBe('settled'); // late
  setClock(at(D, '09:40:00'));
  await recordCash(world.deps, clerk(), F.id, {}); // cash
  setClock(at(D, '09:50:00'));
  expect(await notify('sepay', own, 7000, 'chuyen tien le phi')).toBe('unmatched');
  setClock(at(D, '10:00:00'));
  expect(await notify('sepay', own, G.amount, '=HYPERLINK("http://x") nop ho so')).toBe('unmatched');
  setClock(at(D, '10:05:00'));
  const gKey = (await world.db.store.listTransfers(own, 'UNMATCHED', { limit: 50 })).items.find((t) => t.transfer.amount === G.amount && t.transfer.memo.startsWith('='))!.key;
  await matchTransfer(world.deps, clerk(), gKey, G.id); // by hand
  setClock(at(D, '10:10:00'));
  expect(await notify('sepay', own, 50000, 'hoan tien', 'out')).toBe('ignored'); // outgoing
  setClock(at(D, '10:20:00'));
  expect(await notify('payos', own, H.amount, memoFor(H))).toBe('settled');
  setClock(at(D, '10:30:00'));
  await cancelOrder(world.deps, clerk(), I.id, 'Công dân đổi thủ tục');
  setClock(at(D, '10:35:00'));
  expect(await notify('sepay', own, I.amount, memoFor(I))).toBe('settled'); // to a cancelled order
  // Another agency's money the same day: never in this agency's report.
  const other = await order(world.other, flat);
  expect(await notify('payos', world.other, other.amount, memoFor(other))).toBe('settled');

  seeded.receipts = {};
  for (const [name, o] of Object.entries({ A, B, C, E, F, G, H })) {
    setClock(at(D, `11:0${Object.keys(seeded.receipts).length}:00`));
    seeded.receipts[name] = (await confirmOrder(world.deps, clerk(), o.id)).receipt.id;
  }
  setClock(at(D, '11:30:00'));
  await cancelReceipt(world.deps, clerk(), seeded.receipts.H!, 'Sai tên người nộp tiền');
  setClock(at(D, '11:40:00'));
  seeded.receipts.H2 = (await confirmOrder(world.deps, clerk(), H.id)).receipt.id;
  setClock(at(D, '12:00:00'));
  const refundDue = (await world.db.store.listTransfers(own, 'REFUND_DUE', { limit: 50 })).items;
  await recordRefund(world.deps, clerk(), refundDue.find((t) => t.orderId === C.id)!.key, 'Đã chuyển trả 5.000 đồng');
  seeded.duplicateKey = refundDue.find((t) => t.outcome === 'DUPLICATE_PAYMENT')!.key;
  setClock(at(D, '23:59:59'));
  expect(await notify('sepay', own, 2000, 'khong ro noi dung')).toBe('unmatched');

  // Today, so the dashboard has an open day computed live.
  setClock(undefined);
  const T = await order(own, flat, 1, { assistedBy: 'volunteer' });
  expect(await notify('sepay', own, T.amount, memoFor(T))).toBe('settled');
}, 180_000);

const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
  world.app.request(path, { headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers } });

/** The body as sent: Response.text() would silently drop the byte-order mark. */
async function csvText(res: Response): Promise<string> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)], 'UTF-8 byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
}

// ---- CSV read back ------------------------------------------------------------------

/** RFC 4180, strictly: BOM first, CRLF only, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const s = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') {
      expect(field, 'a quote only opens a field').toBe('');
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r') {
      expect(s[i + 1], 'CR is always followed by LF').toBe('\n');
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else if (ch === '\n') throw new Error('a bare LF outside quotes');
    else field += ch;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** The tables of a CSV: runs of rows between empty lines. */
function tables(text: string): string[][][] {
  const out: string[][][] = [[]];
  for (const r of parseCsv(text)) {
    if (r.length === 1 && r[0] === '') out.push([]);
    else out[out.length - 1]!.push(r);
  }
  return out;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Text as the CSV writes it: a ' before each formula trigger at its start or after a separator (docs/reports.md). */
const marked = (text: string) => text.normalize('NFC').replace(/(?<=(?:^|[,;\t\r\n])[ "]*)(?=[=+\-@\t\r])/g, "'");

/**
 * An .xlsx holds, sheet by sheet, the tables of the CSV: a number as the CSV writes it, a
 * text as written (the CSV marks a formula trigger with '; a typed cell needs no mark).
 */
function expectSameTables(book: XlsxFile, csvTables: string[][][], sheetNames: string[]): void {
  expect(book.sheets.map((x) => x.name)).toEqual(sheetNames);
  expect(book.sheets).toHaveLength(csvTables.length);
  book.sheets.forEach((sheet, k) => {
    const csv = csvTables[k]!;
    expect(sheet.rows, sheet.name).toHaveLength(csv.length);
    sheet.rows.forEach((row, r) => {
      const asCsv = csv[r]!.map((_, c) => {
        const v = row[c] ?? null;
        return v === null ? '' : typeof v === 'number' ? String(v) : marked(String(v));
      });
      expect(asCsv, `${sheet.name} row ${r + 1}`).toEqual(csv[r]);
    });
    expect(sheet.formulas, sheet.name).toEqual([]);
  });
  for (const [name, xml] of Object.entries(book.parts)) expect(xml, name).not.toMatch(/<f[\s>]/);
}

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

const vnTime = (iso: string) => {
  const l = new Date(Date.parse(iso) + 7 * HOUR).toISOString();
  return `${l.slice(8, 10)}/${l.slice(5, 7)}/${l.slice(0, 4)} ${l.slice(11, 19)}`;
};

// ---- The daily reconciliation -------------------------------------------------------

describe('daily reconciliation', () => {
  it('ties out on a day with every outcome, in Vietnam days', async () => {
    const res = await get(`/api/staff/reports/daily?date=${D}`, world.tokens.clerk);
    expect(res.status).toBe(200);
    const r = await res.json();
    const { A, B, C, E, F, G, H, I } = seeded;
    expect(r).toMatchObject({ report: 'daily-reconciliation', date: D, timeZone: 'Asia/Ho_Chi_Minh', closed: true, agency: { id: world.own } });
    expect(r.window).toEqual({ from: at(D, '00:00:00').toISOString(), to: new Date(at(D, '00:00:00').getTime() + DAY).toISOString() });

    const matchedAmount = A.amount + 10000 + (B.amount - 10000) + (C.amount + 5000) + A.amount + E.amount + F.amount + G.amount + H.amount + I.amount;
    expect(r.totals).toEqual({
      received: { count: 13, amount: matchedAmount + 7000 + 2000 + 50000 },
      matched: { count: 10, amount: matchedAmount },
      unmatched: { count: 2, amount: 9000 },
      ignored: { count: 1, amount: 50000 },
      difference: { count: 0, amount: 0 },
      tiesOut: true,
    });
    expect(r.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
    const provider = (p: string) => r.byProvider.find((x: { provider: string }) => x.provider === p);
    expect(r.byProvider.map((p: { provider: string }) => p.provider)).toEqual(['payos', 'sepay', 'casso', 'cash']);
    expect(provider('payos').received).toEqual({ count: 3, amount: A.amount + E.amount + H.amount });
    expect(provider('casso').received).toEqual({ count: 1, amount: C.amount + 5000 });
    expect(provider('cash').received).toEqual({ count: 1, amount: F.amount });
    expect(provider('sepay')).toMatchObject({ received: { count: 8 }, unmatched: { count: 2, amount: 9000 }, ignored: { count: 1, amount: 50000 }, outgoing: { count: 1, amount: 50000 } });

    expect(r.outcomes).toEqual({
      paid: { count: 6, amount: A.amount + (B.amount - 10000) + E.amount + F.amount + G.amount + H.amount },
      overpaid: { count: 1, amount: C.amount + 5000 },
      underpaid: { count: 1, amount: 10000 },
      duplicate: { count: 1, amount: A.amount },
      toCancelled: { count: 1, amount: I.amount },
    });
    expect(r.orders.paid.count).toBe(7);
    expect(r.orders.paidLate).toEqual({ count: 1, amount: E.amount });
    const fees = A.amount + B.amount + C.amount + E.amount + F.amount + G.amount + H.amount;
    expect(r.collected.total).toEqual({ count: 10, amount: fees });
    expect(r.collected.cash).toEqual({ count: 1, amount: F.amount });
    expect(r.collected.cashless.amount).toBe(fees - F.amount);
    expect(r.cash).toEqual({ count: 1, amount: F.amount });

    // Receipts: 8 issued (numbers 2–9, after number 1 the day before), one cancelled and replaced.
    expect(r.receipts.series).toHaveLength(1);
    expect(r.receipts.series[0]).toMatchObject({ template: 'EBL01', first: BASE + 1, last: BASE + 8, count: 8, previous: BASE || null, gaps: [], continuous: true });
    expect(r.receipts.gapless).toBe(true);
    expect(r.receipts.issued).toEqual({ count: 8, amount: fees + H.amount });
    expect(r.receipts.cancelled).toEqual({ count: 1, amount: H.amount });
    expect(r.orders.confirmed).toEqual(r.receipts.issued);
    expect(r.receipts.cancelledOnDay.map((x: { id: string }) => x.id)).toEqual([seeded.receipts.H]);

    expect(r.unmatched).toMatchObject({ count: 2, amount: 9000 });
    expect(r.unmatched.items.map((l: { memo: string }) => l.memo)).toEqual(['chuyen tien le phi', 'khong ro noi dung']);
    expect(r.refunds).toMatchObject({
      due: { count: 3, amount: 5000 + A.amount + I.amount },
      refunded: { count: 1, amount: 5000 },
      outstanding: { count: 2, amount: A.amount + I.amount },
      recordedOnDay: { count: 1, amount: 5000 },
    });
    // Open, all days: the three unmatched transfers (one the day before) and two refunds.
    expect(r.backlog).toEqual({ unmatched: { count: 3, amount: 12000 }, refundDue: { count: 2, amount: A.amount + I.amount } });
    const hand = r.transactions.find((l: { orderId: string | null; provider: string }) => l.orderId === G.id);
    expect(hand).toMatchObject({ status: 'MATCHED', matchedBy: 'clerk', outcome: 'PAID' });
    expect(r.transactions.find((l: { outcome: string | null; orderId: string | null }) => l.outcome === 'PAID' && l.orderId === E.id).late).toBe(true);
    // Sorted by the time they were recorded; the one at 23:59:59 the day before is not there.
    const times = r.transactions.map((l: { receivedAt: string }) => l.receivedAt);
    expect(times).toEqual([...times].sort());
    expect(times[0]).toBe(at(D, '08:30:00').toISOString());
    expect(times.at(-1)).toBe(at(D, '23:59:59').toISOString());
  });

  it('shows the next day empty and still tying out', async () => {
    const r = await (await get(`/api/staff/reports/daily?date=${dayBefore(TODAY, 1)}`, world.tokens.clerk)).json();
    expect(r.totals).toMatchObject({ received: { count: 0, amount: 0 }, tiesOut: true });
    expect(r.receipts).toMatchObject({ series: [], gapless: true });
  });

  it('reads back from CSV (BOM, CRLF, quoting, Vietnamese headers) exactly as the JSON says', async () => {
    const json = await (await get(`/api/staff/reports/daily?date=${D}`, world.tokens.clerk)).json();
    for (const res of [await get(`/api/staff/reports/daily?date=${D}&format=csv`, world.tokens.clerk), await get(`/api/staff/reports/daily?date=${D}`, world.tokens.clerk, { accept: 'text/csv' })]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="doi-soat-${world.own}-${D}.csv"`);
      const text = await csvText(res);
      expect(text).not.toMatch(/[^\r]\n/);
      const [head, summary, transactions, receipts] = tables(text);
      expect(head![0]![0]).toContain('BÁO CÁO ĐỐI SOÁT');
      expect(head).toContainEqual(['Mã cơ quan', world.own]);
      expect(head).toContainEqual(['Khớp tổng', 'Có']);

      expect(summary![0]).toEqual(['Mã', 'Mục', 'Chỉ tiêu', 'Số lượng', 'Số tiền (đồng)']);
      const row = (code: string) => summary!.find((r) => r[0] === code)!;
      const tallyOf = (code: string) => ({ count: Number(row(code)[3]), amount: Number(row(code)[4]) });
      expect(tallyOf('received')).toEqual(json.totals.received);
      expect(tallyOf('matched')).toEqual(json.totals.matched);
      expect(tallyOf('unmatched')).toEqual(json.totals.unmatched);
      expect(tallyOf('ignored')).toEqual(json.totals.ignored);
      expect(tallyOf('difference')).toEqual({ count: 0, amount: 0 });
      for (const p of json.byProvider) expect(tallyOf(`provider.${p.provider}.received`)).toEqual(p.received);
      expect(tallyOf('orders.paid')).toEqual(json.orders.paid);
      expect(tallyOf('orders.paidLate')).toEqual(json.orders.paidLate);
      expect(tallyOf('orders.confirmed')).toEqual(json.orders.confirmed);
      expect(tallyOf('collected.cashless')).toEqual(json.collected.cashless);
      expect(tallyOf('collected.cash')).toEqual(json.collected.cash);
      expect(tallyOf('receipts.cancelled')).toEqual(json.receipts.cancelled);
      expect(tallyOf('refunds.due')).toEqual(json.refunds.due);
      expect(tallyOf('refunds.refunded')).toEqual(json.refunds.refunded);
      expect(tallyOf('backlog.unmatched')).toEqual(json.backlog.unmatched);
      const series = json.receipts.series[0];
      const pad = (n: number) => String(n).padStart(8, '0');
      expect(row(`receipts.series.${series.symbol}`)[2]).toBe(`EBL01 ${series.symbol}: từ số ${pad(BASE + 1)} đến ${pad(BASE + 8)}`);
      expect(row('receipts.gapless')[3]).toBe('Có');

      expect(transactions![0]![0]).toBe('STT');
      expect(transactions!.slice(1)).toHaveLength(json.transactions.length);
      json.transactions.forEach((l: Record<string, unknown>, i: number) => {
        const r = transactions![i + 1]!;
        expect(r[0]).toBe(String(i + 1));
        expect(r[1]).toBe(l.id);
        expect(r[4]).toBe(vnTime(l.receivedAt as string));
        expect(Number(r[6])).toBe(l.amount);
        expect(r[7]).toBe({ MATCHED: 'Đã khớp', UNMATCHED: 'Chưa khớp', IGNORED: 'Bỏ qua' }[l.status as string]);
        expect(r[9]).toBe(l.outcome ?? '');
        expect(r[10]).toBe(l.orderId ?? '');
        expect(Number(r[11])).toBe(l.refundDue);
        // A memo a spreadsheet would run as a formula stays text.
        expect(r[15]).toBe((l.memo as string).startsWith('=') ? `'${l.memo}` : l.memo);
      });
      expect(transactions!.some((r) => r[15]!.startsWith("'=HYPERLINK(\"http://x\")"))).toBe(true);
      expect(receipts!.slice(1).map((r) => r[3])).toEqual(json.receipts.items.map((x: { number: number }) => String(x.number).padStart(8, '0')));
    }
  });
});

describe('daily reconciliation as a file for a spreadsheet (issue 12, finding 7)', () => {
  // Two exports are compared cell for cell, "Lập lúc" included: one clock reading for the whole test.
  beforeEach(() => setClock(new Date()));
  afterEach(() => setClock(undefined));

  it('opens in columns in Excel whatever its list separator: dialect=excel, UTF-16LE and tabs', async () => {
    const rfc = parseCsv(await csvText(await get(`/api/staff/reports/daily?date=${D}&format=csv`, world.tokens.clerk)));
    const res = await get(`/api/staff/reports/daily?date=${D}&format=csv&dialect=excel`, world.tokens.clerk);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-16');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="doi-soat-${world.own}-${D}.csv"`);
    const bytes = await bytesOf(res);
    // Vietnamese regional settings (list separator ;) and English ones (,) see the same table,
    // cell for cell what the RFC 4180 file holds.
    const vi = excelOpens(bytes, ';');
    expect(vi).toEqual(rfc);
    expect(excelOpens(bytes, ',')).toEqual(rfc);
    expect(vi.find((r) => r[0] === 'received')).toHaveLength(5);
    expect(vi.some((r) => r[15]?.startsWith('\'=HYPERLINK('))).toBe(true);
    // What this dialect is for: the comma-separated file opens with Vietnamese settings as one column.
    expect(excelOpens(new TextEncoder().encode(`\uFEFF${rfc.slice(0, 12).map((r) => r.join(',')).join('\r\n')}`), ';').every((r) => r.length === 1)).toBe(true);
  });

  it('comes as .xlsx (by ?format= or Accept), read back cell by cell, a formula-looking memo stored as text', async () => {
    const csv = tables(await csvText(await get(`/api/staff/reports/daily?date=${D}&format=csv`, world.tokens.clerk)));
    for (const res of [await get(`/api/staff/reports/daily?date=${D}&format=xlsx`, world.tokens.clerk), await get(`/api/staff/reports/daily?date=${D}`, world.tokens.clerk, { accept: XLSX })]) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(XLSX);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="doi-soat-${world.own}-${D}.xlsx"`);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const book = await readXlsx(await bytesOf(res));
      expectSameTables(book, csv, ['Thông tin', 'Tổng hợp', 'Giao dịch', 'Biên lai']);
      const lines = book.sheets[2]!;
      const r = lines.rows.findIndex((row) => String(row[15] ?? '').startsWith('=HYPERLINK('));
      expect(r).toBeGreaterThan(0);
      expect(lines.rows[r]![15]).toBe('=HYPERLINK("http://x") nop ho so');
      expect(lines.types[r]![15]).toBe(XLSX_TEXT);
      // Amounts are numbers a spreadsheet sums.
      expect(typeof lines.rows[1]![6]).toBe('number');
    }
    // ?format=json wins over any Accept.
    expect((await get(`/api/staff/reports/daily?date=${D}&format=json`, world.tokens.clerk, { accept: XLSX })).headers.get('content-type')).toMatch(/^application\/json/);
    expect((await get(`/api/staff/reports/daily?date=${D}&format=csv&dialect=utf7`, world.tokens.clerk)).status).toBe(400);
  });
});

// ---- The receipt register -------------------------------------------------------------

describe('receipt register (form 01/TH-BLĐT)', () => {
  // Two exports are compared cell for cell, "Lập lúc" included: one clock reading for the whole test.
  beforeEach(() => setClock(new Date()));
  afterEach(() => setClock(undefined));

  it('lists the day’s receipts with what the form asks, cancelled ones marked, as JSON and CSV', async () => {
    const r = await (await get(`/api/staff/reports/receipts?date=${D}`, world.tokens.clerk)).json();
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    expect(r).toMatchObject({ report: 'receipt-register', form: '01/TH-BLĐT', date: D, agency: { id: agency.id, name: agency.name, taxCode: agency.taxCode } });
    expect(r.items.map((x: { number: number }) => x.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => n + BASE));
    const h = r.items.find((x: { id?: string; number: number }) => x.number === BASE + 7);
    expect(h).toMatchObject({ status: 'CANCELLED', cancelReason: 'Sai tên người nộp tiền', payerName: 'Trần Thị "Bé", Hai', feeName: seeded.H.procedureName, amount: seeded.H.amount, numberText: String(BASE + 7).padStart(8, '0'), issuedDate: D });
    expect(r.items.find((x: { number: number }) => x.number === BASE + 5)).toMatchObject({ paymentMethod: 'cash' });
    expect(r.totals.cancelled).toEqual({ count: 1, amount: seeded.H.amount });
    expect(r.totals.valid.count).toBe(7);

    const csv = await csvText(await get(`/api/staff/reports/receipts?date=${D}&format=csv`, world.tokens.clerk));
    const [head, items, totals] = tables(csv);
    expect(head![0]).toEqual(['Mẫu số 01/TH-BLĐT']);
    expect(head).toContainEqual(['Mã số thuế', agency.taxCode]);
    expect(items![0]).toEqual(['STT', 'Ký hiệu mẫu biên lai', 'Ký hiệu biên lai', 'Số biên lai', 'Ngày lập', 'Tên người nộp phí, lệ phí', 'Tên loại phí, lệ phí', 'Mã thủ tục', 'Số tiền (đồng)', 'Hình thức thu', 'Trạng thái', 'Ngày hủy', 'Lý do hủy', 'Mã đơn', 'Loại (phí, lệ phí)', 'Trong đó phí (đồng)', 'Trong đó lệ phí (đồng)']);
    const dmy = `${D.slice(8)}/${D.slice(5, 7)}/${D.slice(0, 4)}`;
    r.items.forEach((x: Record<string, unknown>, i: number) => {
      const row = items![i + 1]!;
      expect(row).toEqual([
        String(x.no),
        x.template,
        x.symbol,
        x.numberText,
        dmy,
        x.payerName ?? '',
        x.feeName,
        x.procedureCode ?? '',
        String(x.amount),
        x.paymentMethod === 'cash' ? 'Tiền mặt' : 'Chuyển khoản',
        x.status === 'CANCELLED' ? 'Đã hủy' : 'Đã lập',
        x.cancelledAt ? dmy : '',
        x.cancelReason ?? '',
        x.orderId,
        x.feeKind === 'phi' ? 'Phí' : x.feeKind === 'le_phi' ? 'Lệ phí' : x.feeKind === 'mixed' ? 'Phí và lệ phí' : '',
        x.phiAmount === null ? '' : String(x.phiAmount),
        x.lePhiAmount === null ? '' : String(x.lePhiAmount),
      ]);
      // Every line carries its kind: a receipt's phí and lệ phí add up to its amount.
      if (x.feeKind !== null) expect((x.phiAmount as number) + (x.lePhiAmount as number)).toBe(x.amount);
    });
    // The seeded receipts are certified copies: phí.
    expect(r.items.some((x: { feeKind: string | null }) => x.feeKind === 'phi')).toBe(true);
    expect(csv).toContain('"Trần Thị ""Bé"", Hai"');
    expect(totals).toContainEqual(['Đã hủy', '1', String(seeded.H.amount)]);

    const xlsx = await get(`/api/staff/reports/receipts?date=${D}&format=xlsx`, world.tokens.clerk);
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="bang-ke-bien-lai-${world.own}-${D}.xlsx"`);
    const book = await readXlsx(await bytesOf(xlsx));
    expectSameTables(book, tables(csv), ['Thông tin', 'Bảng kê biên lai', 'Tổng hợp']);
    expect(book.sheets[1]!.rows.map((row) => row[5])).toContain('Trần Thị "Bé", Hai');
  });
});

// ---- Scope --------------------------------------------------------------------------

describe('role and agency scope on every report route', () => {
  const agencyRoutes = ['/api/staff/reports/daily', '/api/staff/reports/receipts'];

  it.each(agencyRoutes)('%s: clerk own (JSON and CSV), admin any, others refused', async (path) => {
    const q = `date=${D}`;
    expect((await get(`${path}?${q}`, world.tokens.clerk)).status).toBe(200);
    expect((await get(`${path}?${q}&agencyId=${world.own}&format=csv`, world.tokens.clerk)).status).toBe(200);
    // Another agency's report does not exist for a clerk, in either format.
    expect((await get(`${path}?${q}&agencyId=${world.own}`, world.tokens.clerk2)).status).toBe(404);
    expect((await get(`${path}?${q}&agencyId=${world.own}&format=csv`, world.tokens.clerk2)).status).toBe(404);
    const mine = await (await get(`${path}?${q}`, world.tokens.clerk2)).json();
    expect(mine.agency.id).toBe(world.other);
    // An admin names the agency; an unknown one is 404.
    expect((await get(`${path}?${q}`, world.tokens.admin)).status).toBe(400);
    const admin = await get(`${path}?${q}&agencyId=${world.own}`, world.tokens.admin);
    expect(admin.status).toBe(200);
    expect((await admin.json()).agency.id).toBe(world.own);
    expect((await get(`${path}?${q}&agencyId=nowhere`, world.tokens.admin)).status).toBe(404);
    for (const role of ['leader', 'volunteer', 'volunteer2'] as const) expect((await get(`${path}?${q}&agencyId=${world.own}`, world.tokens[role])).status).toBe(403);
    expect((await get(`${path}?${q}`)).status).toBe(401);
    expect((await get(`${path}?date=2026-02-30`, world.tokens.clerk)).status).toBe(400);
    expect((await get(`${path}?date=${D}&format=xml`, world.tokens.clerk)).status).toBe(400);
  });

  it('dashboard: admin and leader (JSON and CSV); clerks and volunteers refused; range capped', async () => {
    for (const role of ['admin', 'leader'] as const) {
      expect((await get(`/api/staff/reports/dashboard?from=${D}&to=${D}`, world.tokens[role])).status).toBe(200);
      expect((await get(`/api/staff/reports/dashboard?from=${D}&to=${D}&format=csv`, world.tokens[role])).status).toBe(200);
    }
    for (const role of ['clerk', 'clerk2', 'volunteer'] as const) expect((await get(`/api/staff/reports/dashboard`, world.tokens[role])).status).toBe(403);
    expect((await get(`/api/staff/reports/dashboard`)).status).toBe(401);
    const tooLong = await get(`/api/staff/reports/dashboard?from=${dayBefore(TODAY, 366)}&to=${TODAY}`, world.tokens.leader);
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).error.details[0].path).toBe('to');
    // A whole year for one agency: 366 days computed and stored.
    const year = await get(`/api/staff/reports/dashboard?from=${dayBefore(TODAY, 365)}&to=${TODAY}&agencyId=${world.other}`, world.tokens.leader);
    expect(year.status).toBe(200);
    expect((await year.json()).days).toBe(366);
    expect((await get(`/api/staff/reports/dashboard?from=${D}&to=${dayBefore(D, 1)}`, world.tokens.leader)).status).toBe(400);
    expect((await get(`/api/staff/reports/dashboard?agencyId=nowhere`, world.tokens.leader)).status).toBe(404);
    // The future is cut at today.
    const future = await (await get(`/api/staff/reports/dashboard?from=${D}&to=2999-01-01`, world.tokens.leader)).json();
    expect(future.to).toBe(TODAY);
  });
});

// ---- The dashboard, recomputed from the raw items ---------------------------------------

interface Raw {
  orders: FeeOrder[];
  transfers: TransferRecord[];
  receipts: StoredReceipt[];
}

/** Every item of the table (a scan is fine in a test): nothing here uses the report code. */
async function raw(): Promise<Raw> {
  const out: Raw = { orders: [], transfers: [], receipts: [] };
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await world.db.client.send(new ScanCommand({ TableName: world.db.tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const v = unmarshall(item);
      if (v.type === 'ORDER') out.orders.push(v.order);
      if (v.type === 'TRANSFER') out.transfers.push(v.record);
      if (v.type === 'RECEIPT') out.receipts.push(v.receipt);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

function expectedFigures(data: Raw, agencyIds: string[], from: string, to: string) {
  const inRange = (iso: string) => vnDate(Date.parse(iso)) >= from && vnDate(Date.parse(iso)) <= to;
  const orders = data.orders.filter((o) => agencyIds.includes(o.agencyId) && inRange(o.createdAt));
  const transfers = data.transfers.filter((t) => t.agencyId && agencyIds.includes(t.agencyId) && inRange(t.receivedAt) && t.status !== 'IGNORED');
  const receipts = data.receipts.filter((r) => agencyIds.includes(r.agencyId) && inRange(r.issuedAt));
  const byId = new Map(data.orders.map((o) => [o.id, o]));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const med = (xs: number[]) => {
    if (!xs.length) return null;
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
  };
  const secs = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 1000);
  const matched = transfers.filter((t) => t.status === 'MATCHED');
  const cashless = matched.filter((t) => t.transfer.provider !== 'cash');
  const cash = matched.filter((t) => t.transfer.provider === 'cash');
  const keptOf = (ts: TransferRecord[]) => sum(ts.map((t) => t.transfer.amount - t.refundDue));
  const covering = matched.filter((t) => t.outcome === 'PAID' || t.outcome === 'OVERPAID');
  const toPayment = covering.map((t) => {
    const o = byId.get(t.orderId!)!;
    const e = o.history.find((h) => (h as { transferKey?: string }).transferKey === t.key)!;
    return secs(o.createdAt, e.at);
  });
  const toConfirmation = receipts.flatMap((r) => {
    const o = byId.get(r.orderId)!;
    if (o.history.find((h) => h.event === 'CONFIRMED')?.at !== r.issuedAt) return [];
    const paid = o.history.find((h) => h.event === 'PAYMENT_RECEIVED' && (h.to === 'PAID' || h.to === 'OVERPAID') && !['PAID', 'OVERPAID', 'CONFIRMED'].includes(h.from ?? ''));
    return paid ? [secs(paid.at, r.issuedAt)] : [];
  });
  const procedures: Record<string, number> = {};
  for (const o of orders) procedures[o.procedureCode] = (procedures[o.procedureCode] ?? 0) + 1;
  const bank = transfers.filter((t) => t.transfer.provider !== 'cash');
  const arrivedUnmatched = bank.filter((t) => t.status === 'UNMATCHED' || t.matchedBy);
  const refundDue = transfers.filter((t) => t.refundDue > 0);
  const cashlessAmount = keptOf(cashless);
  const total = cashlessAmount + keptOf(cash);
  return {
    cashless: { count: cashless.length, amount: cashlessAmount },
    cash: { count: cash.length, amount: keptOf(cash) },
    share: total ? Math.round((cashlessAmount / total) * 10_000) / 10_000 : null,
    created: orders.length,
    procedures,
    assisted: orders.filter((o) => o.assistedBy).length,
    paid: covering.length,
    confirmed: receipts.length,
    orderToPayment: { count: toPayment.length, medianSeconds: med(toPayment) },
    paymentToConfirmation: { count: toConfirmation.length, medianSeconds: med(toConfirmation) },
    bankIncoming: bank.length,
    unmatchedOnArrival: arrivedUnmatched.length,
    unmatchedRate: bank.length ? Math.round((arrivedUnmatched.length / bank.length) * 10_000) / 10_000 : null,
    refundDue: { count: refundDue.length, amount: sum(refundDue.map((t) => t.refundDue)) },
    refunded: refundDue.filter((t) => t.refund).length,
    refundRate: transfers.length ? Math.round((refundDue.length / transfers.length) * 10_000) / 10_000 : null,
  };
}

function figuresOf(f: Record<string, any>) {
  return {
    cashless: f.collected.cashless,
    cash: f.collected.cash,
    share: f.collected.cashlessShare,
    created: f.orders.created,
    procedures: Object.fromEntries(f.orders.byProcedure.map((p: { procedureCode: string; count: number }) => [p.procedureCode, p.count])),
    assisted: f.volunteers.assistedOrders,
    paid: f.orders.paid,
    confirmed: f.orders.confirmed,
    orderToPayment: f.timing.orderToPayment,
    paymentToConfirmation: f.timing.paymentToConfirmation,
    bankIncoming: f.transfers.bankIncoming,
    unmatchedOnArrival: f.transfers.unmatchedOnArrival,
    unmatchedRate: f.transfers.unmatchedRate,
    refundDue: f.transfers.refundDue,
    refunded: f.transfers.refunded.count,
    refundRate: f.transfers.refundRate,
  };
}

describe('dashboard of the agencies in scope', () => {
  const from = () => dayBefore(D, 2);

  async function checkAgainstRaw(body: Record<string, any>, ids = AGENCIES.map((a) => a.id)) {
    const data = await raw();
    for (const f of body.agencies) expect(figuresOf(f), f.agencyId).toEqual(expectedFigures(data, [f.agencyId], body.from, body.to));
    expect(figuresOf(body.total)).toEqual(expectedFigures(data, ids, body.from, body.to));
  }

  it('equals the figures recomputed from the raw records; stored closed days are reused; amendments invalidate them', async () => {
    const url = `/api/staff/reports/dashboard?from=${from()}&to=${TODAY}`;
    const agencyDays = AGENCIES.length * (Math.round((Date.parse(TODAY) - Date.parse(from())) / DAY) + 1);
    const first = await (await get(url, world.tokens.leader)).json();
    expect(first.agencies.map((a: { agencyId: string }) => a.agencyId)).toEqual(AGENCIES.map((a) => a.id));
    expect(first.source.cached + first.source.computed + first.source.live).toBe(agencyDays);
    expect(first.source.live).toBeGreaterThanOrEqual(AGENCIES.length); // today is open
    await checkAgainstRaw(first);
    // The seeded day itself: a few figures by hand.
    const own = first.agencies.find((a: { agencyId: string }) => a.agencyId === world.own);
    expect(own.orders.paidLate).toBe(1);
    expect(own.volunteers).toMatchObject({ assistedOrders: 2, volunteers: 1, byVolunteer: [{ username: 'volunteer', orders: 2 }] });
    expect(own.collected.cash).toEqual({ count: 1, amount: seeded.F.amount });
    expect(first.daily.map((d: { date: string }) => d.date)[0]).toBe(from());

    // Again: closed days come from their stored summaries, the same figures.
    const second = await (await get(url, world.tokens.admin)).json();
    expect(second.source.computed).toBe(0);
    expect(second.source.cached).toBe(agencyDays - second.source.live);
    expect({ ...second, generatedAt: 0, source: 0 }).toEqual({ ...first, generatedAt: 0, source: 0 });

    // Amendments to closed days (a refund of the day's duplicate, a cancelled receipt of the day before):
    // exactly those two agency-days are computed again, and the figures follow.
    await recordRefund(world.deps, clerk(), seeded.duplicateKey, 'Đã chuyển trả khoản nộp trùng');
    await cancelReceipt(world.deps, clerk(), seeded.firstReceipt, 'Lập nhầm biên lai');
    const third = await (await get(url, world.tokens.leader)).json();
    expect(third.source.computed).toBe(2);
    const own3 = third.agencies.find((a: { agencyId: string }) => a.agencyId === world.own);
    expect(own3.transfers.refunded.count).toBe(own.transfers.refunded.count + 1);
    expect(own3.receipts.cancelled).toBe(own.receipts.cancelled + 1);
    await checkAgainstRaw(third);

    // A clerk matches by hand, today, the transfer left unmatched at 23:59:59 the day before: that day again.
    const late = (await world.db.store.listTransfers(world.own, 'UNMATCHED', { limit: 50 })).items.find((t) => t.transfer.amount === 3000)!;
    const target = await order(world.own, '2.001035');
    await matchTransfer(world.deps, clerk(), late.key, target.id);
    const fourth = await (await get(url, world.tokens.leader)).json();
    expect(fourth.source.computed).toBe(1);
    const own4 = fourth.agencies.find((a: { agencyId: string }) => a.agencyId === world.own);
    expect(own4.transfers.unmatchedNow.count).toBe(own3.transfers.unmatchedNow.count - 1);
    expect(own4.transfers.unmatchedOnArrival).toBe(own3.transfers.unmatchedOnArrival);
    await checkAgainstRaw(fourth);
  });

  it('narrows to one agency and reads back from CSV', async () => {
    const json = await (await get(`/api/staff/reports/dashboard?from=${from()}&to=${TODAY}&agencyId=${world.own}`, world.tokens.admin)).json();
    expect(json.agencies).toHaveLength(1);
    expect(figuresOf(json.total)).toEqual(figuresOf(json.agencies[0]));
    await checkAgainstRaw(json, [world.own]);

    const all = await (await get(`/api/staff/reports/dashboard?from=${from()}&to=${TODAY}`, world.tokens.leader)).json();
    const res = await get(`/api/staff/reports/dashboard?from=${from()}&to=${TODAY}`, world.tokens.leader, { accept: 'text/csv' });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="so-lieu-tat-ca-${from()}-${TODAY}.csv"`);
    const csvFile = await csvText(res);
    const xlsx = await get(`/api/staff/reports/dashboard?from=${from()}&to=${TODAY}&format=xlsx`, world.tokens.leader);
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="so-lieu-tat-ca-${from()}-${TODAY}.xlsx"`);
    const stamp = (t: string[][][]) => t.map((rows) => rows.filter((r) => r[0] !== 'Lập lúc'));
    const book = await readXlsx(await bytesOf(xlsx));
    book.sheets[0]!.rows = book.sheets[0]!.rows.filter((r) => r[0] !== 'Lập lúc');
    expectSameTables(book, stamp(tables(csvFile)), ['Thông tin', 'Theo cơ quan', 'Theo thủ tục', 'Theo ngày']);
    const [head, figures, procedures, daily] = tables(csvFile);
    expect(head).toContainEqual(['Từ ngày', from()]);
    expect(figures![0]!.slice(0, 3)).toEqual(['Mã cơ quan', 'Cơ quan', 'Thu không dùng tiền mặt: số giao dịch']);
    const rows = [all.total, ...all.agencies];
    expect(figures!.slice(1)).toHaveLength(rows.length);
    rows.forEach((f: Record<string, any>, i: number) => {
      const r = figures![i + 1]!;
      const pct = (x: number | null) => (x === null ? '' : String(Math.round(x * 10_000) / 100));
      const num = (x: number | null) => (x === null ? '' : String(x));
      expect(r).toEqual([
        f.agencyId ?? '',
        f.agencyName,
        String(f.collected.cashless.count),
        String(f.collected.cashless.amount),
        String(f.collected.cash.count),
        String(f.collected.cash.amount),
        String(f.collected.total.amount),
        pct(f.collected.cashlessShare),
        String(f.orders.created),
        String(f.orders.paid),
        String(f.orders.paidLate),
        String(f.orders.confirmed),
        num(f.timing.orderToPayment.medianSeconds),
        num(f.timing.paymentToConfirmation.medianSeconds),
        String(f.volunteers.assistedOrders),
        String(f.volunteers.volunteers),
        String(f.transfers.bankIncoming),
        String(f.transfers.unmatchedOnArrival),
        pct(f.transfers.unmatchedRate),
        String(f.transfers.unmatchedNow.count),
        String(f.transfers.refundDue.count),
        String(f.transfers.refundDue.amount),
        pct(f.transfers.refundRate),
      ]);
    });
    expect(figures![1]![1]).toBe('Tất cả cơ quan');
    const procedureRows = procedures!.slice(1).filter((r) => r[0] === world.own);
    expect(procedureRows.map((r) => [r[2], Number(r[4])])).toEqual(all.agencies.find((a: { agencyId: string }) => a.agencyId === world.own).orders.byProcedure.map((p: { procedureCode: string; count: number }) => [p.procedureCode, p.count]));
    expect(daily!.slice(1).map((r) => r[0])).toEqual(all.daily.map((d: { date: string }) => d.date));
  });
});
