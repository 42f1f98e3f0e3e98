/**
 * Payment notifications from payOS, SePay and Casso. Genuine → 2xx (a duplicate too,
 * changing nothing); not genuine → 401, malformed → 400, and nothing stored for either.
 */
import { Hono } from 'hono';
import { PROVIDERS, type Provider } from '../../shared/transfer';
import type { BaseDeps } from '../lib/deps';
import { sepayAuthFor, type SepayAuthMethod, type SepayWebhookAuth } from '../lib/platform/config';
import { ApiError, notFound, onError } from '../lib/platform/errors';
import { bodyLimitOf } from '../lib/platform/http';
import { log } from '../lib/platform/log';
import { serverTiming } from '../lib/platform/server-timing';
import { OrderKeptChanging, settleTransfer } from '../lib/payments/settlement';
import { confirmRefundByOutgoing } from '../lib/payments/refunds';
import type { IncomingTransfer } from '../../shared/transfer';
import { payosCredentialsFor, type PayosConfig } from '../lib/platform/payos-config';
import { ADAPTERS, payosAccountOf, sepayAccountOf } from './providers';

export type WebhookDeps = BaseDeps & {
  /** Each provider's secret (SePay's for its default method). */
  providerSecret(provider: Provider): string;
  /** SePay's method and secret per receiving agency; absent: the API key providerSecret('sepay') for all. */
  sepayAuth?: SepayWebhookAuth;
  /** payOS's channels: an agency with a channel of its own signs with its own checksum key. */
  payos?: PayosConfig;
};

// A notification is a few kilobytes; anything far larger is not one.
const MAX_NOTIFICATION_BYTES = 64 * 1024;

/** An order that kept changing: 503, which the provider retries later, when the order is calm. */
function busyAsUnavailable(err: unknown): never {
  throw err instanceof OrderKeptChanging ? new ApiError('SERVICE_UNAVAILABLE') : err;
}

/**
 * What must verify a notification. For SePay, the method and secret of the agency whose
 * account the body names: the body is not trusted yet, but choosing by it gives nothing
 * away, since the notification must then prove that agency's secret; so one agency's
 * key can never vouch for money into another's account.
 */
async function credentialsFor(d: WebhookDeps, provider: Provider, rawBody: string): Promise<{ secret: string; method?: SepayAuthMethod }> {
  if (provider === 'payos' && d.payos && Object.keys(d.payos.agencies).length > 0) {
    const account = payosAccountOf(rawBody);
    const agencyId = account === undefined ? undefined : (await d.catalogue.agencies()).find((a) => a.bank.accountNumber === account)?.id;
    const own = agencyId === undefined ? undefined : payosCredentialsFor(d.payos, agencyId);
    return { secret: own?.checksumKey ?? d.providerSecret('payos') };
  }
  if (provider !== 'sepay' || !d.sepayAuth) return { secret: d.providerSecret(provider) };
  let agencyId: string | undefined;
  if (Object.keys(d.sepayAuth.agencies).length > 0) {
    const account = sepayAccountOf(rawBody);
    agencyId = account === undefined ? undefined : (await d.catalogue.agencies()).find((a) => a.bank.accountNumber === account)?.id;
  }
  return sepayAuthFor(d.sepayAuth, agencyId);
}

/**
 * Money leaving an agency's account may be a refund going back (payments/refunds.ts):
 * confirmed once seen. Never fails the notification, which is recorded already.
 */
async function refundCarried(d: WebhookDeps, provider: Provider, transfer: IncomingTransfer, key: string): Promise<void> {
  try {
    const agency = (await d.catalogue.agencies()).find((a) => a.bank.accountNumber === transfer.accountNumber);
    if (!agency) return;
    const result = await confirmRefundByOutgoing(d, {
      agencyId: agency.id,
      amount: transfer.amount,
      memo: transfer.memo,
      occurredAt: transfer.occurredAt,
      source: provider,
      transferKey: key,
      ...(transfer.bankReference ? { bankReference: transfer.bankReference } : {}),
    });
    log.info('outgoing transfer', { provider, key, refund: result.kind, ...(result.kind === 'not_a_refund' ? { reason: result.reason } : {}) });
  } catch (error) {
    log.error('outgoing transfer: refund not confirmed', { provider, key, error: (error as Error).name });
  }
}

export function createWebhooksApp(deps: () => WebhookDeps) {
  const api = new Hono().post(
    '/webhooks/:provider',
    bodyLimitOf(MAX_NOTIFICATION_BYTES),
    async (c) => {
      const provider = c.req.param('provider') as Provider;
      if (!PROVIDERS.includes(provider)) throw new ApiError('NOT_FOUND');
      const d = deps();
      const adapter = ADAPTERS[provider];
      const rawBody = await c.req.text();
      const verified = adapter.verify({ rawBody, headers: c.req.raw.headers, now: d.now(), ...(await credentialsFor(d, provider, rawBody)) });
      if (!verified.ok) {
        log.warn('notification refused', { provider, status: verified.status, reason: verified.reason });
        throw new ApiError(verified.status === 401 ? 'NOTIFICATION_NOT_GENUINE' : 'NOTIFICATION_MALFORMED');
      }
      const parsed = adapter.parse(verified.body);
      if (!parsed.ok) throw new ApiError('NOTIFICATION_MALFORMED', parsed.details);

      const settlement = await settleTransfer(d, parsed.transfer, rawBody).catch(busyAsUnavailable);
      // The transfer key and outcome only: no memo, names or account numbers in logs.
      log.info('notification settled', { provider, key: settlement.key, result: settlement.kind, ...('outcome' in settlement ? { outcome: settlement.outcome } : {}) });
      if (parsed.transfer.direction === 'out') await refundCarried(d, provider, parsed.transfer, settlement.key);
      return c.json({ ...(adapter.success() as object), result: settlement.kind });
    },
  );
  const app = new Hono().use('/api/*', serverTiming).route('/api', api);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
