/** Machine clients (admin): register, list, read, rotate the key, revoke; deliveries of their events, and a replay. */
import * as z from 'zod';
import { createIntegrationSchema, rotateKeySchema } from '../../../shared/integrations';
import {
  createIntegration,
  integrationToAdminister,
  integrationView,
  listDeliveries,
  listIntegrations,
  replayDelivery,
  revokeIntegration,
  rotateKey,
  type IntegrationActor,
  type IntegrationAdminDeps,
} from '../../lib/integrations/admin';
import { readJson, readQuery } from '../../lib/platform/http';
import { inScope, principalOf, type Staff, type StaffDeps, type StaffHandlers } from '../context';
import { cursor } from './inputs';

const adminDeps = (d: StaffDeps): IntegrationAdminDeps => ({ ...d.delivery, store: d.store, catalogue: d.catalogue, randomBytes: d.randomBytes });
const actorOf = (p: Staff): IntegrationActor => ({ username: p.username, role: p.role, agencyId: p.agencyId, mayActFor: (agencyId) => inScope(p, agencyId) });

/** A page of an integration's deliveries. */
export const deliveriesQuery = z.object({ cursor });

export const integrationRoutes = (deps: () => StaffDeps) =>
  ({
    listIntegrations: async (c) => c.json({ items: await listIntegrations(adminDeps(deps()), actorOf(principalOf(c))) }),
    createIntegration: async (c) => {
      const { value } = await readJson(c, createIntegrationSchema);
      return c.json(await createIntegration(adminDeps(deps()), actorOf(principalOf(c)), value), 201, { 'Cache-Control': 'no-store' });
    },
    getIntegration: async (c) => {
      const d = adminDeps(deps());
      return c.json({ integration: integrationView(await integrationToAdminister(d, actorOf(principalOf(c)), c.req.param('id')), d.now()) });
    },
    rotateIntegrationKey: async (c) => {
      const { value } = await readJson(c, rotateKeySchema);
      return c.json(await rotateKey(adminDeps(deps()), actorOf(principalOf(c)), c.req.param('id'), value.overlapHours), 200, { 'Cache-Control': 'no-store' });
    },
    revokeIntegration: async (c) => c.json({ integration: await revokeIntegration(adminDeps(deps()), actorOf(principalOf(c)), c.req.param('id')) }),
    listDeliveries: async (c) => {
      const query = readQuery(c, deliveriesQuery);
      return c.json(await listDeliveries(adminDeps(deps()), actorOf(principalOf(c)), c.req.param('id'), query.cursor));
    },
    replayDelivery: async (c) => c.json({ delivery: await replayDelivery(adminDeps(deps()), actorOf(principalOf(c)), c.req.param('id'), c.req.param('deliveryId')) }),
  }) satisfies Partial<StaffHandlers>;
