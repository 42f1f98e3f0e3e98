/** The staff API: login, the counter, the clerk's queue, receipts, audit and users. */
import { Hono } from 'hono';
import { loadSigningKeys } from '../lib/auth/keys';
import { createDeps, lazy } from '../lib/deps';
import { dynamoClient } from '../lib/storage/dynamo';
import { databaseConfig } from '../lib/platform/config';
import { notFound, onError } from '../lib/platform/errors';
import { loadReceiptKeys } from '../lib/receipts/signing';
import { DynamoLoginLimiter } from '../lib/storage/login-limiter';
import { DynamoUserStore } from '../lib/storage/user-store';
import type { StaffDeps } from './context';
import { reportRoutes } from './reports';
import { staffRoutes } from './routes';

export function createStaffApp(deps: () => StaffDeps) {
  const app = new Hono().route('/api', staffRoutes(deps)).route('/api', reportRoutes(deps));
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
