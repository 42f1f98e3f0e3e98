/**
 * The State Treasury report end to end on DynamoDB Local: receipts issued across the edges
 * of months in Vietnam time (23:50 on 31 October is October's, 00:10 on 1 November is
 * November's though still 31 October in UTC), orders of several lines with both kinds, a
 * receipt cancelled in the month it was issued and one of an earlier month cancelled later,
 * another agency's money. The month's and the year's figures are recomputed here from the
 * raw items of the table; CSV (Excel dialect) and the printable page carry the same
 * figures; bad input answers 400; the retained-share data refuses a share over 100 %.
 */
import { ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../functions/lib/accounts/login';
import { placeOrder } from '../../functions/lib/orders/place-order';
import { deadline } from '../../functions/lib/reports/treasury';
import type { StoredReceipt } from '../../functions/lib/storage/store';
import { cancelReceipt, confirmOrder, recordCash } from '../../functions/staff/use-cases/money';
import type { FeeOrder } from '../../shared/order';
import { RETAINED_SHARES, retainedSharesSchema } from '../../shared/treasury';
import { staffWorld, type StaffWorld } from '../support/staff';

let world: StaffWorld;
let clock: Date | undefined;
const at = (day: string, hhmmss: string) => new Date(Date.parse(`${day}T${hhmmss}+07:00`));
const clerkOf = (agencyId: string): StaffPrincipal => ({ username: 'clerk', role: 'clerk', agencyId, displayName: 'Cán bộ', tokenId: 't' });

const PHI_TIERED = '2.000815'; // attestation of copies: phí, per page
const PHI_CASE = '2.000884'; // attestation of a signature: phí, per case
const LE_PHI = '1.004873'; // certificate of marital status: lệ phí

type Items = { procedureCode: string; quantity?: number }[];
/** An order made, paid in cash and its receipt issued, at a Vietnamese wall-clock instant. */
async function paid(agencyId: string, items: Items, when: Date): Promise<{ order: FeeOrder; receiptId: string }> {
  clock = when;
  const { order } = await placeOrder(world.deps, { input: { agencyId, items, payer: { name: 'Nguyễn Văn An', phone: '0912345678' } }, raw: {} });
  await recordCash(world.deps, clerkOf(agencyId), order.id, {});
  const { receipt } = await confirmOrder(world.deps, clerkOf(agencyId), order.id);
  return { order, receiptId: receipt.id };
}

const made = {} as Record<'mixedOct' | 'cancelledLater' | 'lastMinuteOct' | 'firstMinuteNov' | 'cancelledNov' | 'lastMinuteNov' | 'firstMinuteDec' | 'otherNov', { order: FeeOrder; receiptId: string }>;

beforeAll(async () => {
  world = await staffWorld();
  const realNow = world.deps.now;
  world.deps.now = () => (clock ? new Date(clock) : realNow());
  const own = world.own;
  made.mixedOct = await paid(own, [{ procedureCode: PHI_TIERED, quantity: 3 }, { procedureCode: LE_PHI }, { procedureCode: PHI_CASE, quantity: 2 }], at('2026-10-15', '09:00:00'));
  made.cancelledLater = await paid(own, [{ procedureCode: PHI_CASE }], at('2026-10-20', '10:00:00'));
  made.lastMinuteOct = await paid(own, [{ procedureCode: LE_PHI }, { procedureCode: PHI_TIERED, quantity: 7 }], at('2026-10-31', '23:50:00'));
  made.firstMinuteNov = await paid(own, [{ procedureCode: PHI_TIERED, quantity: 2 }, { procedureCode: LE_PHI }], at('2026-11-01', '00:10:00'));
  clock = at('2026-11-05', '08:00:00');
  await cancelReceipt(world.deps, clerkOf(own), made.cancelledLater.receiptId, 'Lập nhầm thủ tục');
  made.cancelledNov = await paid(own, [{ procedureCode: LE_PHI }, { procedureCode: PHI_CASE }], at('2026-11-10', '14:00:00'));
  clock = at('2026-11-10', '14:30:00');
  await cancelReceipt(world.deps, clerkOf(own), made.cancelledNov.receiptId, 'Sai tên người nộp');
  made.lastMinuteNov = await paid(own, [{ procedureCode: PHI_CASE, quantity: 3 }], at('2026-11-30', '23:59:30'));
  made.firstMinuteDec = await paid(own, [{ procedureCode: PHI_TIERED, quantity: 4 }], at('2026-12-01', '00:00:30'));
  made.otherNov = await paid(world.other, [{ procedureCode: PHI_TIERED, quantity: 5 }, { procedureCode: LE_PHI }], at('2026-11-12', '09:00:00'));
  clock = undefined;
}, 180_000);

/** Every receipt item of the table, read raw. */
async function rawReceipts(): Promise<StoredReceipt[]> {
  const out: StoredReceipt[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await world.db.client.send(new ScanCommand({ TableName: world.db.tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const v = unmarshall(item);
      if (v.type === 'RECEIPT') out.push(v.receipt as StoredReceipt);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The month's figures recomputed from raw receipts: Vietnam month of issue, valid ones, lines by kind, 30 % of each phí kept at the own commune (rounded down per fee). */
function recompute(receipts: StoredReceipt[], agencyId: string, month: string, percent: number) {
  const vnMonth = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 7);
  const mine = receipts.filter((r) => r.agencyId === agencyId && vnMonth(r.issuedAt) === month);
  const valid = mine.filter((r) => r.status !== 'CANCELLED');
  const phiBy = new Map<string, number>();
  let lePhi = 0;
  for (const r of valid) {
    for (const l of (r.content as { lines: { kind: string; procedureCode: string; amount: number }[] }).lines) {
      if (l.kind === 'phi') phiBy.set(l.procedureCode, (phiBy.get(l.procedureCode) ?? 0) + l.amount);
      else lePhi += l.amount;
    }
  }
  const phi = [...phiBy.values()].reduce((s, v) => s + v, 0);
  const retained = [...phiBy.values()].reduce((s, v) => s + Math.floor((v * percent) / 100), 0);
  return { counted: valid.length, cancelled: mine.length - valid.length, phi, lePhi, retained, collected: phi + lePhi, toBudget: phi + lePhi - retained };
}

const get = (path: string, token: string) => world.app.request(path, { headers: { authorization: `Bearer ${token}` } });

describe('the month', () => {
  it('ties out with the raw receipts at the own commune (30 % of phí retained), edges of months in Vietnam time', async () => {
    expect(world.own).toBe('xa-giong-trom');
    const raw = await rawReceipts();
    for (const month of ['2026-10', '2026-11']) {
      const res = await get(`/api/staff/reports/treasury?month=${month}`, world.tokens.clerk);
      expect(res.status, await res.clone().text()).toBe(200);
      const r = await res.json();
      const want = recompute(raw, world.own, month, 30);
      expect(r.receipts.counted).toBe(want.counted);
      expect(r.receipts.cancelledLeftOut).toBe(want.cancelled);
      expect(r.totals).toEqual({ collected: want.collected, phi: { collected: want.phi, retained: want.retained, toBudget: want.phi - want.retained }, lePhi: { collected: want.lePhi, toBudget: want.lePhi }, toBudget: want.toBudget });
      expect(r.deposit.amount).toBe(want.collected);
      expect(r.declare.remit).toBe(want.toBudget);
      expect(r.lines.every((l: { kind: string; retainedPercent: number | null; decision: string | null }) => (l.kind === 'phi' ? l.retainedPercent === 30 && !!l.decision : l.retainedPercent === null))).toBe(true);
      expect(Number.isInteger(r.declare.remit) && Number.isInteger(r.totals.phi.retained)).toBe(true);
    }
  });

  it('counts each receipt in the month of its Vietnamese date, and both kinds of a multi-line order', async () => {
    const oct = await (await get('/api/staff/reports/treasury?month=2026-10', world.tokens.clerk)).json();
    const nov = await (await get('/api/staff/reports/treasury?month=2026-11', world.tokens.clerk)).json();
    const amount = (k: keyof typeof made) => made[k].order.amount;
    // October: the mixed order and the one at 23:50 on the 31st; the one cancelled in November is left out.
    expect(oct.totals.collected).toBe(amount('mixedOct') + amount('lastMinuteOct'));
    expect(oct.receipts).toEqual({ counted: 2, cancelledLeftOut: 1, cancelledLeftOutAmount: amount('cancelledLater') });
    const kinds = (o: FeeOrder, kind: string) => o.items!.filter((l) => l.kind === kind).reduce((s, l) => s + l.amount, 0);
    expect(oct.totals.phi.collected).toBe(kinds(made.mixedOct.order, 'phi') + kinds(made.lastMinuteOct.order, 'phi'));
    expect(oct.totals.lePhi.collected).toBe(kinds(made.mixedOct.order, 'le_phi') + kinds(made.lastMinuteOct.order, 'le_phi'));
    expect(oct.totals.phi.collected).toBeGreaterThan(0);
    expect(oct.totals.lePhi.collected).toBeGreaterThan(0);
    // November: 00:10 on the 1st and 23:59:30 on the 30th; not 00:00:30 on 1 December, not the other commune's.
    expect(nov.totals.collected).toBe(amount('firstMinuteNov') + amount('lastMinuteNov'));
    expect(nov.receipts.cancelledLeftOut).toBe(1);
    // October's receipt cancelled in November: listed as a correction, not taken from November's figures.
    expect(nov.corrections.count).toBe(1);
    expect(nov.corrections.amount).toBe(amount('cancelledLater'));
    expect(nov.corrections.items[0].issuedDate).toBe('2026-10-20');
    expect(oct.corrections.count).toBe(0);
  });

  it('says what to deposit by the 5th and to declare and remit by the 20th of the next month (weekends moved on)', async () => {
    const oct = await (await get('/api/staff/reports/treasury?month=2026-10', world.tokens.clerk)).json();
    expect(oct.deposit.by).toBe('2026-11-05');
    expect(oct.declare.by).toBe('2026-11-20');
    expect(oct.deposit.account).toMatch(/Kho bạc Nhà nước/);
    expect(oct.declare.working).toContain(`${String(oct.declare.remit).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`);
    // 5 December 2026 is a Saturday; 20 December a Sunday.
    expect(deadline('2026-11', 5)).toBe('2026-12-07');
    expect(deadline('2026-11', 20)).toBe('2026-12-21');
    expect(deadline('2026-12', 20)).toBe('2027-01-20');
  });

  it('another commune without a decision remits 100 % of its phí', async () => {
    const res = await get(`/api/staff/reports/treasury?month=2026-11&agencyId=${world.other}`, world.tokens.admin);
    const r = await res.json();
    const want = recompute(await rawReceipts(), world.other, '2026-11', 0);
    expect(r.totals.collected).toBe(made.otherNov.order.amount);
    expect(r.totals.phi.retained).toBe(0);
    expect(r.declare.remit).toBe(want.collected);
    expect(r.lines.filter((l: { kind: string }) => l.kind === 'phi').every((l: { retainedPercent: null }) => l.retainedPercent === null)).toBe(true);
  });

  it('gives the budget classification of each line, uncertain codes marked', async () => {
    const r = await (await get('/api/staff/reports/treasury?month=2026-10', world.tokens.clerk)).json();
    expect(r.chapter.code).toMatch(/^\d{3}$/);
    for (const l of r.lines) expect(l.subItem.code).toMatch(/^\d{4}$/);
    expect(r.notes.join(' ')).toContain('[check]');
  });
});

describe('the year', () => {
  it('sums the months from the same data', async () => {
    const year = await (await get('/api/staff/reports/treasury?year=2026', world.tokens.clerk)).json();
    expect(year.report).toBe('treasury-year');
    const raw = await rawReceipts();
    const months = year.months.map((m: { month: string }) => m.month);
    expect(months[0]).toBe('2026-01');
    let toBudget = 0;
    let collected = 0;
    for (const m of year.months) {
      const want = recompute(raw, world.own, m.month, 30);
      expect(m.collected, m.month).toBe(want.collected);
      expect(m.toBudget, m.month).toBe(want.toBudget);
      toBudget += want.toBudget;
      collected += want.collected;
    }
    expect(year.totals.toBudget).toBe(toBudget);
    expect(year.totals.collected).toBe(collected);
    expect(year.totals.collected).toBeGreaterThanOrEqual(made.firstMinuteDec.order.amount);
  });
});

describe('files and the page', () => {
  it('CSV in the Excel dialect carries the JSON figures', async () => {
    const json = await (await get('/api/staff/reports/treasury?month=2026-10', world.tokens.clerk)).json();
    const res = await get('/api/staff/reports/treasury?month=2026-10&format=csv&dialect=excel', world.tokens.clerk);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-16');
    expect(res.headers.get('content-disposition')).toContain('nop-ngan-sach-xa-giong-trom-2026-10.csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0xff, 0xfe]);
    const text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes).slice(1);
    const rows = text.split('\r\n').map((r) => r.split('\t'));
    const value = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(value('Tổng nộp ngân sách nhà nước')).toBe(String(json.totals.toBudget));
    expect(value('Phí để lại cho cơ quan thu')).toBe(String(json.totals.phi.retained));
    expect(value('Hạn kê khai và nộp ngân sách')).toBe('2026-11-20');
  });

  it('a printable page in Vietnamese with what to deposit and to remit', async () => {
    const res = await get('/api/staff/reports/treasury?month=2026-10&format=html', world.tokens.clerk);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Kho bạc Nhà nước');
    expect(html).toContain('20/11/2026');
    const year = await get('/api/staff/reports/treasury?year=2026&format=html', world.tokens.leader);
    expect(year.status).toBe(400); // a province's leader must say which agency
    const yearPage = await get(`/api/staff/reports/treasury?year=2026&format=html&agencyId=${world.own}`, world.tokens.leader);
    expect(await yearPage.text()).toContain('QUYẾT TOÁN');
  });
});

describe('bad input and scope', () => {
  it.each(['month=2026-13', 'month=26-10', 'year=99', 'month=2026-10&year=2026', 'format=pdf', 'month=2099-01', 'year=2099'])('%s → 400', async (q) => {
    const res = await get(`/api/staff/reports/treasury?${q}`, world.tokens.clerk);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('INVALID_QUERY');
    expect(body.error.message).toBeTruthy();
  });

  it('a clerk reads only their own agency; a volunteer not at all', async () => {
    expect((await get(`/api/staff/reports/treasury?month=2026-11&agencyId=${world.other}`, world.tokens.clerk)).status).toBe(404);
    expect((await get('/api/staff/reports/treasury?month=2026-11', world.tokens.volunteer)).status).toBe(403);
  });

  it('the retained-share data is valid, and a share over 100 % or overlapping is refused', () => {
    for (const shares of Object.values(RETAINED_SHARES)) expect(retainedSharesSchema.safeParse(shares).success).toBe(true);
    const over = retainedSharesSchema.safeParse([{ percent: 101, decision: 'Quyết định 1/QĐ-UBND', from: '2026-01-01' }]);
    expect(over.success).toBe(false);
    const twice = retainedSharesSchema.safeParse([
      { percent: 30, decision: 'Quyết định 1/QĐ-UBND', from: '2026-01-01' },
      { percent: 40, decision: 'Quyết định 2/QĐ-UBND', from: '2026-06-01', procedureCodes: ['2.000815'] },
    ]);
    expect(twice.success).toBe(false);
    expect(retainedSharesSchema.safeParse([{ percent: 30, decision: '', from: '2026-01-01' }]).success).toBe(false);
  });
});
