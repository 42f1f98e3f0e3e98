/** The scheduled functions' dependencies (see root.ts). */
import type { BaseDeps } from '../lib/deps';
import type { ReportDeps } from '../lib/reports/day-summaries';
import type { TaxDeps } from '../lib/receipts/summary-transmission';
import { receiptSignersFrom } from '../lib/receipts/signers';
import { taxTransmitterFrom } from '../lib/receipts/transmitters';
import { DynamoReportsStore } from '../lib/storage/reports-store';
import { TaxDocumentsTable } from '../lib/storage/tax-documents-table';
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

/**
 * The tax job (functions/tax): the outbox, the transmitter, the receipts it summarises and
 * each agency's signer. Signing material and connector settings are read and checked now:
 * a bad PKCS#12 or an incomplete T-VAN configuration stops the function.
 */
export function taxJobDeps(root: Root): TaxDeps {
  const now = () => new Date();
  return {
    taxDocuments: new TaxDocumentsTable(root.client, root.tableName),
    transmitter: taxTransmitterFrom(root.config.secrets),
    reports: new DynamoReportsStore(root.client, root.tableName),
    receiptSigners: receiptSignersFrom(root.config.secrets, now, root.config.secrets.RECEIPT_DEV_CA_FILE),
    catalogue: root.catalogue,
    now,
  };
}
