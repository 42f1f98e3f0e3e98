/** Staff accounts as an admin manages them: every change goes to the audit log with its before and after. */
import type { AuditAction } from '../../../shared/audit';
import { userAdmin, type UserAdmin, type UserChange } from '../../lib/accounts/admin';
import type { StaffPrincipal } from '../../lib/accounts/login';
import type { CreateUserInput } from '../../lib/accounts/users';
import type { StaffDeps } from '../context';
import { recordAudit } from './audit';

function admin(d: StaffDeps): UserAdmin {
  return userAdmin({ users: d.users, now: d.now, limiter: d.limiter, agencyExists: async (id) => Boolean(await d.catalogue.agency(id)) });
}

export function listUsers(d: StaffDeps, cursor: string | undefined) {
  return admin(d).listUsers(cursor);
}

export async function createUser(d: StaffDeps, p: StaffPrincipal, input: CreateUserInput): Promise<UserChange['after']> {
  const change = await admin(d).createUser(input, p.username);
  await recordAudit(d, p, 'USER_CREATED', { type: 'user', id: change.after.username }, { after: change.after as unknown as Record<string, unknown> });
  return change.after;
}

export function setUserDisabled(d: StaffDeps, p: StaffPrincipal, username: string, disabled: boolean) {
  return audited(d, p, disabled ? 'USER_DISABLED' : 'USER_ENABLED', admin(d).setDisabled(username, disabled, p.username));
}

export function resetUserPassword(d: StaffDeps, p: StaffPrincipal, username: string, password: string) {
  return audited(d, p, 'USER_PASSWORD_RESET', admin(d).resetPassword(username, password));
}

async function audited(d: StaffDeps, p: StaffPrincipal, action: AuditAction, changing: Promise<UserChange>): Promise<UserChange['after']> {
  const change = await changing;
  await recordAudit(d, p, action, { type: 'user', id: change.after.username }, {
    before: (change.before ?? undefined) as Record<string, unknown> | undefined,
    after: change.after as unknown as Record<string, unknown>,
  });
  return change.after;
}
