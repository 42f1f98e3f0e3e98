/** The staff function's dependencies (see root.ts). */
import type { LoginLimiter, UserStore } from '../lib/accounts/ports';
import { loadSigningKeys } from '../lib/auth/keys';
import { lazy } from '../lib/platform/lazy';
import { loadReceiptKeys } from '../lib/receipts/signing';
import { receiptSignersFrom } from '../lib/receipts/signers';
import { taxTransmitterFrom } from '../lib/receipts/transmitters';
import { DynamoLoginLimiter } from '../lib/storage/login-limiter';
import { DynamoReportsStore } from '../lib/storage/reports-store';
import { TaxDocumentsTable } from '../lib/storage/tax-documents-table';
import { DynamoUserStore } from '../lib/storage/user-store';
import type { StaffDeps } from '../staff/context';
import { runCatchUp, type CatchUpResult } from '../lib/payments/catch-up/catch-up';
import { catchUpDeps } from './catch-up';
import { deliveryDeps } from './integrations';
import { publicDeps } from './public';
import type { Root } from './root';

/** Staff accounts and their failed-login counts on the root's table (also `npm start`'s demo users). */
export function accountStorage(root: Root): { users: UserStore; limiter: LoginLimiter } {
  return { users: new DynamoUserStore(root.client, root.tableName), limiter: new DynamoLoginLimiter(root.client, root.tableName) };
}

/** The staff API: the public API's deps, accounts, reports, and the keys that sign tokens and receipts. */
export function staffDeps(root: Root): StaffDeps {
  const taxDocuments = new TaxDocumentsTable(root.client, root.tableName);
  return {
    ...publicDeps(root),
    ...accountStorage(root),
    reports: new DynamoReportsStore(root.client, root.tableName),
    keys: loadSigningKeys(root.config.secrets),
    receiptKeys: lazy(() => loadReceiptKeys(root.config.secrets)),
    // Read and checked now: a bad PKCS#12 or password stops the function before any receipt.
    receiptSigners: receiptSignersFrom(root.config.secrets, () => new Date(), root.config.secrets.RECEIPT_DEV_CA_FILE),
    taxDocuments,
    transmitter: taxTransmitterFrom(root.config.secrets),
    registrations: taxDocuments,
    requireReceiptRegistration: root.config.secrets.NODE_ENV === 'production',
    catchUp: lazyCatchUp(root),
    delivery: deliveryDeps(root),
  };
}

/** Catch-up on an admin's request: its sources read from the configuration at the first call. */
function lazyCatchUp(root: Root): () => Promise<CatchUpResult> {
  const deps = lazy(() => catchUpDeps(root));
  return () => runCatchUp(deps());
}
