import { handle } from 'hono/aws-lambda';
import { instrumented } from '../lib/platform/metrics';
import { withSecrets } from '../lib/platform/secrets';
import { app } from './app';

// Secrets are read before the first request; logs carry the request id; metrics are flushed after each.
export const handler = instrumented(withSecrets(handle(app)));
