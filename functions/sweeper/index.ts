/**
 * Scheduled (EventBridge): expire unpaid orders past their expiry (every 5 minutes), and,
 * on the event `{"job": "catch-up"}` (every 10 minutes), catch up with the providers'
 * pull APIs (lib/payments/catch-up). Not an HTTP app.
 */
import * as z from 'zod';
import { configured } from '../composition/root';
import { sweeperDeps } from '../composition/jobs';
import { catchUpDeps } from '../composition/catch-up';
import { log } from '../lib/platform/log';
import { countOrdersExpired, instrumented } from '../lib/platform/metrics';
import { withSecrets } from '../lib/platform/secrets';
import { sweepExpired } from '../lib/orders/sweeper';
import { runCatchUp } from '../lib/payments/catch-up/catch-up';

const deps = configured(sweeperDeps);
const catchUp = configured(catchUpDeps);

/** A scheduled event carries EventBridge's fields (ignored); `job` says which run. */
const jobEvent = z.looseObject({ job: z.enum(['sweep', 'catch-up']).optional() });

// A run that throws fails the invocation: Lambda sends the event to the dead-letter queue.
// A provider that cannot be read does not throw: it is logged and asked again next run.
// Secrets (the pull APIs' credentials; payOS's, to cancel an expired order's payment request) are read before the first run.
export const handler = instrumented(
  withSecrets(async (event: unknown) => {
    const parsed = jobEvent.safeParse(event ?? {});
    if (!parsed.success) throw new Error('sweeper: "job" must be "sweep" or "catch-up"');
    if (parsed.data.job === 'catch-up') {
      const { sources, ...result } = await runCatchUp(catchUp());
      log.info('catch-up finished', { ...result, sources: Object.fromEntries(Object.entries(sources).map(([name, o]) => [name, { status: o.status, reason: o.reason }])) });
      return result;
    }
    const result = await sweepExpired(deps());
    countOrdersExpired(result.expired);
    log.info('sweep finished', { ...result });
    return result;
  }),
);
