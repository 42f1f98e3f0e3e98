/**
 * Incoming transfers and the payments they settle: each transfer recorded once, with its
 * order's new state in the same transaction when it pays one; the clerk's queue (unmatched,
 * refund due), matching by hand, refunds and cash at the counter.
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  IdempotentParameterMismatchException,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../../shared/audit';
import type { FeeOrder } from '../../../shared/order';
import type { TransferRecord } from '../../../shared/transfer';
import { DynamoTable, keyItem, NEW_ITEM, toItem } from './dynamo';
import { auditPut, AWAITING_EXPIRY, orderOf, transferItem, transferOf, versionedOrderPut } from './items';
import { assumedEventPuts, orderEventPuts } from './outbox-items';
import { orderKey, refundDuePartition, transferKey, unmatchedPartition } from './keys';
import type { AssumedPayment, AssumedPaymentResult, Page, PageQuery } from './store';

/** The transaction that settles a payment: the transfer, new, the order's write, and the events of the change (the outbox). */
export function settlementTransaction(tableName: string, record: TransferRecord, orderWrite: TransactWriteItem, events: TransactWriteItem[] = []): TransactWriteItemsCommandInput {
  return {
    ClientRequestToken: randomUUID(),
    TransactItems: [{ Put: { TableName: tableName, Item: transferItem(record), ConditionExpression: NEW_ITEM } }, orderWrite, ...events],
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
      Key: keyItem(orderKey(payment.orderId)),
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

export class TransfersTable extends DynamoTable {
  async recordTransfer(record: TransferRecord): Promise<'recorded' | 'duplicate'> {
    try {
      await this.client.send(new PutItemCommand({ TableName: this.tableName, Item: transferItem(record), ConditionExpression: NEW_ITEM }));
      return 'recorded';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'duplicate';
      throw err;
    }
  }

  async recordPayment(record: TransferRecord, order: FeeOrder, readVersion: number): Promise<'recorded' | 'duplicate' | 'order_changed'> {
    const res = await this.settleTransaction(record, versionedOrderPut(this.tableName, order, readVersion), orderEventPuts(this.tableName, order));
    return res.kind === 'not_as_assumed' ? 'order_changed' : res.kind;
  }

  async recordAssumedPayment(record: TransferRecord, payment: AssumedPayment): Promise<AssumedPaymentResult> {
    return this.settleTransaction(record, assumedOrderUpdate(this.tableName, payment), assumedEventPuts(this.tableName, payment));
  }

  /**
   * The transfer (new) and the order's new state in one transaction. Each call sends a
   * fresh ClientRequestToken: the SDK retries a commit whose answer was lost with the
   * same one, and DynamoDB then answers success instead of failing the "new transfer"
   * condition that the first attempt itself satisfied.
   */
  private async settleTransaction(record: TransferRecord, orderWrite: TransactWriteItem, events: TransactWriteItem[]): Promise<AssumedPaymentResult> {
    try {
      await this.client.send(new TransactWriteItemsCommand(settlementTransaction(this.tableName, record, orderWrite, events)));
      return { kind: 'recorded' };
    } catch (err) {
      // Cannot come from a fresh token; if it ever does, only the ledger can say whether the transfer is in.
      if (err instanceof IdempotentParameterMismatchException) return (await this.getTransfer(record.key)) ? { kind: 'duplicate' } : { kind: 'not_as_assumed' };
      if (!(err instanceof TransactionCanceledException)) throw err;
      const [transfer, ord] = err.CancellationReasons ?? [];
      if (transfer?.Code === 'ConditionalCheckFailed') return { kind: 'duplicate' };
      // The order moved since it was read (or is not as assumed), or another transaction holds it right now.
      if (ord?.Code === 'ConditionalCheckFailed') return { kind: 'not_as_assumed', ...(ord.Item ? { order: orderOf(ord.Item) } : {}) };
      if (ord?.Code === 'TransactionConflict' || transfer?.Code === 'TransactionConflict') return { kind: 'not_as_assumed' };
      throw err;
    }
  }

  async getTransfer(key: string): Promise<TransferRecord | undefined> {
    const res = await this.client.send(new GetItemCommand({ TableName: this.tableName, Key: keyItem(transferKey(key)), ConsistentRead: true }));
    return res.Item ? transferOf(res.Item) : undefined;
  }

  async listTransfers(agencyId: string, kind: 'UNMATCHED' | 'REFUND_DUE', page: PageQuery): Promise<Page<TransferRecord>> {
    const [index, pk] = kind === 'UNMATCHED' ? ['GSI2', unmatchedPartition(agencyId)] : ['GSI3', refundDuePartition(agencyId)];
    return this.queryPage(index, pk, '', page, transferOf);
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
      versionedOrderPut(this.tableName, order, readVersion),
      auditPut(this.tableName, audit),
      ...orderEventPuts(this.tableName, order),
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
      auditPut(this.tableName, audit),
    ]);
    return res.ok;
  }

  /** SENT → CONFIRMED, once: conditional on the refund sent and not yet confirmed (with the clerk's audit entry, when a clerk). */
  async confirmRefund(record: TransferRecord, audit?: AuditEntry): Promise<boolean> {
    const res = await this.transact([
      {
        Put: {
          TableName: this.tableName,
          Item: transferItem(record),
          ConditionExpression: 'attribute_exists(PK) AND attribute_exists(#r.#refund) AND attribute_not_exists(#r.#confirmed)',
          ExpressionAttributeNames: { '#r': 'record', '#refund': 'refund', '#confirmed': 'refundConfirmation' },
        },
      },
      ...(audit ? [auditPut(this.tableName, audit)] : []),
    ]);
    return res.ok;
  }

  async recordCash(record: TransferRecord, order: FeeOrder, readVersion: number, audit: AuditEntry): Promise<boolean> {
    const res = await this.transact([
      { Put: { TableName: this.tableName, Item: transferItem(record), ConditionExpression: NEW_ITEM } },
      versionedOrderPut(this.tableName, order, readVersion),
      auditPut(this.tableName, audit),
      ...orderEventPuts(this.tableName, order),
    ]);
    return res.ok;
  }
}
