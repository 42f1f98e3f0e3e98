/**
 * Placing a fee order: shared by the citizen's route and (later) the counter's assisted
 * route, so both follow exactly the same rules.
 */
import { createHash } from 'node:crypto';
import { handles, type Agency, type Procedure } from '../../../shared/catalogue';
import type { ErrorDetail } from '../../../shared/errors';
import { draftOrder, maskPayer, vietqrForDue, type CreateOrderInput, type FeeOrder, type OrderRefusal, type Payer } from '../../../shared/order';
import { newReference } from '../../../shared/reference';
import type { OrderSummary, PublicOrderView } from '../../../shared/views';
import type { Deps } from '../deps';
import type { CreateOrderResult } from '../storage/store';
import { ApiError } from '../platform/errors';
import { clientAddressKey } from '../platform/client-ip';
import { canonicalJson } from '../platform/http';
import { countOrderCreated } from '../platform/metrics';

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
  const [procedure, agency] = await Promise.all([deps.catalogue.procedure(input.procedureCode), deps.catalogue.agency(input.agencyId)]);
  const missing = [
    ...(procedure ? [] : [{ path: 'procedureCode', message: 'Không có thủ tục với mã này.', messageEn: 'No procedure has this code.' }]),
    ...(agency ? [] : [{ path: 'agencyId', message: 'Không có cơ quan với mã này.', messageEn: 'No agency has this id.' }]),
  ];
  if (!procedure) throw new ApiError('PROCEDURE_NOT_FOUND', missing);
  if (!agency) throw new ApiError('AGENCY_NOT_FOUND', missing);

  const now = deps.now();
  const claim = args.idempotencyKey
    ? {
        key: scopedIdempotencyKey(args.idempotencyKey, args.assistedBy ? { assistedBy: args.assistedBy } : { clientAddress: args.clientAddress }),
        requestHash: requestHashOf(args.raw),
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_WINDOW_MS),
      }
    : undefined;

  // References are random; a clash is rare and simply means drawing again.
  for (let attempt = 0; attempt < 8; attempt++) {
    const drafted = draftOrder({
      input,
      procedure,
      agency,
      reference: newReference(deps.randomBytes),
      paymentCodePrefix: deps.paymentCodePrefix,
      now,
      ...(args.assistedBy ? { assistedBy: args.assistedBy } : {}),
    });
    if (!drafted.ok) {
      const details = await refusalDetails(deps, drafted.refusal, procedure, agency);
      throw new ApiError(drafted.refusal, details.length ? details : undefined);
    }
    const result = args.create ? await args.create(drafted.order, now) : await deps.store.createOrder(drafted.order, claim, now);
    if (result.kind === 'created') {
      countOrderCreated();
      return { created: true, order: drafted.order };
    }
    if (result.kind === 'idempotency_replay') {
      if (result.record.requestHash !== (claim?.requestHash ?? (args.create ? requestHashOf(args.raw) : undefined))) throw new ApiError(args.create ? 'DOSSIER_CODE_REUSED' : 'IDEMPOTENCY_KEY_REUSED');
      const existing = await deps.store.getOrder(result.record.orderId);
      if (!existing) throw new Error(`idempotency record points to missing order ${result.record.orderId}`);
      return { created: false, order: existing };
    }
  }
  throw new Error('could not find a free order reference after 8 attempts');
}

/**
 * Where a refused order goes wrong, in the words of the field: the quantity or copies that
 * must be 1, or the agencies that do handle the procedure (the successor of an agency of
 * the old map, or those of the procedure's level), so the citizen knows where to go.
 */
async function refusalDetails(deps: Deps, refusal: OrderRefusal, procedure: Procedure, agency: Agency): Promise<ErrorDetail[]> {
  switch (refusal) {
    case 'QUANTITY_NOT_APPLICABLE':
      return [{ path: 'quantity', message: 'Số lượng phải là 1.', messageEn: 'Quantity must be 1.' }];
    case 'COPIES_NOT_APPLICABLE':
      return [{ path: 'copies', message: 'Số bản phải là 1.', messageEn: 'Copies must be 1.' }];
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
      return [{ path: 'agencyId', message: `Thủ tục này do ${names}${more} giải quyết.`, messageEn: `This procedure is handled by ${namesEn}${moreEn}.` }];
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
    currency: order.currency,
    status: order.status,
    paidAmount: order.paidAmount,
    refundDue: order.refundDue,
    paidLate: order.paidLate,
    createdAt: order.createdAt,
    expiresAt: order.expiresAt,
    ...(order.dossierCode ? { dossierCode: order.dossierCode } : {}),
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
