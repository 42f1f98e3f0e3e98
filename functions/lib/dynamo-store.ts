/**
 * The DynamoDB adapter of the storage port: the only file that spells a key, an index
 * or a condition expression. One table (see table.ts):
 *
 *   CATALOGUE           AGENCY#<id> | PROCEDURE#<code> | META#SEEDED
 *   ORDER#<id>          ORDER                     GSI1 AGENCY#<agency> / ORDER#<createdAt>#<id>
 *                                                 GSI2 EXPIRES#<yyyy-mm-dd> / <expiresAt>#<id> (only while unpaid)
 *                                                 GSI3 ASSISTED#<volunteer> / <createdAt>#<id> (assisted orders)
 *   TRANSFER#<prov>:<id> TRANSFER                 GSI1 AGENCY#<agency|NONE> / TRANSFER#<receivedAt>#<key>
 *                                                 GSI2 UNMATCHED#<agency|NONE> / <receivedAt>#<key> (only while unmatched)
 *                                                 GSI3 REFUND#<agency|NONE> / <receivedAt>#<key> (only while a refund is due)
 *                                                 GSI3 REFUNDED#<agency> / <refund.at>#<key> (once refunded)
 *   RECEIPT#<agency>#<symbol>#<number> RECEIPT    GSI1 AGENCY#<agency> / RECEIPT#<issuedAt>#<id>
 *                                                 GSI2 RCANCELLED#<agency> / <issuedAt>#<id>, GSI3 RCANCELLEDAT#<agency> / <cancelledAt>#<id> (cancelled)
 *   DAYSUM#<agency>     <yyyy-mm-dd>              a closed day's report summary (functions/lib/reports-store.ts)
 *   COUNTER#RECEIPT#<agency>#<symbol> COUNTER     n: the last number issued (gapless)
 *   AUDIT#<yyyy-mm-dd>  <at>#<id>                 GSI1 AUDITBY#<actor> / <at>#<id>
 *   IDEM#<key>          IDEM                      ttl: 24 h
 */
import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  BatchWriteItemCommand,
  DescribeTableCommand,
  type AttributeValue,
  type TransactWriteItem,
  type QueryCommandInput,
  type TransactWriteItemsCommandInput,
  type DynamoDBClientConfig,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Agency, Procedure } from '../../shared/catalogue';
import type { FeeOrder } from '../../shared/order';
import type { TransferRecord } from '../../shared/transfer';
import type { DatabaseConfig } from './platform/config';
import type { AuditAction, AuditEntry } from '../../shared/audit';
import { vietnamDate } from '../../shared/time';
import type { AssumedPayment, AssumedPaymentResult, CreateOrderResult, IdempotencyClaim, IdempotencyRecord, OrderQuery, Page, PageQuery, Store, StoredReceipt } from './store';

type Item = Record<string, AttributeValue>;

const CATALOGUE_PK = 'CATALOGUE';
// Only PENDING orders are waiting for the sweeper: an UNDERPAID one holds money and
// stays for a clerk (see shared/order-state.ts).
const AWAITING_EXPIRY = new Set(['PENDING']);

export function dynamoClient(config: DatabaseConfig): DynamoDBClient {
  const options: DynamoDBClientConfig = { region: config.region, maxAttempts: 4 };
  if (config.endpoint) {
    options.endpoint = config.endpoint;
    // DynamoDB Local accepts any credentials; give it some so no credential chain is searched.
    options.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return new DynamoDBClient(options);
}

const toItem = (value: object): Item => marshall(value, { removeUndefinedValues: true, convertClassInstanceToMap: false });

export function orderKey(id: string): Item {
  return { PK: { S: `ORDER#${id}` }, SK: { S: 'ORDER' } };
}

/** The order as stored: its own fields plus the keys of the indexes it belongs to. */
export function orderItem(order: FeeOrder): Item {
  const open = AWAITING_EXPIRY.has(order.status);
  return toItem({
    PK: `ORDER#${order.id}`,
    SK: 'ORDER',
    type: 'ORDER',
    GSI1PK: `AGENCY#${order.agencyId}`,
    GSI1SK: `ORDER#${order.createdAt}#${order.id}`,
    ...(open ? { GSI2PK: `EXPIRES#${order.expiresAt.slice(0, 10)}`, GSI2SK: `${order.expiresAt}#${order.id}` } : {}),
    ...(order.assistedBy ? { GSI3PK: `ASSISTED#${order.assistedBy}`, GSI3SK: `${order.createdAt}#${order.id}` } : {}),
    order,
  });
}

export function transferItem(record: TransferRecord): Item {
  const agency = record.agencyId ?? 'NONE';
  return toItem({
    PK: `TRANSFER#${record.key}`,
    SK: 'TRANSFER',
    type: 'TRANSFER',
    GSI1PK: `AGENCY#${agency}`,
    GSI1SK: `TRANSFER#${record.receivedAt}#${record.key}`,
    ...(record.status === 'UNMATCHED' ? { GSI2PK: `UNMATCHED#${agency}`, GSI2SK: `${record.receivedAt}#${record.key}` } : {}),
    ...(record.refundDue > 0 && !record.refund ? { GSI3PK: `REFUND#${agency}`, GSI3SK: `${record.receivedAt}#${record.key}` } : {}),
    // Refunds by the day they were paid back (the daily reconciliation).
    ...(record.refund ? { GSI3PK: `REFUNDED#${agency}`, GSI3SK: `${record.refund.at}#${record.key}` } : {}),
    record,
  });
}

const NEW_TRANSFER = 'attribute_not_exists(PK)';

/** The transaction that settles a payment: the transfer, new, and the order's write. */
export function settlementTransaction(tableName: string, record: TransferRecord, orderWrite: TransactWriteItem): TransactWriteItemsCommandInput {
  return {
    ClientRequestToken: randomUUID(),
    TransactItems: [{ Put: { TableName: tableName, Item: transferItem(record), ConditionExpression: NEW_TRANSFER } }, orderWrite],
  };
}

// An ISO 8601 instant as toISOString() writes it: fixed width, so text order is time order.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * An order's new state written without reading it first: conditional on every field the
 * state machine reads being as assumed, so the result is the one a read, `applyEvent` and
 * a versioned Put would have stored (test/functions/assumed-payment.test.ts compares the
 * two item by item). On failure the stored order comes back with the cancellation.
 */
export function assumedOrderUpdate(tableName: string, payment: AssumedPayment): TransactWriteItem {
  const { assumed, next } = payment;
  if (!ISO_INSTANT.test(assumed.expiresNotBefore)) throw new Error('expiresNotBefore must be an ISO instant as toISOString() writes it');
  const leavesExpiryIndex = AWAITING_EXPIRY.has(assumed.status) && !AWAITING_EXPIRY.has(next.status);
  return {
    Update: {
      TableName: tableName,
      Key: orderKey(payment.orderId),
      UpdateExpression:
        'SET #o.#st = :st, #o.#paid = :paid, #o.#refund = :refund, #o.#late = :late, #o.#v = #o.#v + :one, #o.#h = list_append(#o.#h, :entry)' +
        (leavesExpiryIndex ? ' REMOVE GSI2PK, GSI2SK' : ''),
      ConditionExpression:
        'attribute_exists(PK) AND #o.#st = :st0 AND #o.#agency = :agency AND #o.#amount = :amount AND #o.#paid = :paid0 AND #o.#refund = :refund0 AND #o.#late = :late0' +
        // Stored expiries are toISOString() text; the size check keeps the comparison a time comparison.
        ' AND size(#o.#exp) = :isoSize AND #o.#exp >= :notBefore AND size(#o.#h) < :historyBelow',
      ExpressionAttributeNames: {
        '#o': 'order', '#st': 'status', '#paid': 'paidAmount', '#refund': 'refundDue', '#late': 'paidLate', '#v': 'version',
        '#h': 'history', '#agency': 'agencyId', '#amount': 'amount', '#exp': 'expiresAt',
      },
      ExpressionAttributeValues: {
        ':st': { S: next.status }, ':paid': { N: String(next.paidAmount) }, ':refund': { N: String(next.refundDue) }, ':late': { BOOL: next.paidLate },
        ':one': { N: '1' }, ':entry': toItem({ l: [payment.historyEntry] }).l!,
        ':st0': { S: assumed.status }, ':agency': { S: assumed.agencyId }, ':amount': { N: String(assumed.amount) },
        ':paid0': { N: String(assumed.paidAmount) }, ':refund0': { N: String(assumed.refundDue) }, ':late0': { BOOL: assumed.paidLate },
        ':isoSize': { N: String(assumed.expiresNotBefore.length) }, ':notBefore': { S: assumed.expiresNotBefore }, ':historyBelow': { N: String(assumed.historyBelow) },
      },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

function receiptKey(id: string): Item {
  return { PK: { S: `RECEIPT#${id}` }, SK: { S: 'RECEIPT' } };
}

export function receiptItem(r: StoredReceipt): Item {
  return toItem({
    PK: `RECEIPT#${r.id}`,
    SK: 'RECEIPT',
    type: 'RECEIPT',
    GSI1PK: `AGENCY#${r.agencyId}`,
    GSI1SK: `RECEIPT#${r.issuedAt}#${r.id}`,
    // Cancelled receipts by the day they were issued (stale report summaries) and by the day of cancellation (daily reconciliation).
    ...(r.status === 'CANCELLED' ? { GSI2PK: `RCANCELLED#${r.agencyId}`, GSI2SK: `${r.issuedAt}#${r.id}` } : {}),
    ...(r.status === 'CANCELLED' && r.cancellation ? { GSI3PK: `RCANCELLEDAT#${r.agencyId}`, GSI3SK: `${r.cancellation.at}#${r.id}` } : {}),
    receipt: r,
  });
}

function counterKey(agencyId: string, symbol: string): Item {
  return { PK: { S: `COUNTER#RECEIPT#${agencyId}#${symbol}` }, SK: { S: 'COUNTER' } };
}

function auditItem(e: AuditEntry): Item {
  return toItem({ PK: `AUDIT#${vietnamDate(e.at)}`, SK: `${e.at}#${e.id}`, type: 'AUDIT', GSI1PK: `AUDITBY#${e.actor}`, GSI1SK: `${e.at}#${e.id}`, entry: e });
}

function fromOrderItem(item: Item): FeeOrder {
  return (unmarshall(item) as { order: FeeOrder }).order;
}

export class DynamoStore implements Store {
  constructor(
    /** Shared with the other adapters on the same table (users, login limits). */
    readonly client: DynamoDBClient,
    readonly tableName: string,
  ) {}

  async ping(): Promise<void> {
    await this.client.send(new DescribeTableCommand({ TableName: this.tableName }));
  }

  async listAgencies(): Promise<Agency[]> {
    return (await this.queryCatalogue('AGENCY#')) as Agency[];
  }

  async listProcedures(): Promise<Procedure[]> {
    return (await this.queryCatalogue('PROCEDURE#')) as Procedure[];
  }

  private async queryCatalogue(prefix: string): Promise<unknown[]> {
    const out: { position: number; data: unknown }[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': { S: CATALOGUE_PK }, ':prefix': { S: prefix } },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { position, data } = unmarshall(item) as { position: number; data: string };
        out.push({ position, data: JSON.parse(data) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // Kept in the order they were saved (district first, catalogue order), not key order.
    return out.sort((a, b) => a.position - b.position).map((e) => e.data);
  }

  async saveCatalogue(agencies: readonly Agency[], procedures: readonly Procedure[]): Promise<void> {
    const items = [
      ...agencies.map((a, i) => ({ PK: CATALOGUE_PK, SK: `AGENCY#${a.id}`, position: i, data: JSON.stringify(a) })),
      ...procedures.map((p, i) => ({ PK: CATALOGUE_PK, SK: `PROCEDURE#${p.code}`, position: i, data: JSON.stringify(p) })),
    ];
    for (let i = 0; i < items.length; i += 25) {
      let requests: WriteRequest[] = items.slice(i, i + 25).map((item) => ({ PutRequest: { Item: toItem(item) } }));
      for (let attempt = 0; requests.length > 0; attempt++) {
        const res = await this.client.send(new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = res.UnprocessedItems?.[this.tableName] ?? [];
        if (requests.length && attempt > 8) throw new Error('catalogue write kept being throttled');
        if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  }

  async isSeeded(): Promise<boolean> {
    const res = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { PK: { S: CATALOGUE_PK }, SK: { S: 'META#SEEDED' } }, ConsistentRead: true }),
    );
    return Boolean(res.Item);
  }

  async markSeeded(at: Date): Promise<void> {
    await this.client.send(
      new PutItemCommand({ TableName: this.tableName, Item: toItem({ PK: CATALOGUE_PK, SK: 'META#SEEDED', at: at.toISOString() }) }),
    );
  }

  async createOrder(order: FeeOrder, idempotency?: IdempotencyClaim, now = new Date()): Promise<CreateOrderResult> {
    if (!idempotency) {
      try {
        await this.client.send(
          new PutItemCommand({
            TableName: this.tableName,
            Item: orderItem(order),
            ConditionExpression: 'attribute_not_exists(PK)',
          }),
        );
        return { kind: 'created' };
      } catch (err) {
        if (err instanceof ConditionalCheckFailedException) return { kind: 'reference_taken' };
        throw err;
      }
    }

    const record: IdempotencyRecord = {
      key: idempotency.key,
      requestHash: idempotency.requestHash,
      orderId: order.id,
      createdAt: now.toISOString(),
    };
    // A key is held for 24 h; TTL deletion is lazy, so an expired record counts as free.
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.tableName,
                  Item: toItem({ PK: `IDEM#${idempotency.key}`, SK: 'IDEM', ...record, ttl: Math.floor(idempotency.expiresAt.getTime() / 1000) }),
                  ConditionExpression: 'attribute_not_exists(PK) OR #ttl < :now',
                  ExpressionAttributeNames: { '#ttl': 'ttl' },
                  ExpressionAttributeValues: { ':now': { N: String(Math.floor(now.getTime() / 1000)) } },
                  ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
                },
              },
              { Put: { TableName: this.tableName, Item: orderItem(order), ConditionExpression: 'attribute_not_exists(PK)' } },
            ],
          }),
        );
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
    const res = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { PK: { S: `IDEM#${key}` }, SK: { S: 'IDEM' } }, ConsistentRead: true }),
    );
    return res.Item ? (unmarshall(res.Item) as IdempotencyRecord) : undefined;
  }

  async getOrder(id: string): Promise<FeeOrder | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: orderKey(id), ConsistentRead: true }));
    return res.Item ? fromOrderItem(res.Item) : undefined;
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

  async recordTransfer(record: TransferRecord): Promise<'recorded' | 'duplicate'> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: transferItem(record), ConditionExpression: NEW_TRANSFER }));
      return 'recorded';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'duplicate';
      throw err;
    }
  }

  async recordPayment(record: TransferRecord, order: FeeOrder, readVersion: number): Promise<'recorded' | 'duplicate' | 'order_changed'> {
    const res = await this.settleTransaction(record, { Put: { TableName: this.tableName, Item: orderItem(order), ...sameVersion(readVersion) } });
    return res.kind === 'not_as_assumed' ? 'order_changed' : res.kind;
  }

  async recordAssumedPayment(record: TransferRecord, payment: AssumedPayment): Promise<AssumedPaymentResult> {
    return this.settleTransaction(record, assumedOrderUpdate(this.tableName, payment));
  }

  /**
   * The transfer (new) and the order's new state in one transaction. Each call sends a
   * fresh ClientRequestToken: the SDK retries a commit whose answer was lost with the
   * same one, and DynamoDB then answers success instead of failing the "new transfer"
   * condition that the first attempt itself satisfied.
   */
  private async settleTransaction(record: TransferRecord, orderWrite: TransactWriteItem): Promise<AssumedPaymentResult> {
    try {
      await this.client.send(new TransactWriteItemsCommand(settlementTransaction(this.tableName, record, orderWrite)));
      return { kind: 'recorded' };
    } catch (err) {
      // Cannot come from a fresh token; if it ever does, only the ledger can say whether the transfer is in.
      if (err instanceof IdempotentParameterMismatchException) return (await this.getTransfer(record.key)) ? { kind: 'duplicate' } : { kind: 'not_as_assumed' };
      if (!(err instanceof TransactionCanceledException)) throw err;
      const [transfer, ord] = err.CancellationReasons ?? [];
      if (transfer?.Code === 'ConditionalCheckFailed') return { kind: 'duplicate' };
      // The order moved since it was read (or is not as assumed), or another transaction holds it right now.
      if (ord?.Code === 'ConditionalCheckFailed') return { kind: 'not_as_assumed', ...(ord.Item ? { order: fromOrderItem(ord.Item) } : {}) };
      if (ord?.Code === 'TransactionConflict' || transfer?.Code === 'TransactionConflict') return { kind: 'not_as_assumed' };
      throw err;
    }
  }

  async getTransfer(key: string): Promise<TransferRecord | undefined> {
    const res = await this.client.send(
      new GetItemCommand({ TableName: this.tableName, Key: { PK: { S: `TRANSFER#${key}` }, SK: { S: 'TRANSFER' } }, ConsistentRead: true }),
    );
    return res.Item ? (unmarshall(res.Item) as { record: TransferRecord }).record : undefined;
  }

  async dueForExpiry(day: string, until: string, page: { limit: number; cursor?: string }): Promise<{ ids: string[]; cursor?: string }> {
    const res = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK <= :until',
        ExpressionAttributeValues: { ':pk': { S: `EXPIRES#${day}` }, ':until': { S: `${until}#~` } },
        ProjectionExpression: 'PK',
        Limit: page.limit,
        ...(page.cursor ? { ExclusiveStartKey: decodeCursor(page.cursor, 'GSI2PK', `EXPIRES#${day}`) } : {}),
      }),
    );
    const ids = (res.Items ?? []).map((i) => i.PK!.S!.slice('ORDER#'.length));
    return { ids, ...(res.LastEvaluatedKey ? { cursor: encodeCursor(res.LastEvaluatedKey) } : {}) };
  }

  // ---- Staff ----------------------------------------------------------------------

  async listAgencyOrders(agencyId: string, query: OrderQuery): Promise<Page<FeeOrder>> {
    return this.queryPage('GSI1', `AGENCY#${agencyId}`, 'ORDER#', query, (i) => fromOrderItem(i), query.status);
  }

  async listAssistedOrders(username: string, query: OrderQuery): Promise<Page<FeeOrder>> {
    return this.queryPage('GSI3', `ASSISTED#${username}`, '', query, (i) => fromOrderItem(i), query.status);
  }

  async listTransfers(agencyId: string, kind: 'UNMATCHED' | 'REFUND_DUE', page: PageQuery): Promise<Page<TransferRecord>> {
    const [index, pk] = kind === 'UNMATCHED' ? ['GSI2', `UNMATCHED#${agencyId}`] : ['GSI3', `REFUND#${agencyId}`];
    return this.queryPage(index, pk, '', page, (i) => (unmarshall(i) as { record: TransferRecord }).record);
  }

  /** Newest first within [from, to) on an index's sort key `<prefix><iso time>#...`. */
  private async queryPage<T>(index: string, pk: string, prefix: string, query: OrderQuery | PageQuery, map: (i: Item) => T, status?: string): Promise<Page<T>> {
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

  /**
   * A page of up to `limit` items. With a filter, DynamoDB applies Limit before the
   * filter, so read on (a bounded number of times) until the page is full or the
   * partition ends, instead of handing back an empty page with a cursor.
   */
  private async collect<T>(input: QueryCommandInput, page: PageQuery, partitionAttribute: string, partition: string, map: (i: Item) => T): Promise<Page<T>> {
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

  /** All-or-nothing writes; which item's condition failed, if any. */
  private async transact(items: TransactWriteItem[]): Promise<{ ok: true } | { ok: false; failed: number[]; conflict: boolean }> {
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

  private orderPut(order: FeeOrder, readVersion: number): TransactWriteItem {
    return { Put: { TableName: this.tableName, Item: orderItem(order), ...sameVersion(readVersion) } };
  }

  private auditPut(entry: AuditEntry): TransactWriteItem {
    return { Put: { TableName: this.tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(PK)' } };
  }

  async updateOrderAudited(order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean> {
    return (await this.transact([this.orderPut(order, readVersion), this.auditPut(audit)])).ok;
  }

  async matchTransfer(record: TransferRecord, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<'matched' | 'transfer_changed' | 'order_changed'> {
    const res = await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: transferItem(record),
          ConditionExpression: '#r.#st = :unmatched',
          ExpressionAttributeNames: { '#r': 'record', '#st': 'status' },
          ExpressionAttributeValues: { ':unmatched': { S: 'UNMATCHED' } },
        },
      },
      this.orderPut(order, readVersion),
      this.auditPut(audit),
    ]);
    if (res.ok) return 'matched';
    return res.failed.includes(0) ? 'transfer_changed' : 'order_changed';
  }

  async recordRefund(record: TransferRecord, audit: AuditEntry): Promise<boolean> {
    const res = await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: transferItem(record),
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(#r.#refund)',
          ExpressionAttributeNames: { '#r': 'record', '#refund': 'refund' },
        },
      },
      this.auditPut(audit),
    ]);
    return res.ok;
  }

  async recordCash(record: TransferRecord, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean> {
    const res = await this.transact([
      { Put: { TableName: this.tableName, Item: transferItem(record), ConditionExpression: NEW_TRANSFER } },
      this.orderPut(order, readVersion),
      this.auditPut(audit),
    ]);
    return res.ok;
  }

  async receiptCounter(agencyId: string, symbol: string): Promise<number> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: counterKey(agencyId, symbol), ConsistentRead: true }));
    return res.Item?.n?.N ? Number(res.Item.n.N) : 0;
  }

  async issueReceipt(receipt: StoredReceipt, expectedLast: number, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<'issued' | 'number_taken' | 'order_changed'> {
    const res = await this.transact([
      {
        Update: {
          TableName: this.tableName,
          Key: counterKey(receipt.agencyId, receipt.symbol),
          UpdateExpression: 'SET n = :next',
          ConditionExpression: expectedLast === 0 ? 'attribute_not_exists(PK)' : 'n = :last',
          ExpressionAttributeValues: { ':next': { N: String(receipt.number) }, ...(expectedLast === 0 ? {} : { ':last': { N: String(expectedLast) } }) },
        },
      },
      { Put: { TableName: this.tableName, Item: receiptItem(receipt), ConditionExpression: 'attribute_not_exists(PK)' } },
      this.orderPut(order, readVersion),
      this.auditPut(audit),
    ]);
    if (res.ok) return 'issued';
    return res.failed.includes(2) && !res.failed.includes(0) ? 'order_changed' : 'number_taken';
  }

  async getReceipt(id: string): Promise<StoredReceipt | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: receiptKey(id), ConsistentRead: true }));
    return res.Item ? (unmarshall(res.Item) as { receipt: StoredReceipt }).receipt : undefined;
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
      this.orderPut(order, readVersion),
      this.auditPut(audit),
    ]);
    return res.ok;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: auditItem(entry), ConditionExpression: 'attribute_not_exists(PK)' }));
  }

  async listAudit(query: { day: string; actor?: string; action?: AuditAction; cursor?: string; limit: number }): Promise<Page<AuditEntry>> {
    const names: Record<string, string> = {};
    const values: Item = { ':pk': { S: `AUDIT#${query.day}` } };
    const filters: string[] = [];
    if (query.actor) {
      names['#actor'] = 'actor';
      values[':actor'] = { S: query.actor };
      filters.push('#e.#actor = :actor');
      names['#e'] = 'entry';
    }
    if (query.action) {
      names['#action'] = 'action';
      values[':action'] = { S: query.action };
      filters.push('#e.#action = :action');
      names['#e'] = 'entry';
    }
    return this.collect(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'PK = :pk',
        ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      query,
      'PK',
      `AUDIT#${query.day}`,
      (i) => (unmarshall(i) as { entry: AuditEntry }).entry,
    );
  }
}

/** The order is written only if nobody changed it since it was read (no lost update). */
function sameVersion(readVersion: number) {
  return {
    ConditionExpression: '#o.#v = :v',
    ExpressionAttributeNames: { '#o': 'order', '#v': 'version' },
    ExpressionAttributeValues: { ':v': { N: String(readVersion) } },
  };
}

function encodeCursor(key: Item): string {
  return Buffer.from(JSON.stringify(unmarshall(key))).toString('base64url');
}

/** A page cursor that does not belong to the list asked for. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

/** Cursors come back from clients: accept only a key of the very partition being read. */
function decodeCursor(cursor: string, partitionAttribute: string, partition: string): Item {
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
