/**
 * Everyday names (issue 13, item 2): every procedure has one, short enough for a heading
 * on a phone, and the public catalogue serves it beside the official name.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createPublicApp } from '../../functions/public/app';
import { PROCEDURES } from '../../shared/catalogue';
import { SHORT_NAMES, shortNameOf } from '../../shared/short-names';
import { testDb, testDeps } from '../support/db';

let app: ReturnType<typeof createPublicApp>;

beforeAll(async () => {
  const deps = testDeps(await testDb());
  app = createPublicApp(() => deps);
});

describe('short names', () => {
  it('every procedure has one, in both languages, at most 45 characters, none for an unknown code', () => {
    for (const p of PROCEDURES) {
      const short = SHORT_NAMES[p.code];
      expect(short, p.code).toBeDefined();
      expect(short!.vi.length, p.code).toBeLessThanOrEqual(45);
      expect(short!.en.length, p.code).toBeLessThanOrEqual(45);
    }
    const codes = new Set(PROCEDURES.map((p) => p.code));
    expect(Object.keys(SHORT_NAMES).filter((code) => !codes.has(code))).toEqual([]);
    expect(shortNameOf('9.999999', 'Tên chính thức')).toBe('Tên chính thức');
    expect(shortNameOf('2.000815', 'x')).toBe('Chứng thực bản sao (sao y bản chính)');
    expect(shortNameOf('2.000815', 'x', 'en')).toBe('Certified copy of an original');
  });

  it('GET /api/procedures and /api/procedures/{code} carry shortName and shortNameEn beside the official name', async () => {
    const list = (await (await app.request('/api/procedures?q=chung thuc ban sao')).json()) as { items: { code: string; name: string; shortName: string; shortNameEn: string }[] };
    const copy = list.items.find((p) => p.code === '2.000815');
    expect(copy).toMatchObject({ shortName: 'Chứng thực bản sao (sao y bản chính)', shortNameEn: 'Certified copy of an original' });
    expect(copy!.name).toMatch(/^Chứng thực bản sao từ bản chính giấy tờ/);
    const one = await app.request('/api/procedures/2.000815');
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ code: '2.000815', shortName: 'Chứng thực bản sao (sao y bản chính)', name: copy!.name });
  });
});
