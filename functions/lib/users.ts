/**
 * Staff accounts: who may log in, with which role and for which agency; the login use
 * case with its failure limits; the admin operations on accounts; and the DynamoDB
 * adapter of both ports, which owns these keys:
 *
 *   USER#<username>             USER          GSI1 USERS / <username>
 *   LOGINFAIL#user#<username>   W#<window>    count, ttl   (failed logins in one 15-min window)
 *   LOGINFAIL#ip#<address>      W#<window>    count, ttl
 */
import { isIP } from 'node:net';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import * as z from 'zod';
import { bilingual, zodDetails } from '../../shared/errors';
import { hashPassword, passwordSchema, verifyAgainstDummy, verifyPassword } from './auth/passwords';
import type { SigningKeys } from './auth/keys';
import { agencyFitsRole, AuthError, issueStaffToken, STAFF_ROLES, verifyStaffToken, type StaffRole } from './auth/tokens';
import { ApiError } from './platform/errors';

export { STAFF_ROLES, DISTRICT_WIDE_ROLES, type StaffRole } from './auth/tokens';

// ---------------------------------------------------------------------------------------
// The domain

export interface StaffUser {
  /** Normalised: lowercase, [a-z0-9._-]{3,32}. */
  username: string;
  role: StaffRole;
  /** Only for clerk and volunteer; admin and leader are district-wide. */
  agencyId?: string;
  displayName: string;
  /** scrypt$N$r$p$salt$hash (auth/passwords.ts); never leaves this module in a view. */
  passwordHash: string;
  disabled: boolean;
  /** Copied into every token; bumping it (password reset, disable) kills the tokens already issued. */
  tokenVersion: number;
  createdAt: string;
  updatedAt: string;
  passwordChangedAt: string;
  /** Who created the account (a username, or "cli" / "seed"). */
  createdBy?: string;
  /** Optimistic lock: every save is conditional on the version read. */
  version: number;
}

/** A user as shown and audited: everything but the password hash. */
export type StaffUserView = Omit<StaffUser, 'passwordHash'>;

export function userView(user: StaffUser): StaffUserView {
  const { passwordHash: _hash, ...view } = user;
  return view;
}

export const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/;

/** Trimmed and lowercased; undefined when it cannot be a username. */
export function normaliseUsername(raw: string): string | undefined {
  const name = raw.trim().toLowerCase();
  return USERNAME_PATTERN.test(name) ? name : undefined;
}

export const usernameSchema = z
  .string(bilingual('Tên đăng nhập phải là chuỗi ký tự.', 'The username must be a string.'))
  .trim()
  .toLowerCase()
  .regex(USERNAME_PATTERN, bilingual('Tên đăng nhập dài 3–32 ký tự, chỉ gồm chữ thường không dấu, số và . _ -', 'A username is 3–32 characters: lowercase letters, digits and . _ -'));

const agencyIdSchema = z
  .string(bilingual('Mã cơ quan phải là chuỗi ký tự.', 'The agency id must be a string.'))
  .trim()
  .min(1)
  .max(64);

export const createUserSchema = z
  .strictObject({
    username: usernameSchema,
    role: z.enum(STAFF_ROLES, bilingual('Vai trò phải là admin, clerk, volunteer hoặc leader.', 'The role must be admin, clerk, volunteer or leader.')),
    agencyId: agencyIdSchema.optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
    password: passwordSchema,
  })
  .superRefine((input, ctx) => {
    if (!agencyFitsRole(input.role, input.agencyId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['agencyId'],
        message:
          input.agencyId === undefined
            ? bilingual('Cán bộ một cửa và tình nguyện viên phải thuộc một cơ quan.', 'A clerk or volunteer must belong to an agency.')
            : bilingual('Quản trị viên và lãnh đạo phụ trách toàn huyện, không gắn với cơ quan.', 'Admins and leaders are district-wide: no agency.'),
      });
    }
    if (input.password.trim().toLowerCase() === input.username) {
      ctx.addIssue({ code: 'custom', path: ['password'], message: bilingual('Mật khẩu không được trùng tên đăng nhập.', 'The password must differ from the username.') });
    }
  });
export type CreateUserInput = z.input<typeof createUserSchema>;

export const resetPasswordSchema = z.strictObject({ password: passwordSchema });
export const setDisabledSchema = z.strictObject({
  disabled: z.boolean(bilingual('"disabled" phải là true hoặc false.', '"disabled" must be true or false.')),
});

/** The login body. Only sizes are checked: a wrong-looking username is just an unknown one. */
export const loginSchema = z.strictObject({
  username: z.string().max(64),
  password: z.string().max(1024),
});

function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ApiError('VALIDATION_FAILED', zodDetails(parsed.error));
  return parsed.data;
}

// ---------------------------------------------------------------------------------------
// The ports

export interface UserStore {
  /** Strongly consistent. */
  getUser(username: string): Promise<StaffUser | undefined>;
  /** 'exists' when the username is taken (nothing written). */
  createUser(user: StaffUser): Promise<'created' | 'exists'>;
  /** Saves a user read at `readVersion`; false if it changed meanwhile (read again). */
  updateUser(user: StaffUser, readVersion: number): Promise<boolean>;
  /** Users by username, a page at a time; a bad cursor is ApiError INVALID_QUERY. */
  listUsers(cursor?: string, limit?: number): Promise<{ items: StaffUser[]; nextCursor?: string }>;
}

/** Failed logins per username and per client address, counted in fixed 15-minute windows. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_IP = 20;

export interface LoginLimiter {
  /** Whether either limit is reached now (read only). */
  isBlocked(username: string, ip: string, now: Date): Promise<boolean>;
  /**
   * Counts one attempt as failed before its password is checked, atomically and only
   * while both counts are under their limits; false means blocked and nothing counted.
   * Counting first is what makes the limit hold against parallel guesses on many
   * Lambda instances (check-then-record would let a burst through).
   */
  claimAttempt(username: string, ip: string, now: Date): Promise<boolean>;
  /** Counts a failure unconditionally. */
  recordFailure(username: string, ip: string, now: Date): Promise<void>;
  /**
   * Forgets the username's failures (a successful login, an admin's password reset);
   * with `ip`, also gives the address back the attempt claimed for this login, so an
   * office behind one address is not locked out by its own successful logins.
   */
  reset(username: string, now: Date, ip?: string): Promise<void>;
}

/**
 * The key a client address is counted under: IPv4 as is, IPv6 by its /64 (one
 * subscriber usually holds a whole /64), anything unreadable as "unknown".
 */
export function clientAddressKey(ip: string | undefined): string {
  const raw = (ip ?? '').trim().replace(/%.*$/, '');
  const kind = isIP(raw);
  if (kind === 4) return raw;
  if (kind !== 6) return 'unknown';
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(raw);
  if (mapped) return mapped[1]!;
  const [head = '', tail = ''] = raw.split('::', 2);
  const groups = (s: string) => (s ? s.split(':') : []);
  const h = groups(head);
  const t = raw.includes('::') ? groups(tail) : [];
  const all = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t];
  return `${all.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

// ---------------------------------------------------------------------------------------
// Login and the staff principal

export interface LoginDeps {
  users: UserStore;
  limiter: LoginLimiter;
  keys: SigningKeys;
  now(): Date;
  /** Default: STAFF_TOKEN_TTL_MINUTES (30). */
  tokenTtlMinutes?: number;
}

export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { username: string; role: StaffRole; agencyId: string | null; displayName: string };
}

/**
 * Every refused login ends here: unknown user, wrong password, disabled account. Each
 * path did the same work before (a claimed attempt, a user read, one scrypt), so neither
 * the answer nor its timing says which it was.
 */
const invalidCredentials = () => new ApiError('INVALID_CREDENTIALS');

export async function login(deps: LoginDeps, input: { username: string; password: string; clientIp?: string | undefined }): Promise<LoginResult> {
  const now = deps.now();
  const username = input.username.trim().toLowerCase().slice(0, 64);
  const ip = clientAddressKey(input.clientIp);
  if (!(await deps.limiter.claimAttempt(username, ip, now))) throw new ApiError('TOO_MANY_ATTEMPTS');

  const user = USERNAME_PATTERN.test(username) ? await deps.users.getUser(username) : undefined;
  const passwordOk = user ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  if (!user || !passwordOk || user.disabled) throw invalidCredentials();

  await deps.limiter.reset(username, now, ip);
  const { token, expiresAt } = await issueStaffToken(user, deps.keys, now, deps.tokenTtlMinutes !== undefined ? { ttlMinutes: deps.tokenTtlMinutes } : {});
  return {
    token,
    expiresAt,
    user: { username: user.username, role: user.role, agencyId: user.agencyId ?? null, displayName: user.displayName },
  };
}

export interface StaffPrincipal {
  username: string;
  role: StaffRole;
  /** Absent for admin and leader. */
  agencyId?: string;
  displayName: string;
  /** The token's id, for the audit log. */
  tokenId: string;
}

/**
 * The user behind a bearer token, as the account stands now: a genuine token of a
 * disabled, reset or changed account is refused too. Throws AuthError (→ 401).
 */
export async function authenticate(deps: { users: UserStore; keys: SigningKeys; now(): Date }, token: string): Promise<StaffPrincipal> {
  const claims = await verifyStaffToken(token, deps.keys, deps.now());
  const user = await deps.users.getUser(claims.username);
  if (!user) throw new AuthError('no such user');
  if (user.disabled) throw new AuthError('disabled');
  if (user.tokenVersion !== claims.tokenVersion) throw new AuthError('revoked');
  if (user.role !== claims.role || (user.agencyId ?? null) !== (claims.agencyId ?? null)) throw new AuthError('role changed');
  return {
    username: user.username,
    role: user.role,
    ...(user.agencyId !== undefined ? { agencyId: user.agencyId } : {}),
    displayName: user.displayName,
    tokenId: claims.jti,
  };
}

// ---------------------------------------------------------------------------------------
// Account administration (the admin routes and `npm run user`)

export interface UserAdminDeps {
  users: UserStore;
  now(): Date;
  /** When given, an unknown agency id is refused (AGENCY_NOT_FOUND). */
  agencyExists?(agencyId: string): Promise<boolean>;
  /** When given, a password reset also lifts the username's failed-login block. */
  limiter?: LoginLimiter;
}

/** Before and after, without password hashes: what the audit log records. */
export interface UserChange {
  before: StaffUserView | null;
  after: StaffUserView;
}

export interface UserAdmin {
  /** 201-style: a new user. VALIDATION_FAILED, AGENCY_NOT_FOUND, USER_EXISTS. */
  createUser(input: CreateUserInput, by: string): Promise<UserChange>;
  /** Disabling also bumps tokenVersion. USER_NOT_FOUND, CANNOT_DISABLE_SELF (when `by` is the user). */
  setDisabled(username: string, disabled: boolean, by?: string): Promise<UserChange>;
  /** Checks the password policy; bumps tokenVersion so tokens issued before die. USER_NOT_FOUND. */
  resetPassword(username: string, newPassword: string): Promise<UserChange>;
  getUser(username: string): Promise<StaffUserView>;
  listUsers(cursor?: string): Promise<{ items: StaffUserView[]; nextCursor?: string }>;
}

export function userAdmin(deps: UserAdminDeps): UserAdmin {
  /** Read, change, save conditionally; again if someone else saved in between. */
  async function change(rawUsername: string, edit: (user: StaffUser, at: string) => StaffUser): Promise<UserChange> {
    const username = normaliseUsername(rawUsername);
    if (!username) throw new ApiError('USER_NOT_FOUND');
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = await deps.users.getUser(username);
      if (!before) throw new ApiError('USER_NOT_FOUND');
      const at = deps.now().toISOString();
      const after = { ...edit(before, at), updatedAt: at, version: before.version + 1 };
      if (await deps.users.updateUser(after, before.version)) return { before: userView(before), after: userView(after) };
    }
    throw new ApiError('USER_CHANGED');
  }

  return {
    async createUser(input, by) {
      const value = parseOrThrow(createUserSchema, input);
      if (value.agencyId !== undefined && deps.agencyExists && !(await deps.agencyExists(value.agencyId))) throw new ApiError('AGENCY_NOT_FOUND');
      const at = deps.now().toISOString();
      const user: StaffUser = {
        username: value.username,
        role: value.role,
        ...(value.agencyId !== undefined ? { agencyId: value.agencyId } : {}),
        displayName: value.displayName ?? value.username,
        passwordHash: await hashPassword(value.password),
        disabled: false,
        tokenVersion: 0,
        createdAt: at,
        updatedAt: at,
        passwordChangedAt: at,
        createdBy: by,
        version: 1,
      };
      if ((await deps.users.createUser(user)) === 'exists') throw new ApiError('USER_EXISTS');
      return { before: null, after: userView(user) };
    },

    async setDisabled(username, disabled, by) {
      if (disabled && by !== undefined && normaliseUsername(by) === normaliseUsername(username)) throw new ApiError('CANNOT_DISABLE_SELF');
      return change(username, (user) => ({ ...user, disabled, tokenVersion: disabled && !user.disabled ? user.tokenVersion + 1 : user.tokenVersion }));
    },

    async resetPassword(username, newPassword) {
      const { password } = parseOrThrow(resetPasswordSchema, { password: newPassword });
      const passwordHash = await hashPassword(password);
      const result = await change(username, (user, at) => ({ ...user, passwordHash, passwordChangedAt: at, tokenVersion: user.tokenVersion + 1 }));
      await deps.limiter?.reset(result.after.username, deps.now());
      return result;
    },

    async getUser(rawUsername) {
      const username = normaliseUsername(rawUsername);
      const user = username ? await deps.users.getUser(username) : undefined;
      if (!user) throw new ApiError('USER_NOT_FOUND');
      return userView(user);
    },

    async listUsers(cursor) {
      const page = await deps.users.listUsers(cursor);
      return { items: page.items.map(userView), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  };
}

// ---------------------------------------------------------------------------------------
// The DynamoDB adapter

type Item = Record<string, AttributeValue>;

const toItem = (value: object): Item => marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });
const USERS_INDEX_PK = 'USERS';

function userKey(username: string): Item {
  return { PK: { S: `USER#${username}` }, SK: { S: 'USER' } };
}

function userItem(user: StaffUser): Item {
  return toItem({ PK: `USER#${user.username}`, SK: 'USER', type: 'USER', GSI1PK: USERS_INDEX_PK, GSI1SK: user.username, user });
}

export class DynamoUserStore implements UserStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  async getUser(username: string): Promise<StaffUser | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: userKey(username), ConsistentRead: true }));
    return res.Item ? (unmarshall(res.Item) as { user: StaffUser }).user : undefined;
  }

  async createUser(user: StaffUser): Promise<'created' | 'exists'> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: userItem(user), ConditionExpression: 'attribute_not_exists(PK)' }));
      return 'created';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'exists';
      throw err;
    }
  }

  async updateUser(user: StaffUser, readVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: userItem(user),
          ConditionExpression: '#u.#v = :v',
          ExpressionAttributeNames: { '#u': 'user', '#v': 'version' },
          ExpressionAttributeValues: { ':v': { N: String(readVersion) } },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async listUsers(cursor?: string, limit = 100): Promise<{ items: StaffUser[]; nextCursor?: string }> {
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: USERS_INDEX_PK } },
        Limit: Math.min(Math.max(1, limit), 100),
        ...(cursor !== undefined ? { ExclusiveStartKey: decodeUserCursor(cursor) } : {}),
      }),
    );
    const items = (res.Items ?? []).map((item) => (unmarshall(item) as { user: StaffUser }).user);
    return { items, ...(res.LastEvaluatedKey ? { nextCursor: Buffer.from(JSON.stringify(unmarshall(res.LastEvaluatedKey))).toString('base64url') } : {}) };
  }
}

/** A cursor is only ever a position in the USERS index; anything else is a bad query. */
function decodeUserCursor(cursor: string): Item {
  const shape = z.strictObject({ PK: z.string().startsWith('USER#'), SK: z.literal('USER'), GSI1PK: z.literal(USERS_INDEX_PK), GSI1SK: z.string().max(64) });
  try {
    const key = shape.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return marshall(key);
  } catch {
    throw new ApiError('INVALID_QUERY');
  }
}

/**
 * Fixed windows: simple, one item per key and window, and exact under concurrency with
 * conditional updates. A guesser can at most double a limit across one window boundary.
 */
export class DynamoLoginLimiter implements LoginLimiter {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  private window(now: Date): { sk: string; ttl: number } {
    const start = Math.floor(now.getTime() / 1000 / LOGIN_WINDOW_SECONDS) * LOGIN_WINDOW_SECONDS;
    // Kept an hour past its window, then DynamoDB may delete it; reads only ever look at the current window.
    return { sk: `W#${start}`, ttl: start + LOGIN_WINDOW_SECONDS + 3600 };
  }

  private key(kind: 'user' | 'ip', id: string, now: Date): Item {
    return { PK: { S: `LOGINFAIL#${kind}#${id}` }, SK: { S: this.window(now).sk } };
  }

  private async count(kind: 'user' | 'ip', id: string, now: Date): Promise<number> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: this.key(kind, id, now), ConsistentRead: true }));
    return Number(res.Item?.count?.N ?? 0);
  }

  /** Adds `delta`; with `below`, only while the count is under it (false: it was not). */
  private async add(kind: 'user' | 'ip', id: string, now: Date, delta: number, below?: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key(kind, id, now),
          UpdateExpression: 'ADD #count :delta SET #ttl = :ttl',
          ...(below !== undefined ? { ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit' } : {}),
          ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
          ExpressionAttributeValues: {
            ':delta': { N: String(delta) },
            ':ttl': { N: String(this.window(now).ttl) },
            ...(below !== undefined ? { ':limit': { N: String(below) } } : {}),
          },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async isBlocked(username: string, ip: string, now: Date): Promise<boolean> {
    const [byUser, byIp] = await Promise.all([this.count('user', username, now), this.count('ip', ip, now)]);
    return byUser >= MAX_FAILURES_PER_USERNAME || byIp >= MAX_FAILURES_PER_IP;
  }

  async claimAttempt(username: string, ip: string, now: Date): Promise<boolean> {
    if (!(await this.add('user', username, now, 1, MAX_FAILURES_PER_USERNAME))) return false;
    if (await this.add('ip', ip, now, 1, MAX_FAILURES_PER_IP)) return true;
    // The address is blocked: this attempt does not count against the username.
    await this.add('user', username, now, -1);
    return false;
  }

  async recordFailure(username: string, ip: string, now: Date): Promise<void> {
    await Promise.all([this.add('user', username, now, 1), this.add('ip', ip, now, 1)]);
  }

  async reset(username: string, now: Date, ip?: string): Promise<void> {
    await Promise.all([
      this.client.send(new DeleteItemCommand({ TableName: this.tableName, Key: this.key('user', username, now) })),
      ip !== undefined ? this.giveBack(ip, now) : Promise.resolve(),
    ]);
  }

  private async giveBack(ip: string, now: Date): Promise<void> {
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: this.key('ip', ip, now),
          UpdateExpression: 'ADD #count :minus',
          ConditionExpression: '#count > :zero',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':minus': { N: '-1' }, ':zero': { N: '0' } },
        }),
      );
    } catch (err) {
      // Nothing to give back (a new window began meanwhile).
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
}
