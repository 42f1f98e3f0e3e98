/**
 * The Lambdas' wiring from an environment of a test's choosing: the composition root's own
 * builders (functions/composition/) on a root configured from `env`, exactly as a Lambda
 * entry configures its own from process.env at the first request.
 */
import { baseDeps, composeRoot, configFromEnv } from '../../functions/composition/root';
import { publicDeps } from '../../functions/composition/public';
import { staffDeps } from '../../functions/composition/staff';
import type { ReportsStore } from '../../functions/lib/reports/ports';
import { DynamoReportsStore } from '../../functions/lib/storage/reports-store';
import { DynamoStore } from '../../functions/lib/storage/dynamo-store';
import type { Store } from '../../functions/lib/storage/store';

export const createBaseDeps = (env: NodeJS.ProcessEnv) => baseDeps(composeRoot(configFromEnv(env)));
export const createDeps = (env: NodeJS.ProcessEnv) => publicDeps(composeRoot(configFromEnv(env)));
export const createStaffDeps = (env: NodeJS.ProcessEnv) => staffDeps(composeRoot(configFromEnv(env)));

/** The reports adapter on the table of a test's DynamoDB store (the functions get theirs from the root). */
export function reportsStoreBeside(store: Store): ReportsStore {
  if (!(store instanceof DynamoStore)) throw new Error('reports are read from DynamoDB: this store is not on a table');
  return new DynamoReportsStore(store.client, store.tableName);
}
