/**
 * The console's Integrations view in a real browser, against the real server (`npm start`'s
 * own entry, its events timer on): an admin registers an integration (the API key and the
 * signing secret shown once), the client places an order with its key, the order is paid
 * by a signed notification, the event reaches a real receiver verifying it with
 * `standardwebhooks`, the admin sees the delivery and replays it (same webhook-id). A clerk
 * has no such view. axe on each state, screenshots at 360×740.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { signedNotification } from '../../functions/webhooks/providers';
import { AGENCIES } from '../../shared/catalogue';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { payableProcedureAt } from '../support/fixtures';
import { axeSerious, launchBrowser, login, phoneContext, screenshot, SECRETS, startServer, watch, type AxeFinding, type Server } from './support';

const AGENCY = AGENCIES.find((a) => a.level === 'commune')!;

let server: Server;
let browser: Browser;
let admin: BrowserContext;
let receiver: Receiver;
const findings: AxeFinding[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  [server, browser, receiver] = await Promise.all([startServer(inject('dynamodbEndpoint')), launchBrowser(), startReceiver()]);
  admin = await phoneContext(browser, server.url);
}, 120_000);

afterAll(async () => {
  await admin?.close();
  await browser?.close();
  await server?.stop();
  await receiver?.close();
});

describe('integrations in the console (admin)', () => {
  it('registers an integration, shows its secrets once, and lists the delivered event with a replay', async () => {
    const page = await admin.newPage();
    watch(page, pageErrors);
    await login(page, 'admin');
    await page.goto('/can-bo/ban-lam-viec.html#tich-hop');
    await page.waitForSelector('#tich-hop:not([hidden])');
    await page.waitForSelector('#tich-hop-status:has-text("")');
    findings.push(...(await axeSerious(page, 'integrations-empty')));

    await page.fill('#integ-name', 'Phần mềm một cửa tỉnh');
    await page.fill('#integ-url', receiver.url);
    await page.check(`#integ-agency-${AGENCY.id}`);
    await page.click('#integ-form button[type=submit]');
    await page.waitForSelector('#integ-secrets:not([hidden])');
    const secrets = await page.locator('#integ-secrets code').allTextContents();
    expect(secrets[0]).toMatch(/^mcpk\.int_[0-9a-f]{16}\./);
    expect(secrets[1]).toMatch(/^whsec_/);
    receiver.secret = secrets[1]!;
    await page.waitForSelector('#tich-hop-list li.card');
    findings.push(...(await axeSerious(page, 'integrations-created')));
    await screenshot(page, 'console-integrations', { fullPage: true });
    // Shown once: after a reload, the list has no secret.
    await page.reload();
    await page.waitForSelector('#tich-hop-list li.card');
    expect(await page.content()).not.toContain(secrets[0]!.split('.')[2]!);

    // The client places an order with its key; a genuine notification pays it.
    const { procedure, quantity } = payableProcedureAt(AGENCY.id, 2);
    const placed = await fetch(`${server.url}/api/integration/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': secrets[0]! },
      body: JSON.stringify({ procedureCode: procedure.code, agencyId: AGENCY.id, quantity, dossierCode: 'HS-BROWSER-1' }),
    });
    expect(placed.status).toBe(201);
    const order = await placed.json();
    const arrived = receiver.next();
    const n = signedNotification('sepay', { amount: order.amount, memo: order.vietqr.memo, accountNumber: order.vietqr.accountNumber, reference: 'FT-BROWSER-EVT', at: new Date() }, SECRETS.SEPAY_API_KEY, new Date());
    expect((await fetch(`${server.url}/api/webhooks/sepay`, { method: 'POST', headers: n.headers, body: n.body })).status).toBe(200);
    const first = await arrived;
    expect(first.verified).toBe(true);
    expect(first.payload).toMatchObject({ type: 'order.paid', data: { dossierCode: 'HS-BROWSER-1' } });

    await page.click('#tich-hop-list details summary');
    const delivery = page.locator(`#delivery-${first.id}`);
    await delivery.waitFor();
    expect(await delivery.textContent()).toContain('order.paid');
    const replayed = receiver.next();
    await delivery.locator('button').click();
    expect((await replayed).id).toBe(first.id);
    await page.waitForSelector(`#delivery-${first.id} li:has-text("replay")`);
    findings.push(...(await axeSerious(page, 'integrations-deliveries')));
    await page.close();
  });

  it('a clerk\'s console has no Integrations tab', async () => {
    const context = await phoneContext(browser, server.url);
    const page = await context.newPage();
    watch(page, pageErrors);
    await login(page, 'clerk');
    await page.goto('/can-bo/ban-lam-viec.html#tich-hop');
    await page.waitForSelector('#cho-xac-nhan:not([hidden])');
    expect(await page.isHidden('#tab-tich-hop')).toBe(true);
    expect(await page.isHidden('#tich-hop')).toBe(true);
    await context.close();
  });

  it('has no serious or critical accessibility finding, and no script error', () => {
    expect(findings).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
