/**
 * What every staff route shares: its dependencies, the handler type each route of the
 * access table gets, the guard that authenticates the bearer token and checks the role
 * against STAFF_ROUTES, agency scope, and the views that mask personal data where the
 * role does not need it.
 */
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { agencyScope } from '../../shared/agency-tree';
import { maskName, maskPayer, maskPhone, type FeeOrder } from '../../shared/order';
import type { TransferRecord } from '../../shared/transfer';
import type { StaffOrderView, TransferView } from '../../shared/views';
import { AuthError } from '../lib/auth/tokens';
import type { SigningKeys } from '../lib/auth/keys';
import type { Deps } from '../lib/deps';
import type { DeliveryDeps } from '../lib/integrations/delivery';
import { ApiError } from '../lib/platform/errors';
import { orderSummary } from '../lib/orders/place-order';
import type { ReceiptKeys } from '../lib/receipts/signing';
import type { ReceiptSigners } from '../lib/receipts/signers';
import type { TaxDocumentStore } from '../lib/receipts/tax-documents';
import type { RegistrationStore } from '../lib/receipts/registration';
import type { TaxTransmitter } from '../lib/receipts/transmission';
import type { ReportsStore } from '../lib/reports/ports';
import type { CatchUpResult } from '../lib/payments/catch-up/catch-up';
import { authenticate, type StaffPrincipal } from '../lib/accounts/login';
import { type LoginLimiter, type UserStore } from '../lib/accounts/ports';
import { allows, type StaffApiRoutes, type StaffRouteName } from './access';
import { refundState } from '../../shared/refund';

export interface StaffDeps extends Deps {
  users: UserStore;
  limiter: LoginLimiter;
  reports: ReportsStore;
  keys: SigningKeys;
  receiptKeys(): Promise<ReceiptKeys>;
  /** Who signs each agency's e-receipts (XML), and the CAs their certificates chain to. */
  receiptSigners: ReceiptSigners;
  /** The outbox of documents for the tax authority, and the port that sends them. */
  taxDocuments: TaxDocumentStore;
  transmitter: TaxTransmitter;
  /** Each agency's e-receipt registration declarations (01/ĐKTĐ-CTĐT) and the tax authority's answers. */
  registrations: RegistrationStore;
  /** Deployed (NODE_ENV=production): no e-receipt for an agency whose registration is not recorded as accepted. */
  requireReceiptRegistration?: boolean;
  /** Catch-up with the providers' pull APIs (lib/payments/catch-up); absent: no provider is configured. */
  catchUp?: () => Promise<CatchUpResult>;
  /** Integrations and the delivery of their events (admin: lib/integrations/admin.ts). */
  delivery: DeliveryDeps;
}

/**
 * A signed-in person and the agencies they may see. Staff scope follows the agency tree
 * (shared/agency-tree.ts): a person with an agency sees it, the agencies below it and those
 * of the old map they took over; an admin or leader with no agency sees every agency. The
 * guard sets `scope`; a principal built without it (a script, a test) is held to its own
 * agency alone.
 */
export type Staff = StaffPrincipal & { readonly scope?: ReadonlySet<string> };

export type StaffEnv = { Variables: { principal: Staff } };

/** The handler of one route of the access table: its path parameters are typed from the table's path. */
export type StaffHandler<N extends keyof StaffApiRoutes> = Handler<StaffEnv, StaffApiRoutes[N]['path']>;

/**
 * Handlers by route name. A resource file's handlers `satisfies` it (a name the table
 * does not have is a type error there); the registrar needs them all.
 */
export type StaffHandlers = { [N in keyof StaffApiRoutes]: StaffHandler<N> };

/** Authenticates the bearer token (401) and checks the role may use the route (403). */
export function guard(deps: () => StaffDeps, route: StaffRouteName): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header);
    if (!match) throw new ApiError('UNAUTHORIZED');
    let principal: StaffPrincipal;
    try {
      principal = await authenticate(deps(), match[1]!);
    } catch (err) {
      if (err instanceof AuthError) throw new ApiError('UNAUTHORIZED');
      throw err;
    }
    if (!allows(route, principal.role)) throw new ApiError('FORBIDDEN');
    // An admin's or leader's scope is their agency's tree; a clerk or volunteer acts for their one agency.
    const scope = principal.agencyId === undefined || !areaWide(principal) ? undefined : agencyScope(await deps().catalogue.agencies(), principal.agencyId);
    c.set('principal', scope ? { ...principal, scope } : principal);
    await next();
  };
}

export function principalOf(c: Context<StaffEnv>): Staff {
  return c.get('principal');
}

/** The person as `GET /api/staff/me` shows them: the scope as a list of agency ids (null: every agency). */
export function sessionOf(p: Staff) {
  const { scope, ...user } = p;
  return { user, scope: p.agencyId === undefined ? null : [...(scope ?? [p.agencyId])] };
}

/** Admins and leaders work over an area (their agency's tree, or everything); clerks and volunteers at one agency. */
const areaWide = (p: StaffPrincipal) => p.role === 'admin' || p.role === 'leader';

/** Whether the agency is within the person's scope (see Staff). */
export function inScope(p: Staff, agencyId: string): boolean {
  if (p.agencyId === undefined) return true;
  return (p.scope ?? new Set([p.agencyId])).has(agencyId);
}

/** May this person see the order at all? (Otherwise: 404, as if it did not exist.) */
export function canSeeOrder(p: Staff, order: FeeOrder): boolean {
  if (areaWide(p)) return inScope(p, order.agencyId);
  if (p.role === 'clerk') return order.agencyId === p.agencyId;
  return order.assistedBy === p.username;
}

/**
 * May this person act on money for the agency (confirm, match, refund, cash, cancel)? A
 * clerk for their own agency (its account, its receipt symbol, its certificate); an admin
 * for any agency in scope. A transfer that matched no agency is for an admin of every agency.
 */
export function canActForAgency(p: Staff, agencyId: string | undefined): boolean {
  if (p.role === 'admin') return agencyId === undefined ? p.agencyId === undefined : inScope(p, agencyId);
  return p.role === 'clerk' && agencyId !== undefined && p.agencyId === agencyId;
}

/**
 * The agency a list is about: a clerk's or volunteer's own (asking for another is a 404,
 * existence does not leak); admins and leaders must say which, within their scope (another
 * is a 404 too).
 */
export function listAgency(p: Staff, asked: string | undefined): string {
  if (areaWide(p)) {
    if (!asked) throw new ApiError('VALIDATION_FAILED', [{ path: 'agencyId', message: 'Hãy chọn cơ quan.', messageEn: 'Choose an agency.' }]);
    if (!inScope(p, asked)) throw new ApiError('NOT_FOUND');
    return asked;
  }
  if (asked && asked !== p.agencyId) throw new ApiError('NOT_FOUND');
  return p.agencyId!;
}

/** Full payer details only for those who handle the money of that agency. */
export function staffOrderView(order: FeeOrder, full: boolean): StaffOrderView {
  const payer = order.payer ? (full ? order.payer : maskPayer(order.payer)) : undefined;
  return {
    ...orderSummary(order, payer),
    ...(order.assistedBy ? { assistedBy: order.assistedBy } : {}),
    ...(full ? { history: order.history } : {}),
  };
}

/** A transfer for the clerk's queue: the memo in full (it is what they match by), the payer's account masked. */
export function transferView(r: TransferRecord): TransferView {
  const counter = r.transfer.counterAccount;
  return {
    id: r.key,
    provider: r.transfer.provider,
    amount: r.transfer.amount,
    memo: r.transfer.memo,
    accountNumber: r.transfer.accountNumber,
    receivedAt: r.receivedAt,
    occurredAt: r.transfer.occurredAt,
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.orderId ? { orderId: r.orderId } : {}),
    ...(r.outcome ? { outcome: r.outcome } : {}),
    refundDue: r.refundDue,
    ...(refundState(r) ? { refundState: refundState(r)! } : {}),
    ...(r.refund ? { refund: { ...r.refund, ...(r.refund.to ? { to: { bin: r.refund.to.bin, accountNumber: maskPhone(r.refund.to.accountNumber) } } : {}) } } : {}),
    ...(r.refundConfirmation ? { refundConfirmation: { at: r.refundConfirmation.at, source: r.refundConfirmation.source, ...(r.refundConfirmation.by ? { by: r.refundConfirmation.by } : {}) } } : {}),
    ...(r.matchedBy ? { matchedBy: r.matchedBy } : {}),
    ...(counter
      ? {
          counterAccount: {
            ...(counter.name ? { name: maskName(counter.name) } : {}),
            ...(counter.number ? { number: maskPhone(counter.number) } : {}),
            ...(counter.bankName ? { bankName: counter.bankName } : {}),
          },
        }
      : {}),
  };
}

type Listed<T> = { items: T[]; nextCursor?: string | undefined };

/** One page of a list, as every staff list answers it (each item through `view` when given). */
export function pageBody<T>(page: Listed<T>): { items: T[]; nextCursor: string | null };
export function pageBody<T, V>(page: Listed<T>, view: (item: T) => V): { items: V[]; nextCursor: string | null };
export function pageBody<T, V>(page: Listed<T>, view?: (item: T) => V) {
  return { items: view ? page.items.map((item) => view(item)) : page.items, nextCursor: page.nextCursor ?? null };
}
