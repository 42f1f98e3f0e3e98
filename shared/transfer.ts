/**
 * An incoming bank transfer, as every payment-notification adapter (payOS, SePay,
 * Casso) reports it once verified. Amounts are integers in VND.
 */
export const PROVIDERS = ['payos', 'sepay', 'casso'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface IncomingTransfer {
  provider: Provider;
  /** The provider's own id for this transfer: with `provider`, the key it is recorded under exactly once. */
  providerId: string;
  /** Only 'in' pays anything; 'out' is acknowledged and kept as ignored. */
  direction: 'in' | 'out';
  /** Positive integer VND. */
  amount: number;
  /** The memo as the bank delivered it (rewritten, prefixed, truncated…). */
  memo: string;
  /** The receiving account (ours, if it is an agency's). */
  accountNumber: string;
  bankName?: string;
  /** The bank's own transaction reference, when given. */
  bankReference?: string;
  /** When the bank says the money moved, ISO 8601 UTC. */
  occurredAt: string;
  counterAccount?: { name?: string; number?: string; bankName?: string };
}
