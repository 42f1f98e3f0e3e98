/**
 * An admin's e-receipt registration of an agency (01/ĐKTĐ-CTĐT): declare it (data from the
 * catalogue and the agency's signing certificate, XML signed by the agency), list the
 * declarations with their state, and record the tax authority's answer (01/TB-ĐKĐT).
 */
import type { Agency } from '../../../shared/catalogue';
import { ApiError } from '../../lib/platform/errors';
import { declareRegistration, recordRegistrationAnswer, type ReceiptRegistration, type RegistrationAnswer, type RegistrationInput } from '../../lib/receipts/registration';
import type { Staff, StaffDeps } from '../context';
import { agencyFor, reportDeps } from './reports';
import { signingFailuresAsApiErrors } from './tax-documents';

const base = (agencyId: string) => `/api/staff/agencies/${encodeURIComponent(agencyId)}/e-receipt-registration`;

/** A declaration as the API shows it: its data and state, and where its signed XML and printable page are. */
export function registrationView(r: ReceiptRegistration) {
  const { xml: _xml, version: _version, ...rest } = r;
  const q = new URLSearchParams({ id: r.id });
  return { ...rest, xmlUrl: `${base(r.agencyId)}/xml?${q}`, printUrl: `${base(r.agencyId)}/print?${q}` };
}

export async function registrationsOf(d: StaffDeps, p: Staff, agencyId: string): Promise<{ agency: Agency; registrations: ReceiptRegistration[] }> {
  const agency = await agencyFor(reportDeps(d), p, agencyId);
  return { agency, registrations: await d.registrations.registrations(agency.id) };
}

export async function declare(d: StaffDeps, p: Staff, agencyId: string, input: RegistrationInput): Promise<ReceiptRegistration> {
  const agency = await agencyFor(reportDeps(d), p, agencyId);
  return signingFailuresAsApiErrors(agency, () => declareRegistration(d, agency, input, p.username));
}

export async function registration(d: StaffDeps, p: Staff, agencyId: string, id: string): Promise<{ agency: Agency; registration: ReceiptRegistration }> {
  const { agency, registrations } = await registrationsOf(d, p, agencyId);
  const found = registrations.find((r) => r.id === id);
  if (!found) throw new ApiError('REGISTRATION_NOT_FOUND');
  return { agency, registration: found };
}

export async function answer(d: StaffDeps, p: Staff, agencyId: string, id: string, input: Omit<RegistrationAnswer, 'at' | 'recordedBy'>): Promise<ReceiptRegistration> {
  const { registration: found } = await registration(d, p, agencyId, id);
  const result = await recordRegistrationAnswer(d, found, { ...input, recordedBy: p.username });
  if (result === 'answered' || result === 'conflict') throw new ApiError('REGISTRATION_ANSWERED');
  return result;
}
