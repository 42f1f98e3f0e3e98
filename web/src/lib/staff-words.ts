/** The words staff pages show for an order's status and for where money came from. */
import { t, type MessageKey } from '../i18n';
import { currentLang } from './lang';

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

export const PROVIDER_NAMES: Record<string, string> = { payos: 'payOS', sepay: 'SePay', casso: 'Casso', cash: 'Tiền mặt' };
