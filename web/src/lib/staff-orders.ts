/** Shapes the staff API answers (functions/staff/context.ts views), and their words. */
import { t, type MessageKey } from '../i18n';
import { currentLang } from './lang';

export interface StaffOrder {
  id: string;
  reference: string;
  agencyId: string;
  procedureCode: string;
  procedureName: string;
  quantity: number;
  amount: number;
  status: string;
  paidAmount: number;
  refundDue: number;
  paidLate?: boolean;
  createdAt: string;
  expiresAt: string;
  dossierCode?: string;
  payer?: { name?: string; phone?: string };
  assistedBy?: string;
  receipt: { id?: string; number?: number; symbol?: string; verifyUrl?: string; status?: string; issuedAt?: string } | null;
}

export interface StaffTransfer {
  id: string;
  provider: string;
  amount: number;
  memo: string;
  accountNumber: string;
  receivedAt: string;
  occurredAt?: string;
  status: string;
  reason?: string;
  orderId?: string;
  outcome?: string;
  refundDue: number;
  refund?: { at: string; by: string; note: string };
  matchedBy?: string;
  counterAccount?: { name?: string; number?: string; bankName?: string };
}

const STATUS_KEYS: Record<string, MessageKey> = {
  PENDING: 'st.PENDING',
  PAID: 'st.PAID',
  UNDERPAID: 'st.UNDERPAID',
  OVERPAID: 'st.OVERPAID',
  CONFIRMED: 'st.CONFIRMED',
  EXPIRED: 'st.EXPIRED',
  CANCELLED: 'st.CANCELLED',
};

export function statusWords(status: string): string {
  const key = STATUS_KEYS[status];
  return key ? t(currentLang(), key) : status;
}

/** Today's date in Vietnam, YYYY-MM-DD (UTC+7 all year). */
export function vietnamToday(now: number = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

export const PROVIDER_NAMES: Record<string, string> = { payos: 'payOS', sepay: 'SePay', casso: 'Casso', cash: 'Tiền mặt' };
