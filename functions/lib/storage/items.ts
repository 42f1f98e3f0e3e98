/**
 * The items of the store port's records as they lie in the table: each record under its
 * own attribute ("order", "record", "receipt", "entry"), beside the keys of the indexes it
 * belongs to (keys.ts). The adapters, the reports' reads and the benchmarks write and read
 * exactly these.
 */
import type { TransactWriteItem, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AuditEntry, RefusedLogins } from '../../../shared/audit';
import type { FeeOrder } from '../../../shared/order';
import { vietnamDate } from '../../../shared/time';
import type { TransferRecord } from '../../../shared/transfer';
import { keyItem, NEW_ITEM, toItem, type Item } from './dynamo';
import {
  agencyItemSk,
  agencyPartition,
  assistedPartition,
  auditByPartition,
  auditKey,
  expiresPartition,
  NO_AGENCY,
  orderKey,
  receiptCancelledAtPartition,
  receiptCancelledPartition,
  receiptKey,
  refundDuePartition,
  refundedPartition,
  refusedLoginsId,
  timeSk,
  transferKey,
  unmatchedPartition,
} from './keys';
import type { RefusedLogin, StoredReceipt } from './store';

// Only PENDING orders are waiting for the sweeper: an UNDERPAID one holds money and
// stays for a clerk (see shared/order-state.ts).
export const AWAITING_EXPIRY = new Set(['PENDING']);

/** The order as stored: its own fields plus the keys of the indexes it belongs to. */
export function orderItem(order: FeeOrder): Item {
  const open = AWAITING_EXPIRY.has(order.status);
  return toItem({
    ...orderKey(order.id),
    type: 'ORDER',
    GSI1PK: agencyPartition(order.agencyId),
    GSI1SK: agencyItemSk('order', order.createdAt, order.id),
    ...(open ? { GSI2PK: expiresPartition(order.expiresAt.slice(0, 10)), GSI2SK: timeSk(order.expiresAt, order.id) } : {}),
    ...(order.assistedBy ? { GSI3PK: assistedPartition(order.assistedBy), GSI3SK: timeSk(order.createdAt, order.id) } : {}),
    order,
  });
}

export function transferItem(record: TransferRecord): Item {
  const agency = record.agencyId ?? NO_AGENCY;
  return toItem({
    ...transferKey(record.key),
    type: 'TRANSFER',
    GSI1PK: agencyPartition(agency),
    GSI1SK: agencyItemSk('transfer', record.receivedAt, record.key),
    ...(record.status === 'UNMATCHED' ? { GSI2PK: unmatchedPartition(agency), GSI2SK: timeSk(record.receivedAt, record.key) } : {}),
    ...(record.refundDue > 0 && !record.refund ? { GSI3PK: refundDuePartition(agency), GSI3SK: timeSk(record.receivedAt, record.key) } : {}),
    // Refunds by the day they were paid back (the daily reconciliation).
    ...(record.refund ? { GSI3PK: refundedPartition(agency), GSI3SK: timeSk(record.refund.at, record.key) } : {}),
    record,
  });
}

export function receiptItem(r: StoredReceipt): Item {
  return toItem({
    ...receiptKey(r.id),
    type: 'RECEIPT',
    GSI1PK: agencyPartition(r.agencyId),
    GSI1SK: agencyItemSk('receipt', r.issuedAt, r.id),
    // Cancelled receipts by the day they were issued (stale report summaries) and by the day of cancellation (daily reconciliation).
    ...(r.status === 'CANCELLED' ? { GSI2PK: receiptCancelledPartition(r.agencyId), GSI2SK: timeSk(r.issuedAt, r.id) } : {}),
    ...(r.status === 'CANCELLED' && r.cancellation ? { GSI3PK: receiptCancelledAtPartition(r.agencyId), GSI3SK: timeSk(r.cancellation.at, r.id) } : {}),
    receipt: r,
  });
}

export function auditItem(e: AuditEntry): Item {
  return toItem({ ...auditKey(vietnamDate(e.at), e.at, e.id), type: 'AUDIT', GSI1PK: auditByPartition(e.actor), GSI1SK: timeSk(e.at, e.id), entry: e });
}

export const orderOf = (i: Item) => (unmarshall(i) as { order: FeeOrder }).order;
export const transferOf = (i: Item) => (unmarshall(i) as { record: TransferRecord }).record;
export const receiptOf = (i: Item) => (unmarshall(i) as { receipt: StoredReceipt }).receipt;
/** An audit entry; a LOGIN_FAILED entry of refused logins with its counts (kept beside it, so they can be added to). */
export function auditEntryOf(i: Item): AuditEntry {
  const item = unmarshall(i) as { entry: AuditEntry } & Partial<Omit<RefusedLogins, 'windowStart'>> & { refusalsWindow?: string };
  if (item.refusalsWindow === undefined) return item.entry;
  const { address = 'unknown', refusalsWindow: windowStart, invalidCredentials = 0, tooManyAttempts = 0, lastAt = item.entry.at } = item;
  return { ...item.entry, refusals: { address, windowStart, invalidCredentials, tooManyAttempts, lastAt } };
}

/**
 * A refused login counted in its entry: the entry made if new, the count of its kind
 * added. Only ever touches an entry of refused logins (`refusalsWindow` marks them);
 * with `existing`, only one that is already there.
 */
export function refusedLoginUpdate(tableName: string, r: RefusedLogin, username: string, existing: boolean): UpdateItemCommandInput {
  const windowStart = new Date(r.windowStart * 1000).toISOString();
  const id = refusedLoginsId(r.windowStart, username, r.address);
  const entry: AuditEntry = { id, at: r.at, actor: username, role: 'anonymous', action: 'LOGIN_FAILED', target: { type: 'session', id: username } };
  return {
    TableName: tableName,
    Key: keyItem(auditKey(vietnamDate(windowStart), windowStart, id)),
    UpdateExpression: 'SET #type = :type, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk, #entry = if_not_exists(#entry, :entry), #address = :address, #window = :window, #lastAt = :at ADD #count :one',
    ConditionExpression: existing ? 'attribute_exists(#window)' : 'attribute_not_exists(PK) OR attribute_exists(#window)',
    ExpressionAttributeNames: {
      '#type': 'type',
      '#entry': 'entry',
      '#address': 'address',
      '#window': 'refusalsWindow',
      '#lastAt': 'lastAt',
      '#count': r.code === 'INVALID_CREDENTIALS' ? 'invalidCredentials' : 'tooManyAttempts',
    },
    ExpressionAttributeValues: {
      ':type': { S: 'AUDIT' },
      ':gsi1pk': { S: auditByPartition(username) },
      ':gsi1sk': { S: timeSk(windowStart, id) },
      ':entry': { M: toItem(entry) },
      ':address': { S: r.address },
      ':window': { S: windowStart },
      ':at': { S: r.at },
      ':one': { N: '1' },
    },
  };
}

/** The order is written only if nobody changed it since it was read (no lost update). */
export function sameVersion(readVersion: number) {
  return {
    ConditionExpression: '#o.#v = :v',
    ExpressionAttributeNames: { '#o': 'order', '#v': 'version' },
    ExpressionAttributeValues: { ':v': { N: String(readVersion) } },
  };
}

/** An order's new state in a transaction, conditional on the version it was read at. */
export function versionedOrderPut(tableName: string, order: FeeOrder, readVersion: number): TransactWriteItem {
  return { Put: { TableName: tableName, Item: orderItem(order), ...sameVersion(readVersion) } };
}

/** An audit entry in a transaction: new, never overwriting one. */
export function auditPut(tableName: string, entry: AuditEntry): TransactWriteItem {
  return { Put: { TableName: tableName, Item: auditItem(entry), ConditionExpression: NEW_ITEM } };
}
