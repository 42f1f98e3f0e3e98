/**
 * Registration for e-receipts (form 01/ĐKTĐ-CTĐT; Circular 91/2026/TT-BTC Art. 17): before
 * its first e-receipt an agency declares, through the tax administration system or a
 * service provider, who it is, how it sends receipt data (the daily summary) and which
 * certificates sign its receipts. The product makes the declaration's data from the
 * catalogue and the agency's signing certificate, as XML signed by the agency and as a
 * printable page, and records what the tax authority answered (01/TB-ĐKĐT: accepted with
 * its reference and date, or refused with its reason). Deployed, an agency whose latest
 * declaration is not recorded as accepted issues no e-receipt (money.ts, confirmOrder).
 */
import { randomUUID } from 'node:crypto';
import type { Agency } from '../../../shared/catalogue';
import { buildRegistrationXml, type Registration } from '../../../shared/e-receipt/registration-xml';
import { signerInfo } from './signer';
import type { ReceiptSigners } from './signers';
import { signXml } from './xml-signature';

export interface RegistrationAnswer {
  accepted: boolean;
  /** The tax authority's notice (01/TB-ĐKĐT): its number and date. */
  reference: string;
  date: string;
  reason?: string;
  recordedBy: string;
  at: string;
}

export interface ReceiptRegistration {
  agencyId: string;
  id: string;
  madeAt: string;
  madeBy: string;
  data: Registration;
  /** The declaration's XML, signed by the agency. */
  xml: string;
  status: 'filed' | 'accepted' | 'refused';
  answer?: RegistrationAnswer;
  version: number;
}

export interface RegistrationStore {
  createRegistration(r: ReceiptRegistration): Promise<boolean>;
  updateRegistration(r: ReceiptRegistration, expectedVersion: number): Promise<boolean>;
  /** The agency's declarations, oldest first. */
  registrations(agencyId: string): Promise<ReceiptRegistration[]>;
}

export interface RegistrationInput {
  taxOffice: string;
  contact: Registration['contact'];
  channel: Registration['channel'];
}

/** The place written before the date: the locality of the agency's address, else its name. */
const placeOf = (agency: Pick<Agency, 'name' | 'address'>) => {
  const parts = agency.address.split(',').map((p) => p.trim()).filter(Boolean);
  return (parts.length >= 2 ? parts.at(-2)! : agency.name).slice(0, 100);
};

/** Makes the agency's declaration from its catalogue entry and its signing certificate, signs it and records it as filed. */
export async function declareRegistration(
  d: { registrations: RegistrationStore; receiptSigners: ReceiptSigners; now(): Date },
  agency: Agency,
  input: RegistrationInput,
  by: string,
): Promise<ReceiptRegistration> {
  const now = d.now();
  const earlier = await d.registrations.registrations(agency.id);
  const signer = await d.receiptSigners.signerFor(agency);
  const cert = signerInfo((await signer.certificate()).leaf);
  const registered = new Set(earlier.filter((r) => r.status === 'accepted').flatMap((r) => r.data.certificates.map((c) => c.serial.toUpperCase())));
  const data: Registration = {
    kind: earlier.some((r) => r.status === 'accepted') ? 'change' : 'first',
    organisation: { name: agency.name, taxCode: agency.taxCode },
    taxOffice: input.taxOffice,
    contact: input.contact,
    place: placeOf(agency),
    madeAt: now.toISOString(),
    receiptKind: 'EBL01',
    channel: input.channel,
    certificates: [
      {
        authority: cert.issuer.split(',').find((part) => part.startsWith('O='))?.slice(2) ?? cert.issuer.split(',').find((part) => part.startsWith('CN='))?.slice(3) ?? cert.issuer,
        serial: cert.serialNumber,
        subject: cert.subject,
        validFrom: cert.validFrom,
        validTo: cert.validTo,
        action: registered.size === 0 || registered.has(cert.serialNumber.toUpperCase()) ? 'add' : 'renew',
      },
    ],
  };
  const xml = await signXml(buildRegistrationXml(data), signer, { signingTime: now });
  const registration: ReceiptRegistration = { agencyId: agency.id, id: `${data.madeAt}#${randomUUID().slice(0, 8)}`, madeAt: data.madeAt, madeBy: by, data, xml, status: 'filed', version: 1 };
  if (!(await d.registrations.createRegistration(registration))) throw new Error('a registration with this id exists already');
  return registration;
}

/** Records the tax authority's answer to a filed declaration; 'answered' if it has one, 'conflict' on a lost race. */
export async function recordRegistrationAnswer(
  d: { registrations: RegistrationStore; now(): Date },
  registration: ReceiptRegistration,
  answer: Omit<RegistrationAnswer, 'at'>,
): Promise<ReceiptRegistration | 'answered' | 'conflict'> {
  if (registration.status !== 'filed') return 'answered';
  const next: ReceiptRegistration = { ...registration, status: answer.accepted ? 'accepted' : 'refused', answer: { ...answer, at: d.now().toISOString() }, version: registration.version + 1 };
  return (await d.registrations.updateRegistration(next, registration.version)) ? next : 'conflict';
}

/** Whether the agency may issue e-receipts: some declaration of it is recorded as accepted. */
export async function registrationAccepted(store: RegistrationStore, agencyId: string): Promise<boolean> {
  return (await store.registrations(agencyId)).some((r) => r.status === 'accepted');
}
