/**
 * The web front in a real browser (Debian's Chromium through playwright-core), against
 * the real server started for this run (`local/start.ts`, development build, on the run's
 * DynamoDB Local):
 *
 * - the citizen's journey from search to a paid, confirmed receipt: the payment arrives
 *   through the real notification endpoint (the pay page's development button, which
 *   signs it as the aggregator would), a clerk confirms it in the console, the receipt's
 *   QR decodes to the public check page, which says it is genuine;
 * - the volunteer's counter flow, the QR full screen turning paid, their tally;
 * - the clerk's confirm, match-by-hand, cash, refund and day-report flows;
 * - bad input in every form, shown beside its field in the API's words;
 * - the staff token in sessionStorage only, logout, an expired token back to login;
 * - axe-core on every page (no serious or critical violation), no sideways scrolling at
 *   320 px, and screenshots at 360×740 in test-results/screenshots.
 *
 * One browser and one server for the whole file; each actor has its own context.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signedNotification, type SampleTransfer } from '../../functions/webhooks/providers';
import { AGENCIES } from '../../shared/catalogue';
import { decodeVietQr } from '../../shared/vietqr';
import { excelOpens, readXlsx } from '../support/spreadsheet';
import { axeSerious, decodeQr, launchBrowser, login, phoneContext, screenshot, SECRETS, startServer, text, watch, type AxeFinding, type Server } from './support';

const CERTIFIED_COPY = '2.000815'; // tiered per page, commune level
const CIVIL_EXTRACT = '2.000635'; // 8,000 ₫ per copy, commune level
const FLAT_COMMUNE = '2.000913'; // flat fee, commune level
// The first commune of today's map (GET /api/agencies), where the demo clerk and volunteer work.
const AGENCY = AGENCIES.find((a) => a.level === 'commune')!;

let server: Server;
let browser: Browser;
let citizen: BrowserContext;
let clerk: BrowserContext;
let volunteer: BrowserContext;
/**
 * The clerk's one tab: the staff token lives in sessionStorage, which belongs to a tab (a
 * new tab starts logged out), so the clerk works in this page throughout.
 */
let clerkPage: Page;
const findings: AxeFinding[] = [];
const pageErrors: string[] = [];

async function checkA11y(page: Page, name: string): Promise<void> {
  findings.push(...(await axeSerious(page, name)));
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  watch(page, pageErrors);
  return page;
}

interface ApiOrder {
  id: string;
  reference: string;
  accessToken: string;
  amount: number;
  links: { payPage: string };
  vietqr: { memo: string };
}

async function apiOrder(procedureCode: string, quantity?: number): Promise<ApiOrder> {
  const res = await fetch(`${server.url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode, agencyId: AGENCY.id, ...(quantity ? { quantity } : {}) }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as ApiOrder;
}

async function apiLogin(username: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'motcua-demo-2026' }) });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

async function simulate(orderId: string, token: string, amount?: number): Promise<void> {
  const res = await fetch(`${server.url}/__dev/simulate-payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, token, ...(amount ? { amount } : {}) }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { notification: { status: number } };
  expect(body.notification.status).toBe(200);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(inject('dynamodbEndpoint')), launchBrowser()]);
  [citizen, clerk, volunteer] = await Promise.all([phoneContext(browser, server.url), phoneContext(browser, server.url), phoneContext(browser, server.url)]);
  clerkPage = await newPage(clerk);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('the citizen, from search to a confirmed receipt', () => {
  let payUrl = '';
  let orderId = '';
  let receiptUrl = '';

  it('finds the procedure by typing without diacritics, and reads its guide', async () => {
    const page = await newPage(citizen);
    await page.goto('/');
    await checkA11y(page, 'home');
    await screenshot(page, '01-home');
    await page.fill('#q', 'chung thuc ban sao');
    await expect.poll(() => text(page, '#search-status'), { timeout: 3000 }).toMatch(/Có \d+ thủ tục phù hợp/);
    const link = page.locator(`a[href="/thu-tuc/${CERTIFIED_COPY}.html"]`);
    expect(await link.isVisible()).toBe(true);
    // Something else is filtered out.
    expect(await page.locator('a[href="/thu-tuc/1.001193.html"]').isVisible()).toBe(false);
    await screenshot(page, '02-home-search');
    await link.click();
    await page.waitForURL(`**/thu-tuc/${CERTIFIED_COPY}.html`);
    expect(await text(page, 'h1')).toBe('Chứng thực bản sao (sao y bản chính)');
    // The official name stays in the guide's details.
    expect(await text(page, '#thong-tin')).toContain('Chứng thực bản sao từ bản chính giấy tờ, văn bản');
    await checkA11y(page, 'guide');
    await screenshot(page, '03-guide');

    // The checklist survives a reload.
    await page.check('#doc-0');
    await page.reload();
    expect(await page.isChecked('#doc-0')).toBe(true);
    await page.close();
  });

  it('asks how many copies and how many pages each, and shows the working (issue 14)', async () => {
    const page = await newPage(citizen);
    await page.goto(`/thu-tuc/${CERTIFIED_COPY}/nop-phi.html`);
    expect(await text(page, 'label[for="copies"]')).toBe('Cần bao nhiêu bản?');
    expect(await text(page, 'label[for="quantity"]')).toBe('Mỗi bản có bao nhiêu trang?');
    // The citizen of the issue: three copies of a two-page paper.
    await page.fill('#copies', '3');
    await page.fill('#quantity', '2');
    expect(await text(page, '#amount')).toBe('12.000 ₫');
    expect(await text(page, '#amount-working')).toBe('2 trang × 2.000 ₫ × 3 bản = 12.000 ₫');
    await page.fill('#quantity', '5');
    expect(await text(page, '#amount-working')).toBe('(2 trang × 2.000 ₫ + 3 trang × 1.000 ₫) × 3 bản = 21.000 ₫');
    await page.fill('#quantity', '300');
    expect(await text(page, '#amount-working')).toBe('200.000 ₫ (mức tối đa một bản) × 3 bản = 600.000 ₫');
    await checkA11y(page, 'guide-copies');
    await screenshot(page, '03b-guide-copies');
    await page.fill('#copies', '0');
    await page.click('#order-submit');
    await expect.poll(() => text(page, '#copies-error')).toMatch(/1.*100/);
    expect(await page.getAttribute('#copies', 'aria-invalid')).toBe('true');
    // What the API is sent, and what it charges, is what the page showed.
    await page.fill('#copies', '3');
    await page.fill('#quantity', '2');
    await page.selectOption('#agencyId', AGENCY.id);
    const created = page.waitForResponse((r) => r.url().endsWith('/api/orders') && r.request().method() === 'POST');
    await page.click('#order-submit');
    const response = await created;
    expect(response.status()).toBe(201);
    expect(JSON.parse(response.request().postData() ?? '{}')).toMatchObject({ copies: 3, quantity: 2 });
    await page.waitForURL(/\/pay\.html\?id=/);
    const url = new URL(page.url());
    const stored = await fetch(`${server.url}/api/orders/${url.searchParams.get('id')}?token=${url.searchParams.get('token')}`);
    expect(await stored.json()).toMatchObject({ amount: 12_000, copies: 3, quantity: 2 });
    await page.waitForFunction(() => document.getElementById('status-line')?.textContent === 'Đang chờ thanh toán');
    expect(await text(page, '#qr-amount')).toBe('12.000 ₫');
    expect(await text(page, '#d-copies')).toBe('3');
    await page.close();
  });

  it('shows the relief and until when, says plainly that online with VNeID level 2 costs nothing, and lets the citizen say so (issue 14)', async () => {
    const page = await newPage(citizen);
    // The phone's clock inside the Resolution 66.22/2026 window.
    await page.clock.setFixedTime(new Date('2026-09-01T10:00:00+07:00'));
    await page.goto(`/thu-tuc/${CIVIL_EXTRACT}/nop-phi.html`);
    const free = page.locator('#nop-phi .relief-free');
    expect(await free.isVisible()).toBe(true);
    expect(await free.textContent()).toBe('Từ 15/08/2026 đến hết 28/02/2027: nộp hồ sơ trực tuyến bằng tài khoản VNeID mức độ 2 thì không mất phí. Không cần nộp tiền, không cần mã QR.');
    expect(await text(page, '#nop-phi .relief')).toContain('Nghị quyết 66.22/2026/NQ-CP');
    expect(await text(page, '#nop-phi .relief')).toContain('(Đang áp dụng)');
    await page.fill('#quantity', '2');
    expect(await text(page, '#amount')).toBe('16.000 ₫');
    expect(await page.isVisible('#relief-applied')).toBe(false);
    await page.check('#vneidOnline');
    expect(await text(page, '#amount')).toBe('0 ₫');
    expect(await text(page, '#relief-applied')).toContain('Bạn không phải nộp khoản phí này');
    await checkA11y(page, 'guide-relief');
    await screenshot(page, '03c-guide-relief');
    // The waiver covers everything: told before any QR, and no order is made (issue 14, item 6;
    // test/browser/never-paid-twice.test.ts).
    expect(await page.locator('#order-submit').isVisible()).toBe(false);
    await page.close();

    // After the window the sentence is gone and the full fee is due, ticked or not.
    const after = await newPage(citizen);
    await after.clock.setFixedTime(new Date('2027-03-01T08:00:00+07:00'));
    await after.goto(`/thu-tuc/${CIVIL_EXTRACT}/nop-phi.html`);
    expect(await after.locator('#nop-phi .relief-free').isVisible()).toBe(false);
    await after.check('#vneidOnline');
    expect(await text(after, '#amount')).toBe('8.000 ₫');
    await after.close();
  });

  it('an order of several fees: the pay page lists every line, and its QR asks for the sum (issue 14)', async () => {
    const res = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agencyId: AGENCY.id, items: [{ procedureCode: CERTIFIED_COPY, quantity: 2, copies: 3 }, { procedureCode: FLAT_COMMUNE }], channel: 'counter' }),
    });
    expect(res.status).toBe(201);
    const order = (await res.json()) as ApiOrder;
    expect(order.amount).toBe(12_000 + 30_000);
    const page = await newPage(citizen);
    await page.goto(order.links.payPage);
    await page.waitForSelector('#d-procedure li');
    const lines = await page.locator('#d-procedure li').allTextContents();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('× 3 bản: 12.000 ₫ (Phí)');
    expect(lines[1]).toContain('30.000 ₫ (Phí)');
    expect(await text(page, '#qr-amount')).toBe('42.000 ₫');
    await checkA11y(page, 'pay-lines');
    await page.close();

    // Paid and confirmed: the printed receipt lists each line with its kind.
    await simulate(order.id, order.accessToken);
    const clerkToken = await apiLogin('clerk');
    const confirmed = await fetch(`${server.url}/api/staff/orders/${order.id}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${clerkToken}` } });
    expect(confirmed.status).toBe(200);
    const { receipt } = (await confirmed.json()) as { receipt: { verifyUrl: string } };
    const token = new URL(receipt.verifyUrl, server.url).searchParams.get('token');
    const printed = await newPage(citizen);
    await printed.goto(`/bien-lai.html?token=${token}`);
    await printed.waitForSelector('#r-fee li');
    const feeLines = await printed.locator('#r-fee li').allTextContents();
    expect(feeLines).toHaveLength(2);
    expect(feeLines[0]).toMatch(/\(3 bản\) – Phí: 12\.000/);
    expect(feeLines[1]).toMatch(/– Phí: 30\.000/);
    expect(await text(printed, '#r-procedure')).toBe(`${CERTIFIED_COPY}, ${FLAT_COMMUNE}`);
    await checkA11y(printed, 'receipt-lines');
    await printed.close();
  });

  it('shows each bad input of the fee form beside its field, in the API’s words', async () => {
    const page = await newPage(citizen);
    await page.goto(`/thu-tuc/${CERTIFIED_COPY}/nop-phi.html`);
    // The agency chosen in the last test is remembered; this citizen clears it.
    expect(await page.inputValue('#agencyId')).toBe(AGENCY.id);
    await page.selectOption('#agencyId', '');
    await page.fill('#quantity', '0');
    await page.click('#order-submit');
    expect(await text(page, '#agencyId-error')).toBe('Hãy chọn nơi bạn nộp hồ sơ.');
    expect(await text(page, '#quantity-error')).toBe('Nhập một số từ 1 trở lên, ví dụ 3.');
    expect(await page.getAttribute('#quantity', 'aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('form-errors');

    await page.selectOption('#agencyId', AGENCY.id);
    await page.fill('#quantity', '3');
    await page.press('#quantity', 'Tab');
    await page.click('#order-form summary');
    await page.fill('#payerPhone', '12345');
    await page.click('#order-submit');
    // The API refuses the phone; its words appear beside the phone field.
    await expect.poll(() => text(page, '#payerPhone-error')).toBe('Số điện thoại không hợp lệ (ví dụ 0912 345 678).');
    expect(await text(page, '#form-errors')).toContain('Thông tin gửi lên chưa hợp lệ');
    await screenshot(page, '04-guide-errors');
    await checkA11y(page, 'guide-errors');

    await page.fill('#payerPhone', '0912 345 678');
    await page.fill('#payerName', 'Nguyễn Văn An');
    expect(await text(page, '#amount')).toBe('5.000 ₫');
    await page.click('#order-submit');
    await page.waitForURL(/\/pay\.html\?id=/);
    payUrl = page.url();
    orderId = new URL(payUrl).searchParams.get('id') ?? '';
    expect(orderId).toMatch(/^[A-Z0-9]{8}$/);
    await page.close();
  });

  it('pays through the real notification endpoint; the page turns paid by itself within 3 s', async () => {
    const page = await newPage(citizen);
    await page.goto(payUrl);
    await page.waitForFunction(() => document.getElementById('status-line')?.textContent === 'Đang chờ thanh toán');
    expect(await text(page, '#qr-amount')).toBe('5.000 ₫');
    // The memo to type, exactly: the payment-code prefix (development default MCP), then the reference.
    expect(await text(page, '#v-memo')).toBe(`MCP${orderId}`);
    // The QR is drawn on the page from the order's payload (no image request), and asks for the amount.
    expect(await page.getAttribute('#qr', 'src')).toMatch(/^data:image\/png;base64,/);
    expect(decodeVietQr((await decodeQr(page, '#qr')) ?? '')).toMatchObject({ amount: 5_000, purpose: `MCP${orderId}` });
    await checkA11y(page, 'pay');
    await screenshot(page, '05-pay');

    // The development tool refuses a bad amount beside its field.
    await page.fill('#dev-amount', '5k');
    await page.click('#dev-pay-button');
    expect(await text(page, '#dev-amount-error')).toBe('Nhập số tiền theo đồng, chỉ gồm chữ số, ví dụ 25000.');
    await page.fill('#dev-amount', '');
    await screenshot(page, '06-pay-dev-tool');

    const notified = page.waitForResponse((r) => r.url().endsWith('/__dev/simulate-payment'));
    await page.click('#dev-pay-button');
    const answer = await (await notified).json();
    expect(answer.notification).toMatchObject({ status: 200, body: { result: 'settled' } });
    const sent = Date.now();
    await page.waitForFunction(() => document.getElementById('status-line')?.textContent === 'Đã thanh toán', null, { timeout: 3_000 });
    expect(Date.now() - sent).toBeLessThanOrEqual(3_000);
    expect(await page.isVisible('#qr-block')).toBe(false); // nobody pays twice
    await checkA11y(page, 'pay-paid');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '07-pay-paid');
    await page.close();
  });

  it('a clerk confirms it in the console and prints the receipt, whose QR checks as genuine', async () => {
    const page = clerkPage;
    await page.goto('/can-bo/dang-nhap.html');
    await checkA11y(page, 'login');
    await screenshot(page, '08-login');
    // Bad input: nothing, then a wrong password (the API's words).
    await page.click('#login-submit');
    expect(await text(page, '#username-error')).toBe('Vui lòng nhập tên đăng nhập.');
    expect(await text(page, '#password-error')).toBe('Vui lòng nhập mật khẩu.');
    await page.fill('#username', 'clerk');
    await page.fill('#password', 'not-the-password');
    await page.click('#login-submit');
    // Checking a password takes a moment on a busy machine (scrypt): wait for the answer, not a fixed second.
    await expect.poll(() => text(page, '#login-errors'), { timeout: 10_000 }).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    await screenshot(page, '09-login-error');
    await checkA11y(page, 'login-error');

    await login(page, 'clerk');
    expect(page.url()).toContain('/can-bo/ban-lam-viec.html');
    // The token is in this tab's sessionStorage, never in localStorage.
    expect(await page.evaluate(() => Boolean(sessionStorage.getItem('motcua.staff')))).toBe(true);
    expect(await page.evaluate(() => localStorage.getItem('motcua.staff'))).toBeNull();

    const card = page.locator(`#order-${orderId}`);
    await card.waitFor();
    await checkA11y(page, 'console-confirm');
    await screenshot(page, '10-console-confirm');
    await card.locator('button').click();
    const print = card.locator('a');
    await print.waitFor();
    expect(await print.textContent()).toMatch(/In biên lai số \d{8}/);
    receiptUrl = new URL((await print.getAttribute('href'))!, server.url).href;
    await print.click();

    await page.waitForSelector('#receipt:not([hidden])');
    expect(await text(page, '#receipt-h')).toBe('BIÊN LAI THU PHÍ, LỆ PHÍ');
    expect(await text(page, '#r-template')).toBe('EBL01');
    expect(await text(page, '#r-symbol')).toMatch(new RegExp(`^\\d{2}T${AGENCY.receiptSymbol}$`));
    expect(await text(page, '#r-number')).toMatch(/^\d{8}$/);
    expect(await text(page, '#r-agency')).toBe(AGENCY.name);
    expect(await text(page, '#r-tax')).toBe(AGENCY.taxCode);
    expect(await text(page, '#r-amount')).toBe('5.000 VND');
    expect(await text(page, '#r-words')).toBe('Năm nghìn đồng');
    expect(await text(page, '#r-method')).toBe('Chuyển khoản ngân hàng');
    expect(await text(page, '#r-date')).toMatch(/^Ngày \d{2} tháng \d{2} năm \d{4}$/);
    expect(await text(page, '#r-payer')).toBe('Nguyễn Văn An');
    expect(await text(page, '#r-signature')).toContain('Chữ ký số hợp lệ');
    await checkA11y(page, 'receipt');
    await screenshot(page, '11-receipt');
    await screenshot(page, '11-receipt-full', { fullPage: true });

    // The QR holds the public check page's address (error correction L, large modules).
    const qr = await decodeQr(page, '#r-qr svg');
    const token = new URL(receiptUrl).searchParams.get('token');
    expect(qr).toBe(`${server.url}/kiem-tra-bien-lai.html?token=${token}`);
    expect(token!.length).toBeGreaterThan(600);

    // Print: the receipt alone, on A4 and on A5.
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 794, height: 1123 });
    expect(await page.isVisible('.site-header')).toBe(false);
    expect(await page.isVisible('#print')).toBe(false);
    expect(await page.isVisible('#receipt')).toBe(true);
    await screenshot(page, '12-receipt-print-a4');
    await page.emulateMedia({ media: 'screen' });
    await page.check('input[name="paper"][value="A5"]');
    expect(await page.textContent('#page-size')).toContain('A5');
    // Applied, not only written: the Content-Security-Policy (sent by the local server too)
    // allows this rule by its hash, so the browser made a style sheet of it.
    expect(await page.evaluate(() => (document.getElementById('page-size') as HTMLStyleElement).sheet?.cssRules[0]?.cssText ?? null)).toMatch(/@page\s*\{\s*size: a5/i);
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 559, height: 794 });
    await screenshot(page, '13-receipt-print-a5');
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goBack();

    const check = await newPage(citizen);
    await check.goto(qr!);
    await check.waitForSelector('#verify-result:not([hidden])');
    expect(await text(check, '#verify-headline')).toBe('Biên lai thật, còn hiệu lực');
    expect(await text(check, '#verify-rows')).toContain('Năm nghìn đồng');
    // The e-receipt's signer: the agency's certificate (issue 15, item 3).
    expect(await text(check, '#verify-rows')).toContain(`${AGENCY.name} (MST ${AGENCY.taxCode})`);
    expect(await text(check, '#verify-rows')).toContain('Số hiệu chứng thư số');
    await checkA11y(check, 'verify-genuine');
    await screenshot(check, '14-verify-genuine');
    await check.close();
  });

  it('the bookmarked pay page now shows the receipt', async () => {
    const page = await newPage(citizen);
    await page.goto(payUrl);
    await page.waitForFunction(() => document.getElementById('status-line')?.textContent === 'Đã thanh toán, đã cấp biên lai');
    const link = page.locator('#status-actions a');
    expect(await link.textContent()).toMatch(/Xem biên lai điện tử số \d{8}/);
    expect(new URL((await link.getAttribute('href'))!, server.url).href).toBe(receiptUrl);
    await checkA11y(page, 'pay-confirmed');
    await screenshot(page, '15-pay-confirmed');
    await link.click();
    await page.waitForSelector('#receipt:not([hidden])');
    expect(await text(page, '#receipt-status-line')).toContain('Biên lai hợp lệ');
    await page.close();
  });
});

describe('after a partial payment', () => {
  it('the QR on screen asks for exactly what is still due, with the same memo', async () => {
    const order = await apiOrder(CERTIFIED_COPY, 3); // 3 pages: 5,000 ₫
    const page = await newPage(citizen);
    await page.goto(order.links.payPage);
    await page.waitForFunction(() => document.getElementById('status-line')?.textContent === 'Đang chờ thanh toán');
    expect(decodeVietQr((await decodeQr(page, '#qr')) ?? '').amount).toBe(5_000);
    await page.evaluate(() => {
      (window as unknown as { firstQr?: string }).firstQr = document.getElementById('qr')?.getAttribute('src') ?? '';
    });

    await simulate(order.id, order.accessToken, 2_000);
    await page.waitForFunction(() => document.getElementById('qr-amount')?.textContent?.replace(/\s+/g, ' ').trim() === '3.000 ₫', null, { timeout: 10_000 });
    // The new image has loaded when its address carries the new amount and it is complete.
    await page.waitForFunction(() => {
      const img = document.getElementById('qr') as HTMLImageElement | null;
      return Boolean(img?.src.startsWith('data:image/png') && img.getAttribute('src') !== (window as unknown as { firstQr?: string }).firstQr && img.complete && img.naturalWidth > 0);
    });
    const after = decodeVietQr((await decodeQr(page, '#qr')) ?? '');
    expect(after.amount).toBe(3_000);
    expect(after.purpose).toBe(order.vietqr.memo);
    expect(order.vietqr.memo).toBe(`MCP${order.reference}`);
    expect(await text(page, '#v-amount')).toBe('3.000 ₫');
    await screenshot(page, '07b-pay-underpaid');
    await page.close();
  });
});

describe('a pay link that is wrong', () => {
  it('says so in plain words, with nothing to pay', async () => {
    const page = await newPage(citizen);
    await page.goto('/pay.html?id=AB3K7MX2&token=not-the-token');
    await page.waitForSelector('#pay-message:not([hidden])');
    expect(await text(page, '#pay-message')).toContain('Không tìm thấy đơn nộp phí này.');
    expect(await page.isVisible('#pay-app')).toBe(false);
    await page.goto('/pay.html');
    await page.waitForSelector('#pay-message:not([hidden])');
    expect(await text(page, '#pay-message')).toContain('Đường link chưa đầy đủ');
    await checkA11y(page, 'pay-missing');
    await page.close();
  });
});

describe('the public receipt check', () => {
  it('says plainly when a receipt is not genuine, and checks what is pasted', async () => {
    const page = await newPage(citizen);
    await page.goto('/kiem-tra-bien-lai.html');
    await checkA11y(page, 'verify-empty');
    await page.click('#verify-form button[type="submit"]');
    expect(await text(page, '#verify-input-error')).toBe('Hãy dán đường link hoặc mã kiểm tra in trên biên lai.');
    await page.fill('#verify-input', 'hello');
    await page.click('#verify-form button[type="submit"]');
    expect(await text(page, '#verify-input-error')).toBe('Đây không phải mã kiểm tra biên lai. Hãy dán đúng đường link in dưới mã QR.');
    await screenshot(page, '16-verify-form-error');

    await page.goto('/404.html');
    await checkA11y(page, '404');
    await screenshot(page, '16b-404');
    await page.goto('/kiem-tra-bien-lai.html');

    // A forged token: well formed, signature wrong.
    await page.goto('/kiem-tra-bien-lai.html?token=eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.AAAA');
    await page.waitForSelector('#verify-result:not([hidden])');
    expect(await text(page, '#verify-headline')).toBe('Biên lai không hợp lệ');
    expect(await page.isVisible('#verify-details')).toBe(false);
    await checkA11y(page, 'verify-fake');
    await screenshot(page, '17-verify-fake');

    await page.goto('/bien-lai.html?token=eyJhbGciOiJFZERTQSJ9.eyJhIjoxfQ.AAAA');
    await page.waitForSelector('#receipt-message:not([hidden])');
    expect(await text(page, '#receipt-message')).toContain('KHÔNG hợp lệ');
    expect(await page.isVisible('#receipt')).toBe(false);
    await page.close();
  });
});

describe('the volunteer at the counter', () => {
  it('creates an assisted order, shows the QR full screen, watches it turn paid, and sees the tally', async () => {
    const page = await newPage(volunteer);
    await login(page, 'volunteer');
    expect(page.url()).toContain('/can-bo/tai-quay.html');
    await page.waitForSelector('#counter:not([hidden])');
    await checkA11y(page, 'counter');
    await screenshot(page, '18-counter');

    // Bad input: no procedure.
    await page.click('#counter-submit');
    expect(await text(page, '#procedureCode-error')).toBe('Vui lòng chọn một thủ tục.');

    await page.fill('#procedureCode', 'trich luc');
    await expect.poll(() => page.locator('.proc-option:not([hidden])').count()).toBe(1);
    await page.check(`input[name="procedureCode"][value="${CIVIL_EXTRACT}"]`);
    expect(await page.isVisible('#quantity')).toBe(true);
    expect(await text(page, 'label[for="quantity"]')).toBe('2. Số bản');
    await page.fill('#quantity', '0');
    await page.click('#counter-submit');
    expect(await text(page, '#quantity-error')).toBe('Nhập một số từ 1 trở lên, ví dụ 3.');
    await page.fill('#quantity', '2');
    expect(await text(page, '#counter-amount')).toBe('16.000 ₫');
    expect(await text(page, '#counter-working')).toBe('2 bản × 8.000 ₫ = 16.000 ₫');
    // An extract counts copies as its quantity: no second question.
    expect(await page.isVisible('#copies')).toBe(false);

    // A certified copy asks how many copies and how many pages each.
    await page.fill('#procedureCode', 'chung thuc ban sao tu ban chinh');
    await page.check(`input[name="procedureCode"][value="${CERTIFIED_COPY}"]`);
    expect(await page.isVisible('#copies')).toBe(true);
    expect(await text(page, 'label[for="quantity"]')).toBe('3. Mỗi bản bao nhiêu trang');
    await page.fill('#copies', '3');
    await page.fill('#quantity', '2');
    expect(await text(page, '#counter-amount')).toBe('12.000 ₫');
    expect(await text(page, '#counter-working')).toBe('2 trang × 2.000 ₫ × 3 bản = 12.000 ₫');
    await checkA11y(page, 'counter-copies');
    await page.fill('#copies', '1');
    await page.fill('#procedureCode', 'trich luc');
    await page.check(`input[name="procedureCode"][value="${CIVIL_EXTRACT}"]`);
    await page.fill('#quantity', '2');
    expect(await text(page, '#counter-amount')).toBe('16.000 ₫');

    // Bad input the API refuses: its words beside the field.
    await page.click('#counter-more summary');
    await page.fill('#payerPhone', 'abc');
    await page.click('#counter-submit');
    await expect.poll(() => text(page, '#payerPhone-error')).toBe('Số điện thoại không hợp lệ (ví dụ 0912 345 678).');
    await checkA11y(page, 'counter-errors');
    await screenshot(page, '19-counter-errors');
    await page.fill('#payerPhone', '');

    const created = page.waitForResponse((r) => r.url().endsWith('/api/staff/orders') && r.request().method() === 'POST');
    await page.click('#counter-submit');
    const response = await created;
    expect(response.status()).toBe(201);
    expect(response.request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const order = (await response.json()) as ApiOrder & { assistedBy: string };
    expect(order.assistedBy).toBe('volunteer');

    await page.waitForSelector('#qr-screen:not([hidden])');
    expect(await text(page, '#qs-amount')).toBe('16.000 ₫');
    expect(await text(page, '#qs-memo')).toBe(`MCP${order.reference}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('qs-title');
    // Everything behind the QR is inert while it is shown.
    expect(await page.getAttribute('#counter', 'inert')).toBe('');
    await checkA11y(page, 'counter-qr');
    await screenshot(page, '20-counter-qr');
    // As on the counter's tablet, turned to the citizen.
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, '20b-counter-qr-tablet');
    await page.setViewportSize({ width: 360, height: 740 });

    await simulate(order.id, order.accessToken);
    await page.waitForFunction(() => document.getElementById('qs-status')?.textContent?.startsWith('Đã thanh toán'), null, { timeout: 4_000 });
    expect(await page.isVisible('#qs-qr')).toBe(false);
    await screenshot(page, '21-counter-paid');

    await page.click('#qs-close');
    expect(await page.isVisible('#qr-screen')).toBe(false);
    await expect.poll(() => text(page, '#my-orders-list')).toContain(order.reference);
    await expect.poll(() => text(page, '#tally-today')).toMatch(/^[1-9]\d*$/);
    expect(await text(page, '#tally-rows')).toContain('Bản sao trích lục hộ tịch');
    await checkA11y(page, 'counter-tally');
    await screenshot(page, '22-counter-tally', { fullPage: true });
    await page.close();
  });
});

describe('the clerk’s console', () => {
  let page: Page;

  beforeAll(async () => {
    page = clerkPage;
    await page.goto('/can-bo/ban-lam-viec.html');
    await page.waitForSelector('#console:not([hidden])');
  });

  it('matches an unmatched transfer by hand, then confirms the order', async () => {
    const order = await apiOrder(FLAT_COMMUNE);
    const memo = 'NOP LE PHI CHUNG THUC GIAO DICH';
    const sample: SampleTransfer = { amount: order.amount, memo, accountNumber: AGENCY.bank.accountNumber, reference: `FT-BROWSER-${Date.now()}`, at: new Date(), bankName: AGENCY.bank.bankName };
    const n = signedNotification('sepay', sample, SECRETS.SEPAY_API_KEY, new Date());
    const res = await fetch(`${server.url}/api/webhooks/sepay`, { method: 'POST', ...n });
    expect(await res.json()).toMatchObject({ result: 'unmatched' });

    await page.click('a[href="#chua-khop"]');
    const card = page.locator('#chua-khop-list li', { hasText: memo });
    await card.waitFor();
    await checkA11y(page, 'console-unmatched');
    await screenshot(page, '23-console-unmatched');
    const input = card.locator('input');
    const id = await input.getAttribute('id');
    await card.locator('button[type="submit"]').click();
    expect(await text(page, `#${id}-error`)).toBe('Nhập mã đơn cần ghép (8 ký tự).');
    await input.fill('ZZZZ-ZZZZ');
    await card.locator('button[type="submit"]').click();
    await expect.poll(() => text(page, `#${id}-error`)).toBe('Không có đơn này ở cơ quan nhận tiền.');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '24-console-unmatched-error');
    await input.fill(order.reference.toLowerCase());
    await card.locator('button[type="submit"]').click();
    await expect.poll(() => text(page, '#chua-khop-list')).toContain(`Đã ghép vào đơn ${order.reference}. Trạng thái đơn: Đã thanh toán.`);

    await page.click('a[href="#cho-xac-nhan"]');
    const toConfirm = page.locator(`#order-${order.id}`);
    await toConfirm.waitFor();
    await toConfirm.locator('button').click();
    // Issuing a receipt signs its XML (RSA): wait for the answer on a busy machine, not a fixed second.
    await expect.poll(() => text(page, `#order-${order.id}`), { timeout: 10_000 }).toMatch(/Đã xác nhận đơn .* cấp biên lai số \d{8}/);
  });

  it('suggests the likely order for an unmatched transfer; one tap matches it', async () => {
    const order = await apiOrder(FLAT_COMMUNE);
    // The payer mistyped one character of the reference: nothing matched it.
    const typo = `${order.reference.slice(0, 7)}${order.reference[7] === '2' ? '3' : '2'}`;
    const memo = `CK ${typo} NOP PHI`;
    const sample: SampleTransfer = { amount: order.amount, memo, accountNumber: AGENCY.bank.accountNumber, reference: `FT-SUGGEST-${Date.now()}`, at: new Date(), bankName: AGENCY.bank.bankName };
    const n = signedNotification('sepay', sample, SECRETS.SEPAY_API_KEY, new Date());
    expect(await (await fetch(`${server.url}/api/webhooks/sepay`, { method: 'POST', ...n })).json()).toMatchObject({ result: 'unmatched' });

    await page.click('a[href="#chua-khop"]');
    await page.click('#chua-khop [data-refresh]');
    const card = page.locator('#chua-khop-list li.card', { hasText: memo });
    await card.waitFor();
    const suggestion = card.locator('.suggestions button', { hasText: `Ghép vào đơn ${order.reference}` });
    await suggestion.waitFor();
    expect(await text(page, `#${await card.getAttribute('id')} .suggest`)).toContain('đúng số tiền còn phải nộp');
    await checkA11y(page, 'console-unmatched-suggestions');
    await screenshot(page, '23b-console-unmatched-suggestions');
    await suggestion.click();
    await expect.poll(() => text(page, '#chua-khop-list')).toContain(`Đã ghép vào đơn ${order.reference}. Trạng thái đơn: Đã thanh toán.`);
  });

  it('records cash at the counter, with errors beside the fields, and issues a cash receipt', async () => {
    const order = await apiOrder(FLAT_COMMUNE);
    await page.click('a[href="#tien-mat"]');
    await page.waitForSelector('#tien-mat:not([hidden])');
    await page.click('#cash-find button[type="submit"]');
    expect(await text(page, '#cash-ref-error')).toBe('Nhập mã tham chiếu của đơn.');
    await page.fill('#cash-ref', 'ABCD EFGH');
    await page.click('#cash-find button[type="submit"]');
    await expect.poll(() => text(page, '#cash-ref-error')).toBe('Không tìm thấy đơn phí này. Hãy mở lại đúng đường dẫn đã nhận.');
    await page.fill('#cash-ref', order.reference);
    await page.click('#cash-find button[type="submit"]');
    await page.waitForSelector('#cash-form:not([hidden])');
    expect(await page.inputValue('#cash-amount')).toBe(String(order.amount));
    await page.fill('#cash-amount', '12a');
    await page.click('#cash-form button[type="submit"]');
    expect(await text(page, '#cash-amount-error')).toBe('Nhập số tiền theo đồng, chỉ gồm chữ số, ví dụ 25000.');
    await page.fill('#cash-amount', String(order.amount));
    await page.fill('#cash-note', 'ab');
    const refused = page.waitForResponse((r) => r.url().endsWith(`/api/staff/orders/${order.id}/cash`));
    await page.click('#cash-form button[type="submit"]');
    const answer = (await (await refused).json()) as { error: { message: string; details: { path: string; message: string }[] } };
    expect(answer.error.details[0]?.path).toBe('note');
    // Beside the field, the API's own words; its message heads the summary.
    await expect.poll(() => text(page, '#cash-note-error')).toBe(answer.error.details[0]!.message);
    expect(await text(page, '#cash-errors')).toContain(answer.error.message);
    await checkA11y(page, 'console-cash-errors');
    await screenshot(page, '25-console-cash-errors');
    await page.fill('#cash-note', 'Nộp tiền mặt tại quầy');
    await page.click('#cash-form button[type="submit"]');
    await expect.poll(() => text(page, '#cash-result')).toContain(`cho đơn ${order.reference}. Trạng thái đơn: Đã thanh toán.`);
    await page.click('#cash-order button');
    const link = page.locator('#cash-order a');
    await link.waitFor();
    await screenshot(page, '26-console-cash-done');
    const receiptHref = new URL((await link.getAttribute('href'))!, server.url).href;
    const receipt = await newPage(clerk);
    await receipt.goto(receiptHref);
    await receipt.waitForSelector('#receipt:not([hidden])');
    expect(await text(receipt, '#r-method')).toBe('Tiền mặt');
    expect(await receipt.isVisible('#r-void')).toBe(false);

    // A receipt cancelled afterwards (through the API: a mistake on it) says so, on the
    // receipt page and on the public check.
    const staffToken = await apiLogin('clerk');
    const staffOrder = (await (await fetch(`${server.url}/api/staff/orders/${order.id}`, { headers: { authorization: `Bearer ${staffToken}` } })).json()) as { receipt: { id: string } };
    const cancel = await fetch(`${server.url}/api/staff/receipts/${encodeURIComponent(staffOrder.receipt.id)}/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'Ghi sai tên người nộp' }),
    });
    expect(cancel.status).toBe(200);
    await receipt.reload();
    await receipt.waitForSelector('#receipt:not([hidden])');
    expect(await text(receipt, '#receipt-status-line')).toBe('BIÊN LAI ĐÃ BỊ HỦY');
    expect(await text(receipt, '#receipt-status-next')).toContain('Lý do: Ghi sai tên người nộp.');
    expect(await receipt.isVisible('#r-void')).toBe(true);
    await checkA11y(receipt, 'receipt-cancelled');
    await screenshot(receipt, '26b-receipt-cancelled');
    await receipt.click('#verify-link');
    await receipt.waitForSelector('#verify-result:not([hidden])');
    expect(await text(receipt, '#verify-headline')).toBe('Biên lai thật nhưng đã bị hủy');
    expect(await text(receipt, '#verify-next')).toContain('Ghi sai tên người nộp');
    await checkA11y(receipt, 'verify-cancelled');
    await screenshot(receipt, '26c-verify-cancelled');
    await receipt.close();
  });

  it('marks a refund as paid back, with a note', async () => {
    const order = await apiOrder(FLAT_COMMUNE);
    await simulate(order.id, order.accessToken);
    await simulate(order.id, order.accessToken, order.amount); // paid twice: the second is owed back
    await page.click('a[href="#hoan-tien"]');
    const card = page.locator('#hoan-tien-list li', { hasText: order.id });
    await card.waitFor();
    await checkA11y(page, 'console-refunds');
    await screenshot(page, '27-console-refunds');
    const note = card.locator('textarea');
    const id = await note.getAttribute('id');
    await card.locator('button[type="submit"]').click();
    expect(await text(page, `#${id}-error`)).toBe('Hãy ghi chú cách đã hoàn tiền (ít nhất 3 ký tự).');
    await note.fill('Đã chuyển trả qua Vietcombank, FT123');
    await card.locator('button[type="submit"]').click();
    await expect.poll(() => card.textContent()).toContain('Đã ghi nhận hoàn tiền lúc');
  });

  it('shows the day’s report and downloads it as .xlsx and CSV', async () => {
    await page.click('a[href="#bao-cao"]');
    await page.waitForSelector('#report-result:not([hidden])');
    expect(await text(page, '#report-body')).toContain(`Báo cáo đối soát ${AGENCY.name}`);
    expect(await text(page, '#report-body')).toContain('Tiền nhận được');
    await checkA11y(page, 'console-report');
    await screenshot(page, '28-console-report');
    const save = async (button: string) => {
      const download = page.waitForEvent('download');
      await page.click(button);
      const file = await download;
      const chunks: Buffer[] = [];
      for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
      return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
    };
    const csv = await save('#report-csv');
    expect(csv.name).toMatch(new RegExp(`^bao-cao-ngay-\\d{4}-\\d{2}-\\d{2}-${AGENCY.id}\\.csv$`));
    // The CSV Excel opens in columns with Vietnamese regional settings (list separator ;) too.
    const rows = excelOpens(csv.bytes, ';');
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.find((r) => r[0] === 'Mã cơ quan')).toEqual(['Mã cơ quan', AGENCY.id]);
    expect(rows.find((r) => r[0] === 'Mã')).toEqual(['Mã', 'Mục', 'Chỉ tiêu', 'Số lượng', 'Số tiền (đồng)']);
    const xlsx = await save('#report-xlsx');
    expect(xlsx.name).toMatch(new RegExp(`^bao-cao-ngay-\\d{4}-\\d{2}-\\d{2}-${AGENCY.id}\\.xlsx$`));
    const book = await readXlsx(xlsx.bytes);
    expect(book.sheets.map((x) => x.name)).toEqual(['Thông tin', 'Tổng hợp', 'Giao dịch', 'Biên lai']);
    expect(book.sheets[0]!.rows).toContainEqual(['Mã cơ quan', AGENCY.id]);

    await page.fill('#report-date', '');
    await page.click('#report-form button[type="submit"]');
    expect(await text(page, '#report-date-error')).toBe('Chọn ngày báo cáo (ngày/tháng/năm).');
  });

  it('switches to English and back', async () => {
    await page.click('#lang-switch');
    expect(await text(page, 'h1')).toBe('One-stop console');
    expect(await text(page, 'a[href="#cho-xac-nhan"]')).toContain('To confirm');
    await page.click('#lang-switch');
    expect(await text(page, 'h1')).toBe('Bàn làm việc một cửa');
  });
});

describe('staff sessions', () => {
  it('an expired token goes back to login with a message, and returns to the page after', async () => {
    const page = clerkPage;
    await page.goto('/can-bo/ban-lam-viec.html#chua-khop');
    await page.waitForSelector('#console:not([hidden])');
    // A token the server no longer accepts (revoked or expired on its side).
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('motcua.staff') ?? '{}');
      s.token = 'eyJhbGciOiJFZERTQSJ9.e30.AAAA';
      sessionStorage.setItem('motcua.staff', JSON.stringify(s));
    });
    await page.click('#chua-khop [data-refresh]');
    await page.waitForURL(/dang-nhap\.html\?reason=expired/);
    expect(await text(page, '#login-notice')).toBe('Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại để tiếp tục.');
    expect(await page.evaluate(() => sessionStorage.getItem('motcua.staff'))).toBeNull();
    await screenshot(page, '29-login-expired');
    await page.fill('#username', 'clerk');
    await page.fill('#password', 'motcua-demo-2026');
    await page.click('#login-submit');
    await page.waitForURL(/ban-lam-viec\.html#chua-khop$/);

    // A session past its expiry time leaves without asking the server.
    await page.evaluate(() => {
      const s = JSON.parse(sessionStorage.getItem('motcua.staff') ?? '{}');
      s.expiresAt = new Date(Date.now() - 1000).toISOString();
      sessionStorage.setItem('motcua.staff', JSON.stringify(s));
    });
    await page.goto('/can-bo/tai-quay.html');
    await page.waitForURL(/dang-nhap\.html\?reason=expired/);
    await login(page, 'clerk');

    await page.goto('/can-bo/ban-lam-viec.html');
    await page.click('#logout');
    await page.waitForURL(/dang-nhap\.html\?reason=logout/);
    expect(await text(page, '#login-notice')).toBe('Bạn đã đăng xuất.');
    expect(await page.evaluate(() => sessionStorage.getItem('motcua.staff'))).toBeNull();
    // Staff pages without a session send to login.
    await page.goto('/can-bo/ban-lam-viec.html');
    await page.waitForURL(/dang-nhap\.html\?reason=required/);
    // A new tab starts logged out: the token never leaves the tab it was given to.
    await login(page, 'clerk');
    const other = await newPage(clerk);
    await other.goto('/can-bo/ban-lam-viec.html');
    await other.waitForURL(/dang-nhap\.html\?reason=required/);
    await other.close();
  });
});

describe('every page', () => {
  it('has no serious or critical axe violation', () => {
    if (findings.length) console.log(JSON.stringify(findings, null, 2));
    expect(findings).toEqual([]);
  });

  it('holds its layout at 320 px wide', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, baseURL: server.url });
    const page = await context.newPage();
    const order = await apiOrder(CERTIFIED_COPY, 2);
    const overflow: string[] = [];
    const measure = async (name: string) => {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 320) overflow.push(`${name}: ${wide}px`);
    };
    for (const url of ['/', `/thu-tuc/${CERTIFIED_COPY}.html`, order.links.payPage, '/404.html', '/kiem-tra-bien-lai.html', '/can-bo/dang-nhap.html']) {
      await page.goto(url);
      await page.waitForLoadState('load');
      await measure(url);
    }
    await login(page, 'clerk');
    for (const view of ['cho-xac-nhan', 'chua-khop', 'hoan-tien', 'tien-mat', 'bao-cao']) {
      await page.goto(`/can-bo/ban-lam-viec.html#${view}`);
      await page.waitForSelector(`#${view}:not([hidden])`);
      await page.waitForTimeout(300);
      await measure(`console #${view}`);
    }
    await page.goto('/can-bo/tai-quay.html');
    await page.waitForSelector('#counter:not([hidden])');
    await measure('counter');
    await context.close();
    expect(overflow).toEqual([]);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
