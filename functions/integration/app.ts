/**
 * The integration API: the province's one-stop software places and reads fee orders for
 * its dossiers with an API key (`X-Api-Key`). Its own function, with its own role: it
 * reads integrations, counts their requests, writes orders with their dossier records
 * and the audit trail, and nothing else.
 */
import { Hono, type Context } from 'hono';
import { dossierQuerySchema, integrationOrderSchema } from '../../shared/integrations';
import { authenticateClient, dossierOrder, placeDossierOrder, type Client, type IntegrationClientDeps } from '../lib/integrations/client';
import { orderView } from '../lib/orders/place-order';
import { notFound, onError } from '../lib/platform/errors';
import { jsonBodyLimit, readJson, readQuery } from '../lib/platform/http';
import { serverTiming } from '../lib/platform/server-timing';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

export function createIntegrationApp(deps: () => IntegrationClientDeps) {
  const client = (c: Context): Promise<Client> => authenticateClient(deps(), c.req.header('x-api-key'));
  const api = new Hono()
    .post('/integration/orders', jsonBodyLimit, async (c) => {
      const who = await client(c);
      const { value, raw } = await readJson(c, integrationOrderSchema);
      const d = deps();
      const { created, order } = await placeDossierOrder(d, who, { ...value, dossierCode: value.dossierCode! }, raw);
      return c.json(orderView(order, d.orderTokens.issue(order.id)), created ? 201 : 200, PRIVATE);
    })
    .get('/integration/orders', async (c) => {
      const who = await client(c);
      const { dossierCode } = readQuery(c, dossierQuerySchema);
      const d = deps();
      const order = await dossierOrder(d, who, dossierCode);
      return c.json(orderView(order, d.orderTokens.issue(order.id)), 200, PRIVATE);
    });
  const app = new Hono().use('/api/*', serverTiming).route('/api', api);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}
