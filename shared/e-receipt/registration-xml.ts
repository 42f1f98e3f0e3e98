/**
 * The registration declaration for e-receipts (form 01/ĐKTĐ-CTĐT; Circular 91/2026/TT-BTC
 * Art. 17): before its first e-receipt an organisation declares its name, tax code,
 * managing tax office and contact, the kind of receipt, how it sends receipt data (here:
 * the daily summary 01/TH-BLĐT, directly, through a T-VAN provider or on the tax portal)
 * and the list of its signing certificates (CA, serial, validity; add, renew or stop). The
 * tax authority acknowledges (01/TB-TNĐT) and accepts or refuses within one working day
 * (01/TB-ĐKĐT). Delegation (Decree 254 Art. 25) is not declared here: not built.
 *
 * Element names come from ./names.ts; ./schemas/registration.xsd describes the result.
 */
import * as z from 'zod';
import { vietnamDate } from '../time';
import * as f from './fields';
import { COMMON, DATA_ID, ID_ATTRIBUTE, REGISTRATION, VALUES } from './names';
import { unsignedSignatures } from './receipt-xml';
import { document, element, leaf } from './xml-writer';

export interface RegisteredCertificate {
  /** The CA that issued it (its organisation name). */
  authority: string;
  /** Hex, as the CA writes it. */
  serial: string;
  /** The certificate's subject (RFC 4514). */
  subject: string;
  validFrom: string;
  validTo: string;
  action: keyof typeof VALUES.certificateAction;
}

export interface Registration {
  kind: keyof typeof VALUES.registrationKind;
  organisation: { name: string; taxCode: string };
  taxOffice: string;
  contact: { name: string; phone: string; email: string; address: string };
  place: string;
  madeAt: string;
  receiptKind: keyof typeof VALUES.receiptKind;
  channel: keyof typeof VALUES.channel;
  certificates: RegisteredCertificate[];
}

export const registrationSchema = z.strictObject({
  kind: z.enum(['first', 'change']),
  organisation: z.strictObject({ name: f.text(400), taxCode: f.organisationTaxCode }),
  taxOffice: f.text(400),
  contact: z.strictObject({ name: f.text(100), phone: z.string().regex(/^\+?[0-9 .-]{8,20}$/), email: z.email().max(100), address: f.text(400) }),
  place: f.text(100),
  madeAt: f.instant,
  receiptKind: z.enum(['EBL01', 'EBL02']),
  channel: z.enum(['direct', 'provider', 'portal']),
  certificates: z
    .array(
      z.strictObject({
        authority: f.text(400),
        serial: z.string().regex(/^[0-9A-Fa-f]{1,64}$/),
        subject: f.text(1000),
        validFrom: f.instant,
        validTo: f.instant,
        action: z.enum(['add', 'renew', 'stop']),
      }),
    )
    .min(1)
    .max(100),
});

/** The declaration's XML, unsigned. Throws RangeError when the input breaks a rule. */
export function buildRegistrationXml(input: Registration): string {
  const r = f.parseOrThrow(registrationSchema, input, 'registration');
  const general = element(COMMON.general, [
    leaf(COMMON.version, VALUES.formatVersion),
    leaf(COMMON.form, VALUES.registrationForm),
    leaf(REGISTRATION.title, VALUES.registrationTitle),
    leaf(REGISTRATION.kind, VALUES.registrationKind[r.kind]),
    leaf(COMMON.organisationName, r.organisation.name),
    leaf(COMMON.taxCode, r.organisation.taxCode),
    leaf(REGISTRATION.taxOffice, r.taxOffice),
    leaf(REGISTRATION.contactName, r.contact.name),
    leaf(REGISTRATION.contactAddress, r.contact.address),
    leaf(REGISTRATION.contactEmail, r.contact.email),
    leaf(REGISTRATION.contactPhone, r.contact.phone),
    leaf(REGISTRATION.place, r.place),
    leaf(COMMON.dateMade, vietnamDate(r.madeAt)),
  ]);
  const certificates = r.certificates.map((c, i) =>
    element(REGISTRATION.certificate, [
      leaf(REGISTRATION.rowNo, i + 1),
      leaf(REGISTRATION.certificateAuthority, c.authority),
      leaf(REGISTRATION.serial, c.serial.toUpperCase()),
      leaf(REGISTRATION.subject, c.subject),
      leaf(REGISTRATION.validFrom, vietnamDate(c.validFrom)),
      leaf(REGISTRATION.validTo, vietnamDate(c.validTo)),
      leaf(REGISTRATION.certificateAction, VALUES.certificateAction[c.action]),
    ]),
  );
  const content = element(REGISTRATION.content, [
    leaf(REGISTRATION.issuerKind, VALUES.feeCollector),
    leaf(REGISTRATION.receiptKind, VALUES.receiptKind[r.receiptKind]),
    leaf(REGISTRATION.dataSending, VALUES.summarySending),
    leaf(REGISTRATION.channel, VALUES.channel[r.channel]),
    element(REGISTRATION.certificates, certificates),
  ]);
  return document(element(REGISTRATION.root, [element(REGISTRATION.data, [general, content], { [ID_ATTRIBUTE]: DATA_ID }), unsignedSignatures()]));
}
