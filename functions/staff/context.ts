/**
 * What every staff route shares: its dependencies, the handler type each route of the
 * access table gets, the guard that authenticates the bearer token and checks the role
 * against STAFF_ROUTES, agency scope, and the views that mask personal data where the
 * role does not need it.
 */
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { maskName, maskPayer, maskPhone, type FeeOrder } from '../../shared/order';
import type { TransferRecord } from '../../shared/transfer';
import type { StaffOrderView, TransferView } from '../../shared/views';
import { AuthError } from '../lib/auth/tokens';
import type { SigningKeys } from '../lib/auth/keys';
import type { Deps } from '../lib/deps';
import { ApiError } from '../lib/platform/errors';
import { orderSummary } from '../lib/orders/place-order';
import type { ReceiptKeys } from '../lib/receipts/signing';
import type { ReceiptSigners } from '../lib/receipts/signers';
import type { ReportsStore } from '../lib/reports/ports';
import { authenticate, type StaffPrincipal } from '../lib/accounts/login';
import { type LoginLimiter, type UserStore } from '../lib/accounts/ports';
import { allows, type StaffApiRoutes, type StaffRouteName } from './access';

export interface StaffDeps extends Deps {
  users: UserStore;
  limiter: LoginLimiter;
  reports: ReportsStore;
  keys: SigningKeys;
  receiptKeys(): Promise<ReceiptKeys>;
  /** Who signs each agency's e-receipts (XML), and the CAs their certificates chain to. */
  receiptSigners: ReceiptSigners;
}

export type StaffEnv = { Variables: { principal: StaffPrincipal } };

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
    c.set('principal', principal);
    await next();
  };
}

export function principalOf(c: Context<StaffEnv>): StaffPrincipal {
  return c.get('principal');
}

const districtWide = (p: StaffPrincipal) => p.role === 'admin' || p.role === 'leader';

/** May this person see the order at all? (Otherwise: 404, as if it did not exist.) */
export function canSeeOrder(p: StaffPrincipal, order: FeeOrder): boolean {
  if (districtWide(p)) return true;
  if (p.role === 'clerk') return order.agencyId === p.agencyId;
  return order.assistedBy === p.username;
}

/** May this person act on money for the agency (confirm, match, refund, cash, cancel)? */
export function canActForAgency(p: StaffPrincipal, agencyId: string | undefined): boolean {
  return p.role === 'admin' || (p.role === 'clerk' && agencyId !== undefined && p.agencyId === agencyId);
}

/**
 * The agency a list is about: a clerk's or volunteer's own (asking for another is a 404,
 * existence does not leak); district-wide roles must say which.
 */
export function listAgency(p: StaffPrincipal, asked: string | undefined): string {
  if (districtWide(p)) {
    if (!asked) throw new ApiError('VALIDATION_FAILED', [{ path: 'agencyId', message: 'Hãy chọn cơ quan.', messageEn: 'Choose an agency.' }]);
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
    ...(r.refund ? { refund: r.refund } : {}),
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
