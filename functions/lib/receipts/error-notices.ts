/**
 * Error notices to the tax authority (form 04/SS-CTĐT; Circular 91/2026/TT-BTC Art. 20): a
 * receipt with a wrong name, address, amount in words or other detail, but the right tax
 * code and amount, is not remade; the organisation tells the payer and notifies the tax
 * authority with this form, signed, sent through the same transmission port and outbox as
 * the day's summary. A cancelled receipt may be notified as cancelled. Nothing issued is
 * edited: the notice is a document of its own, kept with the receipt's id.
 */
import { randomUUID } from 'node:crypto';
import type { Agency } from '../../../shared/catalogue';
import { buildErrorNoticeXml, type NoticeAction } from '../../../shared/e-receipt/notice-xml';
import { RECEIPT_TEMPLATE, type ReceiptTemplate } from '../../../shared/receipt';
import { vietnamDate } from '../../../shared/time';
import type { StoredReceipt } from '../storage/store';
import { deliver, type TaxDeps } from './summary-transmission';
import type { TaxDocument } from './tax-documents';
import { signXml } from './xml-signature';

/** The place written before the notice's date: the commune or district of the agency's address, else its name. */
export function placeOf(agency: Pick<Agency, 'name' | 'address'>): string {
  const parts = agency.address.split(',').map((p) => p.trim()).filter(Boolean);
  const place = parts.length >= 2 ? parts.at(-2)! : agency.name;
  return place.slice(0, 100);
}

/** Makes, signs, stores and sends (one step through the port) the notice of one receipt's mistake. */
export async function notifyReceiptMistake(d: TaxDeps, agency: Agency, receipt: StoredReceipt, input: { action: NoticeAction; reason: string }, by: string): Promise<TaxDocument> {
  const now = d.now();
  const template = (typeof receipt.content.template === 'string' ? receipt.content.template : RECEIPT_TEMPLATE) as ReceiptTemplate;
  const xml = buildErrorNoticeXml({
    kind: 'own',
    organisation: { name: agency.name, taxCode: agency.taxCode },
    place: placeOf(agency),
    madeAt: now.toISOString(),
    entries: [{ template, symbol: receipt.symbol, number: receipt.number, issuedAt: receipt.issuedAt, action: input.action, reason: input.reason }],
  });
  const signed = await signXml(xml, await d.receiptSigners.signerFor(agency), { signingTime: now });
  const at = now.toISOString();
  const doc: TaxDocument = {
    agencyId: agency.id,
    kind: 'notice',
    id: `${at}#${randomUUID().slice(0, 8)}`,
    day: vietnamDate(now),
    receiptIds: [receipt.id],
    xml: signed,
    status: 'pending',
    createdAt: at,
    createdBy: by,
    nextAttemptAt: at,
    attempts: [],
    version: 1,
  };
  if (!(await d.taxDocuments.createTaxDocument(doc))) throw new Error('an error notice with this id exists already');
  return deliver(d, doc, agency);
}

/** The notices made about a receipt (since it was issued). */
export async function noticesOf(d: Pick<TaxDeps, 'taxDocuments'>, receipt: StoredReceipt): Promise<TaxDocument[]> {
  return (await d.taxDocuments.notices(receipt.agencyId, receipt.issuedAt)).filter((n) => n.receiptIds?.includes(receipt.id));
}
