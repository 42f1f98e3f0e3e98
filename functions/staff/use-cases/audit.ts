/**
 * The audit log: how an entry is written (who, when, from which agency, what changed)
 * and how a day of it is read. Money actions append their entry in the same transaction
 * as the change (use-cases/money.ts); the rest append it right after (`recordAudit`).
 */
import { randomUUID } from 'node:crypto';
import type { AuditAction, AuditEntry } from '../../../shared/audit';
import { vietnamDate } from '../../../shared/time';
import { inScope, type Staff, type StaffDeps } from '../context';

export type Actor = { username: string; role: string; agencyId?: string | undefined };

/** Who did what to which object, and what changed (before, after, a note). */
type AuditArgs = [p: Actor, action: AuditAction, target: AuditEntry['target'], extra?: Pick<AuditEntry, 'before' | 'after' | 'note'>];

export function auditEntry(deps: Pick<StaffDeps, 'now'>, ...[p, action, target, extra = {}]: AuditArgs): AuditEntry {
  return {
    id: randomUUID(),
    at: deps.now().toISOString(),
    actor: p.username,
    role: p.role,
    ...(p.agencyId ? { actorAgencyId: p.agencyId } : {}),
    action,
    target,
    ...extra,
  };
}

/** Appends one entry (for changes that are not written in a transaction of their own). */
export async function recordAudit(deps: Pick<StaffDeps, 'now' | 'store'>, ...args: AuditArgs): Promise<void> {
  await deps.store.appendAudit(auditEntry(deps, ...args));
}

export interface AuditQuery {
  /** A Vietnam date; today when absent. */
  date?: string | undefined;
  actor?: string | undefined;
  action?: AuditAction | undefined;
  cursor?: string | undefined;
}

/**
 * One page of a day's entries, newest first. An admin with an agency reads the entries
 * about its scope: those whose actor or object belongs to an agency within it, and those
 * that name no agency at all (a failed login names only the username typed). A page may
 * then hold fewer entries than the limit; the cursor still moves on.
 */
export async function auditPage(deps: Pick<StaffDeps, 'now' | 'store'>, q: AuditQuery, limit: number, p?: Staff) {
  const page = await deps.store.listAudit({
    day: q.date ?? vietnamDate(deps.now()),
    limit,
    ...(q.actor ? { actor: q.actor } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  });
  if (!p || p.agencyId === undefined) return page;
  const about = (e: AuditEntry) => {
    const named = [e.actorAgencyId, e.target.agencyId].filter((id): id is string => id !== undefined);
    return named.length === 0 || named.some((id) => inScope(p, id));
  };
  return { ...page, items: page.items.filter(about) };
}
