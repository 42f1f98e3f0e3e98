/**
 * payOS's merchant API through its official SDK (@payos/node v2): payment requests for
 * the orders of payOS agencies, their cancellation, and payouts (refunds). One SDK client
 * per channel (credentials), made when first used. Every failure to get an answer
 * (unreachable, timeout, 5xx, a refusal, an answer whose signature or content does not
 * hold) is a PaymentProviderUnavailable: the caller stores nothing and answers 503.
 * The SDK retries nothing here (maxRetries 0): an order waits for one call only, and a
 * retried create could meet its own first attempt.
 */
import { PayOS } from '@payos/node';
import { log } from '../platform/log';
import { payosCredentialsFor, type PayosConfig, type PayosCredentials } from '../platform/payos-config';

export class PaymentProviderUnavailable extends Error {
  override name = 'PaymentProviderUnavailable';
}

export interface PaymentRequestInput {
  orderCode: number;
  amount: number;
  description: string;
  returnUrl: string;
  cancelUrl: string;
  /** Unix seconds: the order's expiry. */
  expiredAt: number;
}

/** What payOS answered: the QR to show and the account it pays into (often a virtual one). */
export interface PaymentRequestCreated {
  paymentLinkId: string;
  orderCode: number;
  amount: number;
  description: string;
  bin: string;
  accountNumber: string;
  accountName: string;
  checkoutUrl: string;
  /** A complete VietQR payload. */
  qrCode: string;
}

export interface PayoutInput {
  /** Our refund's id: also the idempotency key, so a retried payout is one payout. */
  referenceId: string;
  amount: number;
  description: string;
  toBin: string;
  toAccountNumber: string;
}

export interface PayoutAccepted {
  payoutId: string;
  approvalState: string;
}

/** The port the use cases see (orders, sweeper, refunds); tests drive the real one against a stand-in. */
export interface PaymentRequests {
  /** The site's origin (PUBLIC_SITE_URL): payOS sends the payer back to the pay page there. */
  siteUrl: string;
  /** Whether payOS payment requests can be made for this agency (credentials configured). */
  available(agencyId: string): boolean;
  /** Whether the agency refunds through payOS payouts (a payout channel configured). */
  payoutsAvailable(agencyId: string): boolean;
  create(agencyId: string, input: PaymentRequestInput): Promise<PaymentRequestCreated>;
  cancel(agencyId: string, orderCode: number, reason: string): Promise<void>;
  payout(agencyId: string, input: PayoutInput): Promise<PayoutAccepted>;
}

function unavailable(what: string, error: unknown): PaymentProviderUnavailable {
  const err = error as { name?: string; status?: number; code?: string };
  // Names and codes only: an SDK error message may echo the request.
  log.warn('payOS did not answer as expected', { what, error: err?.name ?? 'Error', ...(err?.status ? { status: err.status } : {}), ...(err?.code ? { code: err.code } : {}) });
  return new PaymentProviderUnavailable(`payOS ${what} failed`);
}

export function payosPaymentRequests(config: PayosConfig): PaymentRequests {
  const clients = new Map<string, PayOS>();
  const clientFor = (credentials: PayosCredentials): PayOS => {
    let client = clients.get(credentials.clientId);
    if (!client) {
      client = new PayOS({
        clientId: credentials.clientId,
        apiKey: credentials.apiKey,
        checksumKey: credentials.checksumKey,
        baseURL: config.apiUrl,
        timeout: config.timeoutMs,
        maxRetries: 0,
        logLevel: 'off',
      });
      clients.set(credentials.clientId, client);
    }
    return client;
  };
  const channel = (agencyId: string) => {
    const credentials = payosCredentialsFor(config, agencyId);
    if (!credentials) throw new PaymentProviderUnavailable(`no payOS credentials for agency ${agencyId}`);
    return clientFor(credentials);
  };
  return {
    siteUrl: config.siteUrl,
    available: (agencyId) => payosCredentialsFor(config, agencyId) !== undefined,
    payoutsAvailable: (agencyId) => payosCredentialsFor(config, agencyId)?.payouts !== undefined,
    async create(agencyId, input) {
      const client = channel(agencyId);
      let answer;
      try {
        answer = await client.paymentRequests.create({ ...input });
      } catch (error) {
        throw unavailable('payment request', error);
      }
      // The answer is signed (the SDK checked it); still, it must be the request we asked for.
      if (answer.orderCode !== input.orderCode || answer.amount !== input.amount || typeof answer.qrCode !== 'string' || !answer.qrCode || !answer.paymentLinkId) {
        throw unavailable('payment request', { name: 'UnexpectedAnswer' });
      }
      return {
        paymentLinkId: answer.paymentLinkId,
        orderCode: answer.orderCode,
        amount: answer.amount,
        description: answer.description,
        bin: answer.bin,
        accountNumber: answer.accountNumber,
        accountName: answer.accountName,
        checkoutUrl: answer.checkoutUrl,
        qrCode: answer.qrCode,
      };
    },
    async cancel(agencyId, orderCode, reason) {
      try {
        await channel(agencyId).paymentRequests.cancel(orderCode, reason);
      } catch (error) {
        throw unavailable('cancellation', error);
      }
    },
    async payout(agencyId, input) {
      const credentials = payosCredentialsFor(config, agencyId)?.payouts;
      if (!credentials) throw new PaymentProviderUnavailable(`no payOS payout channel for agency ${agencyId}`);
      try {
        const { referenceId, ...rest } = input;
        const payout = await clientFor(credentials).payouts.create({ referenceId, ...rest }, referenceId);
        return { payoutId: payout.id, approvalState: payout.approvalState };
      } catch (error) {
        throw unavailable('payout', error);
      }
    },
  };
}
