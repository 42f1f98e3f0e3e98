/**
 * What every DynamoDB adapter on the one table shares: the client's settings, how values
 * become items, all-or-nothing writes, pages and their cursors. Keys come from keys.ts.
 */
import {
  DynamoDBClient,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClientConfig,
  type QueryCommandInput,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { DatabaseConfig } from '../platform/config';
import { databaseCall } from '../platform/server-timing';
import type { Key } from './keys';
import type { OrderQuery, Page, PageQuery } from './store';

export type Item = Record<string, AttributeValue>;

export function dynamoClient(config: DatabaseConfig): DynamoDBClient {
  const options: DynamoDBClientConfig = {
    region: config.region,
    maxAttempts: 4,
    // The middleware stack a command runs through is built once per command class, not
    // on every call (the SDK rebuilds and sorts it otherwise; about 60 µs a call).
    cacheMiddleware: true,
  };
  if (config.endpoint) {
    options.endpoint = config.endpoint;
    // DynamoDB Local accepts any credentials; give it some so no credential chain is searched.
    options.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  const client = new DynamoDBClient(options);
  // The SDK's logger middleware builds a redacted copy of every request and answer (the
  // whole item) for a logger this client does not have: about 30 µs a call, for nothing.
  client.middlewareStack.remove('loggerMiddleware');
  // Each call's time, for the request's Server-Timing header (outermost: the whole call).
  client.middlewareStack.add(
    (next) => async (args) => {
      const ended = databaseCall();
      try {
        return await next(args);
      } finally {
        ended();
      }
    },
    { step: 'initialize', priority: 'high', name: 'serverTimingMiddleware' },
  );
  return client;
}

export const toItem = (value: object): Item => marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });

/** A key of keys.ts as DynamoDB wants it in a request. */
export const keyItem = (key: Key): Item => ({ PK: { S: key.PK }, SK: { S: key.SK } });

/** The condition of a write that creates an item and never overwrites one. */
export const NEW_ITEM = 'attribute_not_exists(PK)';

/** The client and table an adapter works on, and the reads and writes the adapters share. */
export class DynamoTable {
  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  /** All-or-nothing writes; which item's condition failed, if any. */
  protected async transact(items: TransactWriteItem[]): Promise<{ ok: true } | { ok: false; failed: number[]; conflict: boolean }> {
    try {
      await this.client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return { ok: true };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      const failed = reasons.flatMap((r, i) => (r.Code === 'ConditionalCheckFailed' ? [i] : []));
      const conflict = reasons.some((r) => r.Code === 'TransactionConflict');
      if (!failed.length && !conflict) throw err;
      return { ok: false, failed, conflict };
    }
  }

  /** Newest first within [from, to) on an index's sort key `<prefix><iso time>#...`. */
  protected async queryPage<T>(index: string, pk: string, prefix: string, query: OrderQuery | PageQuery, map: (i: Item) => T, status?: string): Promise<Page<T>> {
    const q = query as OrderQuery;
    // Sort keys start with an ISO time: '0' sorts before any of them (an empty bound is not allowed).
    const lower = `${prefix}${q.from ?? '0'}`;
    const upper = `${prefix}${q.to ?? '~'}`;
    const names: Record<string, string> = { '#pk': `${index}PK`, '#sk': `${index}SK` };
    const values: Item = { ':pk': { S: pk }, ':lo': { S: lower }, ':hi': { S: upper } };
    if (status) {
      names['#o'] = 'order';
      names['#st'] = 'status';
      values[':st'] = { S: status };
    }
    return this.collect(
      {
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
        ...(status ? { FilterExpression: '#o.#st = :st' } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      query,
      `${index}PK`,
      pk,
      map,
    );
  }

  /** Every item a query finds, page after page (for partitions that stay small: an agency's documents, a user's counters). */
  protected async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Item | undefined;
    do {
      const res = await this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      out.push(...(res.Items ?? []));
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  /**
   * A page of up to `limit` items. With a filter, DynamoDB applies Limit before the
   * filter, so read on (a bounded number of times) until the page is full or the
   * partition ends, instead of handing back an empty page with a cursor.
   */
  protected async collect<T>(input: QueryCommandInput, page: PageQuery, partitionAttribute: string, partition: string, map: (i: Item) => T): Promise<Page<T>> {
    const items: T[] = [];
    let startKey = page.cursor ? decodeCursor(page.cursor, partitionAttribute, partition) : undefined;
    for (let reads = 0; reads < 10; reads++) {
      const res = await this.client.send(new QueryCommand({ ...input, Limit: page.limit - items.length, ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      items.push(...(res.Items ?? []).map(map));
      startKey = res.LastEvaluatedKey;
      if (!startKey || items.length >= page.limit || !input.FilterExpression) break;
    }
    return { items, ...(startKey ? { nextCursor: encodeCursor(startKey) } : {}) };
  }
}

export function encodeCursor(key: Item): string {
  return Buffer.from(JSON.stringify(unmarshall(key))).toString('base64url');
}

/** A page cursor that does not belong to the list asked for. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** Cursors come back from clients: accept only a key of the very partition being read. */
export function decodeCursor(cursor: string, partitionAttribute: string, partition: string): Item {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!key || typeof key !== 'object' || Array.isArray(key)) throw new Error('not an object');
    const entries = Object.entries(key as Record<string, unknown>);
    if (entries.length > 6 || entries.some(([, v]) => typeof v !== 'string' || v.length > 300)) throw new Error('not a key');
    if ((key as Record<string, unknown>)[partitionAttribute] !== partition) throw new Error('another list');
    return marshall(key as Record<string, string>);
  } catch {
    throw new InvalidCursorError('invalid cursor');
  }
}
