/**
 * The dashboard of the agencies in scope and receipt cancellation in a real browser, against the real
 * server (its own, on the run's DynamoDB Local):
 *
 * - money, orders and transfers are seeded through the API (paid by transfer, cash at the
 *   counter, an order made by a volunteer, a transfer that matches nothing, a confirmed
 *   receipt); the leader logs in, lands on the dashboard, and every figure the page shows
 *   is the API's JSON for the same range; six SVG charts, each role="img" with its title
 *   and description, each beside its table; the .xlsx and CSV downloads are the API's
 *   files (the CSV the one Excel opens in columns in any regional settings);
 * - a bad range shows its error beside the field, in the API's words;
 * - a clerk cancels a receipt from the console (reason checked, a confirmation step), the
 *   order is paid again and the replacing receipt takes the next number while the
 *   cancelled one keeps its own;
 * - axe on each state (no serious or critical violation), no sideways scroll at 320 px,
 *   screenshots at 360×740.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signedNotification, type SampleTransfer } from '../../functions/webhooks/providers';
import { AGENCIES } from '../../shared/catalogue';
import { formatVnd } from '../../web/src/lib/format';
import { excelOpens, readXlsx } from '../support/spreadsheet';
import { axeSerious, launchBrowser, login, phoneContext, screenshot, SECRETS, startServer, text, watch, type AxeFinding, type Server } from './support';
import { shortNameOf } from '../../shared/short-names';

const FLAT_COMMUNE = '2.000913'; // flat fee, commune level
const CIVIL_EXTRACT = '2.000635'; // 8,000 ₫ per copy, commune level
// The first commune of today's map (GET /api/agencies), where the demo clerk and volunteer work.
const AGENCY = AGENCIES.find((a) => a.level === 'commune')!;

let server: Server;
let browser: Browser;
let leader: BrowserContext;
let clerk: BrowserContext;
const findings: AxeFinding[] = [];
const pageErrors: string[] = [];

interface ApiOrder {
  id: string;
  reference: string;
  accessToken: string;
  amount: number;
}

interface Figures {
  agencyId: string | null;
  agencyName: string;
  collected: { cashless: { count: number; amount: number }; cash: { count: number; amount: number }; total: { count: number; amount: number }; cashlessShare: number | null };
  orders: { created: number; paid: number; confirmed: number; byProcedure: { procedureCode: string; procedureName: string; count: number; amount: number }[] };
  timing: { orderToPayment: { count: number; medianSeconds: number | null }; paymentToConfirmation: { count: number; medianSeconds: number | null } };
  volunteers: { assistedOrders: number; volunteers: number };
  transfers: { bankIncoming: number; unmatchedOnArrival: number; unmatchedRate: number | null; unmatchedNow: { count: number }; incoming: { count: number }; refundDue: { count: number }; refundRate: number | null };
}

interface DashboardJson {
  from: string;
  to: string;
  days: number;
  agencies: Figures[];
  total: Figures;
  daily: { date: string; cashless: number; cash: number; ordersCreated: number; paid: number }[];
}

const tokens = new Map<string, string>();

async function apiLogin(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'motcua-demo-2026' }) });
  expect(res.status).toBe(200);
  const token = ((await res.json()) as { token: string }).token;
  tokens.set(username, token);
  return token;
}

async function staff<T>(username: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const token = await apiLogin(username);
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function apiOrder(procedureCode: string): Promise<ApiOrder> {
  const res = await fetch(`${server.url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ procedureCode, agencyId: AGENCY.id }) });
  expect(res.status).toBe(201);
  return (await res.json()) as ApiOrder;
}

async function simulate(orderId: string, token: string): Promise<void> {
  const res = await fetch(`${server.url}/__dev/simulate-payment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ orderId, token }) });
  expect(res.status).toBe(200);
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  watch(page, pageErrors);
  return page;
}

/** As the page writes a share: 0.6667 → "66,67 %". */
const percent = (share: number | null) => (share === null ? '—' : `${String(Math.round(share * 10_000) / 100).replace('.', ',')} %`);
const dayText = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

async function cells(page: Page, selector: string): Promise<string[]> {
  return (await page.locator(selector).locator('th, td').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(inject('dynamodbEndpoint')), launchBrowser()]);
  [leader, clerk] = await Promise.all([phoneContext(browser, server.url), phoneContext(browser, server.url)]);

  // Seed: two orders paid by transfer (one confirmed), one paid in cash, one made by a
  // volunteer at the counter, and a transfer whose memo names no order.
  const paid = await apiOrder(FLAT_COMMUNE);
  await simulate(paid.id, paid.accessToken);
  const confirmed = await apiOrder(CIVIL_EXTRACT);
  await simulate(confirmed.id, confirmed.accessToken);
  expect((await staff('clerk', `/api/staff/orders/${confirmed.id}/confirm`, {})).status).toBe(200);
  const cash = await apiOrder(FLAT_COMMUNE);
  expect((await staff('clerk', `/api/staff/orders/${cash.id}/cash`, { note: 'Nộp tại quầy' })).status).toBe(201);
  expect((await staff('volunteer', '/api/staff/orders', { procedureCode: CIVIL_EXTRACT, agencyId: AGENCY.id })).status).toBe(201);
  const sample: SampleTransfer = { amount: 30_000, memo: 'CHUYEN TIEN LE PHI', accountNumber: AGENCY.bank.accountNumber, reference: `FT-DASH-${Date.now()}`, at: new Date(), bankName: AGENCY.bank.bankName };
  const n = signedNotification('sepay', sample, SECRETS.SEPAY_API_KEY, new Date());
  const res = await fetch(`${server.url}/api/webhooks/sepay`, { method: 'POST', ...n });
  expect(await res.json()).toMatchObject({ result: 'unmatched' });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('the dashboard of the agencies in scope', () => {
  let page: Page;
  let json: DashboardJson;

  it('is where a leader lands, its figures the API’s for the same range', async () => {
    page = await newPage(leader);
    await login(page, 'leader');
    expect(new URL(page.url()).pathname).toBe('/can-bo/bang-dieu-khien.html');
    await page.waitForSelector('#dash-result:not([hidden])');
    // The navigation offers the dashboard, and nothing a leader cannot use.
    expect(await page.isVisible('#nav-dashboard')).toBe(true);
    expect(await page.isVisible('#nav-console')).toBe(false);
    expect(await page.isVisible('#nav-counter')).toBe(false);

    const from = await page.inputValue('#dash-from');
    const to = await page.inputValue('#dash-to');
    expect(from).toBe(`${to.slice(0, 8)}01`); // this month by default
    const answer = await staff<DashboardJson>('leader', `/api/staff/reports/dashboard?from=${from}&to=${to}`);
    expect(answer.status).toBe(200);
    json = answer.body;
    const t = json.total;
    // The seed is in it.
    expect(t.collected.cashless.count).toBeGreaterThanOrEqual(2);
    expect(t.collected.cash.count).toBeGreaterThanOrEqual(1);
    expect(t.transfers.unmatchedOnArrival).toBeGreaterThanOrEqual(1);
    expect(t.volunteers.assistedOrders).toBeGreaterThanOrEqual(1);
    expect(t.orders.confirmed).toBeGreaterThanOrEqual(1);

    expect(await text(page, '#dash-heading')).toBe(`Tất cả cơ quan: từ ${dayText(json.from)} đến ${dayText(json.to)} (${json.days} ngày)`);
    expect(await text(page, '#stat-collected dd')).toBe(formatVnd(t.collected.total.amount));
    expect(await text(page, '#stat-share dd')).toBe(percent(t.collected.cashlessShare));
    expect(await text(page, '#stat-created dd')).toBe(String(t.orders.created));
    expect(await text(page, '#stat-paid dd')).toBe(String(t.orders.paid));
    expect(await text(page, '#stat-confirmed dd')).toBe(String(t.orders.confirmed));
    expect(await text(page, '#stat-assisted dd')).toBe(String(t.volunteers.assistedOrders));
    expect(await text(page, '#stat-unmatched dd')).toBe(percent(t.transfers.unmatchedRate));
    expect(await text(page, '#stat-refund dd')).toBe(percent(t.transfers.refundRate));

    // Cashless vs cash: the total row, then one row per agency.
    const moneyRow = (f: Figures) => [f.agencyName, String(f.collected.cashless.count), formatVnd(f.collected.cashless.amount), String(f.collected.cash.count), formatVnd(f.collected.cash.amount), formatVnd(f.collected.total.amount), percent(f.collected.cashlessShare)];
    expect(await cells(page, '#dash-money-table tr[data-key="total"]')).toEqual(moneyRow(t));
    for (const f of json.agencies) expect(await cells(page, `#dash-money-table tr[data-key="${f.agencyId}"]`)).toEqual(moneyRow(f));
    expect(await page.locator('#dash-money-table tbody tr').count()).toBe(json.agencies.length + 1);
    // On a 1280 px screen the first table is whole, not cut (issue 13, item 10).
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator('#dash-money-table').evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 360, height: 740 });

    // Day by day: every day of the range.
    expect(await page.locator('#dash-daily-table tbody tr').count()).toBe(json.daily.length);
    for (const d of json.daily.filter((x) => x.cashless + x.cash + x.ordersCreated > 0)) {
      expect(await cells(page, `#dash-daily-table tr[data-key="${d.date}"]`)).toEqual([dayText(d.date), formatVnd(d.cashless), formatVnd(d.cash), String(d.ordersCreated), String(d.paid)]);
    }
    // Orders by procedure.
    expect(await page.locator('#dash-proc-table tbody tr').count()).toBe(t.orders.byProcedure.length);
    for (const p of t.orders.byProcedure) {
      expect(await cells(page, `#dash-proc-table tr[data-key="${p.procedureCode}"]`)).toEqual([shortNameOf(p.procedureCode, p.procedureName), p.procedureCode, String(p.count), formatVnd(p.amount)]);
    }
    // Times, volunteers, rates: the counts behind them.
    const mine = json.agencies.find((f) => f.agencyId === AGENCY.id)!;
    const time = await cells(page, `#dash-time-table tr[data-key="${AGENCY.id}"]`);
    expect([time[2], time[4]]).toEqual([String(mine.timing.orderToPayment.count), String(mine.timing.paymentToConfirmation.count)]);
    expect((await cells(page, `#dash-vol-table tr[data-key="${AGENCY.id}"]`)).slice(1, 4)).toEqual([String(mine.volunteers.assistedOrders), String(mine.volunteers.volunteers), String(mine.orders.created)]);
    expect(await cells(page, `#dash-rate-table tr[data-key="total"]`)).toEqual([
      t.agencyName,
      String(t.transfers.bankIncoming),
      String(t.transfers.unmatchedOnArrival),
      percent(t.transfers.unmatchedRate),
      String(t.transfers.unmatchedNow.count),
      String(t.transfers.incoming.count),
      String(t.transfers.refundDue.count),
      percent(t.transfers.refundRate),
    ]);

    findings.push(...(await axeSerious(page, 'dashboard')));
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '40-dashboard');
    await screenshot(page, '40b-dashboard-full', { fullPage: true });
  });

  it('draws each figure as an SVG chart named and described, beside a table of its numbers', async () => {
    const charts = page.locator('#dash-body svg[role="img"]');
    expect(await charts.count()).toBe(6);
    for (const svg of await charts.all()) {
      const [titleId, descId] = ((await svg.getAttribute('aria-labelledby')) ?? '').split(' ');
      expect(await svg.locator(`title#${titleId}`).textContent()).toBeTruthy();
      expect(await svg.locator(`desc#${descId}`).textContent()).toBeTruthy();
      // The chart's section holds its table.
      const section = svg.locator('xpath=ancestor::section[1]');
      expect(await section.locator('table caption').count()).toBe(1);
      expect((await svg.boundingBox())!.width).toBeGreaterThan(200);
    }
    // One bar part per agency with money, for each of cashless and cash.
    const withMoney = json.agencies.filter((f) => f.collected.cashless.amount > 0).length + json.agencies.filter((f) => f.collected.cash.amount > 0).length;
    expect(await page.locator('#dash-money svg rect[height="20"]').count()).toBe(withMoney);
    expect(await text(page, '#chart-money-desc')).toContain(formatVnd(json.total.collected.cash.amount));
  });

  /** The bytes of a file the page downloads when `button` is clicked. */
  async function downloaded(button: string): Promise<{ name: string; bytes: Buffer }> {
    const download = page.waitForEvent('download');
    await page.click(button);
    const file = await download;
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }

  async function apiFile(query: string): Promise<Buffer> {
    const token = await apiLogin('leader');
    const res = await fetch(`${server.url}/api/staff/reports/dashboard?from=${json.from}&to=${json.to}&${query}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  // The same file but for the moment it was made.
  const unstamped = (rows: (string | number | boolean | null)[][]) => rows.filter((r) => r[0] !== 'Lập lúc');

  it('downloads the CSV the API writes for the same range, in the form Excel opens in columns in any regional settings', async () => {
    const { name, bytes } = await downloaded('#dash-csv');
    expect(name).toBe(`so-lieu-tat-ca-${json.from}-${json.to}.csv`);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]); // UTF-16LE's BOM: Excel reads Vietnamese, and splits on tabs
    const api = await apiFile('format=csv&dialect=excel');
    // Opened with Vietnamese settings (list separator ;) as with English ones (,): the same table.
    expect(unstamped(excelOpens(bytes, ';'))).toEqual(unstamped(excelOpens(api, ';')));
    expect(excelOpens(bytes, ';')).toEqual(excelOpens(bytes, ','));
    const total = excelOpens(bytes, ';').find((r) => r[1] === json.total.agencyName && r[0] === '');
    expect(total?.[6]).toBe(String(json.total.collected.total.amount));
  });

  it('downloads the .xlsx the API writes for the same range', async () => {
    const { name, bytes } = await downloaded('#dash-xlsx');
    expect(name).toBe(`so-lieu-tat-ca-${json.from}-${json.to}.xlsx`);
    const [mine, api] = [await readXlsx(bytes), await readXlsx(await apiFile('format=xlsx'))];
    expect(mine.sheets.map((x) => x.name)).toEqual(['Thông tin', 'Theo cơ quan', 'Theo thủ tục', 'Theo ngày']);
    expect(mine.sheets.map((x) => unstamped(x.rows))).toEqual(api.sheets.map((x) => unstamped(x.rows)));
    const total = mine.sheets[1]!.rows.find((r) => r[1] === json.total.agencyName);
    expect(total?.[6]).toBe(json.total.collected.total.amount); // a number a spreadsheet sums
  });

  it('narrows to one agency, and keeps the choice in the address', async () => {
    await page.selectOption('#dash-agency', AGENCY.id);
    await expect.poll(() => text(page, '#dash-heading')).toContain(AGENCY.name);
    expect(new URL(page.url()).searchParams.get('agencyId')).toBe(AGENCY.id);
    expect(await page.locator('#dash-money-table tbody tr').count()).toBe(1);
    const mine = json.agencies.find((f) => f.agencyId === AGENCY.id)!;
    expect(await text(page, `#dash-money-table tr[data-key="${AGENCY.id}"] td:nth-of-type(5)`)).toBe(formatVnd(mine.collected.total.amount));
    await page.reload();
    await page.waitForSelector('#dash-result:not([hidden])');
    expect(await page.inputValue('#dash-agency')).toBe(AGENCY.id);
    await page.selectOption('#dash-agency', '');
    await expect.poll(() => text(page, '#dash-heading')).toContain('Tất cả cơ quan');
  });

  it('shows a bad range beside its field, in the API’s words', async () => {
    await page.fill('#dash-from', '');
    await page.click('#dash-submit');
    expect(await text(page, '#dash-from-error')).toBe('Chọn ngày bắt đầu (ngày/tháng/năm).');
    expect(await page.getAttribute('#dash-from', 'aria-invalid')).toBe('true');

    // Start after the end: the API refuses it, naming the field.
    const to = await page.inputValue('#dash-to');
    const after = new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    await page.fill('#dash-from', to);
    await page.fill('#dash-to', after);
    const refused = page.waitForResponse((r) => r.url().includes('/api/staff/reports/dashboard'));
    await page.click('#dash-submit');
    const answer = (await (await refused).json()) as { error: { message: string; details: { path: string; message: string }[] } };
    expect(answer.error.details[0]?.path).toBe('from');
    await expect.poll(() => text(page, '#dash-from-error')).toBe(answer.error.details[0]!.message);
    expect(answer.error.details[0]!.message).toBe('Ngày bắt đầu phải trước ngày kết thúc (và không sau hôm nay).');
    expect(await text(page, '#dash-errors')).toContain(answer.error.message);
    expect(await page.isVisible('#dash-result')).toBe(false);
    findings.push(...(await axeSerious(page, 'dashboard-errors')));
    await screenshot(page, '41-dashboard-errors');

    // More than 366 days: beside the end date.
    await page.fill('#dash-from', '2024-01-01');
    await page.fill('#dash-to', to);
    await page.click('#dash-submit');
    await expect.poll(() => text(page, '#dash-to-error')).toBe('Khoảng thời gian tối đa 366 ngày.');

    await page.fill('#dash-from', `${to.slice(0, 8)}01`);
    await page.click('#dash-submit');
    await page.waitForSelector('#dash-result:not([hidden])');
    expect(await page.isVisible('#dash-to-error')).toBe(false);
  });

  it('switches to English', async () => {
    await page.click('#lang-switch');
    expect(await text(page, 'h1')).toBe('Fee figures of the agencies');
    await expect.poll(() => text(page, '#dash-money-h')).toBe('Cashless and cash');
    expect(await text(page, '#chart-money-title')).toBe('Cashless and cash');
    // The total is named in English too (issue 13, item 8): no Vietnamese left in the heading.
    expect(await text(page, '#dash-heading')).toMatch(/^All agencies: /);
    expect(await text(page, '#dash-money-table tr[data-key="total"] > *:first-child')).toBe('All agencies');
    await page.click('#lang-switch');
    await expect.poll(() => text(page, '#dash-heading')).toMatch(/^Tất cả cơ quan: /);
    expect(await text(page, 'h1')).toBe('Số liệu thu phí các cơ quan');
  });

  it('sends a leader who opens the console to the dashboard', async () => {
    await page.goto('/can-bo/ban-lam-viec.html');
    await page.waitForURL(/bang-dieu-khien\.html/);
  });

  it('holds its layout at 320 px wide, and prints', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/can-bo/bang-dieu-khien.html');
    await page.waitForSelector('#dash-result:not([hidden])');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#dash-form')).toBe(false);
    expect(await page.isVisible('#dash-money svg')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });
});

describe('cancelling a receipt in the clerk’s console', () => {
  it('asks for a reason and a confirmation, then issues the replacing receipt with the next number', async () => {
    const order = await apiOrder(FLAT_COMMUNE);
    await simulate(order.id, order.accessToken);
    const issued = await staff<{ receipt: { id: string; number: number; symbol: string } }>('clerk', `/api/staff/orders/${order.id}/confirm`, {});
    expect(issued.status).toBe(200);
    const first = issued.body.receipt;
    const pad = (n: number) => String(n).padStart(8, '0');

    const page = await newPage(clerk);
    await login(page, 'clerk');
    expect(await page.isVisible('#nav-dashboard')).toBe(false);
    await page.click('a[href="#bien-lai"]');
    const card = page.locator(`#receipt-order-${order.id}`);
    await card.waitFor();
    expect(await card.textContent()).toContain(`Biên lai số ${pad(first.number)}`);
    await card.getByRole('button', { name: `Hủy biên lai số ${pad(first.number)}` }).click();
    const field = `#cancel-bien-lai-${order.id}`;
    await page.fill(field, 'sai');
    await card.getByRole('button', { name: 'Tiếp tục' }).click();
    // The API's own words for a short reason (asked directly, the same).
    const api = await staff<{ error: { details: { path: string; message: string }[] } }>('clerk', `/api/staff/receipts/${encodeURIComponent(first.id)}/cancel`, { reason: 'sai' });
    expect(api.status).toBe(400);
    expect(api.body.error.details[0]?.path).toBe('reason');
    expect(await text(page, `${field}-error`)).toBe(api.body.error.details[0]!.message);
    expect(await page.getAttribute(field, 'aria-invalid')).toBe('true');
    findings.push(...(await axeSerious(page, 'console-cancel-error')));
    await screenshot(page, '42-console-cancel-error');

    await page.fill(field, 'Ghi sai tên người nộp');
    await card.getByRole('button', { name: 'Tiếp tục' }).click();
    // The confirmation step: nothing is cancelled until it is confirmed.
    expect(await text(page, `${field}-q`)).toContain(`Hủy biên lai số ${pad(first.number)}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`cancel-bien-lai-${order.id}-q`);
    findings.push(...(await axeSerious(page, 'console-cancel-confirm')));
    await screenshot(page, '43-console-cancel-confirm');
    expect((await staff<{ status: string }>('clerk', `/api/staff/receipts/${encodeURIComponent(first.id)}`)).body.status).toBe('ISSUED');
    await card.getByRole('button', { name: 'Xác nhận hủy biên lai' }).click();
    await expect.poll(() => text(page, `${field}-done`)).toBe(`Đã hủy biên lai số ${pad(first.number)}. Đơn ${order.reference} trở lại trạng thái: Đã thanh toán.`);

    await card.getByRole('button', { name: `Cấp biên lai thay thế cho đơn ${order.reference}` }).click();
    await expect.poll(() => card.textContent()).toContain(`Đã cấp biên lai thay thế số ${pad(first.number + 1)}, ký hiệu ${first.symbol}`);
    const print = card.locator('a', { hasText: `In biên lai số ${pad(first.number + 1)}` });
    expect(await print.count()).toBe(1);
    findings.push(...(await axeSerious(page, 'console-cancel-done')));
    await screenshot(page, '44-console-cancel-replaced');

    // The cancelled receipt keeps its number; the order's receipt is the next one.
    const old = await staff<{ status: string; number: number; cancellation: { reason: string } }>('clerk', `/api/staff/receipts/${encodeURIComponent(first.id)}`);
    expect(old.body).toMatchObject({ status: 'CANCELLED', number: first.number, cancellation: { reason: 'Ghi sai tên người nộp' } });
    const now = await staff<{ status: string; receipt: { id: string; number: number; status: string } }>('clerk', `/api/staff/orders/${order.id}`);
    expect(now.body.status).toBe('CONFIRMED');
    expect(now.body.receipt).toMatchObject({ number: first.number + 1, status: 'ISSUED' });
    expect(now.body.receipt.id).not.toBe(first.id);

    // At 320 px the view holds its layout.
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  });
});

describe('these pages', () => {
  it('have no serious or critical axe violation', () => {
    if (findings.length) console.log(JSON.stringify(findings, null, 2));
    expect(findings).toEqual([]);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
