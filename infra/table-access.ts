/**
 * What each function may do to the one table, by partition key. A single table holds
 * staff accounts beside fee orders, so a table-wide grant would let the webhooks function
 * read password hashes. Instead every statement carries a `dynamodb:LeadingKeys`
 * condition: the partition key of each item (or, for a query on an index, the index's
 * partition key) must start with one of the listed prefixes.
 *
 * The prefixes are those of the key grammar the DynamoDB adapters write by
 * (functions/lib/storage/keys.ts, imported here); the calls are the ones each function's code
 * makes, which test/infra/least-privilege.test.ts checks by recording every request the
 * real code sends while it serves real requests, and replaying it against the policy
 * synthesized here. A new key prefix or a new kind of call therefore fails that test
 * until it is listed below for the function that needs it.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { PARTITION, PREFIX } from '../functions/lib/storage/keys';
import { TABLE_SHAPE } from '../functions/lib/storage/table';

export type IndexName = (typeof TABLE_SHAPE.globalIndexes)[number]['indexName'];

/** IAM StringLike patterns of partition-key values: every key with a prefix of keys.ts, or one whole key. */
type Keys = readonly string[];

/** Every partition key with this prefix of keys.ts. */
const prefixed = (prefix: (typeof PREFIX)[keyof typeof PREFIX]) => `${prefix}*`;
const {
  order: ORDER, idempotency: IDEM, receipt: RECEIPT, transfer: TRANSFER, user: USER, counter: COUNTER, audit: AUDIT, daySummary: DAYSUM,
  loginFailures: LOGINFAIL, agency: AGENCY, unmatched: UNMATCHED, receiptCancelled: RCANCELLED, assisted: ASSISTED, refundDue: REFUND,
  refunded: REFUNDED, receiptCancelledAt: RCANCELLEDAT, expires: EXPIRES, taxDocument: TAXDOC, cursor: CURSOR, event: EVENT, integration: INTEGRATION, dossier: DOSSIER, apiRate: APIRATE,
} = PREFIX;
const { catalogue: CATALOGUE, users: USERS, outbox: OUTBOX, deliveriesDue: DELIVERIESDUE, integrations: INTEGRATIONS } = PARTITION;

export interface TableAccess {
  /** DescribeTable: the health check's "the database answers". */
  describe?: boolean;
  getItem?: Keys;
  query?: Keys;
  putItem?: Keys;
  updateItem?: Keys;
  deleteItem?: Keys;
  /** BatchGetItem: every key in the batch must match. */
  batchGetItem?: Keys;
  /** BatchWriteItem: every key in the batch must match. */
  batchWriteItem?: Keys;
  /** Query on a global secondary index, by the index's partition-key values. */
  queryIndex?: Partial<Record<IndexName, Keys>>;
}

/**
 * Per function. What a function is not listed for it cannot do: no Scan anywhere, no
 * write to the catalogue (only `npm start` seeds it), no DeleteItem but the login counters, no access to USER# or LOGINFAIL# outside the staff function, and no write
 * to RECEIPT# or COUNTER# outside it either (only the staff function issues receipts).
 * The closed-day summaries (DAYSUM#) are written by the staff function (a dashboard that
 * finds a day missing) and the nightly job only.
 */
export const TABLE_ACCESS = {
  // Catalogue, placing and reading fee orders (with idempotency keys), checking a receipt.
  public: {
    describe: true,
    query: [CATALOGUE],
    getItem: [prefixed(ORDER), prefixed(IDEM), prefixed(RECEIPT)],
    putItem: [prefixed(ORDER), prefixed(IDEM)],
  },
  // Settling a transfer: the agency by account number (catalogue), the transfer and the
  // order's new state written together (an Update conditional on the order being as
  // assumed, else the order read by reference and Put conditional on its version).
  // The events of a payment (EVENT#) are written in the same transaction (the outbox).
  webhooks: {
    query: [CATALOGUE],
    getItem: [prefixed(ORDER), prefixed(TRANSFER)],
    putItem: [prefixed(ORDER), prefixed(TRANSFER), prefixed(EVENT)],
    updateItem: [prefixed(ORDER)],
  },
  // Login (accounts and failure counters), the counter, the clerk's queue, receipts
  // (gapless numbers), reports (closed-day summaries, DAYSUM#), the audit trail and
  // user administration (a password reset finds a username's failure counters by query).
  // UpdateItem on AUDIT#: refused logins are counted in one entry per username, address
  // and window (its condition touches no other entry; PutItem could overwrite one anyway).
  // TAXDOC#: the documents for the tax authority (sending a day's summary now, error notices, answers recorded by hand).
  // Money actions write their events (EVENT#) in their transactions; admins administer
  // integrations (INTEGRATION#: the client, its deliveries, a replay's lease and outcome).
  staff: {
    query: [CATALOGUE, prefixed(AUDIT), prefixed(DAYSUM), prefixed(LOGINFAIL), prefixed(TAXDOC), prefixed(INTEGRATION)],
    getItem: [prefixed(USER), prefixed(ORDER), prefixed(IDEM), prefixed(TRANSFER), prefixed(RECEIPT), prefixed(COUNTER), prefixed(TAXDOC), prefixed(CURSOR), prefixed(INTEGRATION)],
    batchGetItem: [prefixed(ORDER)],
    putItem: [prefixed(USER), prefixed(ORDER), prefixed(IDEM), prefixed(TRANSFER), prefixed(RECEIPT), prefixed(AUDIT), prefixed(TAXDOC), prefixed(CURSOR), prefixed(EVENT), prefixed(INTEGRATION)],
    batchWriteItem: [prefixed(DAYSUM)],
    // ORDER#: an admin's catch-up settles as the webhooks do (the order updated as assumed).
    updateItem: [prefixed(LOGINFAIL), prefixed(COUNTER), prefixed(AUDIT), prefixed(ORDER), prefixed(INTEGRATION)],
    deleteItem: [prefixed(LOGINFAIL)],
    queryIndex: {
      GSI1: [prefixed(AGENCY), USERS, INTEGRATIONS],
      GSI2: [prefixed(UNMATCHED), prefixed(RCANCELLED)],
      GSI3: [prefixed(ASSISTED), prefixed(REFUND), prefixed(REFUNDED), prefixed(RCANCELLEDAT)],
    },
  },
  // Machine clients (functions/integration): their integration (key hashes), the count of
  // their requests, orders placed with their dossier records, and the audit trail.
  integration: {
    query: [CATALOGUE],
    getItem: [prefixed(INTEGRATION), prefixed(DOSSIER), prefixed(ORDER)],
    putItem: [prefixed(ORDER), prefixed(DOSSIER), prefixed(AUDIT)],
    updateItem: [prefixed(APIRATE)],
  },
  // Delivering events (functions/events): the outbox (EVENT#, GSI2 OUTBOX) taken off once
  // fanned out, the integrations (GSI1), the order an assumed payment did not read, and
  // the deliveries in each integration's partition (made, leased, their outcome saved;
  // GSI2 DELIVERIESDUE for retries). It writes no order, transfer, receipt or user.
  events: {
    getItem: [prefixed(INTEGRATION), prefixed(ORDER)],
    putItem: [prefixed(INTEGRATION)],
    updateItem: [prefixed(EVENT), prefixed(INTEGRATION)],
    queryIndex: { GSI1: [INTEGRATIONS], GSI2: [OUTBOX, DELIVERIESDUE] },
  },
  // Expiring unpaid orders: the index of unpaid orders by expiry day, then each order.
  // Catch-up (every 10 minutes, the same function): its cursors (CURSOR#), and settling
  // what it finds exactly as the webhooks function does.
  sweeper: {
    query: [CATALOGUE],
    getItem: [prefixed(ORDER), prefixed(TRANSFER), prefixed(CURSOR)],
    // EVENT#: a payment found by catch-up writes its outgoing events in its settlement's transaction.
    putItem: [prefixed(ORDER), prefixed(TRANSFER), prefixed(CURSOR), prefixed(EVENT)],
    updateItem: [prefixed(ORDER)],
    queryIndex: { GSI2: [prefixed(EXPIRES)] },
  },
  // Closing days for the dashboard (functions/lib/reports/day-summaries.ts closeDays): the agencies
  // (catalogue); per agency, the stored summaries (DAYSUM#) and the sparse indexes that
  // tell whether they still hold (still unmatched, refund still due, receipt cancelled);
  // for a day to compute, its orders, transfers and receipts (GSI1) and the orders they
  // refer to that were created on another day (BatchGetItem); then the summaries, stored.
  // Nothing else: no single-item write, no user, no refund or cancellation by its own day.
  nightly: {
    query: [CATALOGUE, prefixed(DAYSUM)],
    batchGetItem: [prefixed(ORDER)],
    batchWriteItem: [prefixed(DAYSUM)],
    queryIndex: {
      GSI1: [prefixed(AGENCY)],
      GSI2: [prefixed(UNMATCHED), prefixed(RCANCELLED)],
      GSI3: [prefixed(REFUND)],
    },
  },
  // The tax job (functions/tax): the agencies (catalogue); per agency and day, the receipts
  // issued (GSI1) and cancelled (GSI3) to summarise, and its outbox of documents for the
  // tax authority (TAXDOC#), read and written. Nothing else: no order, no receipt written.
  tax: {
    query: [CATALOGUE, prefixed(TAXDOC)],
    getItem: [prefixed(TAXDOC)],
    putItem: [prefixed(TAXDOC)],
    queryIndex: {
      GSI1: [prefixed(AGENCY)],
      GSI3: [prefixed(RCANCELLEDAT)],
    },
  },
} as const satisfies Record<string, TableAccess>;

const ITEM_ACTIONS = [
  ['getItem', 'dynamodb:GetItem'],
  ['query', 'dynamodb:Query'],
  ['putItem', 'dynamodb:PutItem'],
  ['updateItem', 'dynamodb:UpdateItem'],
  ['deleteItem', 'dynamodb:DeleteItem'],
  ['batchGetItem', 'dynamodb:BatchGetItem'],
  ['batchWriteItem', 'dynamodb:BatchWriteItem'],
] as const;

/** The partition key must be present and every partition key touched must match. */
function leadingKeys(keys: Keys): Record<string, unknown> {
  return {
    'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...keys] },
    // ForAllValues is also true when the request names no key at all: require one.
    Null: { 'dynamodb:LeadingKeys': 'false' },
  };
}

/** The IAM statements for one function's access to the table. */
export function tableStatements(table: dynamodb.ITable, access: TableAccess): iam.PolicyStatement[] {
  const statements: iam.PolicyStatement[] = [];
  if (access.describe) {
    statements.push(new iam.PolicyStatement({ actions: ['dynamodb:DescribeTable'], resources: [table.tableArn] }));
  }
  for (const [field, action] of ITEM_ACTIONS) {
    const keys = access[field];
    if (!keys?.length) continue;
    statements.push(new iam.PolicyStatement({ actions: [action], resources: [table.tableArn], conditions: leadingKeys(keys) }));
  }
  for (const [indexName, keys] of Object.entries(access.queryIndex ?? {}) as [IndexName, Keys][]) {
    if (!keys.length) continue;
    statements.push(
      new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: [`${table.tableArn}/index/${indexName}`], conditions: leadingKeys(keys) }),
    );
  }
  return statements;
}
