import { Hono } from 'hono';
import * as z from 'zod';
import { inService, PROCEDURE_LEVELS, proceduresForAgency, searchProcedures, type Agency, type Procedure } from '../../shared/catalogue';
import { feeToday } from '../../shared/fee-rules';
import { SHORT_NAMES } from '../../shared/short-names';
import { ApiError } from '../lib/platform/errors';
import { readQuery } from '../lib/platform/http';
import type { Deps } from '../lib/deps';

export const agencyQuery = z.object({
  // Agencies of the old map are kept for the records made under them; they are listed
  // only when asked for (a clerk looking up an old receipt, an integrator's history).
  include: z.enum(['historical']).optional(),
});

export const procedureQuery = z.object({
  q: z.string().max(100).optional(),
  level: z.enum(PROCEDURE_LEVELS).optional(),
  agencyId: z.string().max(64).optional(),
});

/**
 * An agency as the public sees it. `parentId` is the agency above (a commune's province);
 * `historical`, `supersededBy` and `until` only on agencies of the old map.
 */
export function publicAgency(a: Agency) {
  return {
    id: a.id,
    name: a.name,
    level: a.level,
    ...(a.parentId !== undefined ? { parentId: a.parentId } : {}),
    address: a.address,
    taxCode: a.taxCode,
    bank: a.bank,
    ...(a.historical ? { historical: true as const, supersededBy: a.supersededBy, until: a.until } : {}),
  };
}

/** The everyday name (issue 13), beside the official one, when the procedure has one. */
function shortNames(p: Procedure): { shortName?: string; shortNameEn?: string } {
  const short = SHORT_NAMES[p.code];
  return short ? { shortName: short.vi, shortNameEn: short.en } : {};
}

/**
 * The fee as it stands on a day: the rule in force (its calculation: free, flat, per unit,
 * tiered), with `feeKind` (phí or lệ phí; `kind` already names the calculation), the rule's
 * legal basis and period, and the reliefs in force or scheduled (shared/fee-rules.ts).
 */
export function feeOn(p: Procedure, at: Date) {
  const today = feeToday(p, at);
  return { ...today.fee, feeKind: today.kind, legalBasis: today.legalBasis, from: today.from, ...(today.to ? { to: today.to } : {}), reliefs: today.reliefs };
}

function procedureSummary(p: Procedure, at: Date) {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    ...shortNames(p),
    level: p.level,
    field: p.field,
    fee: feeOn(p, at),
    feeKind: p.feeKind ?? 'le_phi',
    processingTime: p.processingTime,
  };
}

export function catalogueRoutes(deps: () => Deps) {
  return new Hono()
    .get('/agencies', async (c) => {
      const query = readQuery(c, agencyQuery);
      const agencies = await deps().catalogue.agencies();
      const listed = query.include === 'historical' ? agencies : agencies.filter(inService);
      return c.json({ items: listed.map(publicAgency) });
    })
    .get('/procedures', async (c) => {
      const query = readQuery(c, procedureQuery);
      const { catalogue, now } = deps();
      let pool = await catalogue.procedures();
      if (query.agencyId !== undefined) {
        const agency = await catalogue.agency(query.agencyId);
        if (!agency) throw new ApiError('AGENCY_NOT_FOUND', [{ path: 'agencyId', message: 'Không tìm thấy cơ quan này.', messageEn: 'No such agency.' }]);
        // What the agency handles: its tier's procedures (none for an agency of the old map).
        pool = proceduresForAgency(pool, agency);
      }
      const items = searchProcedures(pool, { ...(query.q ? { q: query.q } : {}), ...(query.level ? { level: query.level } : {}) });
      const at = now();
      return c.json({ items: items.map((p) => procedureSummary(p, at)) });
    })
    .get('/procedures/:code', async (c) => {
      const d = deps();
      const procedure = await d.catalogue.procedure(c.req.param('code'));
      if (!procedure) throw new ApiError('NOT_FOUND');
      // The whole guide as stored (its fee rules and reliefs over time included), the fee as it stands today.
      return c.json({ ...procedure, ...shortNames(procedure), feeKind: procedure.feeKind ?? 'le_phi', reliefs: procedure.reliefs ?? [], fee: feeOn(procedure, d.now()) });
    });
}
