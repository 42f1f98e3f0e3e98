/** Receipts: gapless numbers per agency and symbol, issuing and cancelling with the order and the audit entry. */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { AuditEntry } from '../../../shared/audit';
import type { FeeOrder } from '../../../shared/order';
import { DynamoTable, keyItem, NEW_ITEM } from './dynamo';
import { auditPut, receiptItem, receiptOf, versionedOrderPut } from './items';
import { receiptCounterKey, receiptKey } from './keys';
import { orderEventPuts } from './outbox-items';
import type { StoredReceipt } from './store';

export class ReceiptsTable extends DynamoTable {
  async receiptCounter(agencyId: string, symbol: string): Promise<number> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(receiptCounterKey(agencyId, symbol)), ConsistentRead: true }));
    return res.Item?.n?.N ? Number(res.Item.n.N) : 0;
  }

  async issueReceipt(receipt: StoredReceipt, expectedLast: number, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<'issued' | 'number_taken' | 'order_changed'> {
    const res = await this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: keyItem(receiptCounterKey(receipt.agencyId, receipt.symbol)),
          UpdateExpression: 'SET n = :next',
          ConditionExpression: expectedLast === 0 ? NEW_ITEM : 'n = :last',
          ExpressionAttributeValues: { ':next': { N: String(receipt.number) }, ...(expectedLast === 0 ? {} : { ':last': { N: String(expectedLast) } }) },
        },
      },
      { Put: { TableName: this.tableName, Item: receiptItem(receipt), ConditionExpression: NEW_ITEM } },
      versionedOrderPut(this.tableName, order, readVersion),
      auditPut(this.tableName, audit),
      ...orderEventPuts(this.tableName, order),
    ]);
    if (res.ok) return 'issued';
    return res.failed.includes(2) && !res.failed.includes(0) ? 'order_changed' : 'number_taken';
  }

  async getReceipt(id: string): Promise<StoredReceipt | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(receiptKey(id)), ConsistentRead: true }));
    return res.Item ? receiptOf(res.Item) : undefined;
  }

  async cancelReceipt(receipt: StoredReceipt, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean> {
    const res = await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: receiptItem(receipt),
          ConditionExpression: '#r.#st = :issued',
          ExpressionAttributeNames: { '#r': 'receipt', '#st': 'status' },
          ExpressionAttributeValues: { ':issued': { S: 'ISSUED' } },
        },
      },
      versionedOrderPut(this.tableName, order, readVersion),
      auditPut(this.tableName, audit),
      ...orderEventPuts(this.tableName, order),
    ]);
    return res.ok;
  }
}
