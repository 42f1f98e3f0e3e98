/** The scheduled functions' dependencies (see root.ts). */
import type { BaseDeps } from '../lib/deps';
import type { ReportDeps } from '../lib/reports/day-summaries';
import { DynamoReportsStore } from '../lib/storage/reports-store';
import type { Root } from './root';

/** The expiry sweeper: the store and a clock. */
export function sweeperDeps(root: Root): Pick<BaseDeps, 'store' | 'now'> {
  return { store: root.store, now: () => new Date() };
}

/** The nightly job: the reports' reads and writes, the catalogue and a clock. */
export function nightlyDeps(root: Root): ReportDeps {
  return { reports: new DynamoReportsStore(root.client, root.tableName), catalogue: root.catalogue, now: () => new Date() };
}
