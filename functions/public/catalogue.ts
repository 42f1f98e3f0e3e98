import { Hono } from 'hono';
import * as z from 'zod';
import { inService, PROCEDURE_LEVELS, proceduresForAgency, searchProcedures, type Agency, type Procedure } from '../../shared/catalogue';
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

function procedureSummary(p: Procedure) {
  return {
    code: p.code,
    name: p.name,
    nameEn: p.nameEn,
    level: p.level,
    field: p.field,
    fee: p.fee,
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
      const { catalogue } = deps();
      let pool = await catalogue.procedures();
      if (query.agencyId !== undefined) {
        const agency = await catalogue.agency(query.agencyId);
        if (!agency) throw new ApiError('AGENCY_NOT_FOUND', [{ path: 'agencyId', message: 'Không tìm thấy cơ quan này.', messageEn: 'No such agency.' }]);
        // What the agency handles: its tier's procedures (none for an agency of the old map).
        pool = proceduresForAgency(pool, agency);
      }
      const items = searchProcedures(pool, { ...(query.q ? { q: query.q } : {}), ...(query.level ? { level: query.level } : {}) });
      return c.json({ items: items.map(procedureSummary) });
    })
    .get('/procedures/:code', async (c) => {
      const procedure = await deps().catalogue.procedure(c.req.param('code'));
      if (!procedure) throw new ApiError('NOT_FOUND');
      return c.json(procedure);
    });
}
