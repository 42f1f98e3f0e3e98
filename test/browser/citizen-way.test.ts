/**
 * The citizen's way (issue 13) in real Chromium at 360×740, against the real server
 * (`local/start.ts`, development build, on the run's DynamoDB Local):
 *
 * - the four-tap journey scripted as a person would: type the search, tap the result, tap
 *   "Nộp lệ phí", tap the button, and the QR is on screen, decoded to the fee;
 * - search results under the box, above where the keyboard opens, under a results heading;
 * - the agency remembered for next time; everyday names in headings;
 * - the pay page: one status line above the QR, whom they pay next to the amount, save,
 *   share and copy present, the saved PNG a real QR of what is due; words of reassurance
 *   after 90 s (the page's clock fast-forwarded, not waited for); the confirmation page
 *   once paid; the QR kept with "Thử lại ngay" while the API is down or the phone offline;
 * - no dead ends: a wrong pay link and an unknown address offer the search and who to ask;
 * - axe on every new page, no sideways scrolling at 320 px; screenshots kept.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AGENCIES } from '../../shared/catalogue';
import { decodeVietQr } from '../../shared/vietqr';
import { axeSerious, decodeQr, launchBrowser, phoneContext, screenshot, startServer, text, watch, type AxeFinding, type Server } from './support';

const LAND_TRANSFER = '1.013831'; // province level: one agency, a flat fee
const CERTIFIED_COPY = '2.000815'; // commune level: three agencies, copies and pages
const PROVINCE = AGENCIES.find((a) => a.level === 'province')!;
const COMMUNE = AGENCIES.find((a) => a.level === 'commune')!;

let server: Server;
let browser: Browser;
const findings: AxeFinding[] = [];
const pageErrors: string[] = [];

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  watch(page, pageErrors);
  return page;
}

async function checkA11y(page: Page, name: string): Promise<void> {
  findings.push(...(await axeSerious(page, name)));
}

interface ApiOrder {
  id: string;
  reference: string;
  accessToken: string;
  amount: number;
  links: { payPage: string };
  vietqr: { memo: string; accountName: string };
}

async function apiOrder(procedureCode: string, agencyId: string, quantity?: number): Promise<ApiOrder> {
  const res = await fetch(`${server.url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode, agencyId, ...(quantity ? { quantity } : {}) }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as ApiOrder;
}

async function simulate(orderId: string, token: string, amount?: number): Promise<void> {
  const res = await fetch(`${server.url}/__dev/simulate-payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ orderId, token, ...(amount ? { amount } : {}) }),
  });
  expect(res.status).toBe(200);
}

const waitingForPayment = (page: Page) => page.waitForFunction(() => document.getElementById('status-line')?.textContent === 'Đang chờ thanh toán');

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(inject('dynamodbEndpoint')), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('find, then pay', () => {
  it('gets from home to the right QR in four taps (typing the search is one)', async () => {
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    let taps = 0;
    await page.goto('/');

    // Tap 1: the search, typed as a person types, without diacritics.
    taps++;
    await page.locator('#q').pressSequentially('sang ten so do');
    await expect.poll(() => text(page, '#list-title')).toBe('Kết quả tìm kiếm');
    await expect.poll(() => text(page, '#search-status')).toMatch(/Có 1 thủ tục phù hợp/);
    const result = page.locator(`#procedure-list a[href="/thu-tuc/${LAND_TRANSFER}.html"]`);
    // Right under the box: its first line in the upper part of the screen the on-screen
    // keyboard leaves free (the keyboard takes about the lower 40 %).
    await screenshot(page, 'cw-01-home-results');
    const box = await result.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + 30).toBeLessThanOrEqual(740 * 0.6);
    expect(await text(page, `#procedure-list a[href="/thu-tuc/${LAND_TRANSFER}.html"] .proc-name`)).toBe('Sang tên sổ đỏ (mua bán, thừa kế, tặng cho)');
    await checkA11y(page, 'home-results');
    await screenshot(page, 'cw-01-home-results');

    // Tap 2: the result. The guide's heading is the everyday name; its first button pays.
    taps++;
    await result.click();
    await page.waitForURL(`**/thu-tuc/${LAND_TRANSFER}.html`);
    expect(await text(page, 'h1')).toBe('Sang tên sổ đỏ (mua bán, thừa kế, tặng cho)');
    const payButton = page.locator('#pay-start');
    expect(await payButton.isVisible()).toBe(true);
    expect((await payButton.boundingBox())!.y).toBeLessThan(740);
    await screenshot(page, 'cw-02-guide');

    // Tap 3: "Nộp lệ phí". The only agency is chosen; the amount is shown to check.
    taps++;
    await payButton.click();
    await page.waitForURL(`**/thu-tuc/${LAND_TRANSFER}/nop-phi.html`);
    expect(await text(page, 'h1 [data-i18n="start.title"]')).toBe('Nộp lệ phí');
    expect(await text(page, 'h1 .caption')).toBe('Sang tên sổ đỏ (mua bán, thừa kế, tặng cho)');
    expect(await page.inputValue('#agencyId')).toBe(PROVINCE.id);
    await checkA11y(page, 'pay-start');
    await screenshot(page, 'cw-03-pay-start');

    // Tap 4: the button. The QR is on screen, and asks for the fee shown.
    taps++;
    const shown = await text(page, '#amount');
    await page.click('#order-submit');
    await page.waitForURL(/\/pay\.html\?id=/);
    await page.waitForFunction(() => {
      const img = document.getElementById('qr') as HTMLImageElement | null;
      return Boolean(img && img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0);
    });
    expect(taps).toBe(4);
    const due = decodeVietQr((await decodeQr(page, '#qr')) ?? '');
    expect(`${due.amount!.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`).toBe(shown);
    await screenshot(page, 'cw-04-qr');
    await context.close();
  });

  it('remembers where the citizen filed, says so, and keeps it changeable', async () => {
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto(`/thu-tuc/${CERTIFIED_COPY}/nop-phi.html`);
    expect(await page.inputValue('#agencyId')).toBe('');
    expect(await page.isVisible('#agency-remembered')).toBe(false);
    // The working is shown as the citizen counts.
    await page.fill('#copies', '2');
    await page.fill('#quantity', '3');
    expect(await text(page, '#amount-working')).toBe('(2 trang × 2.000 ₫ + 1 trang × 1.000 ₫) × 2 bản = 10.000 ₫');
    await page.selectOption('#agencyId', COMMUNE.id);
    await page.click('#order-submit');
    await page.waitForURL(/\/pay\.html\?id=/);

    await page.goto(`/thu-tuc/${CERTIFIED_COPY}/nop-phi.html`);
    expect(await page.inputValue('#agencyId')).toBe(COMMUNE.id);
    expect(await text(page, '#agency-remembered')).toBe('Đã chọn sẵn nơi bạn nộp lần trước. Bạn có thể đổi.');
    await context.close();
  });
});

describe('the pay page', () => {
  it('puts the status in one line above the QR, whom they pay beside the amount, and save, share and copy', async () => {
    const order = await apiOrder(CERTIFIED_COPY, COMMUNE.id, 3);
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto(order.links.payPage);
    await waitingForPayment(page);
    const status = (await page.locator('#status-line').boundingBox())!;
    const qr = (await page.locator('#qr').boundingBox())!;
    expect(status.height).toBeLessThan(40); // one line
    expect(status.y).toBeLessThan(qr.y);
    expect(qr.y + qr.height).toBeLessThanOrEqual(740); // the whole QR in the first screen
    expect(await text(page, '#pay-to')).toBe(`Người nhận: ${order.vietqr.accountName}`);
    expect(await page.isVisible('#save-qr')).toBe(true);
    expect(await page.isVisible('#share-link')).toBe(true);
    expect(await page.isVisible('#v-memo-copy')).toBe(true);
    expect(await page.isVisible('#v-amount-copy')).toBe(true);
    expect(await page.isVisible('#v-account-number-copy')).toBe(true);
    expect(await text(page, '#ios-hint')).toContain('Lưu vào Ảnh');
    // The saved image is a real PNG of the QR that asks for what is due, with the words under it.
    const href = (await page.getAttribute('#save-qr', 'href')) ?? '';
    expect(href).toMatch(/^data:image\/png;base64,/);
    expect(await page.evaluate(() => (document.getElementById('qr') as HTMLImageElement).tagName)).toBe('IMG');
    const decoded = decodeVietQr((await decodeQr(page, '#qr')) ?? '');
    expect(decoded).toMatchObject({ amount: 5_000, purpose: order.vietqr.memo });
    await checkA11y(page, 'pay-waiting');
    await screenshot(page, 'cw-05-pay');

    // Without a share sheet (this headless browser), the link is copied and the page says so.
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.click('#share-link');
    await expect.poll(() => text(page, '#copy-live')).toMatch(/Đã sao chép đường link|Không sao chép được/);
    await context.close();
  });

  it('after 90 s unpaid, says banks can be slow and not to pay again (the clock fast-forwarded)', async () => {
    const order = await apiOrder(LAND_TRANSFER, PROVINCE.id);
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.clock.install();
    await page.goto(order.links.payPage);
    await waitingForPayment(page);
    expect(await page.isVisible('#pay-slow')).toBe(false);
    await page.clock.fastForward('01:31');
    await page.waitForSelector('#pay-slow:not([hidden])');
    expect(await text(page, '#pay-slow')).toBe(`Ngân hàng có thể chậm vài phút. Đừng chuyển lại. Nếu tài khoản đã bị trừ tiền, đưa mã ${order.reference} cho cán bộ.`);
    await checkA11y(page, 'pay-slow');
    await screenshot(page, 'cw-06-pay-slow');
    await context.close();
  });

  it('keeps the code and the QR while the API is down, with "Thử lại ngay"; says so plainly offline', async () => {
    const order = await apiOrder(LAND_TRANSFER, PROVINCE.id);
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto(order.links.payPage);
    await waitingForPayment(page);
    await page.route(`**/api/orders/${order.id}`, (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"UNAVAILABLE","message":"x"}}' }));
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForSelector('#retry-row:not([hidden])');
    expect(await text(page, '#status-meta')).toBe(`Chưa kiểm tra được trạng thái nộp tiền. Mã QR vẫn dùng được. Mã nộp phí: ${order.reference}.`);
    expect(await page.isVisible('#qr')).toBe(true);
    expect(await text(page, '#d-reference')).toBe(order.reference);
    await checkA11y(page, 'pay-down');
    await screenshot(page, 'cw-07-pay-down');
    await page.unroute(`**/api/orders/${order.id}`);
    await page.click('#retry');
    await page.waitForSelector('#retry-row[hidden]', { state: 'attached' });
    expect(await text(page, '#status-meta')).toMatch(/^Cập nhật lúc/);

    await context.setOffline(true);
    await page.click('#share-link').catch(() => undefined);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(() => text(page, '#status-meta')).toContain('Máy đang không có mạng. Mã QR vẫn dùng được');
    expect(await page.isVisible('#qr')).toBe(true);
    await context.setOffline(false);
    await context.close();
  });

  it('once paid, is the confirmation page: "Đã nộp lệ phí", the code large, what happens next', async () => {
    const order = await apiOrder(LAND_TRANSFER, PROVINCE.id);
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto(order.links.payPage);
    await waitingForPayment(page);
    await simulate(order.id, order.accessToken);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Đã nộp lệ phí', null, { timeout: 10_000 });
    expect(await text(page, '#done-reference')).toBe(order.reference);
    expect(await page.isVisible('#done-next')).toBe(true);
    expect(await page.isVisible('#qr-block')).toBe(false);
    await checkA11y(page, 'pay-done');
    await screenshot(page, 'cw-08-pay-done');
    await context.close();
  });
});

describe('no dead ends', () => {
  it('a wrong pay link says what happened, offers the search and who to ask', async () => {
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto('/pay.html?id=AB3K7MX2&token=not-the-token');
    await page.waitForSelector('#pay-lost:not([hidden])');
    expect(await text(page, 'h1')).toBe('Không mở được đơn nộp phí');
    expect(await text(page, '#pay-lost')).toContain('Bộ phận Một cửa');
    expect(await page.getAttribute('#pay-lost a', 'href')).toBe('/');
    await checkA11y(page, 'pay-lost');
    await screenshot(page, 'cw-09-pay-lost');
    await context.close();
  });

  it('an unknown address is the site’s 404 page, with the search', async () => {
    const res = await fetch(`${server.url}/thu-tuc/khong-co.html`);
    expect(res.status).toBe(404);
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto('/thu-tuc/khong-co.html');
    expect(await text(page, 'h1')).toBe('Không tìm thấy trang');
    expect(await text(page, 'main a.button')).toBe('Tìm thủ tục');
    await checkA11y(page, 'not-found');
    await context.close();
  });

  it('serves the site as production does: compressed, hashed assets cached for a year, pages revalidated', async () => {
    const home = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(home.headers.get('content-encoding')).toBe('gzip');
    expect(home.headers.get('cache-control')).toBe('no-cache');
    const css = (await home.text()).match(/href="(\/assets\/site-[^"]+\.css)"/)?.[1];
    const asset = await fetch(`${server.url}${css}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
  });
});

describe('one voice (item 8)', () => {
  it('calls the code "Mã nộp phí", writes the deadline as people do, and speaks without maths words', async () => {
    const order = await apiOrder(LAND_TRANSFER, PROVINCE.id);
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto(order.links.payPage);
    await waitingForPayment(page);
    expect(await text(page, '[data-i18n="pay.code"]')).toBe('Mã nộp phí');
    expect(await text(page, '#d-reference')).toBe(order.reference);
    expect(await text(page, '[data-i18n="pay.expires"]')).toBe('Nộp trước');
    expect(await text(page, '#d-expires')).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    // A broken link: what happened, in plain words, with no internal names for its parts.
    await page.goto('/pay.html?id=AB3K7MX2');
    await page.waitForSelector('#pay-lost:not([hidden])');
    const lost = await text(page, 'main');
    expect(lost).toContain('Đường link chưa đầy đủ.');
    expect(lost).not.toMatch(/mã đơn|mã truy cập/i);
    await context.close();

    // The API's words for a count that is not whole: everyday words, in both languages.
    const res = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: CERTIFIED_COPY, agencyId: COMMUNE.id, quantity: 2.5, copies: 1.5 }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { details: { path: string; message: string; messageEn: string }[] } };
    expect(error.details).toContainEqual({ path: 'quantity', message: 'Nhập một số không có phần lẻ, ví dụ 3.', messageEn: 'Enter a number with no fraction, for example 3.' });
    expect(error.details).toContainEqual({ path: 'copies', message: 'Số bản là số đếm, ví dụ 2.', messageEn: 'The number of copies is a count, for example 2.' });
    expect(JSON.stringify(error)).not.toMatch(/số nguyên|chuỗi ký tự/);
  });

  it('asks for the agency in the same register as every other citizen page', async () => {
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto(`/thu-tuc/${CERTIFIED_COPY}/nop-phi.html`);
    await page.waitForSelector('#order-form:not([hidden]) #order-submit');
    await page.selectOption('#agencyId', '');
    await page.click('#order-submit');
    await expect.poll(() => text(page, '#agencyId-error')).toBe('Hãy chọn nơi bạn nộp hồ sơ.');
    await context.close();
  });
});

describe('offline at the counter', () => {
  it('keeps the search, a visited guide and a visited pay page once the network is gone', async () => {
    const order = await apiOrder(LAND_TRANSFER, PROVINCE.id);
    const context = await phoneContext(browser, server.url);
    const page = await newPage(context);
    await page.goto('/');
    // The service worker installs (with the home page, the pay page and the scripts) and takes over.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    await page.goto(`/thu-tuc/${CERTIFIED_COPY}.html`);
    await page.goto(order.links.payPage);
    await waitingForPayment(page);

    await context.setOffline(true);
    const guide = await page.goto(`/thu-tuc/${CERTIFIED_COPY}.html`);
    expect(guide?.fromServiceWorker()).toBe(true);
    expect(await text(page, 'h1')).toBe('Chứng thực bản sao (sao y bản chính)');
    await page.goto('/');
    await page.locator('#q').pressSequentially('khai sinh');
    await expect.poll(() => text(page, '#list-title')).toBe('Kết quả tìm kiếm');
    expect(await page.isVisible('a[href="/thu-tuc/1.001193.html"]')).toBe(true);
    // The pay page opened offline keeps its QR and says it cannot check the payment.
    await page.goto(order.links.payPage);
    await expect.poll(() => text(page, '#status-meta')).toContain('Máy đang không có mạng. Mã QR vẫn dùng được');
    expect(await page.isVisible('#qr')).toBe(true);
    expect(decodeVietQr((await decodeQr(page, '#qr')) ?? '').purpose).toBe(order.vietqr.memo);
    await checkA11y(page, 'pay-offline');
    await screenshot(page, 'cw-10-pay-offline');
    await context.setOffline(false);
    await context.close();
  });
});

describe('every new page', () => {
  it('holds its layout at 320 px wide', async () => {
    const order = await apiOrder(CERTIFIED_COPY, COMMUNE.id, 2);
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, baseURL: server.url });
    const page = await context.newPage();
    const overflow: string[] = [];
    for (const url of [`/thu-tuc/${CERTIFIED_COPY}/nop-phi.html`, order.links.payPage, '/pay.html?id=AB3K7MX2&token=x']) {
      await page.goto(url);
      await page.waitForLoadState('load');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 320) overflow.push(`${url}: ${wide}px`);
    }
    await context.close();
    expect(overflow).toEqual([]);
  });

  it('has no serious or critical axe violation', () => {
    if (findings.length) console.log(JSON.stringify(findings, null, 2));
    expect(findings).toEqual([]);
  });

  it('ran without script errors', () => {
    expect(pageErrors.filter((e) => !/status of 503|ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e))).toEqual([]);
  });
});
