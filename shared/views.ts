/**
 * What the API answers, as types: the server's view functions and routes are annotated
 * with them, and the web front reads its answers as them. One spelling of each shape, so a
 * field the server renames breaks the build of the page that reads it. Types only: a page
 * that imports them downloads nothing. The reports' shapes are in report-views.ts.
 */
import type { FeeOrder, OrderEvent, OrderReceipt, OrderVietQr } from './order';
import type { OrderLineView } from './order-lines';
import type { PublicReceiptContent, ReceiptStatus } from './receipt';
import type { StaffRole } from './roles';
import type { PaymentSource, TransferStatus, UnsettledReason } from './transfer';
import type { RefundConfirmationSource, RefundMethod, RefundState } from './refund';

/** One page of a list; `nextCursor` asks for the next one (null: this was the last). */
export interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * What every view of an order shows, whoever looks: money, status, times and what it is
 * for, as the order stores them (FeeOrder). The payer is masked unless the viewer handles
 * this agency's money; an order without a receipt says null.
 */
export type OrderSummary = Pick<
  FeeOrder,
  'id' | 'reference' | 'agencyId' | 'procedureCode' | 'procedureName' | 'quantity' | 'amount' | 'currency' | 'status' | 'paidAmount' | 'refundDue' | 'paidLate' | 'createdAt' | 'expiresAt' | 'dossierCode' | 'paidOnPortal' | 'payer' | 'channel' | 'vneidLevel2'
> & {
  /** Every line with its amount, kind of fee, legal basis and the relief applied; `amount` is their sum. */
  items: OrderLineView[];
  /** Copies, each charged on its own; 1 for orders made before copies were counted. */
  copies: number;
  receipt: OrderReceipt | null;
};

/**
 * The order as the holder of its token sees it: POST /api/orders, GET /api/orders/{id}.
 * The payer is masked; the QR's data and the pay page's address come with it.
 */
export interface PublicOrderView extends OrderSummary {
  accessToken: string;
  assisted: boolean;
  vietqr: OrderVietQr;
  links: { payPage: string; qrSvg: string; qrPng: string };
}

/** POST /api/staff/orders: the order made at the counter, and who made it. */
export interface AssistedOrderView extends PublicOrderView {
  assistedBy: string;
}

/** An order in the staff pages (GET /api/staff/orders, /orders/{id}, and every action's answer). */
export interface StaffOrderView extends OrderSummary {
  assistedBy?: string;
  /** Only for those who handle the agency's money. */
  history?: OrderEvent[];
}

/** A transfer in the clerk's queue: the memo in full (it is what they match by), the payer's account masked. */
export interface TransferView {
  id: string;
  provider: PaymentSource;
  amount: number;
  memo: string;
  accountNumber: string;
  receivedAt: string;
  occurredAt: string;
  status: TransferStatus;
  reason?: UnsettledReason;
  orderId?: string;
  /** What it did to its order: PAID, UNDERPAID, OVERPAID, DUPLICATE_PAYMENT… */
  outcome?: string;
  refundDue: number;
  /** Where the refund due stands (shared/refund.ts): REQUESTED → SENT → CONFIRMED; absent when nothing is due. */
  refundState?: RefundState;
  /** The refund as sent: by hand (amount, bank reference, day) or a payOS payout; the payee's account masked. */
  refund?: { at: string; by: string; note: string; method?: RefundMethod; amount?: number; bankReference?: string; sentOn?: string; payoutId?: string; to?: { bin: string; accountNumber: string } };
  refundConfirmation?: { at: string; source: RefundConfirmationSource; by?: string };
  matchedBy?: string;
  counterAccount?: { name?: string; number?: string; bankName?: string };
}

/** POST /api/staff/orders/{id}/confirm: the order, and the receipt just issued for it. */
export interface ConfirmedOrderView {
  order: StaffOrderView;
  receipt: OrderReceipt;
}

/** POST …/transactions/{id}/match and …/orders/{id}/cash: the order and the transfer that paid it. */
export interface OrderPaymentView {
  order: StaffOrderView;
  transaction: TransferView;
}

/** GET /api/staff/tally: people helped (orders made at the counter), today and this month, in Vietnam days. */
export interface TallyView {
  username: string;
  date: string;
  today: number;
  month: number;
  paidThisMonth: number;
  byProcedure: { procedureCode: string; procedureName: string; today: number; month: number }[];
}

/** Who is logged in, as the login answers and the staff pages keep it. */
export interface SessionUser {
  username: string;
  role: StaffRole;
  /** Null for the district-wide roles (admin, leader). */
  agencyId: string | null;
  displayName: string;
}

/** POST /api/auth/login: the bearer token for the staff routes, and whose it is. */
export interface StaffSessionView {
  token: string;
  /** ISO 8601, UTC. */
  expiresAt: string;
  user: SessionUser;
}

/** GET /api/receipts/verify?token=: whether the receipt is the one on record, and what it says. */
export type ReceiptCheckView =
  | {
      genuine: true;
      status: ReceiptStatus;
      receipt: PublicReceiptContent;
      cancellation?: { at: string; reason: string };
      /** Who signed the e-receipt's XML: the organisation's certificate. */
      signer?: { organisation: string; taxCode?: string; issuer: string; serialNumber: string; validFrom: string; validTo: string };
    }
  | { genuine: false; reason?: string };
