/**
 * `npx tsx infra/catalogue.ts --agencies <agencies.json>`: writes the catalogue into the
 * deployed table: the agency's own agencies (names, tax codes, bank accounts, receipt
 * symbols) from a JSON file, and the procedures of shared/catalogue.ts. Run it once after
 * the first deploy and again whenever an account or a fee changes; the functions pick
 * the new catalogue up within a minute (they keep it in memory that long).
 *
 * Every agency is checked against the catalogue's own schema (a NAPAS BIN that matches
 * the bank, account name as banks print it...) and the set against the agency tree (parents
 * and successors that exist, no district in service: shared/catalogue.ts agencyTreeProblems).
 * Agencies of the old map stay in the file, marked historical, for the records made under
 * them; the table keeps every agency ever written. The repository's demo accounts
 * (999900000…) are refused unless --allow-demo-accounts: a citizen's money must never
 * be sent to an account that is not the agency's.
 *
 * Database: TABLE_NAME (the stack's TableName output), AWS_REGION and the usual AWS
 * credentials; DYNAMODB_ENDPOINT for a local table.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { CATALOGUE_AGENCIES, PROCEDURES, agencySchema, agencyTreeProblems, type Agency } from '../shared/catalogue';
import { databaseConfig } from '../functions/lib/platform/config';
import { dynamoClient } from '../functions/lib/storage/dynamo';
import { DynamoStore } from '../functions/lib/storage/dynamo-store';

export const USAGE = `Usage: npx tsx infra/catalogue.ts --agencies <agencies.json> [--allow-demo-accounts]

  --agencies <file>       a JSON array of agencies: id, name, level (province|commune|ward|
                          special_zone), parentId (a commune's province), taxCode, address,
                          bank {bin, bankName, accountNumber, accountName}, receiptSymbol;
                          agencies of the old map: historical true, supersededBy, until
  --allow-demo-accounts   accept the repository's demo bank accounts (a test deployment only)

Without --agencies, the demo agencies of shared/catalogue.ts (needs --allow-demo-accounts).
Database: TABLE_NAME (the stack's TableName output), AWS_REGION and AWS credentials.`;

/** The demo accounts of shared/catalogue.ts: 999900000101… */
const DEMO_ACCOUNT = /^99990000/;

export function checkAgencies(input: unknown, options: { allowDemoAccounts?: boolean } = {}): Agency[] {
  const parsed = z.array(agencySchema).min(1, 'at least one agency').safeParse(input);
  if (!parsed.success) {
    throw new Error(`agencies: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(list)'}: ${i.message}`).join('; ')}`);
  }
  const agencies = parsed.data;
  const ids = agencies.map((a) => a.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length) throw new Error(`agencies: id ${twice[0]} is used twice`);
  const tree = agencyTreeProblems(agencies);
  if (tree.length) throw new Error(`agencies: ${tree.join('; ')}`);
  const symbols = agencies.map((a) => a.receiptSymbol);
  const sharedSymbol = symbols.find((sym, i) => symbols.indexOf(sym) !== i);
  if (sharedSymbol) throw new Error(`agencies: receipt symbol ${sharedSymbol} is used twice (each agency numbers its own receipts)`);
  const demo = agencies.filter((a) => DEMO_ACCOUNT.test(a.bank.accountNumber));
  if (demo.length && !options.allowDemoAccounts) {
    throw new Error(`agencies: ${demo.map((a) => a.id).join(', ')} still have the repository's demo bank account; set the agency's real account (or pass --allow-demo-accounts for a test deployment)`);
  }
  return agencies;
}

export async function runCatalogueCli(argv: readonly string[], io: { env: NodeJS.ProcessEnv; say(line: string): void; warn(line: string): void }): Promise<number> {
  let values: { agencies?: string; 'allow-demo-accounts'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { agencies: { type: 'string' }, 'allow-demo-accounts': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.warn(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.say(USAGE);
    return 0;
  }
  let agencies: Agency[];
  try {
    const input: unknown = values.agencies ? JSON.parse(readFileSync(values.agencies, 'utf8')) : CATALOGUE_AGENCIES;
    agencies = checkAgencies(input, { allowDemoAccounts: values['allow-demo-accounts'] ?? false });
  } catch (err) {
    io.warn(err instanceof SyntaxError ? `${values.agencies} is not valid JSON: ${err.message}` : (err as Error).message);
    return 1;
  }
  const db = databaseConfig(io.env);
  const client = dynamoClient(db);
  try {
    await new DynamoStore(client, db.tableName).saveCatalogue(agencies, PROCEDURES);
    io.say(`catalogue written to ${db.tableName}: ${agencies.length} agencies (${agencies.map((a) => `${a.id} → ${a.bank.bankName} ${a.bank.accountNumber}`).join(', ')}), ${PROCEDURES.length} procedures`);
    return 0;
  } catch (err) {
    io.warn(`could not write to table ${db.tableName} in ${db.region}: ${(err as Error).name}: ${(err as Error).message}`);
    return 1;
  } finally {
    client.destroy();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  runCatalogueCli(process.argv.slice(2), { env: process.env, say: (l) => console.log(l), warn: (l) => console.error(l) }).then((code) => {
    process.exitCode = code;
  });
}
