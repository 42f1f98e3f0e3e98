/**
 * `npm run user` as an operator runs it on a fresh production table: the real script in
 * its own process creates the first admin, who can then log in. The other commands run
 * in-process against the same DynamoDB Local.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSigningKeys } from '../../functions/lib/auth/keys';
import { verifyStaffToken } from '../../functions/lib/auth/tokens';
import { ApiError } from '../../functions/lib/platform/errors';
import { authenticate, login, type LoginDeps } from '../../functions/lib/accounts/login';
import { DynamoLoginLimiter } from '../../functions/lib/storage/login-limiter';
import { DynamoUserStore } from '../../functions/lib/storage/user-store';
import { runUserCli, USAGE } from '../../scripts/user';
import { agencyOfLevel } from '../support/fixtures';
import { testDb, type TestDb } from '../support/db';

const tsxCli = path.resolve('node_modules/tsx/dist/cli.mjs');
const PASSWORD = 'Mật khẩu quản trị 2026!';
const keys = buildSigningKeys({});

function runScript(args: string[], env: NodeJS.ProcessEnv, stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsxCli, 'scripts/user.ts', ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

function loginDeps(db: TestDb): LoginDeps {
  return {
    users: new DynamoUserStore(db.client, db.tableName),
    limiter: new DynamoLoginLimiter(db.client, db.tableName),
    keys,
    now: () => new Date(),
  };
}

describe('npm run user on an empty production table', () => {
  let db: TestDb;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await testDb({ seed: false });
    env = { ...process.env, DYNAMODB_ENDPOINT: db.endpoint, TABLE_NAME: db.tableName, NODE_ENV: 'production' };
    delete env.JWT_PRIVATE_KEY;
  });

  it('adds the first admin from a password on stdin, printing neither password nor hash; the admin logs in', async () => {
    const run = await runScript(['add', 'Root.Admin', '--role', 'admin', '--name', 'Nguyễn Văn Quản Trị'], env, `${PASSWORD}\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('Created user root.admin (admin, all agencies, "Nguyễn Văn Quản Trị")');
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    expect(run.stdout + run.stderr).not.toContain('scrypt');

    const result = await login(loginDeps(db), { username: 'root.admin', password: PASSWORD, clientIp: '192.0.2.1' });
    expect(result.user).toEqual({ username: 'root.admin', role: 'admin', agencyId: null, displayName: 'Nguyễn Văn Quản Trị' });
    expect((await verifyStaffToken(result.token, keys)).role).toBe('admin');
    const stored = await new DynamoUserStore(db.client, db.tableName).getUser('root.admin');
    expect(stored?.createdBy).toMatch(/^cli/);
    expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    // The command line's change is in the audit log, without the hash.
    const { vietnamDate } = await import('../../shared/time');
    const audit = await db.store.listAudit({ day: vietnamDate(new Date()), action: 'USER_CREATED', limit: 10 });
    expect(audit.items.find((e) => e.target.id === 'root.admin')).toMatchObject({ role: 'cli', action: 'USER_CREATED' });
    expect(JSON.stringify(audit.items)).not.toContain('scrypt');
  });

  it('refuses a weak password and a second user of the same name, changing nothing', async () => {
    const weak = await runScript(['add', 'second', '--role', 'admin'], env, 'short\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password: The password must be at least 10 characters/);
    expect(weak.stderr).not.toContain('short\n');
    expect(await new DynamoUserStore(db.client, db.tableName).getUser('second')).toBeUndefined();

    const again = await runScript(['add', 'root.admin', '--role', 'admin'], env, 'another long password\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('This username is already taken.');
    await expect(login(loginDeps(db), { username: 'root.admin', password: PASSWORD, clientIp: '192.0.2.2' })).resolves.toBeTruthy();
  });

  it('says what is wrong with the command line', async () => {
    const noRole = await runScript(['add', 'someone'], env, '');
    expect(noRole.code).toBe(2);
    expect(noRole.stderr).toContain('add needs --role');
    expect(noRole.stderr).toContain('Usage: npm run user');
    const help = await runScript(['--help'], env, '');
    expect(help.code).toBe(0);
    expect(help.stdout.trim()).toBe(USAGE);
  });
});

describe('npm run user commands', () => {
  let db: TestDb;
  const lines: string[] = [];
  const problems: string[] = [];
  const cli = (argv: string[], stdin = '') =>
    runUserCli(argv, {
      env: { DYNAMODB_ENDPOINT: db.endpoint, TABLE_NAME: db.tableName },
      stdin: Readable.from(stdin ? [stdin] : []),
      say: (l) => lines.push(l),
      warn: (l) => problems.push(l),
    });
  const output = () => [...lines.splice(0), ...problems.splice(0)].join('\n');

  beforeAll(async () => {
    db = await testDb();
  });

  it('add checks role and agency against the catalogue', async () => {
    const commune = agencyOfLevel('commune').id;
    expect(await cli(['add', 'clerk2', '--role', 'clerk'], 'clerk password 1\n')).toBe(1);
    expect(output()).toContain('agencyId: A clerk or volunteer must belong to an agency.');
    expect(await cli(['add', 'clerk2', '--role', 'clerk', '--agency', 'nowhere'], 'clerk password 1\n')).toBe(1);
    expect(output()).toContain('This agency does not exist.');
    expect(await cli(['add', 'clerk2', '--role', 'superuser'], 'clerk password 1\n')).toBe(2);
    expect(output()).toContain('Unknown role superuser');
    expect(await cli(['add', 'clerk2', '--role', 'clerk', '--agency', commune], '')).toBe(1);
    expect(output()).toContain('No password on stdin');
    expect(await cli(['add', 'clerk2', '--role', 'clerk', '--agency', commune, '--name', 'Trần Thị B'], 'clerk password 1\r\nignored\n')).toBe(0);
    expect(output()).toContain(`Created user clerk2 (clerk, agency ${commune}, "Trần Thị B")`);
    expect((await login(loginDeps(db), { username: 'clerk2', password: 'clerk password 1', clientIp: '192.0.2.10' })).user.agencyId).toBe(commune);
  });

  it('list, disable, enable and reset-password', async () => {
    expect(await cli(['list'])).toBe(0);
    const listed = output();
    // The demo admin and leader are the province's (their scope: the province and its communes).
    const province = agencyOfLevel('province').id;
    for (const name of [`admin (admin, agency ${province}`, 'clerk (clerk, agency', 'volunteer (volunteer', `leader (leader, agency ${province}`, 'clerk2 (clerk']) expect(listed).toContain(name);
    expect(listed).toMatch(/5 users in table/);
    expect(listed).not.toContain('scrypt');

    const deps = loginDeps(db);
    const before = await login(deps, { username: 'clerk2', password: 'clerk password 1', clientIp: '192.0.2.11' });

    expect(await cli(['disable', 'clerk2'])).toBe(0);
    expect(output()).toContain('Disabled clerk2');
    await expect(login(deps, { username: 'clerk2', password: 'clerk password 1', clientIp: '192.0.2.12' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(await cli(['list'])).toBe(0);
    expect(output()).toContain(`clerk2 (clerk, agency ${agencyOfLevel('commune').id}, "Trần Thị B", DISABLED)`);
    expect(await cli(['enable', 'clerk2'])).toBe(0);
    expect(output()).toContain('Enabled clerk2');

    expect(await cli(['reset-password', 'clerk2'], 'a new clerk password\n')).toBe(0);
    expect(output()).toContain('Reset the password of clerk2');
    await expect(authenticate(deps, before.token)).rejects.toThrow();
    await expect(login(deps, { username: 'clerk2', password: 'clerk password 1', clientIp: '192.0.2.13' })).rejects.toBeInstanceOf(ApiError);
    expect((await login(deps, { username: 'clerk2', password: 'a new clerk password', clientIp: '192.0.2.14' })).user.username).toBe('clerk2');

    expect(await cli(['reset-password', 'nobody'], 'a new clerk password\n')).toBe(1);
    expect(output()).toContain('This user account does not exist.');
    expect(await cli(['disable'])).toBe(2);
    expect(output()).toContain('disable needs a username');
  });

  it('names the table it could not find', async () => {
    const code = await runUserCli(['list'], {
      env: { DYNAMODB_ENDPOINT: db.endpoint, TABLE_NAME: 'no-such-table' },
      stdin: Readable.from([]),
      say: (l) => lines.push(l),
      warn: (l) => problems.push(l),
    });
    expect(code).toBe(1);
    expect(output()).toContain('Table no-such-table not found');
  });
});
