/** The webhooks function's dependencies (see root.ts). */
import { providerSecretsFromEnv, sepayWebhookAuthFromEnv } from '../lib/platform/config';
import { payosConfigFromEnv } from '../lib/platform/payos-config';
import type { WebhookDeps } from '../webhooks/app';
import { baseDeps, type Root } from './root';

/** Payment notifications: also each provider's secret, and SePay's method and secret per agency. */
export function webhookDeps(root: Root): WebhookDeps {
  const payos = payosConfigFromEnv(root.config.secrets);
  return { ...baseDeps(root), providerSecret: providerSecretsFromEnv(root.config.secrets), sepayAuth: sepayWebhookAuthFromEnv(root.config.secrets), ...(payos ? { payos } : {}) };
}
