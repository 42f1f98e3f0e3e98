/** Loading an agency's own catalogue into the deployed table (infra/catalogue.ts), on DynamoDB Local. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENCIES, CATALOGUE_AGENCIES, PROCEDURES, type Agency } from '../../shared/catalogue';
import { runCatalogueCli } from '../../infra/catalogue';
import { testDb, type TestDb } from '../support/db';

let db: TestDb;
let dir: string;

beforeAll(async () => {
  db = await testDb({ seed: false });
  dir = await mkdtemp(path.join(tmpdir(), 'motcua-pay-catalogue-'));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// A province's own file: the province and one of its communes, with real-looking accounts.
const own: Agency[] = [
  { ...AGENCIES[0]!, bank: { bin: '970418', bankName: 'BIDV', accountNumber: '7410012345678', accountName: 'TT PHUC VU HCC TINH VINH LONG' } },
  { ...AGENCIES[1]!, bank: { bin: '970405', bankName: 'Agribank', accountNumber: '7200205123456', accountName: 'UBND XA GIONG TROM' } },
];

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCatalogueCli(args, { env: { TABLE_NAME: db.tableName, DYNAMODB_ENDPOINT: db.endpoint, AWS_REGION: 'ap-southeast-1' }, say: (l) => out.push(l), warn: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function file(name: string, content: unknown): Promise<string> {
  const f = path.join(dir, name);
  await writeFile(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

describe('infra/catalogue.ts', () => {
  it('writes the agency\'s own agencies and the procedures', async () => {
    const run1 = await run(['--agencies', await file('own.json', own)]);
    expect(run1.code, run1.err).toBe(0);
    expect(run1.out).toContain('2 agencies');
    expect(run1.out).toContain('7410012345678');
    expect((await db.store.listAgencies()).map((a) => a.bank.accountNumber)).toEqual(['7410012345678', '7200205123456']);
    expect(await db.store.listProcedures()).toHaveLength(PROCEDURES.length);
  });

  it('refuses the demo accounts unless told this is a test deployment', async () => {
    const refused = await run([]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/demo bank account/);
    expect((await run(['--allow-demo-accounts'])).code).toBe(0);
  });

  it('refuses an account the catalogue schema refuses, and says why', async () => {
    const wrongBank = [{ ...own[0]!, bank: { ...own[0]!.bank, bankName: 'Vietcombank' } }];
    const bad = await run(['--agencies', await file('bad.json', wrongBank)]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('bank.bankName: BIN 970418 is BIDV');
    const dup = await run(['--agencies', await file('dup.json', [own[0], { ...own[1]!, receiptSymbol: own[0]!.receiptSymbol }])]);
    expect(dup.err).toContain(`receipt symbol ${own[0]!.receiptSymbol} is used twice`);
    const notJson = await run(['--agencies', await file('x.json', '[{')]);
    expect(notJson.err).toMatch(/not valid JSON/);
  });

  it('refuses a broken tree (a commune without its province, a district in service), saying which agency', async () => {
    const orphan = await run(['--agencies', await file('orphan.json', [own[1]])]);
    expect(orphan.code).toBe(1);
    expect(orphan.err).toContain(`${own[1]!.id}: parent ${own[0]!.id} is not in the catalogue`);
    const district = await run(['--agencies', await file('district.json', [own[0], { ...own[1]!, level: 'district' }])]);
    expect(district.code).toBe(1);
    expect(district.err).toMatch(/no districts since 1 July 2025/);
  });

  it('the demo catalogue keeps the old map\'s agencies, marked, for the records made under them', async () => {
    expect((await run(['--allow-demo-accounts'])).code).toBe(0);
    const stored = await db.store.listAgencies();
    expect(stored.map((a) => a.id)).toEqual(CATALOGUE_AGENCIES.map((a) => a.id));
    expect(stored.find((a) => a.id === 'my-thanh')).toMatchObject({ historical: true, supersededBy: 'xa-luong-hoa' });
  });
});
