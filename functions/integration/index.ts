import { handle } from 'hono/aws-lambda';
import { integrationDeps } from '../composition/integrations';
import { configured } from '../composition/root';
import { instrumented } from '../lib/platform/metrics';
import { withSecrets } from '../lib/platform/secrets';
import { createIntegrationApp } from './app';

export const handler = instrumented(withSecrets(handle(createIntegrationApp(configured(integrationDeps)))));
