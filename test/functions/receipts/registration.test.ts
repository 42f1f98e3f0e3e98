/**
 * Registration for e-receipts (issue 15, item 4; form 01/ĐKTĐ-CTĐT) against DynamoDB Local:
 * an admin declares an agency; the declaration's XML validates against our XSD (xmllint)
 * and its signature verifies (xmlsec1); a printable page; the tax authority's answer is
 * recorded; deployed, an agency without an accepted registration issues no receipt and no
 * number is used.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createStaffApp } from '../../../functions/staff/app';
import { buildRegistrationXml } from '../../../shared/e-receipt/registration-xml';
import { REGISTRATION } from '../../../shared/e-receipt/names';
import { AGENCIES } from '../../../shared/catalogue';
import { receiptSymbol, receiptYear } from '../../../shared/receipt';
import { call, makeOrder, staffWorld, testReceiptSigners, type StaffWorld } from '../../support/staff';
import { SCHEMAS, xmllintValidate, xmlsecVerify } from '../../support/xml-tools';

let world: StaffWorld;
beforeAll(async () => {
  world = await staffWorld();
}, 60_000);

const INPUT = { taxOffice: 'Thuế cơ sở 1 tỉnh Vĩnh Long', contact: { name: 'Nguyễn Thị Lan', phone: '0270 3822 123', email: 'vanthu@example.gov.vn', address: 'Ấp 1, xã Giồng Trôm, tỉnh Vĩnh Long' }, channel: 'provider' };
const path = (agencyId: string, rest = '') => `/api/staff/agencies/${agencyId}/e-receipt-registration${rest}`;
const caPem = () => testReceiptSigners().trustAnchors().map((c) => c.toString()).join('\n');

describe('the registration declaration (01/ĐKTĐ-CTĐT)', () => {
  it('is made by an admin from the catalogue and the agency’s certificate, signed, valid and printable', async () => {
    const res = await call(world, 'POST', path(world.own), world.tokens.admin, INPUT);
    expect(res.status).toBe(201);
    const { registration } = await res.json();
    const agency = AGENCIES.find((a) => a.id === world.own)!;
    expect(registration).toMatchObject({ status: 'filed', data: { kind: 'first', organisation: { taxCode: agency.taxCode }, channel: 'provider', receiptKind: 'EBL01' } });
    expect(registration.data.certificates).toHaveLength(1);
    const xml = await (await call(world, 'GET', registration.xmlUrl, world.tokens.admin)).text();
    const schema = xmllintValidate(SCHEMAS.registration, [xml]);
    expect(schema.ok, schema.output).toBe(true);
    const signature = xmlsecVerify(xml, caPem(), REGISTRATION.data);
    expect(signature.ok, signature.output).toBe(true);
    expect(xml).toContain(`<${REGISTRATION.serial}>${registration.data.certificates[0].serial.toUpperCase()}</${REGISTRATION.serial}>`);
    const page = await call(world, 'GET', registration.printUrl, world.tokens.admin);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('Mẫu số 01/ĐKTĐ-CTĐT');
    expect(html).toContain(agency.name);
    expect(html).toContain('lang="vi"');
  });

  it('is for admins of the agency’s tree only; bad input is a 400 and stores nothing', async () => {
    expect((await call(world, 'POST', path(world.own), world.tokens.clerk, INPUT)).status).toBe(403);
    expect((await call(world, 'POST', path(world.other), world.tokens.communeAdmin, INPUT)).status).toBe(404);
    const before = (await (await call(world, 'GET', path(world.other), world.tokens.admin)).json()).registrations.length;
    for (const body of [{ ...INPUT, taxOffice: '' }, { ...INPUT, contact: { ...INPUT.contact, email: 'not-an-email' } }, { ...INPUT, channel: 'fax' }, { ...INPUT, extra: 1 }, { ...INPUT, contact: { ...INPUT.contact, name: 'a\u0001b' } }]) {
      const res = await call(world, 'POST', path(world.other), world.tokens.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe('VALIDATION_FAILED');
    }
    expect((await (await call(world, 'GET', path(world.other), world.tokens.admin)).json()).registrations).toHaveLength(before);
    expect((await call(world, 'GET', path(world.own, '/xml?id=nope'), world.tokens.admin)).status).toBe(404);
  });

  it('the builder refuses what the XSD would', () => {
    const ok = { kind: 'first' as const, organisation: { name: 'UBND xã', taxCode: '9900000202' }, taxOffice: 'Thuế cơ sở 1', contact: INPUT.contact, place: 'Giồng Trôm', madeAt: '2026-12-01T03:00:00.000Z', receiptKind: 'EBL01' as const, channel: 'direct' as const, certificates: [{ authority: 'Test CA', serial: '0a1b', subject: 'CN=x', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2028-01-01T00:00:00.000Z', action: 'add' as const }] };
    expect(xmllintValidate(SCHEMAS.registration, [buildRegistrationXml(ok)]).ok).toBe(true);
    expect(() => buildRegistrationXml({ ...ok, organisation: { ...ok.organisation, taxCode: '123' } })).toThrow(RangeError);
    expect(() => buildRegistrationXml({ ...ok, certificates: [] })).toThrow(RangeError);
  });
});

describe('deployed: no e-receipt before the registration is accepted', () => {
  it('refuses the confirmation with nothing numbered, until the acceptance is recorded', async () => {
    const deployed = createStaffApp(() => ({ ...world.deps, requireReceiptRegistration: true }));
    const agencyId = world.other;
    const agency = AGENCIES.find((a) => a.id === agencyId)!;
    const symbol = receiptSymbol(receiptYear(new Date()), agency.receiptSymbol);
    const confirm = async (orderId: string) => deployed.request(`/api/staff/orders/${orderId}/confirm`, { method: 'POST', headers: { authorization: `Bearer ${world.tokens.clerk2}` } });
    const order = await makeOrder(world, agencyId, { paid: true });
    const counter = await world.db.store.receiptCounter(agencyId, symbol);
    const refused = await confirm(order.id);
    expect(refused.status).toBe(422);
    expect((await refused.json()).error.code).toBe('E_RECEIPTS_NOT_REGISTERED');
    expect(await world.db.store.receiptCounter(agencyId, symbol)).toBe(counter);

    // Filed, then refused by the tax authority (with its reason): still no receipt.
    const first = (await (await call(world, 'POST', path(agencyId), world.tokens.admin, INPUT)).json()).registration;
    expect((await call(world, 'POST', path(agencyId, '/answer'), world.tokens.admin, { id: first.id, accepted: false, reference: '01/TB-ĐKĐT 12', date: '2026-12-02' })).status).toBe(400);
    const no = await call(world, 'POST', path(agencyId, '/answer'), world.tokens.admin, { id: first.id, accepted: false, reference: '01/TB-ĐKĐT 12', date: '2026-12-02', reason: 'Sai cơ quan thuế quản lý' });
    expect((await no.json()).registration).toMatchObject({ status: 'refused', answer: { reason: 'Sai cơ quan thuế quản lý', recordedBy: 'admin' } });
    expect((await confirm(order.id)).status).toBe(422);

    // Declared again and accepted: receipts are issued.
    const second = (await (await call(world, 'POST', path(agencyId), world.tokens.admin, { ...INPUT, taxOffice: 'Thuế cơ sở 2 tỉnh Vĩnh Long' })).json()).registration;
    expect(second.data.kind).toBe('first');
    const yes = await call(world, 'POST', path(agencyId, '/answer'), world.tokens.admin, { id: second.id, accepted: true, reference: '01/TB-ĐKĐT 15', date: '2026-12-03' });
    expect((await yes.json()).registration.status).toBe('accepted');
    expect((await call(world, 'POST', path(agencyId, '/answer'), world.tokens.admin, { id: second.id, accepted: true, reference: 'again', date: '2026-12-03' })).status).toBe(409);
    const issued = await confirm(order.id);
    expect(issued.status).toBe(200);
    expect((await issued.json()).receipt.number).toBe(counter + 1);
    const list = await (await call(world, 'GET', path(agencyId), world.tokens.admin)).json();
    expect(list.accepted).toBe(true);
    expect(list.registrations.map((r: { status: string }) => r.status)).toEqual(['refused', 'accepted']);
    // A later declaration (a new certificate, say) is a change of information.
    const third = (await (await call(world, 'POST', path(agencyId), world.tokens.admin, INPUT)).json()).registration;
    expect(third.data.kind).toBe('change');
  });
});
