/**
 * The DynamoDB adapter of the reports' read port (functions/lib/reports/ports.ts), on the
 * same single table. Every read is
 * a Query on a key designed for it (or a GetItem, batched): never a Scan. The items it reads
 * are those of items.ts, by the keys of keys.ts; the only items it writes are the closed-day
 * summaries:
 *
 *   GSI1 AGENCY#<agency> / ORDER#<createdAt>#…        orders created in a window
 *   GSI1 AGENCY#<agency> / TRANSFER#<receivedAt>#…    transfers recorded in a window
 *   GSI1 AGENCY#<agency> / RECEIPT#<issuedAt>#…       receipts issued in a window (and the last one before it)
 *   GSI2 UNMATCHED#<agency>, GSI3 REFUND#<agency>     what is still open (the clerk's queue), by receivedAt
 *   GSI3 REFUNDED#<agency> / <refund.at>#…            refunds by the day they were paid back
 *   GSI2 RCANCELLED#<agency> / <issuedAt>#…           cancelled receipts, by the day they were issued
 *   GSI3 RCANCELLEDAT#<agency> / <cancelledAt>#…      cancelled receipts, by the day of cancellation
 *   DAYSUM#<agency>     <yyyy-mm-dd>                  a closed day's summary (this adapter writes it)
 *
 * Every request asks for ReturnConsumedCapacity: the adapter adds it up in `meter`, which
 * the benchmark reads and which costs nothing to keep.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  QueryCommand,
  type ConsumedCapacity,
  type DynamoDBClient,
  type QueryCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { FeeOrder } from '../../../shared/order';
import type { TransferRecord } from '../../../shared/transfer';
import type { ReportsStore, StoredDaySummary } from '../reports/ports';
import type { DaySummary } from '../reports/dashboard';
import { keyItem, toItem, type Item } from './dynamo';
import { orderOf, receiptOf, transferOf } from './items';
import {
  agencyItemSk,
  agencyPartition,
  daySummaryKey,
  daySummaryPartition,
  orderKey,
  receiptCancelledAtPartition,
  receiptCancelledPartition,
  refundDuePartition,
  refundedPartition,
  unmatchedPartition,
} from './keys';
import type { StoredReceipt } from './store';

/** Read requests made, read capacity units consumed and items returned. */
export interface ReadMeter {
  requests: number;
  readUnits: number;
  writeUnits: number;
  items: number;
}

export const newMeter = (): ReadMeter => ({ requests: 0, readUnits: 0, writeUnits: 0, items: 0 });

const BATCH_GET_LIMIT = 100;

export class DynamoReportsStore implements ReportsStore {
  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
    readonly meter: ReadMeter = newMeter(),
  ) {}

  /** The same table, its reads counted in another meter (one per report, in the benchmark). */
  metered(meter: ReadMeter): DynamoReportsStore {
    return new DynamoReportsStore(this.client, this.tableName, meter);
  }

  private count(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, items: number, write = false): void {
    const all = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
    const units = all.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
    this.meter.requests += 1;
    this.meter.items += items;
    if (write) this.meter.writeUnits += units;
    else this.meter.readUnits += units;
  }

  /** Every page of a Query. */
  private async queryAll(input: QueryCommandInput): Promise<Item[]> {
    const out: Item[] = [];
    let startKey: Item | undefined;
    do {
      const res = await this.client.send(new QueryCommand({ ...input, ReturnConsumedCapacity: 'TOTAL', ...(startKey ? { ExclusiveStartKey: startKey } : {}) }));
      this.count(res.ConsumedCapacity, res.Items?.length ?? 0);
      out.push(...(res.Items ?? []));
      startKey = res.LastEvaluatedKey;
    } while (startKey);
    return out;
  }

  /**
   * An index partition's items whose sort key falls in [lower, upper): sort keys here are
   * `<prefix><ISO instant>#…`, so `<prefix><end>` sorts after every key of the window.
   */
  private window(index: 'GSI1' | 'GSI2' | 'GSI3', pk: string, lower: string, upper: string, extra: Partial<QueryCommandInput> = {}): Promise<Item[]> {
    return this.queryAll({
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lo AND :hi',
      ExpressionAttributeNames: { '#pk': `${index}PK`, '#sk': `${index}SK` },
      ExpressionAttributeValues: { ':pk': { S: pk }, ':lo': { S: lower }, ':hi': { S: upper } },
      ...extra,
    });
  }

  async transfersReceived(agencyId: string, start: string, end: string): Promise<TransferRecord[]> {
    return (await this.window('GSI1', agencyPartition(agencyId), agencyItemSk('transfer', start), agencyItemSk('transfer', end))).map(transferOf);
  }

  async receiptsIssued(agencyId: string, start: string, end: string): Promise<StoredReceipt[]> {
    return (await this.window('GSI1', agencyPartition(agencyId), agencyItemSk('receipt', start), agencyItemSk('receipt', end))).map(receiptOf);
  }

  async ordersCreated(agencyId: string, start: string, end: string): Promise<FeeOrder[]> {
    return (await this.window('GSI1', agencyPartition(agencyId), agencyItemSk('order', start), agencyItemSk('order', end))).map(orderOf);
  }

  async ordersById(ids: readonly string[]): Promise<FeeOrder[]> {
    const unique = [...new Set(ids)];
    const out: FeeOrder[] = [];
    for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) {
      let keys: Item[] = unique.slice(i, i + BATCH_GET_LIMIT).map((id) => keyItem(orderKey(id)));
      for (let attempt = 0; keys.length; attempt++) {
        const res = await this.client.send(new BatchGetItemCommand({ RequestItems: { [this.tableName]: { Keys: keys } }, ReturnConsumedCapacity: 'TOTAL' }));
        const items = res.Responses?.[this.tableName] ?? [];
        this.count(res.ConsumedCapacity, items.length);
        out.push(...items.map(orderOf));
        keys = res.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
        if (keys.length && attempt > 8) throw new Error('order reads kept being throttled');
        if (keys.length) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      }
    }
    return out;
  }

  async lastReceiptBefore(agencyId: string, at: string): Promise<StoredReceipt | undefined> {
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :lo AND :hi',
        ExpressionAttributeValues: { ':pk': { S: agencyPartition(agencyId) }, ':lo': { S: agencyItemSk('receipt', '0') }, ':hi': { S: agencyItemSk('receipt', at) } },
        ScanIndexForward: false,
        Limit: 1,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.count(res.ConsumedCapacity, res.Items?.length ?? 0);
    const item = res.Items?.[0];
    return item ? receiptOf(item) : undefined;
  }

  async receiptsCancelledBetween(agencyId: string, start: string, end: string): Promise<StoredReceipt[]> {
    return (await this.window('GSI3', receiptCancelledAtPartition(agencyId), start, end)).map(receiptOf);
  }

  async refundsRecordedBetween(agencyId: string, start: string, end: string): Promise<TransferRecord[]> {
    return (await this.window('GSI3', refundedPartition(agencyId), start, end)).map(transferOf);
  }

  async openTransfers(agencyId: string, kind: 'UNMATCHED' | 'REFUND_DUE', window?: { start: string; end: string }): Promise<TransferRecord[]> {
    const [index, pk] = kind === 'UNMATCHED' ? (['GSI2', unmatchedPartition(agencyId)] as const) : (['GSI3', refundDuePartition(agencyId)] as const);
    if (window) return (await this.window(index, pk, window.start, window.end)).map(transferOf);
    return (
      await this.queryAll({
        TableName: this.tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}PK` },
        ExpressionAttributeValues: { ':pk': { S: pk } },
      })
    ).map(transferOf);
  }

  async cancelledReceipts(agencyId: string, start: string, end: string): Promise<StoredReceipt[]> {
    return (await this.window('GSI2', receiptCancelledPartition(agencyId), start, end)).map(receiptOf);
  }

  async daySummaries(agencyId: string, fromDay: string, toDay: string): Promise<StoredDaySummary[]> {
    const items = await this.queryAll({
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND SK BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':pk': { S: daySummaryPartition(agencyId) }, ':lo': { S: fromDay }, ':hi': { S: toDay } },
    });
    return items.map((i) => {
      const v = unmarshall(i) as { SK: string; version: number; computedAt: string; data: string };
      return { agencyId, day: v.SK, version: v.version, computedAt: v.computedAt, summary: JSON.parse(v.data) as DaySummary };
    });
  }

  async putDaySummaries(summaries: readonly StoredDaySummary[]): Promise<void> {
    for (let i = 0; i < summaries.length; i += 25) {
      // JSON text: several times smaller than the same numbers as DynamoDB lists and maps.
      let requests: WriteRequest[] = summaries.slice(i, i + 25).map((s) => ({
        PutRequest: { Item: toItem({ ...daySummaryKey(s.agencyId, s.day), type: 'DAYSUM', version: s.version, computedAt: s.computedAt, data: JSON.stringify(s.summary) }) },
      }));
      for (let attempt = 0; requests.length; attempt++) {
        const res = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests }, ReturnConsumedCapacity: 'TOTAL' }));
        this.count(res.ConsumedCapacity, 0, true);
        requests = res.UnprocessedItems?.[this.tableName] ?? [];
        if (requests.length && attempt > 8) throw new Error('summary writes kept being throttled');
        if (requests.length) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      }
    }
  }
}
