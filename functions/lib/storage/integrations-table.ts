/**
 * The DynamoDB adapter of the integrations port (integrations/ports.ts): machine clients
 * (INTEGRATION#), the orders they made per dossier (DOSSIER#), their request counts
 * (APIRATE#), the outbox of events (EVENT#, GSI2 OUTBOX) and the deliveries of each event
 * to each integration (in the integration's partition, GSI2 DELIVERIESDUE while due).
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { randomUUID } from 'node:crypto';
import type { OutgoingEvent } from '../../../shared/events';
import type { FeeOrder } from '../../../shared/order';
import type { DeliveryRecord, DossierOrderResult, DossierRecord, IntegrationRecord, IntegrationStore } from '../integrations/ports';
import { decodeCursor, DynamoTable, encodeCursor, keyItem, NEW_ITEM, toItem, type Item } from './dynamo';
import { orderItem } from './items';
import { apiRateKey, DELIVERY_SK_PREFIX, deliveryKey, dossierKey, eventKey, integrationKey, integrationPartition, PARTITION, timeSk } from './keys';
import { eventOf } from './outbox-items';

const integrationItem = (r: IntegrationRecord): Item =>
  toItem({ ...integrationKey(r.id), type: 'INTEGRATION', GSI1PK: PARTITION.integrations, GSI1SK: timeSk(r.createdAt, r.id), integration: r });
const integrationOf = (i: Item) => (unmarshall(i) as { integration: IntegrationRecord }).integration;

function deliveryItem(d: DeliveryRecord, lease?: string): Item {
  const due = d.status === 'PENDING' && d.nextAttemptAt;
  return toItem({
    ...deliveryKey(d.integrationId, d.eventId),
    type: 'DELIVERY',
    ...(due ? { GSI2PK: PARTITION.deliveriesDue, GSI2SK: `${d.nextAttemptAt}#${d.integrationId}#${d.eventId}` } : {}),
    ...(lease ? { lease } : {}),
    delivery: d,
  });
}
const deliveryOf = (i: Item) => (unmarshall(i) as { delivery: DeliveryRecord }).delivery;

export class DynamoIntegrationStore extends DynamoTable implements IntegrationStore {
  async createIntegration(record: IntegrationRecord): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: integrationItem(record), ConditionExpression: NEW_ITEM }));
  }

  async getIntegration(id: string): Promise<IntegrationRecord | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(integrationKey(id)), ConsistentRead: true }));
    return res.Item ? integrationOf(res.Item) : undefined;
  }

  async listIntegrations(): Promise<IntegrationRecord[]> {
    const items = await this.queryAll({ IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': { S: PARTITION.integrations } } });
    return items.map(integrationOf);
  }

  async updateIntegration(record: IntegrationRecord, readVersion: number): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: integrationItem(record),
          ConditionExpression: '#i.#v = :v',
          ExpressionAttributeNames: { '#i': 'integration', '#v': 'version' },
          ExpressionAttributeValues: { ':v': { N: String(readVersion) } },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async countRequest(keyId: string, now: Date, limit: number): Promise<boolean> {
    const windowStart = Math.floor(now.getTime() / 60_000) * 60;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keyItem(apiRateKey(keyId, windowStart)),
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': { N: '1' }, ':limit': { N: String(limit) }, ':ttl': { N: String(windowStart + 3600) } },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async createDossierOrder(record: DossierRecord, order: FeeOrder): Promise<DossierOrderResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: toItem({ ...dossierKey(record.integrationId, record.dossierCode), type: 'DOSSIER', dossier: record }),
                  ConditionExpression: NEW_ITEM,
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              { Put: { TableName: this.tableName, Item: orderItem(order), ConditionExpression: NEW_ITEM } },
            ],
          }),
        );
        return { kind: 'created' };
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const [dossier, ord] = err.CancellationReasons ?? [];
        if (dossier?.Code === 'ConditionalCheckFailed') {
          const existing = dossier.Item ? (unmarshall(dossier.Item) as { dossier: DossierRecord }).dossier : await this.getDossier(record.integrationId, record.dossierCode);
          if (existing) return { kind: 'exists', record: existing };
        }
        if (ord?.Code === 'ConditionalCheckFailed') return { kind: 'reference_taken' };
        if (attempt >= 5) throw err;
        await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 20));
      }
    }
  }

  async getDossier(integrationId: string, dossierCode: string): Promise<DossierRecord | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(dossierKey(integrationId, dossierCode)), ConsistentRead: true }));
    return res.Item ? (unmarshall(res.Item) as { dossier: DossierRecord }).dossier : undefined;
  }

  async pendingEvents(limit: number): Promise<OutgoingEvent[]> {
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: PARTITION.outbox } },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map(eventOf);
  }

  async getEvent(id: string): Promise<OutgoingEvent | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(eventKey(id)), ConsistentRead: true }));
    return res.Item ? eventOf(res.Item) : undefined;
  }

  async markFannedOut(event: OutgoingEvent): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({ TableName: this.tableName, Key: keyItem(eventKey(event.id)), UpdateExpression: 'REMOVE GSI2PK, GSI2SK', ConditionExpression: 'attribute_exists(PK)' }),
    ).catch((err: unknown) => {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    });
  }

  async createDelivery(record: DeliveryRecord): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: deliveryItem(record), ConditionExpression: NEW_ITEM }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async getDelivery(integrationId: string, eventId: string): Promise<DeliveryRecord | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(deliveryKey(integrationId, eventId)), ConsistentRead: true }));
    return res.Item ? deliveryOf(res.Item) : undefined;
  }

  async listDeliveries(integrationId: string, page: { limit: number; cursor?: string }): Promise<{ items: DeliveryRecord[]; nextCursor?: string }> {
    const pk = integrationPartition(integrationId);
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
        ExpressionAttributeValues: { ':pk': { S: pk }, ':sk': { S: DELIVERY_SK_PREFIX } },
        ScanIndexForward: false,
        Limit: page.limit,
        ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'PK', pk) } : {}),
      }),
    );
    return { items: (res.Items ?? []).map(deliveryOf), ...(res.LastEvaluatedKey ? { nextCursor: encodeCursor(res.LastEvaluatedKey) } : {}) };
  }

  async dueDeliveries(until: string, limit: number): Promise<DeliveryRecord[]> {
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :until',
        ExpressionAttributeValues: { ':pk': { S: PARTITION.deliveriesDue }, ':until': { S: `${until}#~` } },
        Limit: limit,
      }),
    );
    return (res.Items ?? []).map(deliveryOf);
  }

  async leaseDelivery(integrationId: string, eventId: string, now: string, leaseUntil: string, force = false): Promise<string | undefined> {
    const lease = `${leaseUntil}#${randomUUID()}`;
    try {
      await this.client.send(
        new UpdateItemCommand({
          TableName: this.tableName,
          Key: keyItem(deliveryKey(integrationId, eventId)),
          UpdateExpression: 'SET #lease = :lease',
          // A lease is "<until>#<token>": an expired one (a worker that died) may be taken over.
          ConditionExpression: `attribute_exists(PK) AND (attribute_not_exists(#lease) OR #lease < :now)${force ? '' : ' AND #d.#st = :pending AND #d.#next <= :now'}`,
          ExpressionAttributeNames: { '#lease': 'lease', ...(force ? {} : { '#d': 'delivery', '#st': 'status', '#next': 'nextAttemptAt' }) },
          ExpressionAttributeValues: { ':lease': { S: lease }, ':now': { S: now }, ...(force ? {} : { ':pending': { S: 'PENDING' } }) },
        }),
      );
      return lease;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return undefined;
      throw err;
    }
  }

  async saveDelivery(record: DeliveryRecord, lease: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: deliveryItem(record),
          ConditionExpression: '#lease = :lease',
          ExpressionAttributeNames: { '#lease': 'lease' },
          ExpressionAttributeValues: { ':lease': { S: lease } },
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
