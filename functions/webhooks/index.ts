import { handle } from 'hono/aws-lambda';
import { configured } from '../composition/root';
import { webhookDeps } from '../composition/webhooks';
import { instrumented } from '../lib/platform/metrics';
import { withSecrets } from '../lib/platform/secrets';
import { createWebhooksApp } from './app';

// Secrets are read before the first request, which then configures the app from the environment;
// logs carry the request id; metrics are flushed after each.
export const handler = instrumented(withSecrets(handle(createWebhooksApp(configured(webhookDeps)))));
