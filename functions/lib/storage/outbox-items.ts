/**
 * The transactional outbox: the event items a change writes in its own transaction (no
 * event without its change, no change without its event). Every adapter that writes an
 * order's new state appends `orderEventPuts` to that transaction; the delivery
 * (functions/lib/integrations/delivery.ts) finds them by DynamoDB Streams on AWS and by the
 * outbox index (GSI2 OUTBOX) everywhere, so a crash between the change and its delivery
 * loses nothing.
 */
import { randomBytes } from 'node:crypto';
import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { eventDataOf, eventTypesOf, type ChangeEntry, type ChangedOrder, type OutgoingEvent } from '../../../shared/events';
import type { FeeOrder } from '../../../shared/order';
import { NEW_ITEM, toItem, type Item } from './dynamo';
import { eventKey, PARTITION, timeSk } from './keys';
import type { AssumedPayment } from './store';

/** A new event id: sortable by time, then random (`evt_<ms, base36>_<hex>`). */
export function newEventId(at: Date): string {
  return `evt_${at.getTime().toString(36).padStart(9, '0')}_${randomBytes(8).toString('hex')}`;
}

export function eventItem(event: OutgoingEvent): Item {
  return toItem({ ...eventKey(event.id), type: 'EVENT', GSI2PK: PARTITION.outbox, GSI2SK: timeSk(event.at, event.id), event });
}

export const eventOf = (i: Item) => (unmarshall(i) as { event: OutgoingEvent }).event;

function eventPuts(tableName: string, order: ChangedOrder, entry: ChangeEntry | undefined, now: Date): TransactWriteItem[] {
  if (!entry) return [];
  const at = now.toISOString();
  return eventTypesOf(entry, order).map((type) => ({
    Put: { TableName: tableName, Item: eventItem({ id: newEventId(now), type, at, agencyId: order.agencyId, data: eventDataOf(order, entry) }), ConditionExpression: NEW_ITEM },
  }));
}

/** The events of an order's new state, read from the history entry its change appended. */
export function orderEventPuts(tableName: string, order: FeeOrder, now = new Date()): TransactWriteItem[] {
  const entry = order.history.at(-1) as (ChangeEntry & { amount?: number }) | undefined;
  const earlier = order.history.slice(0, -1);
  return eventPuts(tableName, { ...order, hadCancelledReceipt: earlier.some((e) => e.event === 'RECEIPT_CANCELLED') }, entry, now);
}

/** The events of a payment settled without reading its order (only what the assumption knows; delivery adds the rest). */
export function assumedEventPuts(tableName: string, payment: AssumedPayment, now = new Date()): TransactWriteItem[] {
  const { assumed, next } = payment;
  return eventPuts(tableName, { id: payment.orderId, agencyId: assumed.agencyId, amount: assumed.amount, ...next }, payment.historyEntry as ChangeEntry, now);
}
