/** The scheduled functions' dependencies (see root.ts). */
import type { BaseDeps } from '../lib/deps';
import type { ReportDeps } from '../lib/reports/day-summaries';
import { DynamoReportsStore } from '../lib/storage/reports-store';
import { paymentRequestsOf } from './payos';
import type { Root } from './root';

/** The expiry sweeper: the store, a clock, and payOS (to cancel an expired order's payment request). */
export function sweeperDeps(root: Root): Pick<BaseDeps, 'store' | 'now' | 'paymentRequests'> {
  return { store: root.store, now: () => new Date(), ...paymentRequestsOf(root) };
}

/** The nightly job: the reports' reads and writes, the catalogue and a clock. */
export function nightlyDeps(root: Root): ReportDeps {
  return { reports: new DynamoReportsStore(root.client, root.tableName), catalogue: root.catalogue, now: () => new Date() };
}
