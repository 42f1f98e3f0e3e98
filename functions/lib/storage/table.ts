/**
 * The one DynamoDB table's physical shape, shared by the CDK stack and the local
 * server's table creation so the two can never drift apart. The values of its keys are
 * built by keys.ts; attribute names used in items live only in the DynamoDB adapters.
 */
export const TABLE_SHAPE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Epoch seconds; DynamoDB deletes the item some time after (idempotency keys, counters). */
  ttlAttribute: 'ttl',
  globalIndexes: [
    // Orders and transfers by agency and time (staff lists, daily reports).
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    // Sparse: only items waiting for something by a deadline (unpaid orders by expiry).
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    // Sparse, overloaded: orders by the volunteer who assisted, transfers awaiting a refund.
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
  ],
} as const;

export const DEFAULT_TABLE_NAME = 'motcua-pay';
