/**
 * The day's summary of receipts for the tax authority (form 01/TH-BLĐT): its rows as
 * JSON, and the table as XML signed with the agency's certificate. A clerk's own agency,
 * an admin's any; `transmission` is its sending to the tax authority as the outbox has it
 * (routes/tax-documents.ts, lib/receipts/summary-transmission.ts).
 */
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import { isDay, vietnamDate } from '../../../shared/time';
import { readQuery } from '../../lib/platform/http';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { summaryFor, signedSummaryXml } from '../use-cases/daily-summary';
import { dayTransmissionOf } from '../use-cases/tax-documents';

export const query = z.object({
  date: z.string().refine(isDay, bilingual('Ngày phải có dạng YYYY-MM-DD và là ngày có thật.', 'Dates must be real dates written YYYY-MM-DD.')).optional(),
  agencyId: z.string().max(64).optional(),
});

export const dailySummaryRoutes = (deps: () => StaffDeps) =>
  ({
    dailySummary: async (c) => {
      const d = deps();
      const q = readQuery(c, query);
      const { agency, day, rows } = await summaryFor(d, principalOf(c), q.date ?? vietnamDate(d.now()), q.agencyId);
      const params = new URLSearchParams({ date: day, agencyId: agency.id });
      return c.json({
        date: day,
        agency: { id: agency.id, name: agency.name, taxCode: agency.taxCode },
        rows,
        transmission: await dayTransmissionOf(d, agency.id, day),
        xmlUrl: `/api/staff/receipts/daily-summary.xml?${params}`,
      });
    },
    dailySummaryXml: async (c) => {
      const d = deps();
      const q = readQuery(c, query);
      const { agency, day, xml } = await signedSummaryXml(d, principalOf(c), q.date ?? vietnamDate(d.now()), q.agencyId);
      return c.body(xml, 200, {
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="01-TH-BLDT-${agency.id}-${day}.xml"`,
        'Cache-Control': 'private, no-store',
      });
    },
  }) satisfies Partial<StaffHandlers>;
