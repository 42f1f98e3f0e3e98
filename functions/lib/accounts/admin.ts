/**
 * Account administration (the admin routes and `npm run user`): creating accounts,
 * disabling and enabling them, resetting passwords, each saved conditionally on the
 * version read.
 */
import { hashPassword } from '../auth/passwords';
import { ApiError } from '../platform/errors';
import type { LoginLimiter, UserStore } from './ports';
import { createUserSchema, normaliseUsername, parseOrThrow, resetPasswordSchema, userView, type CreateUserInput, type StaffUser, type StaffUserView } from './users';

export interface UserAdminDeps {
  users: UserStore;
  now(): Date;
  /** When given, an unknown agency id is refused (AGENCY_NOT_FOUND). */
  agencyExists?(agencyId: string): Promise<boolean>;
  /** When given, a password reset also forgets the username's failed logins, from every address. */
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
      await deps.limiter?.forgetUsername(result.after.username, deps.now());
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
