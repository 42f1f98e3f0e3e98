/**
 * Staff use cases of the documents sent to the tax authority: a day's transmission state,
 * sending a day's summary now (an admin, e.g. after the day's last receipt, or to re-send
 * a fixed table after a rejection), the signed XML of a document (the package an admin
 * uploads by hand when the agency sends manually), and recording the answer of a
 * document sent by hand.
 */
import type { Agency } from '../../../shared/catalogue';
import { vietnamDate } from '../../../shared/time';
import { ApiError } from '../../lib/platform/errors';
import { countTaxDocumentAnswer } from '../../lib/platform/metrics';
import { log } from '../../lib/platform/log';
import { CertificateNotValidError, SigningUnavailableError } from '../../lib/receipts/signer';
import { noticesOf, notifyReceiptMistake } from '../../lib/receipts/error-notices';
import { deliver, prepareDaySummary, recordAnswer, type TaxDeps } from '../../lib/receipts/summary-transmission';
import { dayTransmission, taxDocumentView, type TaxDocument, type TaxDocumentKind, type TaxDocumentView, type TaxError } from '../../lib/receipts/tax-documents';
import type { Staff, StaffDeps } from '../context';
import { receiptToActOn } from './money';
import { agencyFor, reportDeps } from './reports';

export const taxDeps = (d: StaffDeps): TaxDeps => ({ taxDocuments: d.taxDocuments, transmitter: d.transmitter, reports: d.reports, receiptSigners: d.receiptSigners, catalogue: d.catalogue, now: d.now });

/** Where staff download a document's signed XML. */
export const taxDocumentXmlUrl = (doc: Pick<TaxDocument, 'agencyId' | 'kind' | 'id'>) => `/api/staff/tax-documents/xml?${new URLSearchParams({ agencyId: doc.agencyId, kind: doc.kind, id: doc.id })}`;

export type TaxDocumentAnswer = TaxDocumentView & { xmlUrl: string };
export const taxDocumentAnswer = (doc: TaxDocument): TaxDocumentAnswer => ({ ...taxDocumentView(doc), xmlUrl: taxDocumentXmlUrl(doc) });

/** Signing a tax document fails like signing a receipt: 503, and an expired certificate is counted for the alarm. */
export async function signingFailuresAsApiErrors<T>(agency: Agency, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof SigningUnavailableError) {
      log.warn('tax document signing unavailable', { agencyId: agency.id, reason: err.reason });
      throw new ApiError('RECEIPT_SIGNING_UNAVAILABLE');
    }
    if (err instanceof CertificateNotValidError) {
      log.error('tax document signing certificate not valid', { agencyId: agency.id, reason: err.message });
      throw new ApiError('RECEIPT_CERTIFICATE_INVALID');
    }
    throw err;
  }
}

/** The day's sending as the daily-summary answer shows it. */
export async function dayTransmissionOf(d: StaffDeps, agencyId: string, day: string) {
  const docs = await d.taxDocuments.daySummaries(agencyId, day);
  const { status, documents } = dayTransmission(docs);
  return { status, via: d.transmitter.name, documents: documents.map((v, i) => ({ ...v, xmlUrl: taxDocumentXmlUrl(docs[i]!) })) };
}

/** Makes the day's table now if it has rows not yet had, and moves every document of the day still on its way one step. */
export async function sendDaySummary(d: StaffDeps, p: Staff, day: string, agencyId: string | undefined) {
  const agency = await agencyFor(reportDeps(d), p, agencyId);
  if (day > vietnamDate(d.now())) throw new ApiError('DAY_NOT_OVER');
  const t = taxDeps(d);
  const made = await signingFailuresAsApiErrors(agency, () => prepareDaySummary(t, agency, day, p.username));
  const open = (await d.taxDocuments.daySummaries(agency.id, day)).filter((doc) => doc.status === 'pending' || doc.status === 'sent');
  if (!made && !open.length && !(await d.taxDocuments.daySummaries(agency.id, day)).length) throw new ApiError('NOTHING_TO_SEND');
  for (const doc of open) await deliver(t, doc, agency, { force: true });
  return { agency, day, transmission: await dayTransmissionOf(d, agency.id, day) };
}

async function documentFor(d: StaffDeps, p: Staff, agencyId: string | undefined, kind: TaxDocumentKind, id: string): Promise<TaxDocument> {
  const agency = await agencyFor(reportDeps(d), p, agencyId);
  const doc = await d.taxDocuments.getTaxDocument(agency.id, kind, id);
  if (!doc) throw new ApiError('TAX_DOCUMENT_NOT_FOUND');
  return doc;
}

export async function taxDocumentXml(d: StaffDeps, p: Staff, agencyId: string | undefined, kind: TaxDocumentKind, id: string): Promise<TaxDocument> {
  return documentFor(d, p, agencyId, kind, id);
}

export async function recordTaxAnswer(
  d: StaffDeps,
  p: Staff,
  input: { agencyId?: string | undefined; kind: TaxDocumentKind; id: string; accepted: boolean; reference?: string | undefined; errors: TaxError[] },
): Promise<TaxDocumentAnswer> {
  const doc = await documentFor(d, p, input.agencyId, input.kind, input.id);
  const result = await recordAnswer(d, doc, { state: 'answered', accepted: input.accepted, errors: input.errors, ...(input.reference ? { reference: input.reference } : {}) }, p.username);
  if (result === 'answered') throw new ApiError('TAX_DOCUMENT_ANSWERED');
  if (result === 'conflict' || result === 'not_sent') throw new ApiError('TAX_DOCUMENT_CHANGED');
  countTaxDocumentAnswer(result.status === 'accepted');
  return taxDocumentAnswer(result);
}

/**
 * A clerk notifies the tax authority of a mistake in a receipt (04/SS-CTĐT): `explain` for
 * a wrong name, address or amount in words (the receipt stays as issued); `cancel` only for
 * a receipt already cancelled.
 */
export async function noticeReceiptMistake(d: StaffDeps, p: Staff, receiptId: string, input: { action: 'explain' | 'cancel'; reason: string }): Promise<TaxDocumentAnswer> {
  const receipt = await receiptToActOn(d, p, receiptId);
  if (input.action === 'cancel' && receipt.status !== 'CANCELLED') throw new ApiError('RECEIPT_NOT_CANCELLED');
  const agency = await d.catalogue.agency(receipt.agencyId);
  if (!agency) throw new ApiError('RECEIPT_NOT_FOUND');
  const doc = await signingFailuresAsApiErrors(agency, () => notifyReceiptMistake(taxDeps(d), agency, receipt, input, p.username));
  return taxDocumentAnswer(doc);
}

/** The notices made about a receipt, for its view. */
export async function receiptNotices(d: StaffDeps, receipt: Parameters<typeof noticesOf>[1]): Promise<TaxDocumentAnswer[]> {
  return (await noticesOf(d, receipt)).map(taxDocumentAnswer);
}
