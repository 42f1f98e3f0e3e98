/** The audit log, a day at a time (admin). */
import * as z from 'zod';
import { AUDIT_ACTIONS } from '../../../shared/audit';
import { readQuery } from '../../lib/platform/http';
import { pageBody, principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { auditPage } from '../use-cases/audit';
import { cursor, day, PAGE } from './inputs';

export const query = z.object({ date: day.optional(), actor: z.string().max(64).optional(), action: z.enum(AUDIT_ACTIONS).optional(), cursor });

export const auditRoutes = (deps: () => StaffDeps) =>
  ({
    audit: async (c) => c.json(pageBody(await auditPage(deps(), readQuery(c, query), PAGE, principalOf(c)))),
  }) satisfies Partial<StaffHandlers>;
