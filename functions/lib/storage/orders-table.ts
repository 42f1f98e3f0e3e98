/**
 * Fee orders: creating one (with its idempotency key, if any), reading and saving it
 * conditionally on its version, the sweeper's index of unpaid orders by expiry day, and
 * the staff's lists by agency and by assisting volunteer.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type PutItemCommandInput,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AuditEntry } from '../../../shared/audit';
import type { FeeOrder } from '../../../shared/order';
import { decodeCursor, DynamoTable, encodeCursor, keyItem, NEW_ITEM, toItem } from './dynamo';
import { auditPut, orderItem, orderOf, sameVersion, versionedOrderPut } from './items';
import { AGENCY_ITEM, agencyPartition, assistedPartition, expiresPartition, idempotencyKey, orderIdOfKey, orderKey, timeBound } from './keys';
import type { CreateOrderResult, IdempotencyClaim, IdempotencyRecord, OrderQuery, Page } from './store';

/** An order without an idempotency key: one Put that never overwrites an order. */
export function newOrderPut(tableName: string, order: FeeOrder): PutItemCommandInput {
  return { TableName: tableName, Item: orderItem(order), ConditionExpression: NEW_ITEM };
}

/**
 * An order with an idempotency key: the key's record (new, or one whose 24 h are over)
 * and the order, in one transaction. A refused record comes back whole.
 */
export function keyedOrderTransaction(tableName: string, order: FeeOrder, idempotency: IdempotencyClaim, now: Date): TransactWriteItemsCommandInput {
  const record: IdempotencyRecord = { key: idempotency.key, requestHash: idempotency.requestHash, orderId: order.id, createdAt: now.toISOString() };
  return {
    TransactItems: [
      {
        Put: {
          TableName: tableName,
          Item: toItem({ ...idempotencyKey(idempotency.key), ...record, ttl: Math.floor(idempotency.expiresAt.getTime() / 1000) }),
          ConditionExpression: 'attribute_not_exists(PK) OR #ttl < :now',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':now': { N: String(Math.floor(now.getTime() / 1000)) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: newOrderPut(tableName, order) },
    ],
  };
}

export class OrdersTable extends DynamoTable {
  async createOrder(order: FeeOrder, idempotency?: IdempotencyClaim, now = new Date()): Promise<CreateOrderResult> {
    if (!idempotency) {
      try {
        await this.client.send(new PutItemCommand(newOrderPut(this.tableName, order)));
        return { kind: 'created' };
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return { kind: 'reference_taken' };
        throw err;
      }
    }

    // A key is held for 24 h; TTL deletion is lazy, so an expired record counts as free.
    const transaction = keyedOrderTransaction(this.tableName, order, idempotency, now);
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(new TransactWriteItemsCommand(transaction));
        return { kind: 'created' };
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const [idem, ord] = err.CancellationReasons ?? [];
        if (idem?.Code === 'ConditionalCheckFailed') {
          const existing = idem.Item ? (unmarshall(idem.Item) as IdempotencyRecord) : await this.getIdempotency(idempotency.key);
          if (existing) return { kind: 'idempotency_replay', record: existing };
        }
        if (ord?.Code === 'ConditionalCheckFailed') return { kind: 'reference_taken' };
        // TransactionConflict: another request touches the same key right now; try again shortly.
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
      }
    }
  }

  private async getIdempotency(key: string): Promise<IdempotencyRecord | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(idempotencyKey(key)), ConsistentRead: true }));
    return res.Item ? (unmarshall(res.Item) as IdempotencyRecord) : undefined;
  }

  /** The claim on a key, while it holds (an expired one, not yet deleted by TTL, counts as free). */
  async findIdempotency(key: string, now: Date): Promise<IdempotencyRecord | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(idempotencyKey(key)), ConsistentRead: true }));
    if (!res.Item) return undefined;
    const { ttl, ...record } = unmarshall(res.Item) as IdempotencyRecord & { ttl?: number };
    if (typeof ttl === 'number' && ttl < Math.floor(now.getTime() / 1000)) return undefined;
    return { key: record.key, requestHash: record.requestHash, orderId: record.orderId, createdAt: record.createdAt };
  }

  async getOrder(id: string): Promise<FeeOrder | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(orderKey(id)), ConsistentRead: true }));
    return res.Item ? orderOf(res.Item) : undefined;
  }

  async updateOrder(order: FeeOrder, readVersion: number): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: orderItem(order), ...sameVersion(readVersion) }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async updateOrderAudited(order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean> {
    return (await this.transact([versionedOrderPut(this.tableName, order, readVersion), auditPut(this.tableName, audit)])).ok;
  }

  async dueForExpiry(day: string, until: string, page: { limit: number; cursor?: string }): Promise<{ ids: string[]; cursor?: string }> {
    const pk = expiresPartition(day);
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :until',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':until': { S: timeBound(until) } },
        ProjectionExpression: 'PK',
        Limit: page.limit,
        ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'GSI2PK', pk) } : {}),
      }),
    );
    const ids = (res.Items ?? []).map((i) => orderIdOfKey(i.PK!.S!));
    return { ids, ...(res.LastEvaluatedKey ? { cursor: encodeCursor(res.LastEvaluatedKey) } : {}) };
  }

  async listAgencyOrders(agencyId: string, query: OrderQuery): Promise<Page<FeeOrder>> {
    return this.queryPage('GSI1', agencyPartition(agencyId), AGENCY_ITEM.order, query, orderOf, query.status);
  }

  async listAssistedOrders(username: string, query: OrderQuery): Promise<Page<FeeOrder>> {
    return this.queryPage('GSI3', assistedPartition(username), '', query, orderOf, query.status);
  }
}
