/**
 * The notice of mistaken e-documents (form 04/SS-CTĐT, Circular 91/2026/TT-BTC, Art. 20):
 * when a receipt has a wrong name, address, amount in words or other detail but the right
 * tax code and amount, it is not remade; the payer is told and the organisation notifies
 * the tax authority with this form, signed. Columns: no., template, symbol, number, date,
 * document kind, notice (cancel / adjust / replace / explain), reason.
 *
 * Element names come from ./names.ts; ./schemas/error-notice.xsd describes the result.
 */
import * as z from 'zod';
import { vietnamDate } from '../time';
import * as f from './fields';
import { COMMON, DATA_ID, ID_ATTRIBUTE, NOTICE, VALUES } from './names';
import { identityLeaves, unsignedSignatures, type ReceiptIdentity } from './receipt-xml';
import { document, element, leaf } from './xml-writer';

export type NoticeAction = keyof typeof VALUES.noticeAction;
export type NoticeKind = keyof typeof VALUES.noticeKind;
const ACTIONS = Object.keys(VALUES.noticeAction) as [NoticeAction, ...NoticeAction[]];

export interface NoticeEntry extends ReceiptIdentity {
  /** The document's kind, by name; defaults to the receipt's name. */
  documentKind?: string;
  action: NoticeAction;
  reason: string;
}

export interface ErrorNotice {
  /** 'own' (the organisation found the mistake) or an answer to the tax authority's notice. */
  kind: NoticeKind;
  /** For an answer: the tax authority's notice number and date (YYYY-MM-DD). */
  taxNotice?: { number: string; date: string };
  taxOffice?: string;
  organisation: { name: string; taxCode: string };
  /** The place written before the date ("Giồng Trôm, ngày ..."). */
  place: string;
  /** When the notice was made (ISO 8601). */
  madeAt: string;
  entries: NoticeEntry[];
}

export const errorNoticeSchema = z
  .strictObject({
    kind: z.enum(['own', 'answer-to-tax-authority']),
    taxNotice: z.strictObject({ number: f.text(50), date: f.calendarDate }).optional(),
    taxOffice: f.text(400).optional(),
    organisation: z.strictObject({ name: f.text(400), taxCode: f.organisationTaxCode }),
    place: f.text(100),
    madeAt: f.instant,
    entries: z
      .array(
        f.receiptIdentity.extend({
          documentKind: f.text(200).optional(),
          action: z.enum(ACTIONS),
          reason: f.text(1000),
        }),
      )
      .min(1)
      .max(10_000),
  })
  .superRefine((n, ctx) => {
    if ((n.kind === 'answer-to-tax-authority') !== (n.taxNotice !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['taxNotice'], message: "the tax authority's notice goes with an answer to it, and only with one" });
    }
  });

/** The notice's XML, unsigned. Throws RangeError when the input breaks a rule. */
export function buildErrorNoticeXml(input: ErrorNotice): string {
  const n = f.parseOrThrow(errorNoticeSchema, input, 'error notice');
  const entries = n.entries.map((entry, i) =>
    element(NOTICE.document, [
      leaf(NOTICE.rowNo, i + 1),
      ...identityLeaves(entry),
      leaf(NOTICE.documentKind, entry.documentKind ?? VALUES.receiptTitle),
      leaf(NOTICE.action, VALUES.noticeAction[entry.action]),
      leaf(NOTICE.reason, entry.reason),
    ]),
  );
  const data = element(
    NOTICE.data,
    [
      leaf(COMMON.version, VALUES.formatVersion),
      leaf(COMMON.form, VALUES.noticeForm),
      leaf(NOTICE.title, VALUES.noticeTitle),
      leaf(NOTICE.kind, VALUES.noticeKind[n.kind]),
      leaf(NOTICE.taxNoticeNumber, n.taxNotice?.number),
      leaf(NOTICE.taxNoticeDate, n.taxNotice?.date),
      leaf(NOTICE.taxOffice, n.taxOffice),
      leaf(COMMON.organisationName, n.organisation.name),
      leaf(COMMON.taxCode, n.organisation.taxCode),
      leaf(NOTICE.place, n.place),
      leaf(NOTICE.noticeDate, vietnamDate(n.madeAt)),
      element(NOTICE.documents, entries),
    ],
    { [ID_ATTRIBUTE]: DATA_ID },
  );
  return document(element(NOTICE.root, [data, unsignedSignatures()]));
}
