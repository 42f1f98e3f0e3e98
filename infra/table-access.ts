/**
 * What each function may do to the one table, by partition key. A single table holds
 * staff accounts beside fee orders, so a table-wide grant would let the webhooks function
 * read password hashes. Instead every statement carries a `dynamodb:LeadingKeys`
 * condition: the partition key of each item (or, for a query on an index, the index's
 * partition key) must start with one of the listed prefixes.
 *
 * The prefixes are those the DynamoDB adapters write (functions/lib/dynamo-store.ts and
 * functions/lib/users.ts own every key); the calls are the ones each function's code
 * makes, which test/infra/least-privilege.test.ts checks by recording every request the
 * real code sends while it serves real requests, and replaying it against the policy
 * synthesized here. A new key prefix or a new kind of call therefore fails that test
 * until it is listed below for the function that needs it.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { TABLE_SHAPE } from '../functions/lib/platform/table';

export type IndexName = (typeof TABLE_SHAPE.globalIndexes)[number]['indexName'];

/** IAM StringLike patterns of partition-key values: 'ORDER#*', or an exact 'CATALOGUE'. */
type Keys = readonly string[];

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
    query: ['CATALOGUE'],
    getItem: ['ORDER#*', 'IDEM#*', 'RECEIPT#*'],
    putItem: ['ORDER#*', 'IDEM#*'],
  },
  // Settling a transfer: the agency by account number (catalogue), the transfer and the
  // order's new state written together (an Update conditional on the order being as
  // assumed, else the order read by reference and Put conditional on its version).
  webhooks: {
    query: ['CATALOGUE'],
    getItem: ['ORDER#*', 'TRANSFER#*'],
    putItem: ['ORDER#*', 'TRANSFER#*'],
    updateItem: ['ORDER#*'],
  },
  // Login (accounts and failure counters), the counter, the clerk's queue, receipts
  // (gapless numbers), reports (closed-day summaries, DAYSUM#), the audit trail and
  // user administration.
  staff: {
    query: ['CATALOGUE', 'AUDIT#*', 'DAYSUM#*'],
    getItem: ['USER#*', 'ORDER#*', 'IDEM#*', 'TRANSFER#*', 'RECEIPT#*', 'COUNTER#*'],
    batchGetItem: ['ORDER#*'],
    putItem: ['USER#*', 'ORDER#*', 'IDEM#*', 'TRANSFER#*', 'RECEIPT#*', 'AUDIT#*'],
    batchWriteItem: ['DAYSUM#*'],
    updateItem: ['LOGINFAIL#*', 'COUNTER#*'],
    deleteItem: ['LOGINFAIL#*'],
    queryIndex: {
      GSI1: ['AGENCY#*', 'USERS'],
      GSI2: ['UNMATCHED#*', 'RCANCELLED#*'],
      GSI3: ['ASSISTED#*', 'REFUND#*', 'REFUNDED#*', 'RCANCELLEDAT#*'],
    },
  },
  // Expiring unpaid orders: the index of unpaid orders by expiry day, then each order.
  sweeper: {
    getItem: ['ORDER#*'],
    putItem: ['ORDER#*'],
    queryIndex: { GSI2: ['EXPIRES#*'] },
  },
  // Closing days for the dashboard (functions/lib/day-summaries.ts closeDays): the agencies
  // (catalogue); per agency, the stored summaries (DAYSUM#) and the sparse indexes that
  // tell whether they still hold (still unmatched, refund still due, receipt cancelled);
  // for a day to compute, its orders, transfers and receipts (GSI1) and the orders they
  // refer to that were created on another day (BatchGetItem); then the summaries, stored.
  // Nothing else: no single-item write, no user, no refund or cancellation by its own day.
  nightly: {
    query: ['CATALOGUE', 'DAYSUM#*'],
    batchGetItem: ['ORDER#*'],
    batchWriteItem: ['DAYSUM#*'],
    queryIndex: {
      GSI1: ['AGENCY#*'],
      GSI2: ['UNMATCHED#*', 'RCANCELLED#*'],
      GSI3: ['REFUND#*'],
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
