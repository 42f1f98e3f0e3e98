/** The staff API: login, the counter, the clerk's queue, receipts, the tally, audit, users and reports. */
import { Hono } from 'hono';
import { loadSigningKeys } from '../lib/auth/keys';
import { createDeps, lazy } from '../lib/deps';
import { dynamoClient } from '../lib/dynamo-store';
import { databaseConfig } from '../lib/config';
import { notFound, onError } from '../lib/errors';
import { loadReceiptKeys } from '../lib/receipt-signing';
import { DynamoLoginLimiter, DynamoUserStore } from '../lib/users';
import type { StaffDeps } from './context';
import { staffRoutes } from './register';

export function createStaffApp(deps: () => StaffDeps) {
  const app = new Hono().route('/', staffRoutes(deps));
  app.onError(onError);
  app.notFound(notFound);
  return app;
}

export function createStaffDeps(env: NodeJS.ProcessEnv = process.env): StaffDeps {
  const db = databaseConfig(env);
  const client = dynamoClient(db);
  const receiptKeys = lazy(() => loadReceiptKeys(env));
  return {
    ...createDeps(env, client),
    users: new DynamoUserStore(client, db.tableName),
    limiter: new DynamoLoginLimiter(client, db.tableName),
    keys: loadSigningKeys(env),
    receiptKeys,
  };
}

export const app = createStaffApp(lazy(() => createStaffDeps()));
