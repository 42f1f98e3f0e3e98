/**
 * Documents for the tax authority (the outbox): send a day's summary now (admin), notify a
 * receipt's mistake (04/SS-CTĐT; clerk or admin), download
 * a document's signed XML (the package to upload by hand), and record the tax authority's
 * answer to a document sent by hand (admin).
 */
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import { isDay } from '../../../shared/time';
import { readJson, readQuery } from '../../lib/platform/http';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { noticeReceiptMistake, recordTaxAnswer, sendDaySummary, taxDocumentXml } from '../use-cases/tax-documents';

const day = z.string().refine(isDay, bilingual('Ngày phải có dạng YYYY-MM-DD và là ngày có thật.', 'Dates must be real dates written YYYY-MM-DD.'));
const agencyId = z.string().min(1).max(64);
const kind = z.enum(['summary', 'notice']);
const documentId = z.string().min(1).max(120).regex(/^[0-9A-Za-z:.#-]+$/);

export const sendSchema = z.strictObject({ date: day, agencyId: agencyId.optional() });
export const documentQuery = z.object({ agencyId: agencyId.optional(), kind, id: documentId });
export const answerSchema = z
  .strictObject({
    agencyId: agencyId.optional(),
    kind,
    id: documentId,
    accepted: z.boolean(),
    /** The tax authority's reference of its answer (01/TB-KTDL, 01/TB-SSĐT). */
    reference: z.string().trim().min(1).max(100).optional(),
    errors: z.array(z.strictObject({ code: z.string().trim().min(1).max(50), message: z.string().trim().min(1).max(2000) })).max(200).default([]),
  })
  .refine((a) => a.accepted || a.errors.length > 0, { path: ['errors'], message: bilingual('Khi cơ quan thuế từ chối, hãy ghi các lỗi cơ quan thuế nêu.', 'A rejection needs the errors the tax authority gave.') });

export const noticeSchema = z.strictObject({
  /** explain: a wrong name, address or amount in words (the receipt stays); cancel: a receipt already cancelled. */
  action: z.enum(['explain', 'cancel']).default('explain'),
  reason: z.string().trim().min(3).max(1000),
});

export const taxDocumentRoutes = (deps: () => StaffDeps) =>
  ({
    sendDailySummary: async (c) => {
      const { value } = await readJson(c, sendSchema);
      const { agency, day: sentDay, transmission } = await sendDaySummary(deps(), principalOf(c), value.date, value.agencyId);
      return c.json({ date: sentDay, agency: { id: agency.id, name: agency.name }, transmission });
    },
    taxDocumentXml: async (c) => {
      const q = readQuery(c, documentQuery);
      const doc = await taxDocumentXml(deps(), principalOf(c), q.agencyId, q.kind, q.id);
      const form = doc.kind === 'summary' ? '01-TH-BLDT' : '04-SS-CTDT';
      return c.body(doc.xml, 200, {
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="${form}-${doc.agencyId}-${doc.id.replace(/[^0-9A-Za-z-]/g, '-')}.xml"`,
        'Cache-Control': 'private, no-store',
      });
    },
    noticeReceiptMistake: async (c) => {
      const { value } = await readJson(c, noticeSchema);
      return c.json({ notice: await noticeReceiptMistake(deps(), principalOf(c), c.req.param('id'), value) }, 201);
    },
    recordTaxAnswer: async (c) => {
      const { value } = await readJson(c, answerSchema);
      return c.json({ document: await recordTaxAnswer(deps(), principalOf(c), value) });
    },
  }) satisfies Partial<StaffHandlers>;
