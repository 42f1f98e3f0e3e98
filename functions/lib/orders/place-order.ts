/**
 * Placing a fee order: shared by the citizen's route and (later) the counter's assisted
 * route, so both follow exactly the same rules.
 */
import { createHash } from 'node:crypto';
import { handles, type Agency, type Procedure } from '../../../shared/catalogue';
import type { ErrorDetail } from '../../../shared/errors';
import { draftOrder, maskPayer, requestedLines, vietqrForDue, type CreateOrderInput, type DraftRefusal, type FeeOrder, type Payer } from '../../../shared/order';
import { linesOf, orderLineView } from '../../../shared/order-lines';
import { vnDay } from '../../../shared/time';
import { newReference } from '../../../shared/reference';
import type { OrderSummary, PublicOrderView } from '../../../shared/views';
import type { Deps } from '../deps';
import type { CreateOrderResult, IdempotencyRecord } from '../storage/store';
import { ApiError } from '../platform/errors';
import { clientAddressKey } from '../platform/client-ip';
import { canonicalJson } from '../platform/http';
import { countOrderCreated } from '../platform/metrics';
import { cancelPaymentRequest, payosFor, withPaymentRequest } from './payment-request';

export const IDEMPOTENCY_WINDOW_MS = 24 * 3_600_000;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) throw new ApiError('INVALID_IDEMPOTENCY_KEY');
  return header;
}

/**
 * Whose keys an Idempotency-Key is one of: two callers' keys never meet, however alike
 * (a counting integration's `order-1001`, a guess). A volunteer's keys are their own
 * (assistedBy: the counter's double tap). A citizen or an integration has no account, so
 * theirs are those of the network they call from (clientAddressKey: the address, an IPv6
 * /64): something a caller cannot send on another's behalf, as it could a key. A retry
 * from another network (Wi-Fi to mobile data) is then a new request, and makes a new
 * order: the first, if it was made, waits unpaid and expires; nobody is handed it.
 * The claim holds a digest of scope and key, so the table keeps neither the key nor the
 * address as sent.
 */
export function scopedIdempotencyKey(key: string, owner: { assistedBy: string } | { clientAddress: string | undefined }): string {
  const scope = 'assistedBy' in owner ? `staff:${owner.assistedBy}` : `public:${clientAddressKey(owner.clientAddress)}`;
  return createHash('sha256').update(`${scope}\n${key}`).digest('hex');
}

export interface PlaceOrderArgs {
  input: CreateOrderInput;
  /** The body as sent: what "the same body" means for an idempotency key. */
  raw: unknown;
  idempotencyKey?: string;
  assistedBy?: string;
  /** Where a citizen's request came from (platform/client-ip): the scope of their key. */
  clientAddress?: string | undefined;
  /**
   * Writes the drafted order instead of `store.createOrder` (an integration's order, with
   * its dossier record: lib/integrations/orders.ts). An `idempotency_replay` it returns is
   * compared with this request's hash (`requestHash`).
   */
  create?: (order: FeeOrder, now: Date) => Promise<CreateOrderResult>;
}

/** SHA-256 of the canonical body: what "the same request" means for a key or a dossier code. */
export const requestHashOf = (raw: unknown) => createHash('sha256').update(canonicalJson(raw)).digest('hex');

export async function placeOrder(deps: Deps, args: PlaceOrderArgs): Promise<{ created: boolean; order: FeeOrder }> {
  const { input } = args;
  const requested = requestedLines(input);
  if (!requested.ok) throw new ApiError('VALIDATION_FAILED', requested.details);
  const multi = input.items !== undefined;
  // Where a line's fields are, in the words of the body: "quantity" or "items[2].quantity".
  const at = (line: number | undefined, field: string) => (multi && line !== undefined ? `items[${line}].${field}` : field);
  const [procedures, agency] = await Promise.all([
    Promise.all(requested.lines.map((l) => deps.catalogue.procedure(l.procedureCode))),
    deps.catalogue.agency(input.agencyId),
  ]);
  const missing = [
    ...procedures.flatMap((p, i) => (p ? [] : [{ path: at(i, 'procedureCode'), message: 'Không có thủ tục với mã này.', messageEn: 'No procedure has this code.' }])),
    ...(agency ? [] : [{ path: 'agencyId', message: 'Không có cơ quan với mã này.', messageEn: 'No agency has this id.' }]),
  ];
  if (procedures.some((p) => !p)) throw new ApiError('PROCEDURE_NOT_FOUND', missing);
  if (!agency) throw new ApiError('AGENCY_NOT_FOUND', missing);
  const lines = requested.lines.map((l, i) => ({ procedure: procedures[i]!, quantity: l.quantity, copies: l.copies }));

  const now = deps.now();
  const claim = args.idempotencyKey
    ? {
        key: scopedIdempotencyKey(args.idempotencyKey, args.assistedBy ? { assistedBy: args.assistedBy } : { clientAddress: args.clientAddress }),
        requestHash: requestHashOf(args.raw),
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS),
      }
    : undefined;

  // payOS agencies: a key already claimed is answered before payOS is asked, so a
  // retried request never makes a second payment request.
  const payos = payosFor(deps, agency);
  if (payos && claim) {
    const prior = await deps.store.findIdempotency(claim.key, now);
    if (prior) return replay(deps, prior, claim.requestHash, 'IDEMPOTENCY_KEY_REUSED');
  }

  // References are random; a clash is rare and simply means drawing again.
  for (let attempt = 0; attempt < 8; attempt++) {
    const drafted = draftOrder({
      input,
      lines,
      agency,
      reference: newReference(deps.randomBytes),
      paymentCodePrefix: deps.paymentCodePrefix,
      now,
      ...(args.assistedBy ? { assistedBy: args.assistedBy } : {}),
    });
    if (!drafted.ok) {
      const procedure = drafted.line !== undefined ? lines[drafted.line]!.procedure : lines[0]!.procedure;
      const details = await refusalDetails(deps, drafted, procedure, agency, { multi, at: (field) => at(drafted.line, field) });
      throw new ApiError(drafted.refusal, details.length ? details : undefined);
    }
    const order = payos ? await withPaymentRequest(deps, payos, drafted.order) : drafted.order;
    const write = args.create ? args.create(order, now) : deps.store.createOrder(order, claim, now);
    const result = await write.catch(async (error: unknown) => {
      // Nothing stored: the payment request must not stay payable.
      await cancelPaymentRequest(deps, order, 'Order not recorded');
      throw error;
    });
    if (result.kind === 'created') {
      countOrderCreated();
      return { created: true, order };
    }
    if (result.kind === 'idempotency_replay') {
      // The same request, a moment earlier, made its own order (and payment request): ours goes.
      await cancelPaymentRequest(deps, order, 'Duplicate request');
      // An integration's dossier code stands for its key: the same body is the same request.
      const requestHash = claim?.requestHash ?? (args.create ? requestHashOf(args.raw) : undefined);
      return replay(deps, result.record, requestHash, args.create ? 'DOSSIER_CODE_REUSED' : 'IDEMPOTENCY_KEY_REUSED');
    }
    // reference_taken: another order has this reference. Had it a payment request, payOS
    // refused ours (503 above); so any request made here is ours alone, and goes.
    await cancelPaymentRequest(deps, order, 'Reference taken');
  }
  throw new Error('could not find a free order reference after 8 attempts');
}

/** The order an earlier request with the same key (or dossier code) made (409 when the body differs). */
async function replay(deps: Deps, record: IdempotencyRecord, requestHash: string | undefined, reused: 'IDEMPOTENCY_KEY_REUSED' | 'DOSSIER_CODE_REUSED'): Promise<{ created: boolean; order: FeeOrder }> {
  if (record.requestHash !== requestHash) throw new ApiError(reused);
  const existing = await deps.store.getOrder(record.orderId);
  if (!existing) throw new Error(`idempotency record points to missing order ${record.orderId}`);
  return { created: false, order: existing };
}

/**
 * Where a refused order goes wrong, in the words of the field: the quantity or copies that
 * must be 1, the relief that waives the fee (and its legal basis), or the agencies that do
 * handle the procedure (the successor of an agency of the old map, or those of the
 * procedure's level), so the citizen knows where to go.
 */
async function refusalDetails(deps: Deps, refused: DraftRefusal, procedure: Procedure, agency: Agency, where: { multi: boolean; at: (field: string) => string }): Promise<ErrorDetail[]> {
  const { at } = where;
  switch (refused.refusal) {
    case 'QUANTITY_NOT_APPLICABLE':
      return [{ path: at('quantity'), message: 'Số lượng phải là 1.', messageEn: 'Quantity must be 1.' }];
    case 'COPIES_NOT_APPLICABLE':
      return [{ path: at('copies'), message: 'Số bản phải là 1.', messageEn: 'Copies must be 1.' }];
    case 'DUPLICATE_LINE':
      return [{ path: at('procedureCode'), message: `${procedure.name} đã có ở khoản trước.`, messageEn: `${procedure.nameEn} is already an earlier line.` }];
    case 'FEE_COLLECTED_ELSEWHERE':
      return procedure.feeCollectedBy ? [{ path: at('procedureCode'), message: `Lệ phí do ${procedure.feeCollectedBy} thu.`, messageEn: `The fee is collected by ${procedure.feeCollectedBy}.` }] : [];
    case 'FEE_NOT_REQUIRED': {
      const r = refused.relief;
      if (!r) return [{ path: at('procedureCode'), message: `${procedure.name}: không thu phí, lệ phí.`, messageEn: `${procedure.nameEn}: free of charge.` }];
      const online = 'khi nộp trực tuyến bằng tài khoản VNeID mức độ 2';
      return [
        {
          path: at('procedureCode'),
          message: `${procedure.name}: miễn ${online}, từ ${vnDay(r.from)} đến ${vnDay(r.to)} (${r.legalBasis}).`,
          messageEn: `${procedure.nameEn}: waived when filed online with a VNeID level-2 account, from ${r.from} to ${r.to} (${r.legalBasis}).`,
          relief: { kind: r.kind, percent: r.percent, from: r.from, to: r.to, legalBasis: r.legalBasis },
        },
      ];
    }
    case 'AGENCY_SUPERSEDED': {
      const successor = agency.supersededBy ? await deps.catalogue.agency(agency.supersededBy) : undefined;
      if (!successor) return [];
      return [{ path: 'agencyId', message: `${agency.name} nay là ${successor.name} (mã ${successor.id}).`, messageEn: `${agency.name} is now ${successor.name} (id ${successor.id}).` }];
    }
    case 'PROCEDURE_NOT_OFFERED': {
      const able = (await deps.catalogue.agencies()).filter((a) => handles(a, procedure));
      if (able.length === 0) return [];
      const names = able.slice(0, 5).map((a) => `${a.name} (mã ${a.id})`).join('; ');
      const namesEn = able.slice(0, 5).map((a) => `${a.name} (id ${a.id})`).join('; ');
      const more = able.length > 5 ? ` và ${able.length - 5} cơ quan khác` : '';
      const moreEn = able.length > 5 ? ` and ${able.length - 5} more` : '';
      if (!where.multi) return [{ path: 'agencyId', message: `Thủ tục này do ${names}${more} giải quyết.`, messageEn: `This procedure is handled by ${namesEn}${moreEn}.` }];
      // Several lines: the one at fault, and who handles it (the lines of one order are one agency's).
      return [{ path: at('procedureCode'), message: `${procedure.name}: thủ tục này do ${names}${more} giải quyết.`, messageEn: `${procedure.nameEn}: this procedure is handled by ${namesEn}${moreEn}.` }];
    }
    default:
      return [];
  }
}

/**
 * What every view of an order shows, whoever looks: money, status, times and what it is
 * for. The payer is the caller's choice (masked unless the role needs it).
 */
export function orderSummary(order: FeeOrder, payer: Payer | undefined): OrderSummary {
  return {
    id: order.id,
    reference: order.reference,
    agencyId: order.agencyId,
    procedureCode: order.procedureCode,
    procedureName: order.procedureName,
    quantity: order.quantity,
    copies: order.copies ?? 1,
    amount: order.amount,
    items: linesOf(order).map(orderLineView),
    ...(order.channel ? { channel: order.channel } : {}),
    ...(order.vneidLevel2 !== undefined ? { vneidLevel2: order.vneidLevel2 } : {}),
    currency: order.currency,
    status: order.status,
    paidAmount: order.paidAmount,
    refundDue: order.refundDue,
    paidLate: order.paidLate,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    ...(order.dossierCode ? { dossierCode: order.dossierCode } : {}),
    ...(order.paidOnPortal ? { paidOnPortal: order.paidOnPortal } : {}),
    ...(payer ? { payer } : {}),
    receipt: order.receipt ?? null,
  };
}

/** The order as its holder sees it: personal data masked (the holder typed it; nobody else needs it). */
export function orderView(order: FeeOrder, token: string): PublicOrderView {
  const q = `token=${encodeURIComponent(token)}`;
  const id = encodeURIComponent(order.id);
  return {
    ...orderSummary(order, order.payer ? maskPayer(order.payer) : undefined),
    accessToken: token,
    assisted: Boolean(order.assistedBy),
    vietqr: vietqrForDue(order),
    links: {
      payPage: `/pay.html?id=${id}&${q}`,
      qrSvg: `/api/orders/${id}/qr.svg?${q}`,
      qrPng: `/api/orders/${id}/qr.png?${q}`,
    },
  };
}
