import { Hono } from 'hono';
import * as z from 'zod';
import { searchProcedures, type Agency, type Procedure } from '../../shared/catalogue';
import { ApiError } from '../lib/platform/errors';
import { readQuery } from '../lib/platform/http';
import type { Deps } from '../lib/deps';

const procedureQuery = z.object({
  q: z.string().max(100).optional(),
  level: z.enum(['district', 'commune']).optional(),
  agencyId: z.string().max(64).optional(),
});

export function publicAgency(a: Agency) {
  return { id: a.id, name: a.name, level: a.level, address: a.address, taxCode: a.taxCode, bank: a.bank };
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
      const agencies = await deps().catalogue.agencies();
      return c.json({ items: agencies.map(publicAgency) });
    })
    .get('/procedures', async (c) => {
      const query = readQuery(c, procedureQuery);
      const { catalogue } = deps();
      let level = query.level;
      if (query.agencyId !== undefined) {
        const agency = await catalogue.agency(query.agencyId);
        if (!agency) throw new ApiError('AGENCY_NOT_FOUND', [{ path: 'agencyId', message: 'Không tìm thấy cơ quan này.', messageEn: 'No such agency.' }]);
        if (level && level !== agency.level) return c.json({ items: [] });
        level = agency.level;
      }
      const items = searchProcedures(await catalogue.procedures(), { ...(query.q ? { q: query.q } : {}), ...(level ? { level } : {}) });
      return c.json({ items: items.map(procedureSummary) });
    })
    .get('/procedures/:code', async (c) => {
      const procedure = await deps().catalogue.procedure(c.req.param('code'));
      if (!procedure) throw new ApiError('NOT_FOUND');
      return c.json(procedure);
    });
}
