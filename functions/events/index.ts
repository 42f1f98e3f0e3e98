/**
 * The event delivery (DynamoDB Streams and a schedule): new outbox items from the table's
 * stream are fanned out and sent at once; every minute, a sweep sends what is due again and
 * whatever the stream has not brought. A batch that throws (the database, not a receiver:
 * receivers' failures are recorded and retried) is retried by Lambda, then sent to the
 * dead-letter queue.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { OutgoingEvent } from '../../shared/events';
import { deliveryDeps } from '../composition/integrations';
import { configured } from '../composition/root';
import { deliverEvents, deliverPending } from '../lib/integrations/delivery';
import { log } from '../lib/platform/log';
import { instrumented } from '../lib/platform/metrics';

const deps = configured(deliveryDeps);

interface StreamEvent {
  Records: { eventName?: string; dynamodb?: { NewImage?: Record<string, AttributeValue> } }[];
}

/** The outbox items a stream batch inserted. */
export function eventsOfStream(batch: StreamEvent): OutgoingEvent[] {
  return batch.Records.flatMap((r) => {
    const image = r.eventName === 'INSERT' ? r.dynamodb?.NewImage : undefined;
    const item = image ? (unmarshall(image as never) as { type?: string; event?: OutgoingEvent }) : undefined;
    return item?.type === 'EVENT' && item.event ? [item.event] : [];
  });
}

export const handler = instrumented(async (event: unknown) => {
  const fromStream = Array.isArray((event as StreamEvent | undefined)?.Records);
  const run = fromStream ? await deliverEvents(deps(), eventsOfStream(event as StreamEvent)) : await deliverPending(deps());
  log.info('events delivered', { source: fromStream ? 'stream' : 'schedule', ...run });
  return run;
});
