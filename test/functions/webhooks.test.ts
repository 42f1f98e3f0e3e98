/**
 * Payment notifications through the real webhooks app on a real DynamoDB Local table,
 * signed exactly as each provider signs them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { decodeVietQr } from '../../shared/vietqr';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createPublicApp } from '../../functions/public/app';
import { createWebhooksApp } from '../../functions/webhooks/app';
import { sampleSepayBody, sepayAuthorization, sepayHmacHeaders, signedNotification, type SampleTransfer } from '../../functions/webhooks/providers';
import { DEV_SECRETS, type SepayWebhookAuth } from '../../functions/lib/platform/config';
import { orderTokens } from '../../functions/lib/orders/order-token';
import { PROVIDERS, type Provider, type TransferRecord } from '../../shared/transfer';
import type { FeeOrder } from '../../shared/order';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

const SECRETS: Record<Provider, string> = { payos: DEV_SECRETS.PAYOS_CHECKSUM_KEY, sepay: DEV_SECRETS.SEPAY_API_KEY, casso: DEV_SECRETS.CASSO_SECRET };

let db: TestDb;
let publicApp: ReturnType<typeof createPublicApp>;
let webhooks: ReturnType<typeof createWebhooksApp>;
/** SePay configured per agency: the first commune's webhook signs with HMAC, every other agency uses the API key. */
let perAgency: ReturnType<typeof createWebhooksApp>;
let clock = () => new Date();
const HMAC_SECRET = 'commune-0-sepay-webhook-secret-0123456789';

beforeAll(async () => {
  db = await testDb();
  const deps = testDeps(db, { now: () => clock() });
  publicApp = createPublicApp(() => deps);
  webhooks = createWebhooksApp(() => ({ ...deps, providerSecret: (p) => SECRETS[p] }));
  const sepayAuth: SepayWebhookAuth = {
    default: { method: 'apikey', secret: SECRETS.sepay },
    agencies: { [agencyOfLevel('commune').id]: { method: 'hmac', secret: HMAC_SECRET } },
  };
  perAgency = createWebhooksApp(() => ({ ...deps, providerSecret: (p) => SECRETS[p], sepayAuth }));
});

const commune = () => agencyOfLevel('commune');
const otherCommune = () => agencyOfLevel('commune', 1);

async function newOrder(quantity = 5, agency = commune()): Promise<FeeOrder> {
  const res = await publicApp.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: agency.id, quantity }),
  });
  expect(res.status).toBe(201);
  const { id } = await res.json();
  return (await db.store.getOrder(id))!;
}

function sample(order: Pick<FeeOrder, 'reference' | 'vietqr'>, amount: number, extra: Partial<SampleTransfer> = {}): SampleTransfer {
  return {
    amount,
    // The memo the QR pre-filled (payment-code prefix + reference), inside Vietcombank's wrapper.
    memo: `MBVCB.3278519.${order.vietqr.memo}.CT tu 0123456789 NGUYEN VAN A toi ${order.vietqr.accountNumber}`,
    accountNumber: order.vietqr.accountNumber,
    reference: `FT${randomUUID().replace(/-/g, '').slice(0, 14).toUpperCase()}`,
    at: new Date(),
    ...extra,
  };
}

async function notify(provider: Provider, s: SampleTransfer, secret = SECRETS[provider]) {
  const { body, headers } = signedNotification(provider, s, secret, new Date());
  return webhooks.request(`/api/webhooks/${provider}`, { method: 'POST', headers, body });
}

async function transfers(): Promise<TransferRecord[]> {
  const out: TransferRecord[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) if (item.PK?.S?.startsWith('TRANSFER#')) out.push((unmarshall(item) as { record: TransferRecord }).record);
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return out;
}

const reload = async (o: FeeOrder) => (await db.store.getOrder(o.id))!;

describe.each(PROVIDERS)('%s notifications', (provider) => {
  it('a genuine exact payment pays the order, once, and keeps the raw body', async () => {
    const order = await newOrder();
    const s = sample(order, order.amount);
    const res = await notify(provider, s);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true, result: 'settled' });
    const paid = await reload(order);
    expect(paid).toMatchObject({ status: 'PAID', paidAmount: order.amount, refundDue: 0, paidLate: false, version: order.version + 1 });
    expect(paid.history.at(-1)).toMatchObject({ event: 'PAYMENT_RECEIVED', from: 'PENDING', to: 'PAID', amount: order.amount });

    const recorded = (await transfers()).filter((t) => t.orderId === order.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ status: 'MATCHED', outcome: 'PAID', agencyId: order.agencyId });
    expect(JSON.parse(recorded[0]!.rawBody)).toBeTruthy();
    expect(recorded[0]!.transfer.amount).toBe(order.amount);

    // The citizen's view turns to paid.
    const token = orderTokens('test-order-token-secret').issue(order.id);
    const view = await (await publicApp.request(`/api/orders/${order.id}`, { headers: { 'X-Order-Token': token } })).json();
    expect(view).toMatchObject({ status: 'PAID', paidAmount: order.amount, refundDue: 0, paidLate: false });

    // The provider retries: 2xx, nothing changes.
    const again = await notify(provider, s);
    expect(again.status).toBe(200);
    expect((await again.json()).result).toBe('duplicate');
    expect(await reload(order)).toEqual(paid);
    expect((await transfers()).filter((t) => t.orderId === order.id)).toHaveLength(1);
  });

  it('not genuine → 401 and nothing stored', async () => {
    const order = await newOrder();
    const before = (await transfers()).length;
    const res = await notify(provider, sample(order, order.amount), `${SECRETS[provider]}-wrong`);
    expect(res.status).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe('NOTIFICATION_NOT_GENUINE');
    expect(body.error.messageEn).toBeTruthy();
    expect((await transfers()).length).toBe(before);
    expect((await reload(order)).status).toBe('PENDING');
  });

  it('a genuine body that is malformed → 400 and nothing stored', async () => {
    const order = await newOrder();
    const before = (await transfers()).length;
    // Amount with decimals: VND has none.
    const res = await notify(provider, sample(order, 1000.5));
    expect([400, 401]).toContain(res.status);
    if (provider !== 'payos') expect(res.status).toBe(400);
    expect((await transfers()).length).toBe(before);
  });
});

describe('not genuine, malformed, unknown provider', () => {
  it('no signature at all → 401; non-JSON → 400 or 401; unknown provider → 404', async () => {
    const before = (await transfers()).length;
    const plain = { 'content-type': 'application/json' };
    for (const provider of PROVIDERS) {
      const res = await webhooks.request(`/api/webhooks/${provider}`, { method: 'POST', headers: plain, body: JSON.stringify({ id: 1, data: {} }) });
      expect(res.status).toBe(401);
    }
    const garbage = await webhooks.request('/api/webhooks/payos', { method: 'POST', headers: plain, body: '{not json' });
    expect(garbage.status).toBe(400);
    const unknown = await webhooks.request('/api/webhooks/momo', { method: 'POST', headers: plain, body: '{}' });
    expect(unknown.status).toBe(404);
    expect((await transfers()).length).toBe(before);
  });
});

describe('outcomes', () => {
  it('less → UNDERPAID; later transfers add up to PAID', async () => {
    const order = await newOrder();
    await notify('sepay', sample(order, 3000));
    expect(await reload(order)).toMatchObject({ status: 'UNDERPAID', paidAmount: 3000 });
    await notify('casso', sample(order, order.amount - 3000));
    expect(await reload(order)).toMatchObject({ status: 'PAID', paidAmount: order.amount, refundDue: 0 });
  });

  it('after a partial payment the order, its SVG and its PNG ask for what is still due, same memo', async () => {
    const created = await publicApp.request('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: procedureWithFee('tiered', 'commune').code, agencyId: commune().id, quantity: 5 }),
    });
    const { id, accessToken, links } = await created.json();
    const order = (await db.store.getOrder(id))!;
    await notify('sepay', sample(order, 2_000));
    const view = await (await publicApp.request(`/api/orders/${id}?token=${accessToken}`)).json();
    expect(view.status).toBe('UNDERPAID');
    const due = decodeVietQr(view.vietqr.payload);
    expect(due.amount).toBe(order.amount - 2_000);
    expect(due.purpose).toBe(view.vietqr.memo);
    expect(view.vietqr.memo).toBe(order.vietqr.memo);
    expect(decodeVietQr(order.vietqr.payload).amount).toBe(order.amount); // the stored order is unchanged

    const png = PNG.sync.read(Buffer.from(await (await publicApp.request(links.qrPng)).arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(view.vietqr.payload);
    const svg = await (await publicApp.request(links.qrSvg)).text();
    const expectedSvg = await QRCode.toString(view.vietqr.payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    expect(svg).toBe(expectedSvg);
  });

  it('more → OVERPAID with the surplus refund-due', async () => {
    const order = await newOrder();
    await notify('payos', sample(order, order.amount + 5000));
    expect(await reload(order)).toMatchObject({ status: 'OVERPAID', paidAmount: order.amount + 5000, refundDue: 5000 });
  });

  it('another payment for a paid order → kept as a duplicate payment, refund-due', async () => {
    const order = await newOrder();
    await notify('payos', sample(order, order.amount));
    const res = await notify('sepay', sample(order, order.amount));
    expect((await res.json()).result).toBe('settled');
    expect(await reload(order)).toMatchObject({ status: 'PAID', paidAmount: 2 * order.amount, refundDue: order.amount });
    const mine = (await transfers()).filter((t) => t.orderId === order.id);
    expect(mine.map((t) => t.outcome).sort()).toEqual(['DUPLICATE_PAYMENT', 'PAID']);
  });

  it('after expiry → recorded and shown as paid late, never dropped', async () => {
    // The order was made 25 hours ago: its 24 h have run out.
    clock = () => new Date(Date.now() - 25 * 3_600_000);
    const order = await newOrder();
    clock = () => new Date();
    await notify('casso', sample(order, order.amount));
    expect(await reload(order)).toMatchObject({ status: 'PAID', paidLate: true, paidAmount: order.amount });
  });

  it('arrival out of order: a top-up before the first part still adds up', async () => {
    const order = await newOrder();
    const first = sample(order, 2000, { at: new Date(Date.now() - 60_000) });
    const second = sample(order, order.amount - 2000);
    await notify('sepay', second);
    await notify('sepay', first);
    expect(await reload(order)).toMatchObject({ status: 'PAID', paidAmount: order.amount });
  });

  it('two notifications racing for one order both count', async () => {
    for (let round = 0; round < 5; round++) {
      const order = await newOrder(7);
      const parts = [1000, 2000, order.amount - 3000];
      const results = await Promise.all(parts.map((amount, i) => notify(PROVIDERS[i % 3]!, sample(order, amount))));
      for (const r of results) expect(r.status).toBe(200);
      expect(await reload(order)).toMatchObject({ status: 'PAID', paidAmount: order.amount, version: order.version + 3 });
    }
  });

  it('no valid reference → UNMATCHED for a clerk, with the raw memo', async () => {
    const order = await newOrder();
    const typo = order.reference.slice(0, 3) + (order.reference[3] === 'A' ? 'B' : 'A') + order.reference.slice(4);
    const res = await notify('payos', sample(order, order.amount, { memo: `chuyen tien le phi ${typo}` }));
    expect((await res.json()).result).toBe('unmatched');
    expect((await reload(order)).status).toBe('PENDING');
    const rec = (await transfers()).find((t) => t.transfer.memo.includes(typo));
    expect(rec).toMatchObject({ status: 'UNMATCHED', reason: 'NO_REFERENCE', agencyId: order.agencyId });
  });

  it('a reference paid into another agency’s account does not pay it', async () => {
    const order = await newOrder();
    const other = otherCommune();
    const res = await notify('sepay', sample(order, order.amount, { accountNumber: other.bank.accountNumber }));
    expect((await res.json()).result).toBe('unmatched');
    expect((await reload(order)).status).toBe('PENDING');
  });

  it('outgoing transfers and unknown accounts are acknowledged, kept as ignored, and pay nothing', async () => {
    const order = await newOrder();
    const out = await notify('sepay', sample(order, order.amount, { direction: 'out' }));
    expect(out.status).toBe(200);
    expect((await out.json()).result).toBe('ignored');
    const stranger = await notify('casso', sample(order, order.amount, { accountNumber: '000111222333' }));
    expect((await stranger.json()).result).toBe('ignored');
    expect((await reload(order)).status).toBe('PENDING');
    const ignored = (await transfers()).filter((t) => t.status === 'IGNORED');
    expect(ignored.map((t) => t.reason)).toEqual(expect.arrayContaining(['OUTGOING', 'UNKNOWN_ACCOUNT']));
  });
});

describe('SePay signed with HMAC-SHA256, per agency', () => {
  /** SePay's body for the sample, as SePay sends it: the memo, and the payment code it read in it. */
  const sepayBody = (order: FeeOrder, s: SampleTransfer) => JSON.stringify(sampleSepayBody({ paymentCode: order.vietqr.memo, ...s }));
  const post = (body: string, headers: Record<string, string>) =>
    perAgency.request('/api/webhooks/sepay', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const signed = (body: string, at = new Date(), secret = HMAC_SECRET) => sepayHmacHeaders(body, secret, at);

  it('signed correctly → settles, once; the same notification again, even re-signed later, is a duplicate', async () => {
    const order = await newOrder();
    const body = sepayBody(order, sample(order, order.amount));
    const headers = signed(body);
    expect(headers['x-sepay-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    const res = await post(body, headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ success: true, result: 'settled' });
    const paid = await reload(order);
    expect(paid).toMatchObject({ status: 'PAID', paidAmount: order.amount });
    const recorded = (await transfers()).filter((t) => t.orderId === order.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.rawBody).toBe(body);
    expect(recorded[0]!.transfer.paymentCode).toBe(order.vietqr.memo);

    // A replay within the window (captured, or SePay retrying): 2xx, nothing changes.
    for (const again of [headers, signed(body, new Date(Date.now() + 1000))]) {
      const res2 = await post(body, again);
      expect(res2.status).toBe(200);
      expect((await res2.json()).result).toBe('duplicate');
    }
    expect(await reload(order)).toEqual(paid);
    expect((await transfers()).filter((t) => t.orderId === order.id)).toHaveLength(1);
  });

  it('a timestamp just inside the 5 minutes, either way, is accepted', async () => {
    for (const offset of [-4 * 60_000 - 59_000, 4 * 60_000 + 59_000]) {
      const order = await newOrder();
      const body = sepayBody(order, sample(order, order.amount));
      const res = await post(body, signed(body, new Date(Date.now() + offset)));
      expect(res.status, String(offset)).toBe(200);
      expect((await reload(order)).status).toBe('PAID');
    }
  });

  it('wrong secret, stale or future timestamp, missing header, tampered body → 401, nothing stored', async () => {
    const order = await newOrder();
    const body = sepayBody(order, sample(order, order.amount));
    const good = signed(body);
    const tampered = body.replace(`"transferAmount":${order.amount}`, `"transferAmount":${order.amount + 1000}`);
    expect(tampered).not.toBe(body);
    const { 'x-sepay-signature': _sig, ...noSignature } = good;
    const { 'x-sepay-timestamp': _ts, ...noTimestamp } = good;
    const attempts: Array<[string, string, Record<string, string>]> = [
      ['wrong secret', body, signed(body, new Date(), `${HMAC_SECRET}x`)],
      ['the deployment\'s SePay secret', body, signed(body, new Date(), SECRETS.sepay)],
      ['stale timestamp (6 minutes old)', body, signed(body, new Date(Date.now() - 6 * 60_000))],
      ['future timestamp (6 minutes ahead)', body, signed(body, new Date(Date.now() + 6 * 60_000))],
      ['timestamp in milliseconds', body, { ...good, 'x-sepay-timestamp': String(Date.now()) }],
      ['missing signature', body, noSignature],
      ['missing timestamp', body, noTimestamp],
      ['no headers at all', body, {}],
      ['signature without sha256=', body, { ...good, 'x-sepay-signature': good['x-sepay-signature']!.slice(7) }],
      ['timestamp changed after signing', body, { ...good, 'x-sepay-timestamp': String(Number(good['x-sepay-timestamp']) - 1) }],
      ['tampered body', tampered, good],
      ['the API key, where the agency uses HMAC', body, { authorization: sepayAuthorization(SECRETS.sepay) }],
    ];
    const before = (await transfers()).length;
    for (const [why, sent, headers] of attempts) {
      const res = await post(sent, headers);
      expect(res.status, why).toBe(401);
      expect((await res.json()).error.code, why).toBe('NOTIFICATION_NOT_GENUINE');
    }
    expect((await transfers()).length).toBe(before);
    expect((await reload(order)).status).toBe('PENDING');
    // The genuine one still goes through afterwards.
    expect((await (await post(body, good)).json()).result).toBe('settled');
  });

  it('each agency its own method: the others keep the API key and refuse an HMAC signature', async () => {
    const order = await newOrder(5, otherCommune());
    const body = sepayBody(order, sample(order, order.amount));
    const before = (await transfers()).length;
    expect((await post(body, signed(body))).status).toBe(401);
    expect((await transfers()).length).toBe(before);
    const res = await post(body, { authorization: sepayAuthorization(SECRETS.sepay) });
    expect(res.status).toBe(200);
    expect((await res.json()).result).toBe('settled');
    expect((await reload(order)).status).toBe('PAID');
  });

  it("SePay's code pays the order when the memo alone cannot be read", async () => {
    const order = await newOrder();
    // The bank glued its transaction id to the memo: no reference can be read from it alone.
    const body = sepayBody(order, sample(order, order.amount, { memo: `${order.vietqr.memo}FT26073123456789` }));
    const res = await post(body, signed(body));
    expect((await res.json()).result).toBe('settled');
    expect((await reload(order)).status).toBe('PAID');
  });
});
