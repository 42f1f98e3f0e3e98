/**
 * Fee orders through the real public app on a real DynamoDB Local table.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createPublicApp } from '../../functions/public/app';
import { decodeVietQr } from '../../shared/vietqr';
import { isValidReference } from '../../shared/reference';
import { computeFee } from '../../shared/fees';
import { draftOrder } from '../../shared/order';
import { testDb, testDeps, type TestDb } from '../support/db';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

let db: TestDb;
let app: ReturnType<typeof createPublicApp>;

beforeAll(async () => {
  db = await testDb();
  const deps = testDeps(db);
  app = createPublicApp(() => deps);
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return app.request('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function storedCount(prefix: string): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    count += (page.Items ?? []).filter((i) => i.PK?.S?.startsWith(prefix)).length;
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return count;
}

const commune = () => agencyOfLevel('commune');
const certifiedCopy = () => procedureWithFee('tiered', 'commune');

describe('POST /api/orders', () => {
  it('creates an order with the exact fee and a VietQR whose memo carries the reference', async () => {
    const procedure = certifiedCopy();
    const agency = commune();
    const res = await post({ procedureCode: procedure.code, agencyId: agency.id, quantity: 5, payer: { name: ' Nguyễn  Văn An ', phone: '0912 345 678' } });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order).toMatchObject({
      status: 'PENDING',
      currency: 'VND',
      amount: computeFee(procedure.fee, 5),
      procedureCode: procedure.code,
      agencyId: agency.id,
      paidAmount: 0,
    });
    expect(order.amount).toBe(2 * 2000 + 3 * 1000);
    expect(order.reference.length).toBeLessThanOrEqual(9);
    expect(isValidReference(order.reference)).toBe(true);
    expect(order.vietqr.memo).toContain(order.reference);
    // The deployment's payment-code prefix, then the reference (the contract; SePay reads it as a payment code).
    expect(order.vietqr.memo).toBe(`MCP${order.reference}`);
    const decoded = decodeVietQr(order.vietqr.payload);
    expect(decoded.purpose).toBe(order.vietqr.memo);
    expect(decoded.amount).toBe(order.amount);
    expect(decoded.bankBin).toBe(agency.bank.bin);
    expect(decoded.accountNumber).toBe(agency.bank.accountNumber);
    expect(order.vietqr).toMatchObject({ bankBin: agency.bank.bin, accountNumber: agency.bank.accountNumber, accountName: agency.bank.accountName });
    expect(Date.parse(order.expiresAt) - Date.parse(order.createdAt)).toBe(24 * 3_600_000);
    expect(order.links.payPage).toContain(order.accessToken);
    expect(order.links.qrSvg).toBe(`/api/orders/${order.id}/qr.svg?token=${order.accessToken}`);
    // Personal data is masked even for the holder of the token.
    expect(order.payer.phone).toBe('091****678');
    expect(order.payer.name).not.toContain('Nguyễn');
  });

  it("starts the memo with this deployment's prefix, whatever it is", async () => {
    const other = createPublicApp(() => testDeps(db, { paymentCodePrefix: 'HCMC' }));
    const res = await other.request('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 2 }),
    });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order.vietqr.memo).toBe(`HCMC${order.reference}`);
    expect(decodeVietQr(order.vietqr.payload).purpose).toBe(order.vietqr.memo);
    expect((await db.store.getOrder(order.id))!.vietqr.memo).toBe(order.vietqr.memo);
  });

  it('defaults the quantity to 1', async () => {
    const procedure = procedureWithFee('per_unit');
    const agency = agencyOfLevel(procedure.level);
    const res = await post({ procedureCode: procedure.code, agencyId: agency.id });
    expect(res.status).toBe(201);
    expect((await res.json()).amount).toBe(computeFee(procedure.fee, 1));
  });

  it('refuses a free procedure with 422 FEE_NOT_REQUIRED and stores nothing', async () => {
    const before = await storedCount('ORDER#');
    const procedure = procedureWithFee('free');
    const res = await post({ procedureCode: procedure.code, agencyId: agencyOfLevel(procedure.level).id });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('FEE_NOT_REQUIRED');
    expect(body.error.message).toMatch(/phí/);
    expect(body.error.messageEn).toMatch(/free/i);
    expect(await storedCount('ORDER#')).toBe(before);
  });

  it('refuses a procedure the agency does not handle (a province procedure at a commune), naming the agency that does', async () => {
    const procedure = procedureWithFee('flat', 'province');
    const res = await post({ procedureCode: procedure.code, agencyId: commune().id });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('PROCEDURE_NOT_OFFERED');
    const province = agencyOfLevel('province');
    expect(body.error.details).toEqual([{ path: 'agencyId', message: expect.stringContaining(province.name), messageEn: expect.stringContaining(province.id) }]);
    // At the province it is made.
    expect((await post({ procedureCode: procedure.code, agencyId: province.id })).status).toBe(201);
  });

  it('refuses an agency of the old map (history only) with 422, naming the agency that took it over, and stores nothing', async () => {
    const before = await storedCount('ORDER#');
    const res = await post({ procedureCode: certifiedCopy().code, agencyId: 'my-thanh', quantity: 2 });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('AGENCY_SUPERSEDED');
    expect(body.error.details[0]).toMatchObject({ path: 'agencyId', message: expect.stringContaining('Ủy ban nhân dân xã Lương Hòa'), messageEn: expect.stringContaining('xa-luong-hoa') });
    expect(await storedCount('ORDER#')).toBe(before);
  });
});

describe('several copies, each counted on its own (issue 14)', () => {
  it('3 certified copies of a 2-page original cost 3 × 4,000 = 12,000, in the amount and the QR; the order keeps quantity and copies', async () => {
    const res = await post({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 2, copies: 3 });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order).toMatchObject({ amount: 12_000, quantity: 2, copies: 3 });
    expect(decodeVietQr(order.vietqr.payload).amount).toBe(12_000);
    const read = await (await app.request(`/api/orders/${order.id}?token=${order.accessToken}`)).json();
    expect(read).toMatchObject({ amount: 12_000, quantity: 2, copies: 3 });
  });

  it('copies default to 1; each copy is capped on its own', async () => {
    const one = await (await post({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 2 })).json();
    expect(one).toMatchObject({ amount: 4_000, copies: 1 });
    const capped = await (await post({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 500, copies: 3 })).json();
    expect(capped.amount).toBe(3 * 200_000);
  });

  it('refuses copies out of bounds with 400 in both languages, and copies of a flat fee', async () => {
    for (const copies of [0, -1, 1.5, 101, '3']) {
      const res = await post({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 2, copies });
      expect(res.status, String(copies)).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details[0]).toMatchObject({ path: 'copies', message: expect.stringMatching(/bản/), messageEn: expect.stringMatching(/cop/i) });
    }
    const flat = procedureWithFee('flat', 'commune');
    const res = await post({ procedureCode: flat.code, agencyId: commune().id, copies: 2 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('COPIES_NOT_APPLICABLE');
    expect(body.error.details).toEqual([{ path: 'copies', message: 'Số bản phải là 1.', messageEn: 'Copies must be 1.' }]);
  });

  it('an extract counts copies as its quantity: 3 copies cost 24,000 however they are sent', async () => {
    const extract = procedureWithFee('per_unit', 'commune');
    expect(extract.fee).toMatchObject({ unit: 'copy', unitAmount: 8_000 });
    expect((await (await post({ procedureCode: extract.code, agencyId: commune().id, quantity: 3 })).json()).amount).toBe(24_000);
    expect((await (await post({ procedureCode: extract.code, agencyId: commune().id, copies: 3 })).json()).amount).toBe(24_000);
  });

  it('the total stays within one transfer (MAX_ORDER_AMOUNT): 100 copies × 1,000 cases is refused with 422', async () => {
    const perCase = { ...procedureWithFee('per_unit', 'commune'), fee: { kind: 'per_unit' as const, unit: 'case' as const, unitAmount: 10_000 } };
    expect(perCase.fee.unitAmount * 1_000 * 100).toBeGreaterThan(499_999_999);
    const drafted = draftOrder({ input: { procedureCode: perCase.code, agencyId: commune().id, quantity: 1_000, copies: 100 }, procedure: perCase, agency: commune(), reference: 'ABCD2345', now: new Date(), paymentCodePrefix: 'MCP' });
    expect(drafted).toEqual({ ok: false, refusal: 'AMOUNT_TOO_LARGE' });
  });
});

describe('reading an order', () => {
  async function created() {
    const res = await post({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 3 });
    return res.json();
  }

  it('answers with the token in a header or the query, and 404 without it, exactly as for a missing order', async () => {
    const order = await created();
    const byHeader = await app.request(`/api/orders/${order.id}`, { headers: { 'X-Order-Token': order.accessToken } });
    expect(byHeader.status).toBe(200);
    const body = await byHeader.json();
    expect(body).toMatchObject({ id: order.id, status: 'PENDING', paidAmount: 0, amount: order.amount, receipt: null });
    expect(byHeader.headers.get('cache-control')).toContain('no-store');

    const byQuery = await app.request(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(byQuery.status).toBe(200);

    const without = await app.request(`/api/orders/${order.id}`);
    // One character changed (to one it is not already: a token ending in 'x' once made this pass by luck).
    const changed = `${order.accessToken.slice(0, -1)}${order.accessToken.endsWith('x') ? 'y' : 'x'}`;
    const wrong = await app.request(`/api/orders/${order.id}?token=${changed}`);
    const missing = await app.request(`/api/orders/ZZZZZZZZ?token=${order.accessToken}`);
    for (const res of [without, wrong, missing]) expect(res.status).toBe(404);
    const bodies = await Promise.all([without, wrong, missing].map((r) => r.json()));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('serves the QR as SVG and as a PNG that a QR reader decodes to the exact payload', async () => {
    const order = await created();
    const svg = await app.request(order.links.qrSvg);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(await svg.text()).toMatch(/^<svg/);

    const png = await app.request(order.links.qrPng);
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const image = PNG.sync.read(Buffer.from(await png.arrayBuffer()));
    const read = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
    expect(read?.data).toBe(order.vietqr.payload);

    expect((await app.request(`/api/orders/${order.id}/qr.png`)).status).toBe(404);
    expect((await app.request(`/api/orders/${order.id}/qr.svg?token=nope`)).status).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  const body = () => ({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 2 });

  it('same key and same body within 24 h → the same order, 200', async () => {
    const key = `k-${crypto.randomUUID()}`;
    const first = await post(body(), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const again = await post(body(), { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    const [a, b] = [await first.json(), await again.json()];
    expect(b.id).toBe(a.id);
    expect(b.accessToken).toBe(a.accessToken);
  });

  it('same key and another body → 409, and nothing new is stored', async () => {
    const key = `k-${crypto.randomUUID()}`;
    expect((await post(body(), { 'Idempotency-Key': key })).status).toBe(201);
    const before = await storedCount('ORDER#');
    const res = await post({ ...body(), quantity: 9 }, { 'Idempotency-Key': key });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await storedCount('ORDER#')).toBe(before);
  });

  it('ten simultaneous requests with one key make one order', async () => {
    const key = `k-${crypto.randomUUID()}`;
    const before = await storedCount('ORDER#');
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body(), { 'Idempotency-Key': key })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(9);
    const ids = new Set(await Promise.all(results.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    expect(await storedCount('ORDER#')).toBe(before + 1);
  });

  it('refuses a malformed key', async () => {
    const res = await post(body(), { 'Idempotency-Key': 'has spaces and ?' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });
});

describe('Idempotency-Key belongs to its caller (issue 12, finding 10)', () => {
  const body = () => ({ procedureCode: certifiedCopy().code, agencyId: commune().id, quantity: 2, payer: { name: 'Lê Thị Cúc', phone: '0987654321' } });
  /** A request as the local server hands it over: the caller's address on the socket. */
  const from = (address: string, payload: unknown, key: string, headers: Record<string, string> = {}) =>
    app.request(
      '/api/orders',
      { method: 'POST', headers: { 'content-type': 'application/json', 'Idempotency-Key': key, ...headers }, body: JSON.stringify(payload) },
      { incoming: { socket: { remoteAddress: address } } },
    );
  /** As a Lambda behind API Gateway sees it: the caller's address in the event. */
  const viaLambda = (sourceIp: string, payload: unknown, key: string, headers: Record<string, string> = {}) =>
    app.request(
      '/api/orders',
      { method: 'POST', headers: { 'content-type': 'application/json', 'Idempotency-Key': key, ...headers }, body: JSON.stringify(payload) },
      { event: { requestContext: { http: { sourceIp } } } },
    );

  it('another caller sending the same key and the same body gets an order of its own, never the first one and its token', async () => {
    const key = 'order-1001'; // the kind of key an integration counts up, or an attacker guesses
    const first = await from('203.0.113.7', body(), key);
    expect(first.status).toBe(201);
    const mine = await first.json();
    const theirs = await from('198.51.100.20', body(), key);
    expect(theirs.status).toBe(201);
    const answer = await theirs.json();
    expect(answer.id).not.toBe(mine.id);
    expect(answer.accessToken).not.toBe(mine.accessToken);
  });

  it('another caller sending the same key with another body is not refused: its key is its own', async () => {
    const key = `k-${crypto.randomUUID()}`;
    expect((await from('203.0.113.8', body(), key)).status).toBe(201);
    const other = await from('198.51.100.21', { ...body(), quantity: 5 }, key);
    expect(other.status).toBe(201);
  });

  it('for the same caller the contract holds: same key and body → the same order (200), another body → 409', async () => {
    const key = `k-${crypto.randomUUID()}`;
    const first = await (await from('203.0.113.9', body(), key)).json();
    const again = await from('203.0.113.9', body(), key);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(first.id);
    const changed = await from('203.0.113.9', { ...body(), quantity: 9 }, key);
    expect(changed.status).toBe(409);
    expect((await changed.json()).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('an IPv6 caller is its /64: a new privacy address of the same network is the same caller', async () => {
    const key = `k-${crypto.randomUUID()}`;
    const first = await (await viaLambda('2001:db8:1:2:aaaa::10', body(), key)).json();
    const again = await viaLambda('2001:db8:1:2:bbbb::99', body(), key);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(first.id);
    expect((await viaLambda('2001:db8:1:3::10', body(), key)).status).toBe(201);
  });

  it('behind CloudFront the viewer is the caller, not the edge that forwarded the request', async () => {
    vi.stubEnv('ORIGIN_VERIFY_SECRET', 'test-origin-verify-secret');
    try {
      const key = `k-${crypto.randomUUID()}`;
      const through = (edge: string, viewer: string) => viaLambda(edge, body(), key, { 'CloudFront-Viewer-Address': `${viewer}:51234`, 'X-Origin-Verify': 'test-origin-verify-secret' });
      const first = await (await through('130.176.0.1', '203.0.113.50')).json();
      // The retry reaches the API through another edge server: the same citizen, the same order.
      const retry = await through('130.176.0.2', '203.0.113.50');
      expect(retry.status).toBe(200);
      expect((await retry.json()).id).toBe(first.id);
      // Another citizen through the very same edge server: an order of their own.
      expect((await through('130.176.0.1', '198.51.100.50')).status).toBe(201);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('stores neither the key nor the address as sent', async () => {
    const key = `k-${crypto.randomUUID()}`;
    expect((await from('203.0.113.77', body(), key)).status).toBe(201);
    const page = await db.client.send(new ScanCommand({ TableName: db.tableName }));
    const idem = (page.Items ?? []).filter((i) => i.PK?.S?.startsWith('IDEM#'));
    expect(idem.length).toBeGreaterThan(0);
    const text = JSON.stringify(idem);
    expect(text).not.toContain(key);
    expect(text).not.toContain('203.0.113.77');
  });
});

describe('reference uniqueness', () => {
  it('is enforced by a conditional write: a reference already taken is drawn again', async () => {
    // A random source that repeats itself: the second order first draws the first one's reference.
    const bytes = new Uint8Array(16).fill(7);
    let calls = 0;
    const repeating = (n: number) => {
      calls++;
      return calls <= 2 ? bytes.slice(0, n) : crypto.getRandomValues(new Uint8Array(n));
    };
    const deps = testDeps(db, { randomBytes: repeating });
    const rigged = createPublicApp(() => deps);
    const send = () =>
      rigged.request('/api/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ procedureCode: certifiedCopy().code, agencyId: commune().id }),
      });
    const first = await (await send()).json();
    const second = await (await send()).json();
    expect(first.reference).not.toBe(second.reference);
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it('the store refuses a second order with the same reference', async () => {
    const res = await post({ procedureCode: certifiedCopy().code, agencyId: commune().id });
    const order = await res.json();
    const stored = await db.store.getOrder(order.id);
    expect(stored).toBeDefined();
    const result = await db.store.createOrder({ ...stored!, amount: 1 });
    expect(result.kind).toBe('reference_taken');
    expect((await db.store.getOrder(order.id))?.amount).toBe(order.amount);
  });
});
