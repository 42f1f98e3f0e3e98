/**
 * Orders of several fees, filing channel and VNeID level 2, reliefs and FEE_NOT_REQUIRED,
 * through the real public and staff apps on a real DynamoDB Local table. The public app's
 * clock is fixed inside the Resolution 66.22/2026 window (15/8/2026 – 28/2/2027).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { createPublicApp } from '../../functions/public/app';
import { placeOrder } from '../../functions/lib/orders/place-order';
import { AGENCIES, PROCEDURES } from '../../shared/catalogue';
import { decodeVietQr } from '../../shared/vietqr';
import { testDb, testDeps, type TestDb } from '../support/db';
import { call, staffWorld, type StaffWorld } from '../support/staff';
import { SCHEMAS, xmllintValidate } from '../support/xml-tools';

const IN_WAIVER = new Date('2026-09-01T10:00:00+07:00');
const AFTER_WAIVER = new Date('2027-03-01T00:00:00+07:00');

const COMMUNE = AGENCIES.find((a) => a.level === 'commune')!;
const PROVINCE = AGENCIES.find((a) => a.level === 'province')!;
const CERTIFIED_COPY = '2.000815'; // phí, tiered per page, per copy
const SIGNATURE = '2.000884'; // phí, 10,000 per case
const EXTRACT = '2.000635'; // phí, 8,000 per copy; waived online with VNeID level 2
const MARITAL = '1.004873'; // lệ phí, flat; waived online with VNeID level 2
const BIRTH = '1.001193'; // free
const LAND_CHANGE = '1.013831'; // the province's

let db: TestDb;
let app: ReturnType<typeof createPublicApp>;
let later: ReturnType<typeof createPublicApp>;

beforeAll(async () => {
  db = await testDb();
  app = createPublicApp(() => testDeps(db, { now: () => IN_WAIVER }));
  later = createPublicApp(() => testDeps(db, { now: () => AFTER_WAIVER }));
});

function post(body: unknown, on = app) {
  return on.request('/api/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function orderCount(): Promise<number> {
  let count = 0;
  let start: Record<string, never> | undefined;
  do {
    const page = await db.client.send(new ScanCommand({ TableName: db.tableName, ExclusiveStartKey: start }));
    count += (page.Items ?? []).filter((i) => i.PK?.S?.startsWith('ORDER#')).length;
    start = page.LastEvaluatedKey as typeof start;
  } while (start);
  return count;
}

describe('several fees, one payment', () => {
  it('lists each line with its amount, kind and legal basis; the amount is their sum and the QR asks for it', async () => {
    const res = await post({
      agencyId: COMMUNE.id,
      items: [
        { procedureCode: CERTIFIED_COPY, quantity: 2, copies: 3 },
        { procedureCode: SIGNATURE, quantity: 2 },
        { procedureCode: EXTRACT, copies: 1, quantity: 1 },
      ],
      channel: 'counter',
    });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order.items).toEqual([
      expect.objectContaining({ procedureCode: CERTIFIED_COPY, quantity: 2, copies: 3, kind: 'phi', amount: 12_000, grossAmount: 12_000, relief: null, legalBasis: expect.stringContaining('226/2016') }),
      expect.objectContaining({ procedureCode: SIGNATURE, quantity: 2, copies: 1, kind: 'phi', amount: 20_000, relief: null }),
      expect.objectContaining({ procedureCode: EXTRACT, quantity: 1, kind: 'phi', amount: 8_000, relief: null }),
    ]);
    expect(order.amount).toBe(40_000);
    expect(order.channel).toBe('counter');
    expect(order.procedureCode).toBe(CERTIFIED_COPY);
    expect(order.procedureName).toContain('(và 2 khoản khác)');
    expect(decodeVietQr(order.vietqr.payload).amount).toBe(40_000);
    // The holder reads the same lines back.
    const again = await (await app.request(`/api/orders/${order.id}?token=${order.accessToken}`)).json();
    expect(again.items.map((l: { amount: number }) => l.amount)).toEqual([12_000, 20_000, 8_000]);
  });

  it('a one-line order answers as before, plus its one line', async () => {
    const res = await post({ procedureCode: CERTIFIED_COPY, agencyId: COMMUNE.id, quantity: 2, copies: 3 });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order).toMatchObject({ procedureCode: CERTIFIED_COPY, quantity: 2, copies: 3, amount: 12_000 });
    expect(order.items).toHaveLength(1);
    expect(order.items[0]).toMatchObject({ kind: 'phi', amount: 12_000 });
    expect(order.channel).toBeUndefined();
  });

  it('two certified copies of different originals are two lines; a flat fee twice is refused', async () => {
    const ok = await post({ agencyId: COMMUNE.id, items: [{ procedureCode: CERTIFIED_COPY, quantity: 2 }, { procedureCode: CERTIFIED_COPY, quantity: 5, copies: 2 }] });
    expect(ok.status).toBe(201);
    expect((await ok.json()).amount).toBe(4_000 + 2 * 7_000);
    const before = await orderCount();
    const twice = await post({ agencyId: COMMUNE.id, items: [{ procedureCode: MARITAL }, { procedureCode: MARITAL }] });
    expect(twice.status).toBe(422);
    const body = await twice.json();
    expect(body.error.code).toBe('DUPLICATE_LINE');
    expect(body.error.details[0].path).toBe('items[1].procedureCode');
    expect(await orderCount()).toBe(before);
  });
});

describe('reliefs: channel and VNeID level 2', () => {
  it('filing online with VNeID level 2 inside the window: 422 FEE_NOT_REQUIRED naming the relief and its legal basis, nothing stored', async () => {
    const before = await orderCount();
    const res = await post({ procedureCode: EXTRACT, agencyId: COMMUNE.id, quantity: 2, channel: 'online', vneidLevel2: true });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('FEE_NOT_REQUIRED');
    expect(body.error.details[0]).toMatchObject({
      path: 'procedureCode',
      relief: { kind: 'waiver', percent: 100, from: '2026-08-15', to: '2027-02-28', legalBasis: expect.stringContaining('Nghị quyết 66.22/2026/NQ-CP') },
    });
    expect(body.error.details[0].message).toContain('28/02/2027');
    expect(await orderCount()).toBe(before);
  });

  it('the same line in an order of several: the line at fault is named', async () => {
    const res = await post({ agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE }, { procedureCode: MARITAL }], channel: 'online', vneidLevel2: true });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('FEE_NOT_REQUIRED');
    expect(body.error.details[0]).toMatchObject({ path: 'items[1].procedureCode', relief: { kind: 'waiver' } });
  });

  it.each([
    ['at the counter', { channel: 'counter', vneidLevel2: true }],
    ['online without VNeID level 2', { channel: 'online', vneidLevel2: false }],
    ['nothing said', {}],
  ])('%s the full fee is due, no relief', async (_label, filing) => {
    const res = await post({ procedureCode: EXTRACT, agencyId: COMMUNE.id, quantity: 2, ...filing });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order.amount).toBe(16_000);
    expect(order.items[0].relief).toBeNull();
  });

  it('after the window (1/3/2027) online with VNeID level 2 pays the full fee again', async () => {
    const res = await post({ procedureCode: EXTRACT, agencyId: COMMUNE.id, quantity: 1, channel: 'online', vneidLevel2: true }, later);
    expect(res.status).toBe(201);
    expect((await res.json()).amount).toBe(8_000);
  });

  it('a free procedure: FEE_NOT_REQUIRED, in an order of several too', async () => {
    expect((await (await post({ procedureCode: BIRTH, agencyId: COMMUNE.id })).json()).error.code).toBe('FEE_NOT_REQUIRED');
    const multi = await (await post({ agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE }, { procedureCode: BIRTH }] })).json();
    expect(multi.error).toMatchObject({ code: 'FEE_NOT_REQUIRED', details: [{ path: 'items[1].procedureCode' }] });
  });
});

describe('bad input: a clear 400 or 422, nothing stored', () => {
  const cases: [string, unknown, number, string][] = [
    ['an unknown procedure in items', { agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE }, { procedureCode: '9.999999' }] }, 400, 'PROCEDURE_NOT_FOUND'],
    ['a procedure of another tier among the lines', { agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE }, { procedureCode: LAND_CHANGE }] }, 422, 'PROCEDURE_NOT_OFFERED'],
    ['an agency per line', { agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE, agencyId: PROVINCE.id }] }, 400, 'VALIDATION_FAILED'],
    ['too many lines', { agencyId: COMMUNE.id, items: Array.from({ length: 21 }, () => ({ procedureCode: CERTIFIED_COPY })) }, 400, 'VALIDATION_FAILED'],
    ['no line', { agencyId: COMMUNE.id, items: [] }, 400, 'VALIDATION_FAILED'],
    ['negative copies', { agencyId: COMMUNE.id, items: [{ procedureCode: CERTIFIED_COPY, copies: -1 }] }, 400, 'VALIDATION_FAILED'],
    ['fractional quantity in a line', { agencyId: COMMUNE.id, items: [{ procedureCode: CERTIFIED_COPY, quantity: 1.5 }] }, 400, 'VALIDATION_FAILED'],
    ['both procedureCode and items', { procedureCode: SIGNATURE, agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE }] }, 400, 'VALIDATION_FAILED'],
    ['copies beside items', { agencyId: COMMUNE.id, copies: 2, items: [{ procedureCode: SIGNATURE }] }, 400, 'VALIDATION_FAILED'],
    ['neither procedureCode nor items', { agencyId: COMMUNE.id }, 400, 'VALIDATION_FAILED'],
    ['an unknown channel', { procedureCode: SIGNATURE, agencyId: COMMUNE.id, channel: 'post' }, 400, 'VALIDATION_FAILED'],
    ['vneidLevel2 as a string', { procedureCode: SIGNATURE, agencyId: COMMUNE.id, vneidLevel2: 'yes' }, 400, 'VALIDATION_FAILED'],
    ['copies of a flat fee in a line', { agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE }, { procedureCode: MARITAL, copies: 2 }] }, 400, 'COPIES_NOT_APPLICABLE'],
  ];
  it.each(cases)('%s → %i %s', async (_label, body, status, code) => {
    const before = await orderCount();
    const res = await post(body);
    expect(res.status).toBe(status);
    const answer = await res.json();
    expect(answer.error.code).toBe(code);
    expect(answer.error.message).toBeTruthy();
    expect(answer.error.messageEn).toBeTruthy();
    expect(await orderCount()).toBe(before);
  });

  it('names the line at fault', async () => {
    const unknown = await (await post(cases[0]![1])).json();
    expect(unknown.error.details).toEqual([expect.objectContaining({ path: 'items[1].procedureCode' })]);
    const tier = await (await post(cases[1]![1])).json();
    expect(tier.error.details[0].path).toBe('items[1].procedureCode');
    expect(tier.error.details[0].message).toContain(PROVINCE.name);
    const copies = await (await post(cases[12]![1])).json();
    expect(copies.error.details[0].path).toBe('items[1].copies');
  });

  it('the same Idempotency-Key with other lines is refused (409)', async () => {
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'lines-1' };
    const first = { agencyId: COMMUNE.id, items: [{ procedureCode: SIGNATURE }, { procedureCode: CERTIFIED_COPY, quantity: 3 }] };
    const a = await app.request('/api/orders', { method: 'POST', headers, body: JSON.stringify(first) });
    expect(a.status).toBe(201);
    const b = await app.request('/api/orders', { method: 'POST', headers, body: JSON.stringify(first) });
    expect(b.status).toBe(200);
    expect((await b.json()).id).toBe((await a.json()).id);
    const other = { ...first, items: [{ procedureCode: SIGNATURE }, { procedureCode: CERTIFIED_COPY, quantity: 4 }] };
    expect((await app.request('/api/orders', { method: 'POST', headers, body: JSON.stringify(other) })).status).toBe(409);
  });
});

describe('at the counter and on the receipt', () => {
  let world: StaffWorld;
  beforeAll(async () => {
    world = await staffWorld();
  }, 120_000);

  it('POST /api/staff/orders takes items and channel; the receipt lists every line with its kind, in XML that validates', async () => {
    const res = await call(world, 'POST', '/api/staff/orders', world.tokens.volunteer, {
      agencyId: world.own,
      items: [{ procedureCode: CERTIFIED_COPY, quantity: 2, copies: 3 }, { procedureCode: SIGNATURE }],
      channel: 'counter',
      vneidLevel2: false,
    });
    expect(res.status).toBe(201);
    const order = await res.json();
    expect(order.amount).toBe(22_000);
    expect(order.items.map((l: { kind: string }) => l.kind)).toEqual(['phi', 'phi']);
    expect(order).toMatchObject({ channel: 'counter', vneidLevel2: false, assistedBy: 'volunteer' });

    const stored = (await world.db.store.getOrder(order.id))!;
    await world.db.store.updateOrder({ ...stored, status: 'PAID', paidAmount: stored.amount, version: stored.version + 1 }, stored.version);
    const confirmed = await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk);
    expect(confirmed.status).toBe(200);
    const { receipt } = await confirmed.json();
    expect(receipt.amount).toBe(22_000);
    const xml = await (await call(world, 'GET', receipt.xmlUrl, world.tokens.clerk)).text();
    expect(xml.match(/<Phi>/g)).toHaveLength(2);
    expect(xml.match(/<LPhi>Phí<\/LPhi>/g)).toHaveLength(2);
    expect(xml).toContain('<STien>12000</STien>');
    expect(xml).toContain('<STien>10000</STien>');
    expect(xml).toContain('<TgTien>22000</TgTien>');
    const valid = xmllintValidate(SCHEMAS.receipt, [xml]);
    expect(valid.ok, valid.output).toBe(true);

    const verify = await (await createPublicApp(() => world.deps).request(receipt.verifyUrl)).json();
    expect(verify.receipt.lines).toEqual([
      expect.objectContaining({ procedureCode: CERTIFIED_COPY, kind: 'phi', quantity: 2, copies: 3, amount: 12_000 }),
      expect.objectContaining({ procedureCode: SIGNATURE, kind: 'phi', amount: 10_000 }),
    ]);
  });

  it('a lệ phí line says so in the XML', async () => {
    const { order } = await placeOrder(world.deps, { input: { agencyId: world.own, items: [{ procedureCode: MARITAL }], channel: 'counter' }, raw: {} });
    expect(order.items?.[0]?.kind).toBe('le_phi');
    await world.db.store.updateOrder({ ...order, status: 'PAID', paidAmount: order.amount, version: order.version + 1 }, order.version);
    const { receipt } = await (await call(world, 'POST', `/api/staff/orders/${order.id}/confirm`, world.tokens.clerk)).json();
    const xml = await (await call(world, 'GET', receipt.xmlUrl, world.tokens.clerk)).text();
    expect(xml).toContain('<LPhi>Lệ phí</LPhi>');
  });
});

it('the seeded catalogue has the procedures these tests name', () => {
  for (const code of [CERTIFIED_COPY, SIGNATURE, EXTRACT, MARITAL, BIRTH, LAND_CHANGE]) expect(PROCEDURES.some((p) => p.code === code), code).toBe(true);
});

describe('the catalogue routes carry the fee’s kind and reliefs', () => {
  it('GET /api/procedures/{code}: the fee in force with feeKind, legal basis and the reliefs in force or scheduled', async () => {
    const res = await app.request(`/api/procedures/${EXTRACT}`);
    expect(res.status).toBe(200);
    const p = await res.json();
    expect(p.fee).toMatchObject({ kind: 'per_unit', unit: 'copy', unitAmount: 8_000, feeKind: 'phi' });
    expect(p.feeKind).toBe('phi');
    expect(p.fee.reliefs).toEqual([
      expect.objectContaining({ kind: 'waiver', percent: 100, channel: 'online', requires: ['vneid_level2'], from: '2026-08-15', to: '2027-02-28', legalBasis: expect.stringContaining('Thông tư 117/2026/TT-BTC') }),
    ]);
    expect(p.reliefs).toHaveLength(1);
    // After the window: nothing in force or scheduled (the procedure's own list keeps its history).
    const after = await (await later.request(`/api/procedures/${EXTRACT}`)).json();
    expect(after.fee.reliefs).toEqual([]);
    expect(after.reliefs).toHaveLength(1);
  });

  it('a construction permit names Law 135/2025 for the rule in force since 1/7/2026, as a lệ phí', async () => {
    const p = await (await app.request('/api/procedures/1.013225')).json();
    expect(p.fee).toMatchObject({ kind: 'flat', feeKind: 'le_phi', from: '2026-07-01', legalBasis: expect.stringContaining('Luật Xây dựng 135/2025/QH15') });
    expect(p.feeRules).toHaveLength(2);
  });

  it('GET /api/procedures lists each fee with its feeKind and reliefs', async () => {
    const list = await (await app.request(`/api/procedures?q=${encodeURIComponent('trích lục')}`)).json();
    const extract = list.items.find((i: { code: string }) => i.code === EXTRACT);
    expect(extract.fee).toMatchObject({ kind: 'per_unit', feeKind: 'phi' });
    expect(extract.fee.reliefs[0]).toMatchObject({ kind: 'waiver', channel: 'online' });
  });
});
