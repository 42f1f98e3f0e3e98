/**
 * Staff accounts as an admin manages them: every change goes to the audit log with its
 * before and after. An admin with an agency manages the accounts within its scope only (a
 * province's admin, those of the province and its communes): another account answers 404,
 * and a new account must be given an agency within the scope.
 */
import type { AuditAction } from '../../../shared/audit';
import { inService } from '../../../shared/agency-tree';
import { userAdmin, type UserAdmin, type UserChange } from '../../lib/accounts/admin';
import type { CreateUserInput, StaffUserView } from '../../lib/accounts/users';
import { ApiError } from '../../lib/platform/errors';
import { inScope, type Staff, type StaffDeps } from '../context';
import { recordAudit } from './audit';

function admin(d: StaffDeps): UserAdmin {
  // New accounts go to agencies in service: an agency of the old map takes no new work.
  return userAdmin({ users: d.users, now: d.now, limiter: d.limiter, agencyExists: async (id) => { const a = await d.catalogue.agency(id); return Boolean(a && inService(a)); } });
}

/** Whether the admin may see and manage this account: one without an agency only by an admin of every agency. */
function manages(p: Staff, user: Pick<StaffUserView, 'agencyId'>): boolean {
  return user.agencyId === undefined ? p.agencyId === undefined : inScope(p, user.agencyId);
}

export async function listUsers(d: StaffDeps, p: Staff, cursor: string | undefined) {
  const page = await admin(d).listUsers(cursor);
  return { ...page, items: page.items.filter((u) => manages(p, u)) };
}

export async function createUser(d: StaffDeps, p: Staff, input: CreateUserInput): Promise<UserChange['after']> {
  if (p.agencyId !== undefined && (typeof input.agencyId !== 'string' || !inScope(p, input.agencyId.trim()))) {
    throw new ApiError('VALIDATION_FAILED', [{ path: 'agencyId', message: 'Chỉ tạo tài khoản cho cơ quan trong phạm vi của bạn.', messageEn: 'You can only create accounts for agencies within your scope.' }]);
  }
  const change = await admin(d).createUser(input, p.username);
  await recordAudit(d, p, 'USER_CREATED', { type: 'user', id: change.after.username }, { after: change.after as unknown as Record<string, unknown> });
  return change.after;
}

/** The account, if the admin manages it; otherwise 404 as if it did not exist. */
async function managed(d: StaffDeps, p: Staff, username: string): Promise<void> {
  const user = await admin(d).getUser(username);
  if (!manages(p, user)) throw new ApiError('USER_NOT_FOUND');
}

export async function setUserDisabled(d: StaffDeps, p: Staff, username: string, disabled: boolean) {
  await managed(d, p, username);
  return audited(d, p, disabled ? 'USER_DISABLED' : 'USER_ENABLED', admin(d).setDisabled(username, disabled, p.username));
}

export async function resetUserPassword(d: StaffDeps, p: Staff, username: string, password: string) {
  await managed(d, p, username);
  return audited(d, p, 'USER_PASSWORD_RESET', admin(d).resetPassword(username, password));
}

/** Whether the admin may read another person's tally: one whose account they manage. */
export async function managesUser(d: StaffDeps, p: Staff, username: string): Promise<boolean> {
  try {
    await managed(d, p, username);
    return true;
  } catch (err) {
    if (err instanceof ApiError && err.code === 'USER_NOT_FOUND') return false;
    throw err;
  }
}

async function audited(d: StaffDeps, p: Staff, action: AuditAction, changing: Promise<UserChange>): Promise<UserChange['after']> {
  const change = await changing;
  await recordAudit(d, p, action, { type: 'user', id: change.after.username }, {
    before: (change.before ?? undefined) as Record<string, unknown> | undefined,
    after: change.after as unknown as Record<string, unknown>,
  });
  return change.after;
}
