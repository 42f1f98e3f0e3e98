/** The public catalogue through the real app on DynamoDB Local, as the contract shapes it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { createPublicApp } from '../../functions/public/app';
import { AGENCIES, CATALOGUE_AGENCIES, PROCEDURES } from '../../shared/catalogue';
import { BANKS } from '../../shared/banks';
import { testDb, testDeps } from '../support/db';

let app: ReturnType<typeof createPublicApp>;

beforeAll(async () => {
  const deps = testDeps(await testDb());
  app = createPublicApp(() => deps);
});

const get = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, body: await res.json() };
};

describe('catalogue', () => {
  it('GET /api/health answers ok once the database answers', async () => {
    expect(await get('/api/health')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('GET /api/agencies: today\'s map, the province Vĩnh Long first, then at least three of its communes, each with a tax code and a NAPAS bank account', async () => {
    const { status, body } = await get('/api/agencies');
    expect(status).toBe(200);
    expect(body.items.map((a: { id: string }) => a.id)).toEqual(AGENCIES.map((a) => a.id));
    const [province, ...rest] = body.items;
    expect(province).toMatchObject({ level: 'province', name: expect.stringMatching(/Vĩnh Long/) });
    expect(province.parentId).toBeUndefined();
    expect(rest.filter((a: { level: string }) => a.level === 'commune').length).toBeGreaterThanOrEqual(3);
    for (const a of rest) expect(a.parentId).toBe(province.id);
    // "district" only on agencies kept for history, which are not listed by default.
    expect(body.items.some((a: { level: string; historical?: boolean }) => a.level === 'district' || a.historical)).toBe(false);
    expect(JSON.stringify(body)).not.toMatch(/Bến Tre/);
    for (const a of body.items) {
      expect(a).toMatchObject({ id: expect.any(String), name: expect.any(String), taxCode: expect.stringMatching(/^\d{10}$/), bank: { bin: expect.stringMatching(/^\d{6}$/), bankName: expect.any(String), accountNumber: expect.any(String), accountName: expect.any(String) } });
      expect(['province', 'commune', 'ward', 'special_zone']).toContain(a.level);
      expect(BANKS.map((b) => b.bin)).toContain(a.bank.bin);
    }
  });

  it('GET /api/agencies?include=historical adds the old map, marked, with the agency that took each over', async () => {
    const { status, body } = await get('/api/agencies?include=historical');
    expect(status).toBe(200);
    expect(body.items.map((a: { id: string }) => a.id)).toEqual(CATALOGUE_AGENCIES.map((a) => a.id));
    const old = body.items.filter((a: { historical?: boolean }) => a.historical);
    expect(old.map((a: { id: string }) => a.id).sort()).toEqual(['ben-tre', 'binh-thanh', 'giong-trom', 'luong-hoa', 'my-thanh']);
    expect(old.find((a: { id: string }) => a.id === 'giong-trom')).toMatchObject({ level: 'district', historical: true, supersededBy: AGENCIES[0]!.id, until: '2025-06-30' });
    expect(old.find((a: { id: string }) => a.id === 'my-thanh')).toMatchObject({ level: 'commune', supersededBy: 'xa-luong-hoa' });
    expect((await get('/api/agencies?include=everything')).status).toBe(400);
  });

  it('GET /api/procedures lists all with fee kinds; q ignores case and diacritics; level and agencyId filter', async () => {
    const all = await get('/api/procedures');
    expect(all.body.items.length).toBe(PROCEDURES.length);
    expect(all.body.items.length).toBeGreaterThanOrEqual(30);
    expect(new Set(all.body.items.map((p: { fee: { kind: string } }) => p.fee.kind))).toEqual(new Set(['free', 'flat', 'per_unit', 'tiered']));

    const accented = await get(`/api/procedures?q=${encodeURIComponent('Đăng ký khai sinh')}`);
    const plain = await get('/api/procedures?q=khai%20sinh');
    const upper = await get('/api/procedures?q=KHAI%20SINH');
    expect(plain.body.items.map((p: { name: string }) => p.name)).toContain('Đăng ký khai sinh');
    expect(upper.body.items).toEqual(plain.body.items);
    expect(accented.body.items[0].name).toBe('Đăng ký khai sinh');

    const commune = await get('/api/procedures?level=commune');
    expect(commune.body.items.every((p: { level: string }) => p.level === 'commune')).toBe(true);
    const province = AGENCIES.find((a) => a.level === 'province')!;
    const byAgency = await get(`/api/procedures?agencyId=${province.id}`);
    expect(byAgency.body.items.length).toBeGreaterThan(0);
    expect(byAgency.body.items.every((p: { level: string }) => p.level === 'province')).toBe(true);
    const byCommune = await get(`/api/procedures?agencyId=${AGENCIES.find((a) => a.level === 'commune')!.id}`);
    expect(byCommune.body.items.length + byAgency.body.items.length).toBe(PROCEDURES.length);
    // An agency of the old map handles nothing new.
    expect((await get('/api/procedures?agencyId=my-thanh')).body.items).toEqual([]);
  });

  it('GET /api/procedures/{code} is the whole guide', async () => {
    const p = PROCEDURES[0]!;
    const { status, body } = await get(`/api/procedures/${p.code}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: p.code, name: p.name, documents: p.documents, onlineSteps: p.onlineSteps, legalBasis: p.legalBasis, processingTime: p.processingTime, fee: p.fee });
    expect(body.onlineSteps.join(' ')).toMatch(/VNeID/);
  });

  it('bad queries and unknown codes answer in the contract’s error shape', async () => {
    const unknown = await get('/api/procedures/9.999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.any(String), messageEn: expect.any(String) });
    const level = await get('/api/procedures?level=district');
    expect(level.status).toBe(400);
    expect(level.body.error.details[0].path).toBe('level');
    const agency = await get('/api/procedures?agencyId=nowhere');
    expect(agency.status).toBe(400);
    expect(agency.body.error.code).toBe('AGENCY_NOT_FOUND');
    const long = await get(`/api/procedures?q=${'a'.repeat(101)}`);
    expect(long.status).toBe(400);
    const nope = await get('/api/nothing-here');
    expect(nope.status).toBe(404);
    expect(nope.body.error.code).toBe('NOT_FOUND');
  });
});
