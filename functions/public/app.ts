/** The public API: catalogue, fee orders and health. No login; the order token is the capability. */
import { Hono } from 'hono';
import type { Deps } from '../lib/deps';
import { errorResponse, notFound, onError } from '../lib/platform/errors';
import { log } from '../lib/platform/log';
import { docsRoutes } from '../openapi/routes';
import { serverTiming } from '../lib/platform/server-timing';
import { catalogueRoutes } from './catalogue';
import { orderRoutes } from './orders';
import { receiptRoutes } from './receipts';

export function createPublicApp(deps: () => Deps) {
  const api = new Hono()
    .get('/health', async (c) => {
      try {
        await deps().store.ping();
        return c.json({ status: 'ok' });
      } catch (error) {
        log.warn('health check failed', { error: error as Error });
        return errorResponse(c, 'SERVICE_UNAVAILABLE');
      }
    })
    .route('/', catalogueRoutes(deps))
    .route('/', orderRoutes(deps))
    .route('/', receiptRoutes(deps))
    .route('/', docsRoutes());
  const app = new Hono().use('/api/*', serverTiming).route('/api', api);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
