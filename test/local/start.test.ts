/**
 * `npm start` as a newcomer runs it: a real process with DynamoDB Local underneath,
 * data surviving a restart, and nothing left running after SIGTERM.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { freePort } from '../../local/dynamodb-local';
import { whenListening } from '../support/server';
import { agencyOfLevel, procedureWithFee } from '../support/fixtures';

const tsxCli = path.resolve('node_modules/tsx/dist/cli.mjs');
const dataDir = mkdtempSync(path.join(tmpdir(), 'motcua-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, [tsxCli, 'local/start.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DYNAMODB_ENDPOINT: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, output } = await whenListening(child, 60_000);
  return { child, url, output };
}

async function stop(s: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
  s.child.kill(signal);
  return exited;
}

function javaProcessesFor(dir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes('DynamoDBLocal.jar') && line.includes(dir));
}

describe('npm start', () => {
  it('brings up API, web and DynamoDB Local; data survive a restart; SIGTERM leaves nothing behind', async () => {
    const first = await start({});
    expect(first.output()).toContain('Seeded demo data');
    expect(javaProcessesFor(dataDir)).toHaveLength(1);

    expect(await (await fetch(`${first.url}/api/health`)).json()).toEqual({ status: 'ok' });
    const home = await fetch(`${first.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html');
    // The headers CloudFront adds in production, and the contract's JSON 404 (test/local/server.test.ts has the rest).
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    const unknown = await fetch(`${first.url}/api/no-such-thing`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatchObject({ code: 'NOT_FOUND', messageEn: 'Not found.' });
    const agencies = (await (await fetch(`${first.url}/api/agencies`)).json()).items;
    expect(agencies.length).toBeGreaterThanOrEqual(3);

    const procedure = procedureWithFee('tiered', 'commune');
    const created = await fetch(`${first.url}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ procedureCode: procedure.code, agencyId: agencyOfLevel('commune').id, quantity: 4 }),
    });
    expect(created.status).toBe(201);
    const order = await created.json();

    expect(await stop(first)).toBe(0);
    expect(javaProcessesFor(dataDir)).toHaveLength(0);

    const second = await start({});
    expect(second.output()).not.toContain('Seeded demo data');
    const again = await fetch(`${second.url}/api/orders/${order.id}`, { headers: { 'X-Order-Token': order.accessToken } });
    expect(again.status).toBe(200);
    expect((await again.json()).amount).toBe(order.amount);
    expect(await stop(second, 'SIGINT')).toBe(0);
    expect(javaProcessesFor(dataDir)).toHaveLength(0);
  }, 180_000);

  it('uses DYNAMODB_ENDPOINT instead of starting DynamoDB Local, creating and seeding the table', async () => {
    const table = `start-${Date.now()}`;
    // A DATA_DIR that does not exist yet: nothing but the server itself creates it here.
    const s = await start({ DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'), TABLE_NAME: table, DATA_DIR: path.join(dataDir, 'fresh', 'nested') });
    expect(s.output()).toContain(`Created table ${table}`);
    expect(s.output()).not.toContain('DynamoDB Local on');
    expect(javaProcessesFor(dataDir)).toHaveLength(0);
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    expect(await stop(s)).toBe(0);
  }, 120_000);

  it('says clearly that Java is missing', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [tsxCli, 'local/start.ts'], {
      env: { ...process.env, PATH: '/nonexistent', PORT: String(port), DATA_DIR: dataDir, DYNAMODB_ENDPOINT: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/Java was not found/);
    expect(output).toMatch(/apt-get install/);
  }, 60_000);
});
