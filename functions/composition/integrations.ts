/** The integration API's and the event delivery's dependencies (see root.ts). */
import { isProduction } from '../lib/platform/config';
import type { IntegrationClientDeps } from '../lib/integrations/client';
import type { DeliveryDeps } from '../lib/integrations/delivery';
import { DynamoIntegrationStore } from '../lib/storage/integrations-table';
import { publicDeps } from './public';
import type { Root } from './root';

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
}

/** Machine clients: the public deps (orders, tokens), the integrations and the rate limit per key per minute. */
export function integrationDeps(root: Root): IntegrationClientDeps {
  return {
    ...publicDeps(root),
    integrations: new DynamoIntegrationStore(root.client, root.tableName),
    integrationRateLimit: positiveInt(root.config.secrets, 'INTEGRATION_RATE_LIMIT', 120),
  };
}

/** Delivering events: the integrations, the orders (to fill what an assumed payment did not read), a clock, the network policy. */
export function deliveryDeps(root: Root): DeliveryDeps {
  return {
    integrations: new DynamoIntegrationStore(root.client, root.tableName),
    store: root.store,
    now: () => new Date(),
    production: isProduction(root.config.secrets),
    webhookTimeoutMs: positiveInt(root.config.secrets, 'WEBHOOK_TIMEOUT_MS', 10_000),
  };
}
