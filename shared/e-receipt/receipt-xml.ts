/**
 * The receipt's business data as XML (Circular 91/2026/TT-BTC, Art. 18: XML in two parts,
 * the business data and the digital signature), holding what Decree 254/2026/NĐ-CP,
 * Art. 23.2 requires: the receipt's name, template and receipt symbols, number, the
 * collecting organisation's name and tax code, the kind of fee and the amount in figures
 * and in words, the date made; Vietnamese, VND. The payer appears when known (form
 * 01/PLPĐT shows it; it is not mandatory). A replacing receipt names the one it replaces
 * (Circular 91, Art. 20). The signatures list is left empty for the collecting
 * organisation's signature (functions/lib/receipts/xml-signature.ts).
 *
 * Element names come from ./names.ts; ./schemas/e-receipt.xsd describes the result.
 * Pure: everything, the instant included, is handed in.
 */
import * as z from 'zod';
import { amountInWords } from '../amount-words';
import { FEE_CATEGORIES, type FeeCategory } from '../fee-rules';
import { PAYMENT_METHODS, receiptYear, type PaymentMethod, type ReceiptContent, type ReceiptTemplate } from '../receipt';
import { receiptSymbolYear } from '../receipt-symbol';
import { vietnamDate, vietnamDateTime } from '../time';
import * as f from './fields';
import { COMMON, DATA_ID, ID_ATTRIBUTE, RECEIPT, VALUES } from './names';
import { document, element, leaf, type Xml } from './xml-writer';

export interface ReceiptOrganisation {
  name: string;
  taxCode: string;
  address?: string;
}

export interface FeeLine {
  /** The kind of fee or charge: the procedure's official fee name. */
  feeName: string;
  /** The national procedure code, e.g. '2.000815'. */
  procedureCode?: string;
  /** phí or lệ phí. */
  feeKind?: FeeCategory;
  /** Whole VND. */
  amount: number;
}

/** What names one receipt: in a summary row, a notice, or what a replacing receipt replaces. */
export interface ReceiptIdentity {
  template: ReceiptTemplate;
  symbol: string;
  number: number;
  /** When it was made (ISO 8601); its Vietnam date is written. */
  issuedAt: string;
}

/** The receipt a replacing receipt replaces (Circular 91/2026/TT-BTC, Art. 20). */
export interface ReplacedReceipt extends ReceiptIdentity {
  /** Why it is replaced. */
  note: string;
}

/** What one e-receipt says. The total and its words are derived, never handed in. */
export interface EReceipt {
  template: ReceiptTemplate;
  symbol: string;
  number: number;
  /** The moment of collection (ISO 8601); Decree 254, Art. 24: made when the fee is collected. */
  issuedAt: string;
  /** The collecting organisation, whose name and tax code the law requires. */
  collector: ReceiptOrganisation;
  /** When receipts are delegated (Decree 254, Art. 25): the delegatee's name and address are shown too. */
  delegatee?: ReceiptOrganisation & { address: string };
  payer?: { name?: string; taxCode?: string; address?: string };
  lines: FeeLine[];
  paymentMethod: PaymentMethod;
  replaces?: ReplacedReceipt;
  /** Our order reference, so a receipt leads back to its order. */
  orderReference?: string;
}

const symbolFitsYear = (symbol: string, issuedAt: string) => {
  try {
    return receiptSymbolYear(symbol) === receiptYear(issuedAt);
  } catch {
    return true; // a malformed symbol or instant has its own issue
  }
};

export const eReceiptSchema = z
  .strictObject({
    template: f.template,
    symbol: f.symbol,
    number: f.receiptNumber,
    issuedAt: f.instant,
    collector: f.organisation,
    delegatee: f.organisation.extend({ address: f.text(400) }).optional(),
    payer: z
      .strictObject({ name: f.text(200).optional(), taxCode: f.payerTaxCode.optional(), address: f.text(400).optional() })
      .optional(),
    lines: z
      .array(z.strictObject({ feeName: f.text(500), procedureCode: f.text(40).optional(), feeKind: z.enum(FEE_CATEGORIES).optional(), amount: f.amount }))
      .min(1)
      .max(100),
    paymentMethod: z.enum(PAYMENT_METHODS),
    replaces: f.receiptIdentity.extend({ note: f.text(500) }).optional(),
    orderReference: f.text(64).optional(),
  })
  .superRefine((r, ctx) => {
    if (!symbolFitsYear(r.symbol, r.issuedAt)) {
      ctx.addIssue({ code: 'custom', path: ['symbol'], message: 'the symbol year must be the year of issue in Vietnam time' });
    }
    if (!Number.isSafeInteger(r.lines.reduce((sum, line) => sum + line.amount, 0))) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: 'the total is too large' });
    }
    if (r.replaces) {
      if (Date.parse(r.replaces.issuedAt) > Date.parse(r.issuedAt)) {
        ctx.addIssue({ code: 'custom', path: ['replaces', 'issuedAt'], message: 'a receipt can only replace one issued before it' });
      }
      if (r.replaces.template === r.template && r.replaces.symbol === r.symbol && r.replaces.number === r.number) {
        ctx.addIssue({ code: 'custom', path: ['replaces'], message: 'a receipt cannot replace itself' });
      }
    }
  });

function organisation(name: string, org: ReceiptOrganisation): Xml {
  return element(name, [leaf(COMMON.name, org.name), leaf(COMMON.taxCode, org.taxCode), leaf(COMMON.address, org.address)]);
}

/** Template, symbol, number and date made: how every document names a receipt. */
export function identityLeaves(id: ReceiptIdentity): Xml[] {
  return [
    leaf(COMMON.template, id.template)!,
    leaf(COMMON.symbol, id.symbol)!,
    leaf(COMMON.number, id.number)!,
    leaf(COMMON.dateMade, vietnamDate(id.issuedAt))!,
  ];
}

/** The signatures list with the collecting organisation's empty place, ready to sign into. */
export function unsignedSignatures(): Xml {
  return element(COMMON.signatures, [element(COMMON.collectorSignature, [])]);
}

/**
 * The receipt's XML, unsigned, UTF-8 with its declaration. Throws RangeError when the
 * receipt breaks a rule (unlawful symbol, symbol of another year, words that could not be
 * the figures' words, characters XML cannot carry...).
 */
export function buildReceiptXml(input: EReceipt): string {
  const r = f.parseOrThrow(eReceiptSchema, input, 'receipt');
  const total = r.lines.reduce((sum, line) => sum + line.amount, 0);
  const related = r.replaces
    ? element(RECEIPT.related, [
        leaf(RECEIPT.relatedKind, VALUES.replaces),
        leaf(RECEIPT.relatedTemplate, r.replaces.template),
        leaf(RECEIPT.relatedSymbol, r.replaces.symbol),
        leaf(RECEIPT.relatedNumber, r.replaces.number),
        leaf(RECEIPT.relatedDate, vietnamDate(r.replaces.issuedAt)),
        leaf(COMMON.note, r.replaces.note),
      ])
    : undefined;
  const general = element(COMMON.general, [
    leaf(COMMON.version, VALUES.formatVersion),
    leaf(RECEIPT.title, VALUES.receiptTitle),
    ...identityLeaves(r),
    leaf(RECEIPT.timeMade, vietnamDateTime(r.issuedAt)),
    leaf(COMMON.currency, VALUES.currency),
    leaf(RECEIPT.paymentMethod, VALUES.paymentMethod[r.paymentMethod]),
    related,
  ]);
  const payer = r.payer && (r.payer.name || r.payer.taxCode || r.payer.address)
    ? element(RECEIPT.payer, [leaf(COMMON.name, r.payer.name), leaf(COMMON.taxCode, r.payer.taxCode), leaf(COMMON.address, r.payer.address)])
    : undefined;
  const lines = element(
    RECEIPT.lines,
    r.lines.map((line, i) =>
      element(RECEIPT.line, [
        leaf(RECEIPT.lineNo, i + 1),
        leaf(RECEIPT.feeName, line.feeName),
        leaf(RECEIPT.feeKind, line.feeKind ? VALUES.feeKind[line.feeKind] : undefined),
        leaf(RECEIPT.procedureCode, line.procedureCode),
        leaf(RECEIPT.lineAmount, line.amount),
      ]),
    ),
  );
  const other = r.orderReference
    ? element(RECEIPT.other, [element(RECEIPT.otherField, [leaf(RECEIPT.otherFieldName, 'orderReference'), leaf(RECEIPT.otherFieldValue, r.orderReference)])])
    : undefined;
  const content = element(RECEIPT.content, [
    organisation(RECEIPT.collector, r.collector),
    r.delegatee ? organisation(RECEIPT.delegatee, r.delegatee) : undefined,
    payer,
    lines,
    element(RECEIPT.totals, [leaf(RECEIPT.totalAmount, total), leaf(RECEIPT.totalInWords, amountInWords(total))]),
    other,
  ]);
  return document(element(RECEIPT.root, [element(RECEIPT.data, [general, content], { [ID_ATTRIBUTE]: DATA_ID }), unsignedSignatures()]));
}

/** The e-receipt for a receipt the product issued (shared/receipt.ts): its lines, each with its kind; one line for a receipt made before lines were kept. */
export function eReceiptFromContent(
  content: ReceiptContent,
  extra: { delegatee?: EReceipt['delegatee']; replaces?: ReplacedReceipt } = {},
): EReceipt {
  return {
    template: content.template,
    symbol: content.symbol,
    number: content.number,
    issuedAt: content.issuedAt,
    collector: { name: content.agency.name, taxCode: content.agency.taxCode, address: content.agency.address },
    ...(extra.delegatee ? { delegatee: extra.delegatee } : {}),
    ...(content.payer?.name ? { payer: { name: content.payer.name } } : {}),
    lines: content.lines?.length
      ? content.lines.map((l) => ({ feeName: l.feeName, procedureCode: l.procedureCode, feeKind: l.kind, amount: l.amount }))
      : [{ feeName: content.feeName, procedureCode: content.procedureCode, amount: content.amount }],
    paymentMethod: content.paymentMethod,
    ...(extra.replaces ? { replaces: extra.replaces } : {}),
    orderReference: content.reference,
  };
}
