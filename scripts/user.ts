/**
 * `npm run user -- <command>`: staff accounts from a terminal, straight against the
 * table (the way the first admin is created in production, before anyone can log in).
 * The password is read from stdin, or asked for without echo on a terminal; it is never
 * printed, nor is its hash.
 */
import { userInfo } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { ConfigError, databaseConfig, paymentCodePrefix } from '../functions/lib/platform/config';
import { composeRoot, type Root } from '../functions/composition/root';
import { accountStorage } from '../functions/composition/staff';
import { ApiError } from '../functions/lib/platform/errors';
import { ERRORS } from '../shared/errors';
import { randomUUID } from 'node:crypto';
import type { AuditAction } from '../shared/audit';
import { STAFF_ROLES, type StaffRole, type StaffUserView } from '../functions/lib/accounts/users';
import { userAdmin } from '../functions/lib/accounts/admin';

export const USAGE = `Usage: npm run user -- <command>

  add <username> --role admin|clerk|volunteer|leader [--agency <id>] [--name "Full name"]
                          create a user; clerk and volunteer need --agency; an admin or
                          leader's --agency is the root of their scope (a province: it and
                          its communes), without one they see every agency
  disable <username>      refuse this user's logins and tokens from now on
  enable <username>       allow logins again
  reset-password <username>
                          set a new password; tokens issued before stop working
  list                    every user with role, agency and state

The password (add, reset-password) is the first line of stdin, e.g.
  printf '%s\\n' "$PASSWORD" | npm run user -- add admin --role admin
or, on a terminal, asked for twice without echo. At least 10 characters.

Database: DYNAMODB_ENDPOINT (omit for AWS), TABLE_NAME (default motcua-pay), AWS_REGION
and the usual AWS credentials, exactly as the Lambdas read them.`;

export interface UserCliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  /** Results, one line each. */
  say(line: string): void;
  /** Prompts and problems. */
  warn(line: string): void;
}

/** A problem the person at the terminal can fix; the message says how. */
class CliError extends Error {
  override name = 'CliError';
  constructor(
    message: string,
    readonly usage = false,
  ) {
    super(message);
  }
}

/** Runs one command; resolves to the process exit code. */
export async function runUserCli(argv: readonly string[], io: UserCliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.warn(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (!parsed) {
    io.say(USAGE);
    return 0;
  }
  let db: ReturnType<typeof databaseConfig>;
  let prefix: string;
  try {
    db = databaseConfig(io.env);
    prefix = paymentCodePrefix(io.env);
  } catch (err) {
    io.warn(err instanceof Error ? err.message : String(err));
    return 1;
  }
  const root = composeRoot({ database: db, secrets: io.env, paymentCodePrefix: prefix });
  try {
    await run(parsed, io, root);
    return 0;
  } catch (err) {
    io.warn(explain(err, db));
    if (err instanceof CliError && err.usage) io.warn(`\n${USAGE}`);
    return 1;
  } finally {
    root.client.destroy();
  }
}

type Command =
  | { command: 'add'; username: string; role: StaffRole; agency?: string; name?: string }
  | { command: 'disable' | 'enable' | 'reset-password'; username: string }
  | { command: 'list' };

function parse(argv: readonly string[]): Command | undefined {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      role: { type: 'string', short: 'r' },
      agency: { type: 'string', short: 'a' },
      name: { type: 'string', short: 'n' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, username, ...extra] = positionals;
  if (values.help || !command) return undefined;
  if (extra.length) throw new Error(`Unexpected argument: ${extra.join(' ')}`);
  if (command === 'list') {
    if (username) throw new Error(`Unexpected argument: ${username}`);
    return { command };
  }
  if (command !== 'add' && command !== 'disable' && command !== 'enable' && command !== 'reset-password') throw new Error(`Unknown command: ${command}`);
  if (!username) throw new Error(`${command} needs a username`);
  if (command !== 'add') {
    if (values.role || values.agency || values.name) throw new Error(`--role, --agency and --name belong to add`);
    return { command, username };
  }
  if (!values.role) throw new Error('add needs --role admin|clerk|volunteer|leader');
  if (!(STAFF_ROLES as readonly string[]).includes(values.role)) throw new Error(`Unknown role ${values.role}: use admin, clerk, volunteer or leader`);
  return {
    command,
    username,
    role: values.role as StaffRole,
    ...(values.agency !== undefined ? { agency: values.agency } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
  };
}

async function run(cmd: Command, io: UserCliIo, root: Root): Promise<void> {
  const { users, limiter } = accountStorage(root);
  const { store: catalogue, tableName } = root;
  // User changes from the command line are staff actions too: into the audit log.
  const audit = (action: AuditAction, change: { before?: StaffUserView | null; after: StaffUserView }) =>
    catalogue.appendAudit({
      id: randomUUID(),
      at: new Date().toISOString(),
      actor: operator(),
      role: 'cli',
      action,
      target: { type: 'user', id: change.after.username },
      ...(change.before ? { before: change.before as unknown as Record<string, unknown> } : {}),
      after: change.after as unknown as Record<string, unknown>,
    });
  const admin = userAdmin({
    users,
    now: () => new Date(),
    limiter,
    // Checked against the catalogue in the table; a table without one (a fresh production
    // table before the catalogue is loaded) takes the agency id as given.
    agencyExists: async (id) => {
      const agencies = await catalogue.listAgencies();
      if (agencies.length === 0) {
        io.warn(`Note: table ${tableName} has no agencies yet; agency "${id}" was not checked.`);
        return true;
      }
      // New accounts go to agencies in service, not to one of the old map kept for history.
      return agencies.some((a) => a.id === id && !a.historical);
    },
  });

  switch (cmd.command) {
    case 'add': {
      const password = await readPassword(io);
      const created = await admin.createUser(
        {
          username: cmd.username,
          role: cmd.role,
          ...(cmd.agency !== undefined ? { agencyId: cmd.agency } : {}),
          ...(cmd.name !== undefined ? { displayName: cmd.name } : {}),
          password,
        },
        operator(),
      );
      await audit('USER_CREATED', created);
      io.say(`Created user ${describe(created.after)} in table ${tableName}. It can log in now.`);
      return;
    }
    case 'disable':
    case 'enable': {
      const change = await admin.setDisabled(cmd.username, cmd.command === 'disable');
      const { before, after } = change;
      const changed = before?.disabled !== after.disabled;
      if (changed) await audit(cmd.command === 'disable' ? 'USER_DISABLED' : 'USER_ENABLED', change);
      io.say(
        cmd.command === 'disable'
          ? `${changed ? 'Disabled' : 'Already disabled:'} ${after.username}; its logins and tokens are refused.`
          : `${changed ? 'Enabled' : 'Already enabled:'} ${after.username}; it can log in again.`,
      );
      return;
    }
    case 'reset-password': {
      await admin.getUser(cmd.username); // Say "no such user" before asking for a password.
      const password = await readPassword(io);
      const reset = await admin.resetPassword(cmd.username, password);
      const { after } = reset;
      await audit('USER_PASSWORD_RESET', reset);
      io.say(`Reset the password of ${after.username}; tokens issued before no longer work and its failed-login block is lifted.`);
      return;
    }
    case 'list': {
      let cursor: string | undefined;
      let count = 0;
      do {
        const page = await admin.listUsers(cursor);
        for (const user of page.items) io.say(describe(user));
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor);
      io.say(`${count} user${count === 1 ? '' : 's'} in table ${tableName}.`);
      return;
    }
  }
}

function describe(user: StaffUserView): string {
  const where = user.agencyId ? `agency ${user.agencyId}` : 'all agencies';
  return `${user.username} (${user.role}, ${where}, "${user.displayName}"${user.disabled ? ', DISABLED' : ''})`;
}

/** Who ran the command, for the record ("cli:<login>" on this machine). */
function operator(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

async function readPassword(io: UserCliIo): Promise<string> {
  if (io.stdin.isTTY && io.stdin.setRawMode) {
    const first = await promptHidden(io, 'New password (at least 10 characters): ');
    const second = await promptHidden(io, 'Again: ');
    if (first !== second) throw new CliError('The two passwords differ; nothing was changed.');
    return first;
  }
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n') || text.length > 4096) break;
  }
  const password = text.split(/\r?\n/, 1)[0] ?? '';
  if (!password) throw new CliError('No password on stdin: pipe it in as the first line, or run on a terminal to be asked.');
  return password;
}

/** Reads one line from a terminal in raw mode, echoing nothing. */
function promptHidden(io: UserCliIo, question: string): Promise<string> {
  const stdin = io.stdin as NodeJS.ReadStream;
  io.warn(question);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (data: Buffer | string) => {
      for (const ch of data.toString()) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new CliError('Cancelled; nothing was changed.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

function explain(err: unknown, db: { tableName: string; endpoint?: string }): string {
  if (err instanceof ApiError) {
    const { vi, en } = ERRORS[err.code];
    const details = (err.details ?? []).map((d) => `\n  ${d.path || 'value'}: ${d.messageEn} (${d.message})`).join('');
    return `${en} (${vi})${details}`;
  }
  if (err instanceof ResourceNotFoundException) {
    return `Table ${db.tableName} not found${db.endpoint ? ` at ${db.endpoint}` : ''}. Set TABLE_NAME (and DYNAMODB_ENDPOINT for a local database), or run npm start once to create it.`;
  }
  if (err instanceof CliError || err instanceof ConfigError) return err.message;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return `Could not reach the table ${db.tableName}${db.endpoint ? ` at ${db.endpoint}` : ''}: ${message}`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const code = await runUserCli(process.argv.slice(2), {
    env: process.env,
    stdin: process.stdin,
    say: (line) => process.stdout.write(`${line}\n`),
    warn: (line) => process.stderr.write(line.endsWith(': ') ? line : `${line}\n`),
  });
  process.exitCode = code;
}
