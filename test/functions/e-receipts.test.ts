/**
 * Lawful e-receipts from a clerk's confirmation (issue 15): the staff API on a real
 * DynamoDB Local table signs each receipt's XML with the agency's certificate; xmllint
 * validates it against our XSD and xmlsec1 verifies it, as does our own verifier, and
 * both refuse it once a character changes. A signer that cannot sign leaves no gap.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDevCa, issueAgencyCertificate } from '../../functions/lib/receipts/dev-ca';
import { pkcs12Signer } from '../../functions/lib/receipts/pkcs12-signer';
import { remoteSigner } from '../../functions/lib/receipts/remote-signer';
import type { ReceiptSigners } from '../../functions/lib/receipts/signers';
import { trustAnchorsFromPem, verifySignedXml } from '../../functions/lib/receipts/xml-signature';
import { createStaffApp } from '../../functions/staff/app';
import { RECEIPT, SUMMARY } from '../../shared/e-receipt/names';
import { AGENCIES } from '../../shared/catalogue';
import { receiptSymbol, receiptYear } from '../../shared/receipt';
import { startRemoteSignerStandIn, type StandIn } from '../support/remote-signer-stand-in';
import { call, makeOrder, staffWorld, testReceiptSigners, type StaffWorld } from '../support/staff';
import { SCHEMAS, xmllintValidate, xmlsecVerify } from '../support/xml-tools';

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
}, 60_000);

const caPem = () => testReceiptSigners().trustAnchors().map((c) => c.toString()).join('\n');

async function confirm(app: ReturnType<typeof createStaffApp>, orderId: string) {
  const res = await app.request(`/api/staff/orders/${orderId}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${world.tokens.clerk}` } });
  return { status: res.status, body: await res.json() };
}

describe('a confirmed order’s e-receipt', () => {
  let xml = '';

  it('is XML signed by the agency, at the receipt’s xmlUrl, for the clerk only', async () => {
    const order = await makeOrder(world, world.own, { paid: true });
    const { status, body } = await confirm(world.app, order.id);
    expect(status).toBe(200);
    expect(body.receipt.xmlUrl).toBe(`/api/staff/receipts/${encodeURIComponent(body.receipt.id)}/xml`);
    const res = await call(world, 'GET', body.receipt.xmlUrl, world.tokens.clerk);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    xml = await res.text();
    expect(xml).toContain(body.receipt.symbol);
    expect((await call(world, 'GET', body.receipt.xmlUrl, world.tokens.clerk2)).status).toBe(404); // another commune's clerk
    expect((await call(world, 'GET', body.receipt.xmlUrl, world.tokens.volunteer)).status).toBe(403);
  });

  it('validates against our XSD with xmllint', () => {
    const result = xmllintValidate(SCHEMAS.receipt, [xml]);
    expect(result.ok, result.output).toBe(true);
  });

  it('verifies with xmlsec1 and with our verifier, whose signer names the agency’s tax code', () => {
    const independent = xmlsecVerify(xml, caPem(), RECEIPT.data);
    expect(independent.ok, independent.output).toBe(true);
    const ours = verifySignedXml(xml, { trustAnchors: testReceiptSigners().trustAnchors() });
    expect(ours.ok).toBe(true);
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    if (ours.ok) expect(JSON.stringify(ours.signer)).toContain(agency.taxCode);
  });

  it('is refused by both once any character of its data changes', () => {
    const start = xml.indexOf(`<${RECEIPT.data}`);
    const end = xml.indexOf(`</${RECEIPT.data}>`);
    // Characters inside text content of the data, a few spread across it.
    const positions: number[] = [];
    for (let i = start + 200; i < end && positions.length < 6; i += Math.floor((end - start) / 7)) {
      let j = i;
      while (j < end && !/[0-9A-Za-z]/.test(xml[j]!)) j++;
      positions.push(j);
    }
    for (const i of positions) {
      const changed = xml.slice(0, i) + (xml[i] === '1' ? '2' : '1') + xml.slice(i + 1);
      expect(verifySignedXml(changed, { trustAnchors: testReceiptSigners().trustAnchors() }).ok, `at ${i}`).toBe(false);
      expect(xmlsecVerify(changed, caPem(), RECEIPT.data).ok, `xmlsec1 at ${i}`).toBe(false);
    }
  });
});

describe('when the signer cannot sign', () => {
  let standIn: StandIn;
  let signers: ReceiptSigners;
  const ca = createDevCa({ now: new Date() });

  beforeAll(async () => {
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    const issued = issueAgencyCertificate(ca, { name: agency.name, taxCode: agency.taxCode }, { now: new Date() });
    standIn = await startRemoteSignerStandIn({
      key: createPrivateKey(issued.privateKeyPem),
      certificate: new X509Certificate(issued.certificatePem),
      caCertificate: new X509Certificate(ca.certificatePem),
      clientId: 'motcua',
      clientSecret: 'stand-in-secret',
      userId: agency.taxCode,
      behaviour: 'hang',
    });
    const remote = remoteSigner({ baseUrl: standIn.url, clientId: 'motcua', clientSecret: 'stand-in-secret', userId: agency.taxCode, requestTimeoutMs: 300, signTimeoutMs: 800, pollIntervalMs: 50 });
    signers = { signerFor: async () => remote, trustAnchors: () => trustAnchorsFromPem(ca.certificatePem) };
  });
  afterAll(async () => standIn?.close());

  it('a signing service that times out: 503, nothing numbered, the order stays paid; once it answers, the next number', async () => {
    const app = createStaffApp(() => ({ ...world.deps, receiptSigners: signers }));
    const order = await makeOrder(world, world.own, { paid: true });
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    const symbol = receiptSymbol(receiptYear(new Date()), agency.receiptSymbol);
    const before = await world.db.store.receiptCounter(agency.id, symbol);

    const refused = await confirm(app, order.id);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('RECEIPT_SIGNING_UNAVAILABLE');
    expect(await world.db.store.receiptCounter(agency.id, symbol)).toBe(before);
    expect((await world.db.store.getOrder(order.id))!.status).toBe('PAID');

    standIn.set('sign');
    const issued = await confirm(app, order.id);
    expect(issued.status).toBe(200);
    expect(issued.body.receipt.number).toBe(before + 1);
  });

  it('an expired certificate: refused before signing (503), nothing numbered', async () => {
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    const now = new Date();
    const expired = issueAgencyCertificate(ca, { name: agency.name, taxCode: agency.taxCode }, { now, validFrom: new Date(now.getTime() - 400 * 86_400_000), validTo: new Date(now.getTime() - 86_400_000) });
    const signer = pkcs12Signer({ pkcs12: expired.pkcs12, password: expired.password });
    const app = createStaffApp(() => ({ ...world.deps, receiptSigners: { signerFor: async () => signer, trustAnchors: () => trustAnchorsFromPem(ca.certificatePem) } }));
    const order = await makeOrder(world, world.own, { paid: true });
    const symbol = receiptSymbol(receiptYear(now), agency.receiptSymbol);
    const before = await world.db.store.receiptCounter(agency.id, symbol);
    const refused = await confirm(app, order.id);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('RECEIPT_CERTIFICATE_INVALID');
    expect(await world.db.store.receiptCounter(agency.id, symbol)).toBe(before);
  });
});

describe('the day’s summary for the tax authority (01/TH-BLĐT)', () => {
  it('lists the day’s receipts, a cancellation with its reason, and serves the table signed, valid and verifiable', async () => {
    const world2 = await staffWorld();
    const a = await makeOrder(world2, world2.own, { paid: true });
    const b = await makeOrder(world2, world2.own, { paid: true });
    const post = (path: string, body?: unknown) =>
      world2.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${world2.tokens.clerk}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const ra = (await (await post(`/api/staff/orders/${a.id}/confirm`)).json()).receipt;
    const rb = (await (await post(`/api/staff/orders/${b.id}/confirm`)).json()).receipt;
    expect((await post(`/api/staff/receipts/${encodeURIComponent(rb.id)}/cancel`, { reason: 'Sai số tiền' })).status).toBe(200);

    const res = await call(world2, 'GET', `/api/staff/receipts/daily-summary?agencyId=${world2.own}`, world2.tokens.clerk);
    expect(res.status).toBe(200);
    const summary = await res.json();
    expect(summary.transmission.status).toBe('pending');
    const row = (n: number) => summary.rows.find((r: { number: number }) => r.number === n);
    expect(row(ra.number)).toMatchObject({ template: 'EBL01', symbol: ra.symbol, status: 'new', amount: a.amount });
    expect(row(rb.number)).toMatchObject({ status: 'cancelled', explanation: 'Sai số tiền' });
    // Another commune's clerk sees nothing of it.
    expect((await call(world2, 'GET', `/api/staff/receipts/daily-summary?agencyId=${world2.own}`, world2.tokens.clerk2)).status).toBe(404);

    const xmlRes = await call(world2, 'GET', summary.xmlUrl, world2.tokens.clerk);
    expect(xmlRes.status).toBe(200);
    const xml = await xmlRes.text();
    const valid = xmllintValidate(SCHEMAS.summary, [xml]);
    expect(valid.ok, valid.output).toBe(true);
    const verified = xmlsecVerify(xml, caPem(), SUMMARY.data);
    expect(verified.ok, verified.output).toBe(true);
    expect(xml).toContain('Sai số tiền');
  });
});
