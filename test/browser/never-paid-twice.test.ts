/**
 * Never paid twice (issue 14, item 6) in real Chromium, against the real server: the guide
 * of a procedure paid on the national portal when filed online says so plainly, with no QR
 * for that channel; the pay flow of a procedure waived online with VNeID level 2 tells the
 * citizen before any QR and makes no order when the waiver covers everything.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AGENCIES } from '../../shared/catalogue';
import { axeSerious, launchBrowser, login, phoneContext, screenshot, startServer, text, watch, type AxeFinding, type Server } from './support';

const CIVIL_EXTRACT = '2.000635'; // paid on the national portal when filed online; waived online with VNeID level 2 in the window
const AGENCY = AGENCIES.find((a) => a.level === 'commune')!;

let server: Server;
let browser: Browser;
let citizen: BrowserContext;
const findings: AxeFinding[] = [];
const pageErrors: string[] = [];

async function newPage(): Promise<Page> {
  const page = await citizen.newPage();
  watch(page, pageErrors);
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(inject('dynamodbEndpoint')), launchBrowser()]);
  citizen = await phoneContext(browser, server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('never paid twice', () => {
  it('the guide says where to pay when filing online, and that no QR is needed for it', async () => {
    const page = await newPage();
    await page.goto(`/thu-tuc/${CIVIL_EXTRACT}.html`);
    const notice = page.locator('#nop-phi #portal-payment');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toBe(
      'Nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn)? Hãy nộp lệ phí ngay trên Cổng khi nộp hồ sơ: không cần mã QR của trang này. Đã nộp trên Cổng thì không nộp lại tại bộ phận một cửa.',
    );
    findings.push(...(await axeSerious(page, 'guide-portal-payment')));
    await screenshot(page, 'never-paid-twice-guide');
    await page.close();
  });

  it('a procedure not marked so does not say it', async () => {
    const page = await newPage();
    await page.goto('/thu-tuc/2.000913.html');
    expect(await page.locator('#portal-payment').count()).toBe(0);
    await page.close();
  });

  it('waived online with VNeID level 2: told before any QR, and no order is made', async () => {
    const page = await newPage();
    await page.clock.setFixedTime(new Date('2026-09-01T10:00:00+07:00'));
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/orders') && r.method() === 'POST') posted.push(r.postData() ?? '');
    });
    await page.goto(`/thu-tuc/${CIVIL_EXTRACT}/nop-phi.html`);
    // The pay flow says it too, above the form.
    expect(await page.locator('#nop-phi #portal-payment').isVisible()).toBe(true);
    await page.selectOption('#agencyId', AGENCY.id);
    await page.check('#vneidOnline');
    expect(await text(page, '#amount')).toBe('0 ₫');
    expect(await text(page, '#relief-applied')).toContain('Bạn không phải nộp khoản phí này');
    expect(await text(page, '#relief-applied')).toContain('Không cần mã QR');
    expect(await page.locator('#order-submit').isVisible()).toBe(false);
    // Enter in a field submits the form: still nothing is sent, no QR.
    await page.press('#quantity', 'Enter');
    expect(posted).toEqual([]);
    expect(page.url()).toContain('/nop-phi.html');
    findings.push(...(await axeSerious(page, 'pay-waived')));
    await screenshot(page, 'never-paid-twice-waived');

    // At the counter the fee is due: the button is back and the order is made.
    await page.uncheck('#vneidOnline');
    expect(await text(page, '#amount')).toBe('8.000 ₫');
    expect(await page.locator('#order-submit').isVisible()).toBe(true);
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/orders') && r.method() === 'POST');
    await page.click('#order-submit');
    const body = JSON.parse((await sent).postData() ?? '{}');
    expect(body).toMatchObject({ procedureCode: CIVIL_EXTRACT, agencyId: AGENCY.id });
    expect(body.channel).toBeUndefined();
    await page.close();
  });

  it('a clerk closes an order for a dossier as paid on the portal from the console; it shows the state', async () => {
    const res = await fetch(`${server.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: '2.000913', agencyId: AGENCY.id, dossierCode: 'H58.32-261203-0099' }),
    });
    expect(res.status).toBe(201);
    const order = (await res.json()) as { id: string; reference: string };
    const clerk = await phoneContext(browser, server.url);
    const page = await clerk.newPage();
    watch(page, pageErrors);
    await login(page, 'clerk');
    await page.goto('/can-bo/ban-lam-viec.html#tien-mat');
    await page.waitForSelector('#tien-mat:not([hidden])');
    await page.fill('#cash-ref', order.reference);
    await page.click('#cash-find button[type="submit"]');
    await page.waitForSelector('#cash-order:not([hidden])');
    await page.click('#cash-order .portal-box > button');
    const ref = `#portal-ref-${order.id}`;
    await page.fill(ref, 'x');
    await page.fill(`#portal-note-${order.id}`, 'Đã đối chiếu trên Cổng');
    await page.click(`#${`portal-ref-${order.id}`}-panel button[type="submit"]`);
    expect(await text(page, `${ref}-error`)).toBe('Hãy nhập mã thanh toán trên Cổng: 4–64 chữ, số, dấu . _ - /.');
    await page.fill(ref, 'DVCQG-261203-000777');
    await page.click(`${ref}-panel button[type="submit"]`);
    expect(await text(page, `${ref}-q`)).toContain('Không thể hoàn tác');
    findings.push(...(await axeSerious(page, 'console-portal-confirm')));
    await page.click(`${ref}-panel button.danger`);
    await expect.poll(() => text(page, '#cash-result')).toBe(`Đã đóng đơn ${order.reference}: đã nộp trên Cổng Dịch vụ công.`);
    expect(await text(page, `#portal-paid-${order.id}`)).toContain('Mã DVCQG-261203-000777');
    expect(await page.isVisible('#cash-form')).toBe(false);
    await screenshot(page, 'never-paid-twice-console');
    await clerk.close();
  });

  it('no serious accessibility finding, no page error', () => {
    expect(findings).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
