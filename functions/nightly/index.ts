/**
 * Scheduled (EventBridge, 00:30 Vietnam time): closes the last days for every agency, so
 * the district dashboard reads stored summaries instead of a month of records. Invoked by
 * hand with `{ "days": N }` (1–366) it backfills N days, e.g. after the first deploy.
 */
import * as z from 'zod';
import { closeDays, MAX_DASHBOARD_DAYS, NIGHTLY_LOOKBACK_DAYS } from '../lib/reports/day-summaries';
import { configured } from '../composition/root';
import { nightlyDeps } from '../composition/jobs';
import { log } from '../lib/platform/log';
import { instrumented } from '../lib/platform/metrics';

const deps = configured(nightlyDeps);

/** A scheduled event carries EventBridge's fields (ignored); a manual run may say how many days. */
const nightlyEvent = z.looseObject({ days: z.int().min(1).max(MAX_DASHBOARD_DAYS).optional() });

// A run that throws fails the invocation: Lambda sends the event to the dead-letter queue.
export const handler = instrumented(async (event: unknown) => {
  const parsed = nightlyEvent.safeParse(event ?? {});
  if (!parsed.success) throw new Error(`nightly: the event's "days" must be an integer from 1 to ${MAX_DASHBOARD_DAYS}`);
  const result = await closeDays(deps(), { days: parsed.data.days ?? NIGHTLY_LOOKBACK_DAYS });
  log.info('days closed', { ...result });
  return result;
});
