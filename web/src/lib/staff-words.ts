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

const PROVIDER_NAMES: Record<string, string> = { payos: 'payOS', sepay: 'SePay', casso: 'Casso' };

/** Where money came from: a provider's own name, or cash in the page's language ("Tiền mặt", "Cash"). */
export function providerName(provider: string): string {
  if (provider === 'cash') return currentLang() === 'en' ? 'Cash' : 'Tiền mặt';
  return PROVIDER_NAMES[provider] ?? provider;
}
