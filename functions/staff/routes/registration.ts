/**
 * An agency's e-receipt registration (01/ĐKTĐ-CTĐT), admin only: the declarations and their
 * state, a new declaration, its signed XML, its printable page, and the tax authority's
 * answer recorded.
 */
import * as z from 'zod';
import { bilingual } from '../../../shared/errors';
import { isDay } from '../../../shared/time';
import { readJson, readQuery } from '../../lib/platform/http';
import { principalOf, type StaffDeps, type StaffHandlers } from '../context';
import { registrationPage } from './registration-page';
import { answer, declare, registration, registrationsOf, registrationView } from '../use-cases/registration';

const text = (max: number) => z.string().trim().min(1).max(max).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), bilingual('Có ký tự không hợp lệ.', 'Contains characters that are not allowed.'));
export const declareSchema = z.strictObject({
  /** The managing tax office, as the tax authority names it (Thuế cơ sở ...). */
  taxOffice: text(400),
  contact: z.strictObject({ name: text(100), phone: z.string().trim().regex(/^\+?[0-9 .-]{8,20}$/, bilingual('Số điện thoại không hợp lệ.', 'Not a phone number.')), email: z.email().max(100), address: text(400) }),
  /** How the daily summary goes: directly, through a T-VAN provider, or uploaded on the tax portal. */
  channel: z.enum(['direct', 'provider', 'portal']),
});
export const idQuery = z.object({ id: z.string().min(1).max(80).regex(/^[0-9A-Za-z:.#-]+$/) });
export const answerSchema = z
  .strictObject({
    id: z.string().min(1).max(80),
    accepted: z.boolean(),
    /** The number of the tax authority's notice 01/TB-ĐKĐT, and its date. */
    reference: text(100),
    date: z.string().refine(isDay, bilingual('Ngày phải có dạng YYYY-MM-DD.', 'Dates are written YYYY-MM-DD.')),
    reason: text(1000).optional(),
  })
  .refine((a) => a.accepted || a.reason, { path: ['reason'], message: bilingual('Khi bị từ chối, hãy ghi lý do cơ quan thuế nêu.', 'A refusal needs the reason the tax authority gave.') });

export const registrationRoutes = (deps: () => StaffDeps) =>
  ({
    listRegistrations: async (c) => {
      const { agency, registrations } = await registrationsOf(deps(), principalOf(c), c.req.param('id'));
      return c.json({ agency: { id: agency.id, name: agency.name, taxCode: agency.taxCode }, accepted: registrations.some((r) => r.status === 'accepted'), registrations: registrations.map(registrationView) });
    },
    declareRegistration: async (c) => {
      const { value } = await readJson(c, declareSchema);
      return c.json({ registration: registrationView(await declare(deps(), principalOf(c), c.req.param('id'), value)) }, 201);
    },
    registrationXml: async (c) => {
      const { registration: r } = await registration(deps(), principalOf(c), c.req.param('id'), readQuery(c, idQuery).id);
      return c.body(r.xml, 200, { 'Content-Type': 'application/xml; charset=utf-8', 'Content-Disposition': `attachment; filename="01-DKTD-CTDT-${r.agencyId}.xml"`, 'Cache-Control': 'private, no-store' });
    },
    registrationPrint: async (c) => {
      const { registration: r } = await registration(deps(), principalOf(c), c.req.param('id'), readQuery(c, idQuery).id);
      return c.body(registrationPage(r), 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" });
    },
    answerRegistration: async (c) => {
      const { value } = await readJson(c, answerSchema);
      const { id, ...rest } = value;
      return c.json({ registration: registrationView(await answer(deps(), principalOf(c), c.req.param('id'), id, { ...rest, ...(rest.reason ? { reason: rest.reason } : {}) })) });
    },
  }) satisfies Partial<StaffHandlers>;
